//! Tests of the config file, the paths and choosing the connection.

use std::fs;
use std::path::{Path, PathBuf};

use super::load::load;
use super::types::language_from_env;
use super::*;
use crate::secret::Sid;

const EXAMPLE: &str = r#"
language = "ru"            # "ru" or "en"; default: LANG ru_* → ru, else en
default_profile = "main"   # optional
[timeouts]
connect_seconds = 5        # default 5
request_seconds = 15       # default 15
[profiles.main]
base_url = "https://dlv.ucs.ru/api/v1/crm/"
object_id = "123"
sid_file = "/home/op/.config/crmcard/sid"   # a file holding only the key; or:
# sid = "..."
[keymap]                   # optional overrides: action name -> list of keys
"card.reload" = ["F5", "Ctrl-R"]
"#;

const PLANTED: &str = "PLANTED-s3cr3t-Key";

fn write(dir: &Path, name: &str, text: &str, mode: u32) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).expect("chmod");
    }
    #[cfg(not(unix))]
    let _ = mode;
    path
}

fn load_text(text: &str) -> LoadedConfig {
    let dir = tempfile::tempdir().expect("tempdir");
    load(&write(dir.path(), "config.toml", text, 0o600))
}

fn profile(base_url: &str, object_id: &str, sid: Option<&str>) -> Profile {
    Profile {
        base_url: Some(base_url.to_owned()),
        object_id: Some(object_id.to_owned()),
        sid: sid.map(Sid::new),
        sid_file: None,
        ..Profile::default()
    }
}

fn config_with(profiles: &[(&str, Profile)]) -> Config {
    Config {
        profiles: profiles
            .iter()
            .map(|(n, p)| ((*n).to_owned(), p.clone()))
            .collect(),
        ..Config::default()
    }
}

#[test]
fn parses_the_documented_example() {
    let loaded = load_text(EXAMPLE);
    assert_eq!(loaded.warnings, []);
    let c = loaded.config;
    assert_eq!(c.language.as_deref(), Some("ru"));
    assert_eq!(c.default_profile.as_deref(), Some("main"));
    assert_eq!(c.timeouts, Timeouts::default());
    let main = &c.profiles["main"];
    assert_eq!(
        main.base_url.as_deref(),
        Some("https://dlv.ucs.ru/api/v1/crm/")
    );
    assert_eq!(main.object_id.as_deref(), Some("123"));
    assert_eq!(main.sid, None);
    assert_eq!(
        main.sid_file.as_deref(),
        Some(Path::new("/home/op/.config/crmcard/sid"))
    );
    assert_eq!(c.keymap["card.reload"], ["F5", "Ctrl-R"]);
}

#[test]
fn missing_file_is_defaults_without_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let loaded = load(&dir.path().join("none.toml"));
    assert_eq!(loaded, LoadedConfig::default());
    assert_eq!(loaded.config.timeouts.connect_seconds, 5);
    assert_eq!(loaded.config.timeouts.request_seconds, 15);
}

#[test]
fn broken_file_is_defaults_with_a_warning() {
    let loaded = load_text("language = \"ru\"\n[timeouts\n");
    assert_eq!(loaded.config, Config::default());
    let [ConfigWarning::Broken { reason, .. }] = loaded.warnings.as_slice() else {
        panic!("{:?}", loaded.warnings);
    };
    assert!(reason.starts_with("line 2, column"), "{reason}");
    assert!(!reason.contains('\n'), "{reason}");
    // A directory cannot be read as a file.
    let dir = tempfile::tempdir().expect("tempdir");
    let loaded = load(dir.path());
    assert!(matches!(
        loaded.warnings.as_slice(),
        [ConfigWarning::Broken { .. }]
    ));
}

