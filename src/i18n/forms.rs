//! The texts of forms, pickers and dialogs.

use super::{Lang, fill};
use crate::app::dialog::{DialogKind, DialogProblem};
use crate::app::form::{FormKind, FormNote, Problem};
use crate::app::vocab::{FieldId, PickerTarget};
use crate::dates::DateError;

/// A field's label.
pub fn field_label(id: FieldId, lang: Lang) -> &'static str {
    let (ru, en) = match id {
        FieldId::Lastname => ("Фамилия", "Last name"),
        FieldId::Firstname => ("Имя", "First name"),
        FieldId::Middlename => ("Отчество", "Middle name"),
        FieldId::Birthday => ("День рождения", "Birthday"),
        FieldId::Note => ("Примечание", "Note"),
        FieldId::ContactType => ("Тип контакта", "Contact type"),
        FieldId::ContactValue => ("Значение", "Value"),
        FieldId::AddressLine => ("Адрес одной строкой", "Address in one line"),
        FieldId::AddressType => ("Тип адреса", "Address type"),
        FieldId::Country => ("Страна", "Country"),
        FieldId::City => ("Город", "City"),
        FieldId::Street => ("Улица", "Street"),
        FieldId::House => ("Дом", "House"),
        FieldId::Building => ("Корпус/строение", "Building"),
        FieldId::Entry => ("Подъезд", "Entrance"),
        FieldId::Floor => ("Этаж", "Floor"),
        FieldId::Apartments => ("Квартира", "Apartment"),
        FieldId::EntryCode => ("Код домофона", "Intercom code"),
        FieldId::Metro => ("Метро", "Metro"),
        FieldId::Zip => ("Индекс", "Postcode"),
        FieldId::Region => ("Регион", "Region"),
        FieldId::DopInfo => ("Примечание", "Note"),
    };
    pick(lang, ru, en)
}

fn pick(lang: Lang, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// A placeholder shown in an empty field.
pub fn field_placeholder(id: FieldId, lang: Lang) -> &'static str {
    match id {
        FieldId::Birthday => pick(lang, "дд.мм.гггг", "dd.mm.yyyy"),
        FieldId::AddressLine => pick(lang, "например: тверская 7 кв 12", "e.g. тверская 7 кв 12"),
        FieldId::ContactType
        | FieldId::AddressType
        | FieldId::Country
        | FieldId::City
        | FieldId::Street
        | FieldId::Metro => pick(lang, "Enter — выбрать из списка", "Enter opens the list"),
        _ => "",
    }
}

/// The form's title.
pub fn form_title(kind: &FormKind, lang: Lang) -> &'static str {
    match kind {
        FormKind::MainData { .. } => {
            pick(lang, "Основные данные клиента", "The client's main data")
        }
        FormKind::NewClient => pick(lang, "Новый клиент", "New client"),
        FormKind::Contact {
            contact_id: None, ..
        }
        | FormKind::DraftContact { index: None } => pick(lang, "Новый контакт", "New contact"),
        FormKind::Contact { .. } | FormKind::DraftContact { .. } => {
            pick(lang, "Изменить контакт", "Edit contact")
        }
        FormKind::Address {
            address_id: None, ..
        }
        | FormKind::DraftAddress { index: None } => pick(lang, "Новый адрес", "New address"),
        FormKind::Address { .. } | FormKind::DraftAddress { .. } => {
            pick(lang, "Изменить адрес", "Edit address")
        }
    }
}

/// What is wrong with a field, next to it.
pub fn problem(p: &Problem, lang: Lang) -> String {
    match p {
        Problem::Required => pick(lang, "обязательное поле", "required").to_owned(),
        Problem::TooLong { max, len } => {
            let t = pick(
                lang,
                "слишком длинно: {} из {} знаков",
                "too long: {} of {} characters",
            );
            fill(t, &[&len.to_string(), &max.to_string()])
        }
        Problem::Date(e) => date_problem(e, lang),
        Problem::PhoneChars => pick(
            lang,
            "только цифры, +, пробелы, скобки и дефисы",
            "only digits, +, spaces, brackets and dashes",
        )
        .to_owned(),
        Problem::PhoneDigits { count } => {
            let t = pick(
                lang,
                "нужно от 5 до 15 цифр, сейчас {}",
                "needs 5 to 15 digits, has {}",
            );
            fill(t, &[&count.to_string()])
        }
        Problem::MobileDigits { count } => {
            let t = pick(
                lang,
                "мобильный: 11 цифр с 8 или 7, сейчас {}",
                "a mobile has 11 digits with 8 or 7, has {}",
            );
            fill(t, &[&count.to_string()])
        }
        Problem::Email => pick(
            lang,
            "не похоже на e-mail (имя@домен.ru)",
            "does not look like an e-mail (name@domain.com)",
        )
        .to_owned(),
        Problem::NeedsParent(parent) => choose_first(*parent, lang).to_owned(),
    }
}

