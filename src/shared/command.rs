//! `crmcard directory push`, `status`, `migrate` and `forget`: the shared
//! directory from the command line.

use std::error::Error;
use std::time::Duration;

use super::connect::connect;
use super::{
    DirectorySettings, PASSWORD_ENV, SharedConfig, calls, push, replica, schema, store, sync,
};
use crate::calllog::CallLog;
use crate::cli::{Cli, DirectoryAction};
use crate::config::Config;
use crate::crm::CrmKey;
use crate::directory::{DirEntry, Directory, DirectoryHandle};

/// The shared directory's settings for the profile in use: the profile's
/// `[profiles.NAME.directory]` over the top-level `[directory]`; `None`
/// when neither gives a URL.
pub fn settings_for(config: &Config, profile: Option<&str>) -> Option<DirectorySettings> {
    let base = config.directory.clone().unwrap_or_default();
    let settings = match profile.and_then(|p| config.profiles.get(p)?.directory.clone()) {
        Some(over) => over.over(&base),
        None => base,
    };
    settings.url.is_some().then_some(settings)
}

/// The profile the command line chooses: `--profile`, else the config's
/// `default_profile`, else the only one.
pub fn profile_name(cli: &Cli, config: &Config) -> Option<String> {
    cli.profile
        .clone()
        .or_else(|| config.default_profile.clone())
        .or_else(|| {
            (config.profiles.len() == 1)
                .then(|| config.profiles.keys().next().cloned())
                .flatten()
        })
}

/// The CRM the command line and the config choose (as the TUI does).
pub fn crm_of(cli: &Cli, config: &Config) -> Result<CrmKey, Box<dyn Error>> {
    crate::config::resolve_crm(
        cli.base_url.as_deref(),
        cli.object_id.as_deref(),
        cli.profile.as_deref(),
        config,
    )
    .map_err(|e| format!("which CRM? {e}").into())
}

/// With a shared directory configured, makes `directory` queue what is
/// written to it from now on (an import); whether one is configured.
pub fn start_queueing(
    cli: &Cli,
    config: &Config,
    directory: &mut Directory,
) -> Result<bool, Box<dyn Error>> {
    let profile = profile_name(cli, config);
    if settings_for(config, profile.as_deref()).is_none() {
        return Ok(false);
    }
    replica::attach(directory, None)?;
    Ok(true)
}

/// What a directory command needs to reach the shared directory: the
/// database, this CRM, this desk's name, the local directory shared with
/// the sync code, and a runtime to run it on.
struct Setup {
    shared: SharedConfig,
    crm: CrmKey,
    desk: String,
    directory: DirectoryHandle,
    runtime: tokio::runtime::Runtime,
}

impl Setup {
    fn new(
        cli: &Cli,
        config: &Config,
        settings: &DirectorySettings,
        directory: Directory,
    ) -> Result<Self, Box<dyn Error>> {
        Ok(Self {
            shared: settings.resolve(std::env::var(PASSWORD_ENV).ok())?,
            crm: crm_of(cli, config)?,
            desk: super::desk_name(config.desk.name.as_deref()),
            directory: DirectoryHandle::new(directory),
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?,
        })
    }
}

/// Sends what `directory` queued (after an import); a database that cannot
/// be reached leaves it queued, for the next desk session or push.
pub fn send_queue(cli: &Cli, config: &Config, directory: Directory) -> Result<(), Box<dyn Error>> {
    let profile = profile_name(cli, config);
    let Some(settings) = settings_for(config, profile.as_deref()) else {
        return Ok(());
    };
    let Setup {
        shared,
        crm,
        desk,
        directory,
        runtime,
    } = Setup::new(cli, config, &settings, directory)?;
    runtime.block_on(async {
        let sent = async {
            let mut session = connect(&shared, TIMEOUT).await?;
            schema::ensure(&mut session.client).await?;
            sync::flush(&mut session.client, &directory, &crm, &desk).await
        };
        match sent.await {
            Ok(n) => eprintln!("{n} changes sent to {}", shared.shown()),
            Err(e) => eprintln!("{e}; the changes stay queued on this desk"),
        }
    });
    Ok(())
}