#[test]
fn broken_sid_lines_are_not_quoted() {
    for text in [
        format!("[profiles.a]\nsid = \"{PLANTED}\n"),
        format!("[profiles.a]\nsid = {PLANTED}\n"),
        format!("[profiles.a]\nsid = \"{PLANTED}\" junk\n"),
        format!("[profiles.a]\nsid = '{PLANTED}\n"),
        format!("sid = \"{PLANTED} with\\q escape\"\n"),
        format!("[profiles.a]\n\"sid\" = \"{PLANTED}\\\"\nx=\n"),
        format!("[profiles.a]\nsid = \"\"\"{PLANTED}\n"),
        format!("profiles.a.sid = \"{PLANTED}\"\n[profiles.a]\nsid = 1\n"),
    ] {
        let loaded = load_text(&text);
        assert!(
            matches!(loaded.warnings.as_slice(), [ConfigWarning::Broken { .. }]),
            "{text:?}: {:?}",
            loaded.warnings
        );
        for w in &loaded.warnings {
            let shown = format!("{w} {w:?}");
            assert!(!shown.contains("<hidden>d"), "{shown}");
            assert!(!shown.contains(PLANTED), "{shown}");
            assert!(!shown.contains("s3cr3t"), "{shown}");
        }
    }
}

#[test]
fn unknown_keys_and_wrong_types_are_warned() {
    let loaded = load_text(
        r#"
langauge = "ru"
colour = 1
[timeouts]
conect_seconds = 3
request_seconds = "20"
[profiles.main]
base_ur = "x"
object_id = 42
[profiles.bad]
[keymap]
"card.reload" = "F5"
"card.save" = [1]
"#,
    );
    assert!(
        loaded.warnings.contains(&ConfigWarning::UnknownKeys {
            keys: vec![
                "colour".to_owned(),
                "langauge".to_owned(),
                "profiles.main.base_ur".to_owned(),
                "timeouts.conect_seconds".to_owned(),
            ]
        }),
        "{:?}",
        loaded.warnings
    );
    assert!(loaded.warnings.contains(&ConfigWarning::InvalidValue {
        key: "timeouts.request_seconds".to_owned(),
        expected: "a whole number of seconds",
    }));
    assert!(loaded.warnings.contains(&ConfigWarning::InvalidValue {
        key: "keymap.card.save".to_owned(),
        expected: "a list of key names",
    }));
    let c = &loaded.config;
    assert_eq!(c.timeouts, Timeouts::default());
    assert_eq!(c.profiles["main"].object_id.as_deref(), Some("42"));
    assert_eq!(c.profiles["bad"], Profile::default());
    assert_eq!(c.keymap["card.reload"], ["F5"]);
    assert!(!c.keymap.contains_key("card.save"));
    let unknown = loaded
        .warnings
        .iter()
        .find(|w| matches!(w, ConfigWarning::UnknownKeys { .. }))
        .expect("unknown keys");
    assert_eq!(
        unknown.to_string(),
        "unknown keys ignored: colour, langauge, profiles.main.base_ur, timeouts.conect_seconds"
    );
}

#[test]
fn timeouts_are_clamped() {
    let loaded = load_text("[timeouts]\nconnect_seconds = 0\nrequest_seconds = 100000\n");
    assert_eq!(
        loaded.config.timeouts,
        Timeouts {
            connect_seconds: 1,
            request_seconds: MAX_TIMEOUT_SECONDS
        }
    );
    assert_eq!(
        loaded.warnings,
        [
            ConfigWarning::TimeoutClamped {
                key: "timeouts.connect_seconds".to_owned(),
                value: 0,
                used: 1
            },
            ConfigWarning::TimeoutClamped {
                key: "timeouts.request_seconds".to_owned(),
                value: 100_000,
                used: 600
            },
        ]
    );
    let loaded = load_text("[timeouts]\nconnect_seconds = -5\nrequest_seconds = 600\n");
    assert_eq!(loaded.config.timeouts.connect_seconds, 1);
    assert_eq!(loaded.config.timeouts.request_seconds, 600);
    assert_eq!(loaded.warnings.len(), 1);
}

