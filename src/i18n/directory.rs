//! The words of `crmcard directory import/export`, on standard error.

use super::Lang;
use crate::directory::export_file::Occupant;

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
}

const RU: DirectoryTexts = DirectoryTexts {
    written: "Выгружено клиентов: {} в {}",
    written_to_stdout: "Выгружено клиентов: {} (в стандартный вывод)",
    refused: "{}: {}; crmcard туда не пишет. Заменить новым файлом (не писать внутрь): --force",
    cannot_write: "{}: не удалось записать ({})",
};

const EN: DirectoryTexts = DirectoryTexts {
    written: "{} clients written to {}",
    written_to_stdout: "{} clients written to standard output",
    refused: "{}: {}; crmcard does not write there. To replace it with a new file (never write into it): --force",
    cannot_write: "{}: cannot write ({})",
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