fn date_problem(e: &DateError, lang: Lang) -> String {
    match e {
        DateError::Empty => pick(lang, "введите дату", "type a date").to_owned(),
        DateError::Format => {
            pick(lang, "дата в виде дд.мм.гггг", "a date as dd.mm.yyyy").to_owned()
        }
        DateError::MonthOutOfRange { month } => fill(
            pick(lang, "месяца {} не бывает", "there is no month {}"),
            &[&month.to_string()],
        ),
        DateError::DayOutOfRange { day, month, year } => fill(
            pick(lang, "в {} {} нет {}-го числа", "{} {} has no day {}"),
            &[
                month_name(*month, lang),
                &year.to_string(),
                &day.to_string(),
            ],
        ),
        DateError::YearOutOfRange { year } => fill(
            pick(
                lang,
                "год {} вне допустимых пределов",
                "year {} is out of range",
            ),
            &[&year.to_string()],
        ),
        DateError::InFuture => {
            pick(lang, "дата ещё не наступила", "the date is in the future").to_owned()
        }
        DateError::TooOld { age } => fill(
            pick(
                lang,
                "возраст {} лет — проверьте год",
                "age {} — check the year",
            ),
            &[&age.to_string()],
        ),
    }
}

/// A month's name: "феврале" (as in "в феврале") or "February".
fn month_name(month: u32, lang: Lang) -> &'static str {
    const RU: [&str; 12] = [
        "январе",
        "феврале",
        "марте",
        "апреле",
        "мае",
        "июне",
        "июле",
        "августе",
        "сентябре",
        "октябре",
        "ноябре",
        "декабре",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = usize::try_from(month.saturating_sub(1))
        .unwrap_or(0)
        .min(11);
    match lang {
        Lang::Ru => RU[i],
        Lang::En => EN[i],
    }
}

/// "сначала выберите страну": the field a picker needs chosen first, in
/// the accusative.
fn choose_first(parent: FieldId, lang: Lang) -> &'static str {
    match parent {
        FieldId::Country => pick(lang, "сначала выберите страну", "choose the country first"),
        FieldId::City => pick(lang, "сначала выберите город", "choose the city first"),
        FieldId::Street => pick(lang, "сначала выберите улицу", "choose the street first"),
        _ => pick(
            lang,
            "сначала заполните поле выше",
            "fill in the field above first",
        ),
    }
}

/// The note under a form.
pub fn form_note(note: &FormNote, lang: Lang) -> String {
    match note {
        FormNote::FixFields => pick(
            lang,
            "Не сохранено: исправьте отмеченные поля.",
            "Not saved: fix the marked fields.",
        )
        .to_owned(),
        FormNote::ReadOnly => pick(
            lang,
            "Этот адрес только для просмотра: изменить его здесь нельзя.",
            "This address is read-only: it cannot be changed here.",
        )
        .to_owned(),
        FormNote::ChooseFirst(parent) => {
            let text = choose_first(*parent, lang);
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |first| {
                format!("{}{}.", first.to_uppercase(), chars.as_str())
            })
        }
        FormNote::NothingChanged => {
            pick(lang, "Ничего не изменено.", "Nothing was changed.").to_owned()
        }
        FormNote::SentUnanswered { at_local } => super::fill(
            lang.drafts().sent_note,
            &[&super::drafts::clock_time(*at_local)],
        ),
    }
}

/// The other texts of forms, pickers and dialogs.
#[derive(Debug)]
pub struct FormTexts {
    pub saving: &'static str,
    pub save_failed: &'static str,
    pub suggestion: &'static str,
    pub saved_as: &'static str,
    /// Next to a field the one-line address filled: check it.
    pub from_line: &'static str,
    /// Next to the one-line address when it kept text it could not place.
    pub line_unplaced: &'static str,
    pub cleaned: &'static str,
    pub locked: &'static str,
    pub contacts: &'static str,
    pub add_contact: &'static str,
    pub addresses: &'static str,
    pub add_address: &'static str,
    pub save_row: &'static str,
    pub name_split: &'static str,
    pub picker_loading: &'static str,
    pub picker_count: &'static str,
    /// The count while the ranking is still being worked out: `{}` is the
    /// size of the list.
    pub picker_counting: &'static str,
    pub picker_none: &'static str,
    pub picker_add_hint: &'static str,
    pub picker_failed: &'static str,
    pub picker_deleting: &'static str,
    pub dialog_name: &'static str,
    pub dialog_postcode: &'static str,
    pub dialog_saving: &'static str,
    pub dialog_keys: &'static str,
}