#[test]
fn languages() {
    assert_eq!(language_from_env(Some("ru_RU.UTF-8")), "ru");
    assert_eq!(language_from_env(Some("ru")), "ru");
    assert_eq!(language_from_env(Some("en_US.UTF-8")), "en");
    assert_eq!(language_from_env(Some("C")), "en");
    assert_eq!(language_from_env(Some("")), "en");
    assert_eq!(language_from_env(None), "en");
    let mut config = Config::default();
    assert_eq!(config.language_code(Some("ru_RU.UTF-8")), "ru");
    config.language = Some("en".to_owned());
    assert_eq!(config.language_code(Some("ru_RU.UTF-8")), "en");
    config.language = Some("de".to_owned());
    assert_eq!(config.language_code(Some("ru_RU.UTF-8")), "ru");
    assert_eq!(normalize_language(" RU "), Some("ru"));

    let loaded = load_text("language = \"EN\"");
    assert_eq!(loaded.config.language.as_deref(), Some("en"));
    let loaded = load_text("language = \"de\"");
    assert_eq!(loaded.config.language, None);
    assert_eq!(
        loaded.warnings,
        [ConfigWarning::UnknownLanguage {
            value: "de".to_owned()
        }]
    );
}

#[cfg(unix)]
#[test]
fn sid_readable_by_others_is_warned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!("[profiles.a]\nsid = \"{PLANTED}\"\n");
    let open = write(dir.path(), "open.toml", &text, 0o644);
    let loaded = load(&open);
    assert_eq!(
        loaded.warnings,
        [ConfigWarning::SidReadableByOthers { path: open.clone() }]
    );
    assert_eq!(loaded.config.profiles["a"].sid, Some(Sid::new(PLANTED)));
    let private = write(dir.path(), "private.toml", &text, 0o600);
    assert_eq!(load(&private).warnings, []);
    // No sid in the file: its mode does not matter.
    let plain = write(dir.path(), "plain.toml", "language = \"ru\"", 0o644);
    assert_eq!(load(&plain).warnings, []);

    let sid_open = write(dir.path(), "sid-open", PLANTED, 0o640);
    let sid_private = write(dir.path(), "sid-private", PLANTED, 0o600);
    let text = format!(
        "[profiles.a]\nsid_file = {:?}\n[profiles.b]\nsid_file = {:?}\n",
        sid_open.display().to_string(),
        sid_private.display().to_string()
    );
    let cfg = write(dir.path(), "files.toml", &text, 0o644);
    assert_eq!(
        load(&cfg).warnings,
        [ConfigWarning::SidReadableByOthers { path: sid_open }]
    );
}

#[test]
fn profile_choice() {
    let one = config_with(&[("only", profile("https://a/", "1", Some("k")))]);
    let c = resolve(None, None, None, &one, None).expect("resolve");
    assert_eq!(c.profile.as_deref(), Some("only"));
    assert_eq!(c.base_url, "https://a/");
    assert_eq!(c.object_id, "1");
    assert_eq!(c.sid, Sid::new("k"));
    assert_eq!(c.timeouts, Timeouts::default());

    let mut two = config_with(&[
        ("a", profile("https://a/", "1", Some("ka"))),
        ("b", profile("http://b/", "2", Some("kb"))),
    ]);
    // Two profiles, no default: none is chosen.
    assert_eq!(
        resolve(None, None, None, &two, None),
        Err(ConfigError::MissingBaseUrl)
    );
    let c = resolve(
        Some("https://cli/"),
        Some("9"),
        None,
        &two,
        Some("env".into()),
    )
    .expect("resolve");
    assert_eq!(c.profile, None);
    assert_eq!(c.sid, Sid::new("env"));

    two.default_profile = Some("b".to_owned());
    let c = resolve(None, None, None, &two, None).expect("resolve");
    assert_eq!(
        (c.profile.as_deref(), c.object_id.as_str()),
        (Some("b"), "2")
    );
    let c = resolve(None, None, Some("a"), &two, None).expect("resolve");
    assert_eq!((c.profile.as_deref(), c.sid), (Some("a"), Sid::new("ka")));

    assert_eq!(
        resolve(None, None, Some("c"), &two, None),
        Err(ConfigError::UnknownProfile {
            name: "c".to_owned(),
            known: vec!["a".to_owned(), "b".to_owned()]
        })
    );
    two.default_profile = Some("gone".to_owned());
    assert!(matches!(
        resolve(None, None, None, &two, None),
        Err(ConfigError::UnknownProfile { .. })
    ));
}

