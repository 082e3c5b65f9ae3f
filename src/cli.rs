//! The command line.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A terminal client-card editor for the r_keeper WebDelivery CRM.
///
/// The `sid` (the CRM access key) is never taken from the command line, where
/// other users could read it in the process list: set it in the environment
/// variable CRMCARD_SID, or in a profile of the config file (`sid` or
/// `sid_file`).
#[derive(Debug, Parser)]
#[command(name = "crmcard", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// Open the TUI against a built-in sandbox CRM filled with demo clients.
    #[arg(long, conflicts_with_all = ["base_url", "profile"])]
    pub demo: bool,

    /// With --demo: start the demo afresh, its CRM's data and its client
    /// directory emptied (they are kept between runs otherwise).
    #[arg(long)]
    pub reset: bool,

    /// The profile of the config file to use (default: the file's
    /// `default_profile`, or the only profile there is).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,

    /// The CRM's API base URL, e.g. https://dlv.ucs.ru/api/v1/crm/
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// The restaurant's object number, sent as `objectId` with every request.
    #[arg(long, value_name = "N")]
    pub object_id: Option<String>,

    /// The config file to read instead of the default one.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The language of the UI: ru or en (default: from the config, then LANG).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// The call socket the TUI listens on, where `crmcard call` rings it
    /// (default: $XDG_RUNTIME_DIR/crmcard/crmcard.sock).
    #[arg(long, value_name = "PATH", env = "CRMCARD_SOCKET")]
    pub socket: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the sandbox CRM as an HTTP server (for training and tests).
    #[command(after_help = SANDBOX_HELP)]
    Sandbox(SandboxArgs),
    /// Hand a caller's number to the running crmcard, which shows the call
    /// (for a softphone's incoming-call command); exits at once.
    #[command(after_help = CALL_HELP)]
    Call(CallArgs),
    /// Import or export the client directory of a CRM as CSV or `.xlsx`: the
    /// profile's (or --base-url and --object-id's); `crmcard --demo
    /// directory …`: the demo's own.
    #[command(after_help = DIRECTORY_HELP)]
    Directory(DirectoryArgs),
}

/// `crmcard call …`
#[derive(Debug, Args, Clone)]
pub struct CallArgs {
    /// The caller's number as the phone has it, e.g. 89161234567,
    /// "+7 (916) 123-45-67" or sip:89161234567@pbx; a hidden one
    /// (anonymous, empty or left out) is a call too.
    #[arg(value_name = "NUMBER", conflicts_with_all = ["answered", "ended"])]
    pub number: Option<String>,

    /// The program handing the call over (e.g. microsip), sent with the
    /// number.
    #[arg(long, value_name = "NAME", default_value = "cli")]
    pub source: String,

    /// The softphone's id of this call, named again by a later --answered
    /// or --ended.
    #[arg(long, value_name = "ID", conflicts_with_all = ["answered", "ended"])]
    pub call_id: Option<String>,

    /// Say that the call handed over with --call-id ID was answered.
    #[arg(long, value_name = "ID", conflicts_with = "ended")]
    pub answered: Option<String>,

    /// Say that the call handed over with --call-id ID ended.
    #[arg(long, value_name = "ID")]
    pub ended: Option<String>,

    /// The socket of the crmcard to ring (default: the one a crmcard of this
    /// user listens on, $XDG_RUNTIME_DIR/crmcard/crmcard.sock).
    #[arg(long, value_name = "PATH", env = "CRMCARD_SOCKET")]
    pub socket: Option<PathBuf>,
}

/// `crmcard directory …`
#[derive(Debug, Args, Clone)]
pub struct DirectoryArgs {
    /// The directory file to use instead of the one in the data directory.
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,

    #[command(subcommand)]
    pub action: DirectoryAction,
}

/// What to do with the client directory.
#[derive(Debug, Subcommand, Clone)]
pub enum DirectoryAction {
    /// Add the clients of a CSV file (columns id, lastname, firstname,
    /// middlename, phones, emails; `,` or `;`; UTF-8 or Windows-1251) or of
    /// a workbook's first sheet (`.xlsx`, `.xls`, `.ods`); bad rows are
    /// reported and skipped, and the exit status is then 1.
    Import {
        /// The CSV file or workbook.
        #[arg(value_name = "FILE")]
        path: PathBuf,
    },
    /// Write every client to a CSV file (`;`, UTF-8 with a BOM, for Excel),
    /// to a workbook for a FILE ending in `.xlsx`, or as CSV to standard
    /// output for `-`. Only a new file or a regular file of
    /// your own that you may write is replaced (atomically, readable by you
    /// only); a link, a pipe, a device, a directory or a read-only file is
    /// refused.
    Export {
        /// The file to write, or `-`.
        #[arg(value_name = "FILE")]
        path: PathBuf,
        /// Replace whatever is at FILE (a link, a pipe, a read-only file)
        /// with a new file; never writes into it.
        #[arg(long)]
        force: bool,
    },
    /// Send every client of this desk's directory to the shared one
    /// (`[directory] url`): the first desk of a call center, or after an
    /// import.
    Push,
    /// Which shared directory is in use, how many clients it and this desk
    /// hold, the last change received and what is queued.
    Status,
    /// Create or upgrade the shared directory's tables (run as the
    /// database's owner, e.g. with CRMCARD_DB_PASSWORD of the owner role).
    Migrate {
        /// Let this role (the desks') read and write rows.
        #[arg(long, value_name = "ROLE")]
        grant: Option<String>,
    },
    /// Erase a client on request (152-ФЗ): from the shared directory, from
    /// this desk, and through the change feed from every other desk.
    Forget {
        /// The client's id in the CRM.
        #[arg(value_name = "CLIENT_ID")]
        id: String,
    },
}

