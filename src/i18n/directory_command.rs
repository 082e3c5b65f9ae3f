//! The words of `crmcard directory import/export`, on standard error.

use super::{Lang, fill};
use crate::directory::export_file::Occupant;
use crate::directory::import::{BadReason, COLUMNS, ImportError};

/// The texts of the directory command. `{}` placeholders are filled in
/// order by [`super::fill`].
#[derive(Debug)]
pub struct DirectoryTexts {
    /// An export done: the number of clients, the file.
    pub written: &'static str,
    /// An export to standard output done: the number of clients.
    pub written_to_stdout: &'static str,
    /// An export refused: the file, then what is there ([`occupant_text`]).
    pub refused: &'static str,
    /// An export that could not be written: the file, the system's reason.
    pub cannot_write: &'static str,
    /// A file to import that cannot be read: the file, the system's reason.
    pub cannot_read: &'static str,
    /// How a CSV file's text was read: the file.
    pub read_as_utf8: &'static str,
    /// The same, for a file that is not UTF-8: the file.
    pub read_as_windows_1251: &'static str,
    /// Rows read so far, after a carriage return.
    pub progress: &'static str,
    /// A row skipped: the file, the line, why.
    pub skipped: &'static str,
    /// The import's result: rows, added, updated, unchanged, skipped, the
    /// clients in the directory, the directory's file.
    pub summary: &'static str,
    /// The import's error when rows were skipped: how many.
    pub rows_rejected: &'static str,
    /// Why a row was skipped.
    pub no_id: &'static str,
    /// The value.
    pub not_a_phone: &'static str,
    /// The value.
    pub not_an_email: &'static str,
    /// The row's cells, the header's.
    pub cell_count: &'static str,
    /// Why a file cannot be imported: the columns expected.
    pub no_id_column: &'static str,
    /// The reader's reason.
    pub bad_header: &'static str,
    /// The reader's reason.
    pub not_a_workbook: &'static str,
}

const RU: DirectoryTexts = DirectoryTexts {
    written: "Выгружено клиентов: {} в {}",
    written_to_stdout: "Выгружено клиентов: {} (в стандартный вывод)",
    refused: "{}: {}; crmcard туда не пишет. Заменить новым файлом (не писать внутрь): --force",
    cannot_write: "{}: не удалось записать ({})",
    cannot_read: "{}: не удалось прочитать ({})",
    read_as_utf8: "{}: текст в кодировке UTF-8",
    read_as_windows_1251: "{}: не UTF-8; прочитан в кодировке Windows-1251 (так сохраняет CSV русский Excel)",
    progress: "\rпрочитано строк: {}",
    skipped: "{}: строка {} пропущена: {}",
    summary: "Строк: {}; клиентов добавлено: {}, изменено: {}, без изменений: {}; строк пропущено: {}. Клиентов в справочнике: {} ({})",
    rows_rejected: "не импортировано строк: {} (причины выше)",
    no_id: "нет id",
    not_a_phone: "«{}» — не номер телефона",
    not_an_email: "«{}» — не адрес электронной почты",
    cell_count: "ячеек {}, а в заголовке {}",
    no_id_column: "в строке заголовка нет столбца `id` (ожидаются столбцы: {})",
    bad_header: "не удалось прочитать строку заголовка: {}",
    not_a_workbook: "не удалось прочитать книгу Excel: {}",
};

const EN: DirectoryTexts = DirectoryTexts {
    written: "{} clients written to {}",
    written_to_stdout: "{} clients written to standard output",
    refused: "{}: {}; crmcard does not write there. To replace it with a new file (never write into it): --force",
    cannot_write: "{}: cannot write ({})",
    cannot_read: "{}: cannot read ({})",
    read_as_utf8: "{}: UTF-8 text",
    read_as_windows_1251: "{}: not UTF-8; read as Windows-1251 (how Russian Excel saves CSV)",
    progress: "\rread {} rows",
    skipped: "{}: skipped line {}: {}",
    summary: "{} rows: {} clients added, {} updated, {} unchanged, {} bad rows skipped; {} clients in {}",
    rows_rejected: "{} rows not imported (see the reasons above)",
    no_id: "no id",
    not_a_phone: "\"{}\" is not a phone number",
    not_an_email: "\"{}\" is not an e-mail address",
    cell_count: "{} cells where the header has {}",
    no_id_column: "the header line has no `id` column (expected columns: {})",
    bad_header: "the header line cannot be read: {}",
    not_a_workbook: "not a workbook crmcard can read: {}",
};

/// The directory command's texts in a language.
pub fn directory_texts(lang: Lang) -> &'static DirectoryTexts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

/// What is at an export's path, after the path and a colon.
pub fn occupant_text(lang: Lang, occupant: Occupant) -> &'static str {
    let ru = lang == Lang::Ru;
    match (occupant, ru) {
        (Occupant::Link, true) => "это символическая ссылка",
        (Occupant::Link, false) => "this is a symbolic link",
        (Occupant::Directory, true) => "это каталог",
        (Occupant::Directory, false) => "this is a directory",
        (Occupant::Pipe, true) => "это именованный канал (FIFO)",
        (Occupant::Pipe, false) => "this is a named pipe (FIFO)",
        (Occupant::Device, true) => "это устройство",
        (Occupant::Device, false) => "this is a device",
        (Occupant::Socket, true) => "это сокет",
        (Occupant::Socket, false) => "this is a socket",
        (Occupant::ReadOnly, true) => "файл только для чтения",
        (Occupant::ReadOnly, false) => "the file is read-only",
        (Occupant::OtherUsers, true) => "файл другого пользователя",
        (Occupant::OtherUsers, false) => "the file belongs to another user",
    }
}

/// Why a row was skipped, in a language.
pub fn bad_reason_text(lang: Lang, reason: &BadReason) -> String {
    let texts = directory_texts(lang);
    match reason {
        BadReason::NoId => texts.no_id.to_owned(),
        BadReason::NotAPhone(value) => fill(texts.not_a_phone, &[value]),
        BadReason::NotAnEmail(value) => fill(texts.not_an_email, &[value]),
        BadReason::CellCount { cells, header } => {
            fill(texts.cell_count, &[&cells.to_string(), &header.to_string()])
        }
        BadReason::Unreadable(why) => why.clone(),
    }
}

/// Why a file could not be imported, in a language.
pub fn import_error_text(lang: Lang, error: &ImportError) -> String {
    let texts = directory_texts(lang);
    match error {
        ImportError::NoIdColumn => fill(texts.no_id_column, &[&COLUMNS.join(", ")]),
        ImportError::Header(why) => fill(texts.bad_header, &[why]),
        ImportError::Workbook(why) => fill(texts.not_a_workbook, &[why]),
        ImportError::Directory(_) => error.to_string(),
    }
}