#[test]
fn command_line_over_profile() {
    let config = config_with(&[("p", profile("https://p/", "1", Some("k")))]);
    let c = resolve(Some(" http://cli/ "), Some("77"), None, &config, None).expect("resolve");
    assert_eq!(c.base_url, "http://cli/");
    assert_eq!(c.object_id, "77");
    let c = resolve(Some(""), Some(" "), None, &config, None).expect("resolve");
    assert_eq!(
        (c.base_url.as_str(), c.object_id.as_str()),
        ("https://p/", "1")
    );
}

#[test]
fn connection_errors() {
    let empty = Config::default();
    let sid = || Some("k".to_owned());
    assert_eq!(
        resolve(None, Some("1"), None, &empty, sid()),
        Err(ConfigError::MissingBaseUrl)
    );
    assert_eq!(
        resolve(Some("https://a/"), None, None, &empty, sid()),
        Err(ConfigError::MissingObjectId)
    );
    for url in ["ftp://a/", "dlv.ucs.ru/api", "https://", "http:/a"] {
        assert!(
            matches!(
                resolve(Some(url), Some("1"), None, &empty, sid()),
                Err(ConfigError::BadBaseUrl { .. })
            ),
            "{url}"
        );
    }
    assert!(resolve(Some("HTTPS://A/"), Some("1"), None, &empty, sid()).is_ok());
    for id in ["12a", "-1", "1 2", "١٢"] {
        assert_eq!(
            resolve(Some("https://a/"), Some(id), None, &empty, sid()),
            Err(ConfigError::BadObjectId {
                value: id.to_owned()
            })
        );
    }
    assert_eq!(
        resolve(Some("https://a/"), Some("1"), None, &empty, None),
        Err(ConfigError::MissingSid)
    );
    assert_eq!(
        resolve(
            Some("https://a/"),
            Some("1"),
            None,
            &empty,
            Some("  ".into())
        ),
        Err(ConfigError::MissingSid)
    );
}

#[test]
fn sid_precedence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write(dir.path(), "sid", "  from-file\n", 0o600);
    let mut p = profile("https://a/", "1", Some("from-config"));
    p.sid_file = Some(file.clone());
    let config = config_with(&[("p", p.clone())]);
    let get = |env: Option<&str>, config: &Config| {
        resolve(None, None, None, config, env.map(str::to_owned)).map(|c| c.sid)
    };
    assert_eq!(get(Some("from-env"), &config), Ok(Sid::new("from-env")));
    assert_eq!(get(Some(""), &config), Ok(Sid::new("from-file")));
    assert_eq!(get(None, &config), Ok(Sid::new("from-file")));
    p.sid_file = None;
    assert_eq!(
        get(None, &config_with(&[("p", p.clone())])),
        Ok(Sid::new("from-config"))
    );

    p.sid_file = Some(dir.path().join("missing"));
    assert!(matches!(
        get(None, &config_with(&[("p", p.clone())])),
        Err(ConfigError::SidFile { .. })
    ));
    // The environment still wins over a broken sid_file.
    assert!(get(Some("e"), &config_with(&[("p", p.clone())])).is_ok());
    p.sid_file = Some(write(dir.path(), "empty", " \n", 0o600));
    assert!(matches!(
        get(None, &config_with(&[("p", p)])),
        Err(ConfigError::SidFileEmpty { .. })
    ));
}