/// `crmcard sandbox …`
#[derive(Debug, Args, Clone)]
pub struct SandboxArgs {
    /// The address to listen on, e.g. 127.0.0.1:8080 (port 0 picks a free one).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// The access key the sandbox accepts in the `sid` header.
    #[arg(long, value_name = "SID", default_value = "demo")]
    pub sid: String,

    /// The object number the sandbox answers for.
    #[arg(long, value_name = "N", default_value = "1")]
    pub object_id: String,

    /// Keep the data in this SQLite file (it survives a restart); in memory
    /// otherwise.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,

    /// How long GET answers are served from the cache, as the real CRM does;
    /// 0 turns the cache off.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub cache_ttl: u64,

    /// Answer DELETE Clients with DLW-0011, like CRM versions without it.
    #[arg(long)]
    pub no_client_delete: bool,

    /// Added latency for every answer, in milliseconds (fault injection).
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency_ms: u64,

    /// The share of requests answered with HTTP 500, 0.0 to 1.0 (fault
    /// injection).
    #[arg(long, value_name = "RATE", default_value_t = 0.0)]
    pub error_rate: f64,
}

#[cfg(feature = "sandbox")]
impl From<&SandboxArgs> for crate::sandbox::SandboxConfig {
    fn from(args: &SandboxArgs) -> Self {
        use std::time::Duration;
        crate::sandbox::SandboxConfig {
            sid: args.sid.clone(),
            object_id: args.object_id.clone(),
            db: args.db.clone(),
            cache_ttl: Duration::from_secs(args.cache_ttl),
            client_delete: !args.no_client_delete,
            faults: crate::sandbox::Faults {
                latency: Duration::from_millis(args.latency_ms),
                error_rate: args.error_rate,
            },
        }
    }
}

const AFTER_HELP: &str = "\
Examples:
  crmcard --demo                                   try it against the built-in demo CRM
  CRMCARD_SID=... crmcard --base-url https://dlv.ucs.ru/api/v1/crm/ --object-id 123
  crmcard --profile main                           use a profile of the config file
  crmcard sandbox --listen 127.0.0.1:8080          the sandbox CRM as a server (sid: demo)
  crmcard call 89161234567 --source microsip       the phone rings: show the caller in crmcard
  crmcard --demo --reset                           the demo afresh: its CRM and its directory emptied
  crmcard --profile main directory import clients.csv
                                                   seed the profile's client directory from a CSV file
  crmcard --profile main directory export clients.csv
                                                   every known client of that CRM, for Excel or another desk
  crmcard --demo directory import demo.csv         the same, into the demo's directory

Files:
  config   $XDG_CONFIG_HOME/crmcard/config.toml (profiles, language, timeouts, keymap)
  data     $XDG_DATA_HOME/crmcard/ (drafts; crm/<CRM>/: each CRM's client directory,
           and the demo's CRM)
  log      $XDG_STATE_HOME/crmcard/crmcard.log
  socket   $XDG_RUNTIME_DIR/crmcard/crmcard.sock (calls; --socket or CRMCARD_SOCKET)";

const SANDBOX_HELP: &str = "\
Examples:
  crmcard sandbox                                  http://127.0.0.1:8080/api/v1/crm/, sid demo, objectId 1
  crmcard sandbox --listen 127.0.0.1:0 --db training.sqlite
                                                   a free port (printed), data kept in a file
  CRMCARD_SID=demo crmcard --base-url http://127.0.0.1:8080/api/v1/crm/ --object-id 1
                                                   the TUI against it, from another terminal";

const CALL_HELP: &str = "\
Exit status: 0 once the running crmcard has the call; 3 when it was sent but the running
crmcard did not answer in time (stopped with Ctrl-Z, or very busy: it may show the call when
it goes on); 1 when it was not delivered (no crmcard running, ...), with the reason on stderr. Any number is a call: a hidden one (anonymous, empty) and
one crmcard cannot read are shown as such. Run it as the same user as the TUI.

Examples:
  crmcard call 89161234567                         any form: +7 (916) 123-45-67, 8 916 ...
  crmcard call sip:89161234567@pbx                 a SIP URI: its user part
  crmcard call 89161234567 --call-id 42            then: crmcard call --answered 42,
                                                   crmcard call --ended 42
  crmcard call --source microsip                   MicroSIP's cmdIncomingCall: it appends the number
  crmcard call %callerid% --source zoiper          a softphone that fills in a placeholder";

const DIRECTORY_HELP: &str = "\
The directory is where crmcard finds callers (by phone, name, e-mail or id). Each CRM
has its own: the command works on the one of the profile (--profile, or the config's
default), of --base-url and --object-id, or of the demo (--demo); no sid is needed.

Examples:
  crmcard directory import clients.csv             seed the default profile's directory (header: id;lastname;...)
  crmcard --profile main directory export clients.csv
                                                   every known client of that CRM (UTF-8 with a BOM, `;`)
  crmcard directory export clients.xlsx            the same as an Excel workbook (text cells)
  crmcard directory export - | gzip > clients.csv.gz
                                                   CSV to standard output
  crmcard --demo directory import demo.csv         into the demo's directory
  crmcard directory --file other.sqlite export out.csv

An import exits 1 when any row was skipped (each is listed with its line). An export
replaces only a new file or a regular file of your own that you may write; a link, a
pipe, a device or a read-only file is refused (--force replaces it, never writes into it).";
