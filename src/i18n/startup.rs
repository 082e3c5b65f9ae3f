//! Problems found at start: the config file, the keymap, the connection.

use super::Lang;
use crate::config::{ConfigError, ConfigWarning};
use crate::keymap::KeymapWarning;
use crate::text::sanitize;

/// A config-file warning, for the start-up message.
pub fn config_warning(warning: &ConfigWarning, lang: Lang) -> String {
    let text = match (lang, warning) {
        (Lang::Ru, ConfigWarning::Broken { path, reason }) => format!(
            "Файл настроек {} не читается ({reason}); использую настройки по умолчанию.",
            path.display()
        ),
        (Lang::Ru, ConfigWarning::SidReadableByOthers { path }) => format!(
            "Файл {} содержит ключ доступа (sid), и его могут прочитать другие пользователи. Выполните: chmod 600 {}",
            path.display(),
            path.display()
        ),
        (Lang::Ru, ConfigWarning::AmiSecretReadableByOthers { path }) => format!(
            "Файл {} содержит пароль АТС (AMI), и его могут прочитать другие пользователи. Выполните: chmod 600 {}",
            path.display(),
            path.display()
        ),
        (Lang::Ru, ConfigWarning::UnknownKeys { keys }) => format!(
            "Неизвестные параметры пропущены (опечатка?): {}",
            keys.join(", ")
        ),
        (Lang::Ru, ConfigWarning::InvalidValue { key, expected }) => {
            format!(
                "Параметр {key} пропущен: ожидается {}.",
                expected_ru(expected)
            )
        }
        (Lang::Ru, ConfigWarning::AmiSecretInFile) => "Параметр calls.ami.secret пропущен: пароль АТС хранят в файле secret_file или в переменной CRMCARD_AMI_SECRET, не в файле настроек.".to_owned(),
        (Lang::Ru, ConfigWarning::AmiInvalid { reason }) => {
            format!("Раздел [calls.ami] пропущен: {reason}.")
        }
        (Lang::Ru, ConfigWarning::DirectoryInvalid { key, reason }) => {
            format!("Раздел [{key}] пропущен, общий справочник не используется: {reason}.")
        }
        (Lang::Ru, ConfigWarning::UnknownLanguage { value }) => {
            format!("Язык {value:?} неизвестен (можно \"ru\" или \"en\").")
        }
        (Lang::Ru, ConfigWarning::TimeoutClamped { key, value, used }) => {
            format!("{key} = {value} вне допустимых пределов; использую {used}.")
        }
        (Lang::En, w) => format!("{w}."),
    };
    sanitize(&text)
}

/// What a config value should be (the English of [`ConfigWarning`]), in
/// Russian, after «ожидается».
fn expected_ru(expected: &str) -> &str {
    match expected {
        "a string" => "строка в кавычках",
        "a table" => "таблица",
        "a whole number of seconds" => "целое число секунд",
        "a list of key names" => "строка или список названий клавиш",
        "a command with {number}" => "команда с {number}",
        "digits, + * # and {e164}, {digits} or {national}" => {
            "цифры, + * # и {e164}, {digits} или {national}"
        }
        other => other,
    }
}

/// A `[keymap]` problem, for the start-up message: the config line, what is
/// wrong, and that the action keeps its default keys.
pub fn keymap_warning(warning: &KeymapWarning, lang: Lang) -> String {
    let line = warning.line();
    let text = match (lang, warning) {
        (Lang::Ru, KeymapWarning::UnknownAction(_)) => {
            format!("{line}: такого действия нет; строка пропущена.")
        }
        (Lang::Ru, KeymapWarning::BadKey { key, .. }) => {
            format!(
                "{line}: клавиша {key:?} не распознана; действию оставлены клавиши по умолчанию."
            )
        }
        (Lang::Ru, KeymapWarning::Printable { key, .. }) => format!(
            "{line}: клавиша {key:?} печатает текст в поле ввода; действию оставлены клавиши по умолчанию."
        ),
        (Lang::Ru, KeymapWarning::Conflict { key, other, .. }) => format!(
            "{line}: клавиша {key} уже у действия {other:?}; действию оставлены клавиши по умолчанию."
        ),
        (Lang::En, KeymapWarning::UnknownAction(_)) => {
            format!("{line}: there is no such action; line ignored.")
        }
        (Lang::En, KeymapWarning::BadKey { key, .. }) => {
            format!("{line}: key {key:?} not understood; the action keeps its default keys.")
        }
        (Lang::En, KeymapWarning::Printable { key, .. }) => {
            format!("{line}: key {key:?} types text in a field; the action keeps its default keys.")
        }
        (Lang::En, KeymapWarning::Conflict { key, other, .. }) => format!(
            "{line}: key {key} already belongs to {other:?}; the action keeps its default keys."
        ),
    };
    sanitize(&text)
}