#[test]
fn sid_never_leaks_into_messages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sid_file = write(dir.path(), "sidfile", PLANTED, 0o644);
    let text = format!(
        "default_profile = \"p\"\nbogus = 1\n[timeouts]\nconnect_seconds = 0\n\
         [profiles.p]\nsid = \"{PLANTED}\"\nsid_file = {:?}\nobject_id = []\n\
         [profiles.q]\nsid = \"{PLANTED}\"\nbase_url = \"ftp://x\"\nobject_id = \"x\"\n",
        sid_file.display().to_string()
    );
    let loaded = load(&write(dir.path(), "c.toml", &text, 0o644));
    assert!(loaded.warnings.len() >= 4, "{:?}", loaded.warnings);
    let mut shown: Vec<String> = loaded
        .warnings
        .iter()
        .map(|w| format!("{w} {w:?}"))
        .collect();
    shown.push(format!("{:?}", loaded.config));

    let config = &loaded.config;
    let env = || Some(PLANTED.to_owned());
    let mut results = vec![
        resolve(None, None, Some("nope"), config, env()),
        resolve(None, None, Some("q"), config, env()),
        resolve(Some("https://a/"), None, Some("q"), config, env()),
        resolve(Some("https://a/"), Some("1"), None, config, env()),
        resolve(Some("https://a/"), Some("1"), Some("q"), config, None),
        resolve(
            Some("https://a/"),
            Some("1"),
            None,
            &Config::default(),
            None,
        ),
        resolve(None, Some("1"), None, &Config::default(), env()),
    ];
    let mut missing = config.clone();
    if let Some(p) = missing.profiles.get_mut("p") {
        p.sid_file = Some(dir.path().join(PLANTED));
    }
    results.push(resolve(Some("https://a/"), Some("1"), None, &missing, None));
    for result in &results {
        match result {
            Ok(c) => shown.push(format!("{c:?}")),
            Err(e) => shown.push(format!("{e} {e:?}")),
        }
    }
    for text in shown {
        // The sid_file path is named after the planted key in one case;
        // everything else must not contain it.
        let text = text.replace(&dir.path().join(PLANTED).display().to_string(), "");
        assert!(!text.contains(PLANTED), "{text}");
    }
}

#[test]
fn paths() {
    let paths = Paths::under(Path::new("/r"));
    assert_eq!(paths.config_file, Path::new("/r/config/config.toml"));
    assert_eq!(paths.recent_file(), Path::new("/r/data/recent.json"));
    assert_eq!(paths.drafts_dir(), Path::new("/r/data/drafts"));
    let crm = crate::crm::CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "123");
    let slug = crm.file_slug();
    assert_eq!(
        paths.directory_file(&crm),
        Path::new("/r/data/crm")
            .join(&slug)
            .join("directory.sqlite")
    );
    assert_ne!(
        paths.directory_file(&crm),
        paths.directory_file(&crate::crm::CrmKey::demo())
    );
    assert!(
        paths
            .demo_sandbox_file()
            .starts_with(paths.crm_dir(&crate::crm::CrmKey::demo()))
    );
    assert_eq!(paths.log_file(), Path::new("/r/state/crmcard.log"));
    if let Some(found) = Paths::discover() {
        assert!(found.config_file.ends_with("crmcard/config.toml"));
        assert!(found.data_dir.ends_with("crmcard"));
    }
}

#[test]
fn sid_file_may_start_at_home() {
    let loaded = load_text("[profiles.a]\nsid_file = \"~/sid\"\n");
    let path = loaded.config.profiles["a"]
        .sid_file
        .clone()
        .expect("sid_file");
    if directories::BaseDirs::new().is_some() {
        assert!(!path.starts_with("~"), "{}", path.display());
        assert!(path.ends_with("sid"));
    }
}