/// Runs `push`, `status`, `migrate` or `forget` on `directory`.
pub fn run(
    cli: &Cli,
    action: &DirectoryAction,
    config: &Config,
    directory: Directory,
) -> Result<(), Box<dyn Error>> {
    let profile = profile_name(cli, config);
    let settings = settings_for(config, profile.as_deref())
        .ok_or("no shared directory: the config has no [directory] url")?;
    let Setup {
        shared,
        crm,
        desk,
        directory,
        runtime,
    } = Setup::new(cli, config, &settings, directory)?;
    runtime.block_on(async {
        match action {
            DirectoryAction::Push => push(&shared, &directory, &crm, &desk).await,
            DirectoryAction::Status => status(&shared, &directory, &crm).await,
            DirectoryAction::Migrate { grant } => migrate(&shared, grant.as_deref()).await,
            DirectoryAction::Forget { id } => forget(&shared, &directory, &crm, &desk, id).await,
            DirectoryAction::Import { .. } | DirectoryAction::Export { .. } => Ok(()),
        }
    })
}

const TIMEOUT: Duration = Duration::from_secs(10);

async fn push(
    shared: &SharedConfig,
    directory: &DirectoryHandle,
    crm: &CrmKey,
    desk: &str,
) -> Result<(), Box<dyn Error>> {
    let mut session = connect(shared, TIMEOUT).await?;
    schema::ensure(&mut session.client).await?;
    let now = sync::unix_now();
    let entries = directory
        .run(move |d| {
            let mut all = Vec::new();
            d.for_each(|e| {
                all.push(replica::outgoing(e, now));
                Ok(())
            })?;
            Ok(all)
        })
        .await?;
    let (mut taken, total) = (0, entries.len());
    let text = crm.as_text();
    for chunk in entries.chunks(push::BATCH) {
        taken += push::send_batch(&mut session.client, &text, desk, chunk).await?;
        eprint!("\rsent {taken} of {total}");
    }
    eprintln!(
        "\r{total} clients of {crm} sent to {}: {taken} written, {} already newer there",
        shared.shown(),
        total - taken
    );
    Ok(())
}

async fn status(
    shared: &SharedConfig,
    directory: &DirectoryHandle,
    crm: &CrmKey,
) -> Result<(), Box<dyn Error>> {
    println!("shared directory: {}", shared.shown());
    println!("CRM: {crm}");
    let local = directory.run(|d| d.count()).await?;
    let queued = directory
        .run(|d| {
            replica::attach(d, None)?;
            replica::queued(d)
        })
        .await?;
    println!("this desk: {local} clients, {queued} changes queued to send");
    let calls_queued = directory.run(calls::replica::queued).await?;
    println!("this desk's call log: {calls_queued} calls queued to send");
    let session = match connect(shared, TIMEOUT).await {
        Ok(s) => s,
        Err(e) => {
            println!("database: {e}");
            return Ok(());
        }
    };
    match schema::state(&session.client).await? {
        schema::SchemaState::Empty => {
            println!("database: empty (the first desk or `directory migrate` creates the tables)");
            return Ok(());
        }
        schema::SchemaState::At { version } => {
            println!("schema version {version}");
            if version >= calls::SCHEMA_VERSION {
                let calls = calls::store::count(&session.client, &crm.as_text()).await?;
                println!("database: {calls} calls in the shared call log");
            }
        }
    }
    let (clients, newest) = store::counts(&session.client, &crm.as_text()).await?;
    let instance = store::instance(&session.client).await?;
    let text = crm.as_text();
    let (read, received) = directory
        .run(move |d| replica::position(d, &instance, &text))
        .await?;
    println!("database: {clients} clients, newest change {newest}");
    match received {
        Some(at) => println!(
            "last change received: {read} ({} s ago)",
            (sync::unix_now() - at).max(0)
        ),
        None => println!("last change received: none yet"),
    }
    Ok(())
}

async fn migrate(shared: &SharedConfig, grant: Option<&str>) -> Result<(), Box<dyn Error>> {
    let mut session = connect(shared, TIMEOUT).await?;
    let applied = schema::migrate(&mut session.client).await?;
    if let Some(role) = grant {
        schema::grant(&session.client, role).await?;
        println!("{role} may now read and write the shared directory's rows");
    }
    println!(
        "{applied} migrations applied; {} is at schema version {}",
        shared.shown(),
        schema::known_version()
    );
    Ok(())
}

