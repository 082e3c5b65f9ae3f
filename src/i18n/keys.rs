//! The names of actions and scopes, for the footer and the help screen.

use super::Lang;
use crate::keymap::{Action, Scope};

/// What an action does, in a word or two.
pub fn action_label(action: Action, lang: Lang) -> &'static str {
    let (ru, en) = match action {
        Action::Help => ("справка", "help"),
        Action::Back => ("назад", "back"),
        Action::Quit => ("выход", "quit"),
        Action::Open => ("открыть", "open"),
        Action::NewClient => ("новый клиент", "new client"),
        Action::Up => ("вверх", "up"),
        Action::Down => ("вниз", "down"),
        Action::PageUp => ("страница вверх", "page up"),
        Action::PageDown => ("страница вниз", "page down"),
        Action::Home => ("в начало", "first"),
        Action::End => ("в конец", "last"),
        Action::Section(1) => ("раздел «Основное»", "section Main"),
        Action::Section(2) => ("раздел «Контакты»", "section Contacts"),
        Action::Section(3) => ("раздел «Адреса»", "section Addresses"),
        Action::Section(4) => ("раздел «Счета»", "section Accounts"),
        Action::Section(_) => ("раздел «Карты»", "section Cards"),
        Action::NextSection => ("след. раздел", "next section"),
        Action::PrevSection => ("пред. раздел", "previous section"),
        Action::Edit => ("изменить", "edit"),
        Action::Add => ("добавить", "add"),
        Action::Delete => ("удалить", "delete"),
        Action::Reload => ("обновить", "reload"),
        Action::NextField => ("след. поле", "next field"),
        Action::PrevField => ("пред. поле", "previous field"),
        Action::OpenPicker => ("выбрать из списка", "open list"),
        Action::AcceptSuggestion => ("принять подсказку", "accept suggestion"),
        Action::Save => ("сохранить", "save"),
        Action::Choose => ("выбрать", "choose"),
        Action::Rename => ("переименовать", "rename"),
        Action::Yes => ("да", "yes"),
        Action::No => ("нет", "no"),
        Action::TakeCall => ("принять звонок", "take call"),
        Action::WaitingCalls => ("ожидающие звонки", "waiting calls"),
        Action::CallLog => ("журнал звонков", "call log"),
        Action::Drafts => ("черновики", "drafts"),
        Action::MissedOnly => ("только пропущенные / все", "missed only / all"),
        Action::CalledBack => ("перезвонили", "called back"),
        Action::Copy => ("копировать", "copy"),
        Action::CallBack => ("перезвонить", "call back"),
    };
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// Where a group of keys works.
pub fn scope_label(scope: Scope, lang: Lang) -> &'static str {
    let (ru, en) = match scope {
        Scope::Global => ("Везде", "Everywhere"),
        Scope::Lookup => ("Поиск: поле ввода", "Lookup: the field"),
        Scope::LookupList => ("Поиск: список найденных", "Lookup: clients found"),
        Scope::Card => ("Карточка", "Card"),
        Scope::Form => ("Форма", "Form"),
        Scope::Picker => ("Список выбора", "Picker"),
        Scope::Dialog => ("Диалог", "Dialog"),
        Scope::Confirm => ("Подтверждение", "Confirmation"),
        Scope::Help => ("Справка", "Help"),
        Scope::Calls => ("Журнал звонков", "Call log"),
    };
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// "55 лет" / "55 years".
pub fn age(years: u32, lang: Lang) -> String {
    match lang {
        Lang::En if years == 1 => "1 year".to_owned(),
        Lang::En => format!("{years} years"),
        Lang::Ru => {
            let word = match (years % 10, years % 100) {
                (_, 11..=14) => "лет",
                (1, _) => "год",
                (2..=4, _) => "года",
                _ => "лет",
            };
            format!("{years} {word}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals() {
        let ru = |n| age(n, Lang::Ru);
        assert_eq!(ru(1), "1 год");
        assert_eq!(ru(22), "22 года");
        assert_eq!(ru(55), "55 лет");
        assert_eq!(ru(11), "11 лет");
        assert_eq!(ru(111), "111 лет");
        assert_eq!(age(1, Lang::En), "1 year");
    }
}