#[test]
fn a_setting_of_the_wrong_type_is_named_not_called_missing() {
    let loaded = load_text(
        r#"
[profiles.main]
base_url = 17
object_id = "1"
sid = "k"
"#,
    );
    assert!(loaded.warnings.contains(&ConfigWarning::InvalidValue {
        key: "profiles.main.base_url".to_owned(),
        expected: "a string",
    }));
    let error = resolve(None, None, None, &loaded.config, None);
    assert_eq!(
        error,
        Err(ConfigError::WrongType {
            key: "profiles.main.base_url".to_owned(),
            expected: "a string",
        })
    );
    assert_eq!(
        error.err().map(|e| e.to_string()).as_deref(),
        Some("profiles.main.base_url in the config file must be a string")
    );
    // The command line still wins over the broken setting.
    assert!(resolve(Some("https://a/"), None, None, &loaded.config, None).is_ok());

    let loaded =
        load_text("[profiles.p]\nbase_url = \"https://a/\"\nobject_id = true\nsid_file = 5\n");
    assert_eq!(
        resolve(None, None, None, &loaded.config, Some("k".into())),
        Err(ConfigError::WrongType {
            key: "profiles.p.object_id".to_owned(),
            expected: "a string",
        })
    );
    assert_eq!(
        resolve(None, Some("1"), None, &loaded.config, None),
        Err(ConfigError::WrongType {
            key: "profiles.p.sid_file".to_owned(),
            expected: "a string",
        })
    );
    // With the key in the environment, the broken sid_file is not needed.
    assert!(resolve(None, Some("1"), None, &loaded.config, Some("k".into())).is_ok());
}

#[test]
fn the_ami_table_is_read_and_a_secret_in_it_is_refused_unread() {
    let text = format!(
        "[calls.ami]\nhost = \"pbx.local\"\nusername = \"crmcard\"\nsecret_file = \"/etc/ami\"\nextension = \"PJSIP/101\"\nsecret = \"{PLANTED}\"\n"
    );
    let loaded = load_text(&text);
    let ami = loaded.config.calls_ami.expect("the table is used");
    assert_eq!(ami.host, "pbx.local");
    assert_eq!(ami.port, 5038);
    assert_eq!(ami.username, "crmcard");
    assert_eq!(ami.secret_file, Some(PathBuf::from("/etc/ami")));
    assert_eq!(ami.extension, "PJSIP/101");
    assert_eq!(loaded.warnings, vec![ConfigWarning::AmiSecretInFile]);
    for lang in [crate::lang::Lang::Ru, crate::lang::Lang::En] {
        let words = crate::i18n::config_warning(&loaded.warnings[0], lang);
        assert!(
            words.contains("calls.ami.secret") && !words.contains(PLANTED),
            "{words}"
        );
    }
}

#[test]
fn a_broken_ami_table_is_ignored_with_a_warning() {
    let loaded = load_text(
        "[calls.ami]\nhost = \"pbx\"\nport = \"x\"\nusername = \"op\"\nextension = \"1\"\n[calls.other]\n",
    );
    assert_eq!(loaded.config.calls_ami, None);
    assert!(
        matches!(&loaded.warnings[0], ConfigWarning::AmiInvalid { reason } if reason.contains("port") || reason.contains("u16")),
        "{:?}",
        loaded.warnings
    );
    assert!(loaded.warnings.iter().any(
        |w| matches!(w, ConfigWarning::UnknownKeys { keys } if keys == &["calls.other".to_owned()])
    ));
    let missing = load_text("[calls.ami]\nhost = \"pbx\"\n");
    assert_eq!(missing.config.calls_ami, None);
    let words = crate::i18n::config_warning(&missing.warnings[0], crate::lang::Lang::Ru);
    assert!(words.contains("[calls.ami]"), "{words}");
}