async fn forget(
    shared: &SharedConfig,
    directory: &DirectoryHandle,
    crm: &CrmKey,
    desk: &str,
    id: &str,
) -> Result<(), Box<dyn Error>> {
    let mut session = connect(shared, TIMEOUT).await?;
    schema::ensure(&mut session.client).await?;
    let (who, text) = (id.to_owned(), crm.as_text());
    let phones = directory
        .run(move |d| Ok(d.get(&who)?.map(|e| e.phones).unwrap_or_default()))
        .await?;
    let forgotten = store::forget(&mut session.client, &text, desk, id, &phones).await?;
    let phones = forgotten.phones;
    let gone = store::Change {
        entry: DirEntry {
            id: id.to_owned(),
            ..DirEntry::default()
        },
        deleted: true,
        seq: 0,
    };
    let who = id.to_owned();
    let local_calls = directory
        .run(move |d| {
            replica::attach(d, None)?;
            replica::apply(d, &[gone], true, None)?;
            Ok(CallLog::open(d.shared_connection(), &text)?.forget(&who, &phones)?)
        })
        .await?;
    println!(
        "client {id} {}: erased from {} and this desk, with its calls ({} there, {local_calls} here); every other desk removes them when it next reads the changes",
        if forgotten.known {
            "was known"
        } else {
            "was not known"
        },
        shared.shown(),
        forgotten.calls,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::config::{ConfigWarning, LoadedConfig, load_chosen};

    fn load(text: &str) -> LoadedConfig {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).expect("write");
        load_chosen(Some(&path), None)
    }

    const FILE: &str = r#"
default_profile = "main"

[directory]
url = "postgres://crmcard@db.host/callcenter"
password_file = "/etc/crmcard/db-password"
sslmode = "require"

[desk]
name = "пульт 3"
operator = "Иванова"

[profiles.main]
base_url = "https://dlv.ucs.ru/api/v1/crm"
object_id = "123"

[profiles.training]
base_url = "http://127.0.0.1:8080/api/v1/crm/"
object_id = "1"

[profiles.training.directory]
url = "postgres://trainee@127.0.0.1/training"
sslmode = "disable"
"#;

    #[test]
    fn the_directory_and_desk_tables_are_read_and_a_profile_overrides_key_by_key() {
        let LoadedConfig { config, warnings } = load(FILE);
        assert_eq!(warnings, []);
        assert_eq!(config.desk.name.as_deref(), Some("пульт 3"));
        assert_eq!(config.desk.operator.as_deref(), Some("Иванова"));
        let cli = Cli::parse_from(["crmcard"]);
        let profile = profile_name(&cli, &config);
        assert_eq!(profile.as_deref(), Some("main"));
        let main = settings_for(&config, profile.as_deref()).expect("main");
        assert_eq!(
            main.url.as_deref(),
            Some("postgres://crmcard@db.host/callcenter")
        );
        let training = settings_for(&config, Some("training")).expect("training");
        assert_eq!(
            training.url.as_deref(),
            Some("postgres://trainee@127.0.0.1/training")
        );
        assert_eq!(training.sslmode.as_deref(), Some("disable"));
        assert_eq!(
            training.password_file.as_deref(),
            Some(std::path::Path::new("/etc/crmcard/db-password"))
        );
        assert_eq!(
            crm_of(&cli, &config).map(|k| k.as_text()).ok(),
            Some("https://dlv.ucs.ru/api/v1/crm/#123".to_owned())
        );
    }

    #[test]
    fn a_url_with_a_password_is_refused_and_not_repeated() {
        let LoadedConfig { config, warnings } =
            load("[directory]\nurl = \"postgres://crmcard:s3cret-pw@db.host/cc\"\n");
        assert_eq!(config.directory, None);
        assert_eq!(settings_for(&config, None), None);
        let [ConfigWarning::DirectoryInvalid { key, reason }] = warnings.as_slice() else {
            panic!("{warnings:?}");
        };
        assert_eq!(key, "directory");
        assert!(reason.contains("holds a password"), "{reason}");
        for warning in &warnings {
            assert!(!warning.to_string().contains("s3cret-pw"));
            assert!(!format!("{warning:?}").contains("s3cret-pw"));
        }
    }

    #[test]
    fn no_directory_table_means_no_shared_directory() {
        let LoadedConfig { config, warnings } = load("[directory]\nsslmode = \"require\"\n");
        assert_eq!(warnings, []);
        assert_eq!(settings_for(&config, None), None);
        let LoadedConfig { warnings, .. } = load("[directory]\nurl = \"x\"\nsecret = 1\n");
        assert!(matches!(
            warnings.as_slice(),
            [ConfigWarning::DirectoryInvalid { .. }]
        ));
    }
}
