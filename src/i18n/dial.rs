//! The words of calling a client back: why a dial did not go out.

use super::{Lang, fill};
use crate::calls::dial::DialFailure;
use crate::text::sanitize;

/// The texts of dialling in one language.
#[derive(Debug)]
pub struct DialTexts {
    pub title: &'static str,
    pub not_configured: &'static str,
    /// `{}`: the contact's text.
    pub not_a_number: &'static str,
    /// `{}`: the system's reason.
    pub unreachable: &'static str,
    pub login_refused: &'static str,
    /// `{}`: the PBX's message.
    pub refused: &'static str,
    /// `{}`: the program.
    pub not_found: &'static str,
    /// `{}`: the program, `{}`: its exit status.
    pub failed: &'static str,
    /// `{}`: the program, `{}`: what happened.
    pub error: &'static str,
}

const RU: DialTexts = DialTexts {
    title: "Звонок не набран",
    not_configured: "Набор номера не настроен: укажите [calls.ami] channel или [calls] dial_command в файле настроек.",
    not_a_number: "Это не номер телефона: {}.",
    unreachable: "АТС недоступна: {}.",
    login_refused: "АТС не приняла вход (имя или пароль AMI).",
    refused: "АТС отказала в вызове: {}. Пользователю AMI нужно право originate (write).",
    not_found: "Программа набора не найдена: {}. Проверьте [calls] dial_command.",
    failed: "Программа набора {} завершилась с ошибкой (код {}).",
    error: "Программа набора {}: {}.",
};

const EN: DialTexts = DialTexts {
    title: "The call was not dialled",
    not_configured: "Dialling is not set up: set [calls.ami] channel or [calls] dial_command in the config file.",
    not_a_number: "Not a phone number: {}.",
    unreachable: "The PBX cannot be reached: {}.",
    login_refused: "The PBX refused the login (the AMI username or secret).",
    refused: "The PBX refused the call: {}. The AMI user needs the originate (write) permission.",
    not_found: "The dial program was not found: {}. Check [calls] dial_command.",
    failed: "The dial program {} failed (exit status {}).",
    error: "The dial program {}: {}.",
};

impl Lang {
    /// The texts of dialling.
    pub fn dial(self) -> &'static DialTexts {
        match self {
            Self::Ru => &RU,
            Self::En => &EN,
        }
    }
}

/// Why a dial failed: its title and line, without control characters.
pub fn dial_failure(failure: &DialFailure, lang: Lang) -> (&'static str, String) {
    let d = lang.dial();
    let line = match failure {
        DialFailure::NotConfigured => d.not_configured.to_owned(),
        DialFailure::NotANumber(text) => fill(d.not_a_number, &[text]),
        DialFailure::PbxUnreachable(reason) => fill(d.unreachable, &[reason]),
        DialFailure::LoginRefused => d.login_refused.to_owned(),
        DialFailure::Refused(message) => fill(d.refused, &[message]),
        DialFailure::CommandNotFound { program } => fill(d.not_found, &[program]),
        DialFailure::CommandFailed { program, code } => {
            let code = code.map_or_else(|| "—".to_owned(), |c| c.to_string());
            fill(d.failed, &[program, &code])
        }
        DialFailure::CommandError { program, reason } => fill(d.error, &[program, reason]),
    };
    (d.title, sanitize(&line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_is_explained_in_both_languages() {
        let failures = [
            DialFailure::NotConfigured,
            DialFailure::NotANumber("abc".into()),
            DialFailure::PbxUnreachable("connection refused".into()),
            DialFailure::LoginRefused,
            DialFailure::Refused("Permission denied\u{1b}[2J".into()),
            DialFailure::CommandNotFound {
                program: "linphonecsh".into(),
            },
            DialFailure::CommandFailed {
                program: "linphonecsh".into(),
                code: Some(3),
            },
            DialFailure::CommandError {
                program: "linphonecsh".into(),
                reason: "did not finish in time".into(),
            },
        ];
        for lang in [Lang::Ru, Lang::En] {
            for failure in &failures {
                let (title, line) = dial_failure(failure, lang);
                assert!(!title.is_empty() && !line.is_empty());
                assert!(!line.contains('\u{1b}'), "{line}");
                assert!(!line.contains("{}"), "{line}");
            }
        }
        let (_, line) = dial_failure(&failures[4], Lang::Ru);
        assert!(
            line.contains("Permission denied") && line.contains("originate"),
            "{line}"
        );
        let (_, line) = dial_failure(&failures[6], Lang::En);
        assert!(line.contains("linphonecsh") && line.contains('3'), "{line}");
    }
}