#[cfg(unix)]
#[test]
fn an_ami_secret_file_readable_by_others_is_warned() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (mode, warned) in [(0o644, true), (0o640, true), (0o600, false), (0o400, false)] {
        let secret = write(dir.path(), &format!("ami-{mode:o}"), PLANTED, mode);
        let text = format!(
            "[calls.ami]\nhost = \"pbx\"\nusername = \"op\"\nextension = \"101\"\nsecret_file = {:?}\n",
            secret.display().to_string()
        );
        let cfg = write(dir.path(), &format!("ami-{mode:o}.toml"), &text, 0o600);
        let loaded = load(&cfg);
        let want = if warned {
            vec![ConfigWarning::AmiSecretReadableByOthers {
                path: secret.clone(),
            }]
        } else {
            vec![]
        };
        assert_eq!(loaded.warnings, want, "{mode:o}");
        for lang in [crate::lang::Lang::Ru, crate::lang::Lang::En] {
            for w in &loaded.warnings {
                let words = crate::i18n::config_warning(w, lang);
                assert!(
                    words.contains("chmod 600") && !words.contains(PLANTED),
                    "{words}"
                );
            }
        }
    }
}

#[test]
fn the_dial_command_and_format_are_read_and_checked() {
    let loaded = load_text(
        "[calls]\ndial_command = \"linphonecsh dial {number}\"\ndial_format = \"8{national}\"\n",
    );
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let command = loaded.config.dial_command.expect("a command");
    assert_eq!(command.argv("123"), ["linphonecsh", "dial", "123"]);
    let format = loaded.config.dial_format.expect("a format");
    let phone = crate::phone::parse("+79161234567", None).expect("a phone");
    assert_eq!(format.apply(&phone), "89161234567");
    let bad = load_text("[calls]\ndial_command = \" \"\ndial_format = \"8{city}\"\n");
    assert_eq!(bad.config.dial_command, None);
    assert_eq!(bad.config.dial_format, None);
    let keys: Vec<&str> = bad
        .warnings
        .iter()
        .filter_map(|w| match w {
            ConfigWarning::InvalidValue { key, .. } => Some(key.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(keys, ["calls.dial_command", "calls.dial_format"]);
}

#[test]
fn defaults_and_copy_are_read_by_name() {
    let loaded = load_text(
        r#"
[defaults]
country = " Россия "
city = "Санкт-Петербург"
contact_type = ""
address_type = "Домашний"
colour = "red"
[ui]
copy = false
"#,
    );
    let c = &loaded.config;
    assert_eq!(c.defaults.country.as_deref(), Some("Россия"));
    assert_eq!(c.defaults.city.as_deref(), Some("Санкт-Петербург"));
    assert_eq!(c.defaults.contact_type, None, "an empty name is no default");
    assert_eq!(c.defaults.address_type.as_deref(), Some("Домашний"));
    assert_eq!(c.copy, Some(false));
    assert!(loaded.warnings.contains(&ConfigWarning::UnknownKeys {
        keys: vec!["defaults.colour".to_owned()]
    }));
    let wrong = load_text("[ui]\ncopy = \"no\"\n");
    assert_eq!(wrong.config.copy, None);
    assert!(wrong.warnings.contains(&ConfigWarning::InvalidValue {
        key: "ui.copy".to_owned(),
        expected: "true or false",
    }));
}

#[test]
fn the_call_log_settings_are_read_and_a_bad_keep_days_is_said() {
    let loaded = load_text("[calls]\nkeep_days = 30\ndesk = \" оператор 2 \"\n");
    assert_eq!(loaded.config.calls_keep_days, Some(30));
    assert_eq!(loaded.config.calls_desk.as_deref(), Some("оператор 2"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(
        load_text("[calls]\nkeep_days = 0\n").config.calls_keep_days,
        Some(0)
    );
    for bad in ["-1", "\"90\"", "100000"] {
        let loaded = load_text(&format!("[calls]\nkeep_days = {bad}\n"));
        assert_eq!(loaded.config.calls_keep_days, None, "{bad}");
        assert!(
            matches!(loaded.warnings.as_slice(), [ConfigWarning::InvalidValue { key, .. }] if key == "calls.keep_days"),
            "{bad}: {:?}",
            loaded.warnings
        );
    }
}