/// Why the TUI does not start when standard input or output is not a
/// terminal (run from a script or a service): one line, with what to run
/// instead.
pub fn needs_terminal(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => {
            "нужен терминал: запустите crmcard в окне терминала (для сценариев есть crmcard call и crmcard directory)"
        }
        Lang::En => {
            "needs a terminal: run crmcard in a terminal window (scripts have crmcard call and crmcard directory)"
        }
    }
}

/// Why crmcard cannot start against a CRM, with what to do.
pub fn config_error(error: &ConfigError, lang: Lang) -> String {
    let (what, how) = match lang {
        Lang::Ru => (
            match error {
                ConfigError::UnknownProfile { name, known } => format!(
                    "в файле настроек нет профиля {name:?} (есть: {})",
                    if known.is_empty() {
                        "ни одного".to_owned()
                    } else {
                        known.join(", ")
                    }
                ),
                ConfigError::MissingBaseUrl => {
                    "не задан адрес CRM: --base-url или base_url в профиле".to_owned()
                }
                ConfigError::WrongType { key, expected } => format!(
                    "в файле настроек у {key} значение не того типа: ожидается {}",
                    expected_ru(expected)
                ),
                ConfigError::MissingObjectId => {
                    "не задан номер объекта: --object-id или object_id в профиле".to_owned()
                }
                ConfigError::BadBaseUrl { url } => {
                    format!("адрес CRM {url:?} должен начинаться с http:// или https://")
                }
                ConfigError::BadObjectId { value } => {
                    format!("номер объекта {value:?} должен состоять из цифр")
                }
                ConfigError::SidFile { path, reason } => {
                    format!("не читается файл ключа {}: {reason}", path.display())
                }
                ConfigError::SidFileEmpty { path } => {
                    format!("файл ключа {} пуст", path.display())
                }
                ConfigError::MissingSid => {
                    "нет ключа доступа: задайте CRMCARD_SID или sid_file / sid в профиле".to_owned()
                }
            },
            "Подключение: --base-url URL --object-id N, ключ в переменной CRMCARD_SID (или профиль в файле настроек); подробнее: crmcard --help. Попробовать без CRM: crmcard --demo",
        ),
        Lang::En => (
            error.to_string(),
            "To connect: --base-url URL --object-id N, the key in CRMCARD_SID (or a profile in the config file); see crmcard --help. To try it without a CRM: crmcard --demo",
        ),
    };
    // Each line on its own: `sanitize` would fold the line break.
    format!("{}\n{}", sanitize(&what), sanitize(how))
}

/// The header's quiet word while the shared directory cannot be used (the
/// desk works from its own copy and sends its changes later).
pub fn shared_offline(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "общий справочник недоступен",
        Lang::En => "shared directory offline",
    }
}

/// `crmcard --demo` or `crmcard sandbox` in a build without the sandbox (a
/// desk's build, `--no-default-features`): one line, how to get it.
pub fn sandbox_not_built(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => {
            "в этой сборке нет демо-CRM: соберите crmcard с возможностями по умолчанию (cargo build --release)"
        }
        Lang::En => {
            "this build has no demo CRM: build crmcard with the default features (cargo build --release)"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keymap_warnings_name_the_config_line() {
        let warnings = [
            KeymapWarning::UnknownAction("card.relaod".into()),
            KeymapWarning::BadKey {
                action: "card.reload".into(),
                key: "F99".into(),
            },
            KeymapWarning::Printable {
                action: "form.save".into(),
                key: "s".into(),
            },
            KeymapWarning::Conflict {
                action: "global.quit".into(),
                key: "Esc".into(),
                other: "global.back".into(),
            },
        ];
        for lang in [Lang::Ru, Lang::En] {
            for w in &warnings {
                let text = keymap_warning(w, lang);
                assert!(text.starts_with(&w.line()), "{text}");
            }
        }
        assert_eq!(
            keymap_warning(&warnings[2], Lang::En),
            "keymap.\"form.save\": key \"s\" types text in a field; the action keeps its default keys."
        );
    }

    #[test]
    fn a_wrong_type_is_named_in_both_languages() {
        let e = ConfigError::WrongType {
            key: "profiles.main.base_url".into(),
            expected: "a string",
        };
        assert!(config_error(&e, Lang::Ru).contains("profiles.main.base_url"));
        assert!(config_error(&e, Lang::Ru).contains("строка"));
        assert!(
            config_error(&e, Lang::En)
                .starts_with("profiles.main.base_url in the config file must be a string")
        );
    }

    #[test]
    fn a_missing_connection_names_every_way_to_connect_on_its_own_line() {
        for lang in [Lang::Ru, Lang::En] {
            let text = config_error(&ConfigError::MissingBaseUrl, lang);
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), 2, "{text}");
            for needle in ["--base-url", "CRMCARD_SID", "--demo"] {
                assert!(text.contains(needle), "{needle} missing from {text}");
            }
        }
    }
}