pub const FORMS_RU: FormTexts = FormTexts {
    saving: "Отправляю… (CRM может сохранить, даже если ответ не придёт)",
    save_failed: "Не сохранено",
    suggestion: "→ {} (F3 — принять)",
    saved_as: "сохранится как {}",
    from_line: "✓ из строки",
    line_unplaced: "? не разобрано",
    cleaned: "управляющие символы удалены",
    locked: "не изменяется",
    contacts: "Контакты",
    add_contact: "+ добавить контакт (Enter)",
    addresses: "Адреса",
    add_address: "+ добавить адрес (Enter)",
    save_row: "[ Сохранить ] Enter или {}",
    name_split: "→ {}: Enter или F3 — разложить на фамилию, имя, отчество",
    picker_loading: "Загружаю список…",
    picker_count: "{} из {}",
    picker_counting: "… из {}",
    picker_none: "Ничего не найдено.",
    picker_add_hint: "Ins — добавить «{}» в справочник",
    picker_failed: "Список не загрузился. Enter — повторить.",
    picker_deleting: "Удаляю…",
    dialog_name: "Название",
    dialog_postcode: "Индекс",
    dialog_saving: "Сохраняю в CRM…",
    dialog_keys: "{} — сохранить, {} — отмена",
};

pub const FORMS_EN: FormTexts = FormTexts {
    saving: "Sending… (the CRM may still save it)",
    save_failed: "Not saved",
    suggestion: "→ {} (F3 accepts)",
    saved_as: "saved as {}",
    from_line: "✓ from the line",
    line_unplaced: "? not understood",
    cleaned: "control characters removed",
    locked: "cannot change",
    contacts: "Contacts",
    add_contact: "+ add a contact (Enter)",
    addresses: "Addresses",
    add_address: "+ add an address (Enter)",
    save_row: "[ Save ] Enter or {}",
    name_split: "→ {}: Enter or F3 splits it into last, first, middle name",
    picker_loading: "Loading the list…",
    picker_count: "{} of {}",
    picker_counting: "… of {}",
    picker_none: "Nothing matches.",
    picker_add_hint: "Ins adds “{}” to the list",
    picker_failed: "The list did not load. Enter tries again.",
    picker_deleting: "Deleting…",
    dialog_name: "Name",
    dialog_postcode: "Postcode",
    dialog_saving: "Saving to the CRM…",
    dialog_keys: "{} saves, {} cancels",
};

/// A picker's title.
pub fn picker_title(target: PickerTarget, lang: Lang) -> &'static str {
    match target {
        PickerTarget::ContactType => pick(lang, "Тип контакта", "Contact type"),
        PickerTarget::AddressType => pick(lang, "Тип адреса", "Address type"),
        PickerTarget::Country => pick(lang, "Страна", "Country"),
        PickerTarget::City => pick(lang, "Город", "City"),
        PickerTarget::Street => pick(lang, "Улица", "Street"),
        PickerTarget::Metro => pick(lang, "Метро", "Metro"),
    }
}

/// A dialog's title.
pub fn dialog_title(kind: &DialogKind, lang: Lang) -> &'static str {
    match kind {
        DialogKind::AddCity { .. } => pick(lang, "Новый город", "New city"),
        DialogKind::RenameCity { .. } => pick(lang, "Переименовать город", "Rename city"),
        DialogKind::AddStreet { .. } => pick(lang, "Новая улица", "New street"),
        DialogKind::EditStreet { .. } => pick(lang, "Изменить улицу", "Edit street"),
    }
}

/// What is wrong in a dialog.
pub fn dialog_problem(p: DialogProblem, lang: Lang) -> &'static str {
    match p {
        DialogProblem::NameRequired => pick(lang, "Введите название.", "Type a name."),
        DialogProblem::NameTooLong => pick(
            lang,
            "Название длиннее 100 знаков.",
            "The name is over 100 characters.",
        ),
        DialogProblem::PostcodeTooLong => pick(
            lang,
            "Индекс длиннее 10 знаков.",
            "The postcode is over 10 characters.",
        ),
    }
}
