//! A private PostgreSQL cluster for the tests that need a real server.
//!
//! The server's programs are looked for only in Debian's
//! `/usr/lib/postgresql/*/bin` (the newest version wins), never on `PATH`;
//! without them a test fails with one line saying what to install. A cluster
//! lives in a temporary directory (`initdb --no-sync`), listens on
//! 127.0.0.1 on a free port and on a Unix socket in that directory, and
//! asks a password (scram) over TCP; run as root, every server program runs
//! as the `postgres` user (`runuser`), the directory handed to it.
//!
//! [`Cluster::shared`] is one cluster per test binary, with a database per
//! test ([`Cluster::database`]); [`Cluster::private`] is a test's own, for a
//! test that stops and restarts the server. A watchdog (a child process in
//! its own session, reading a pipe only this process writes to) stops the
//! cluster and removes its directory when the test process ends, however it
//! ends: the pipe closes with the process.

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// The superuser's password in every test cluster (never a real secret).
pub const SUPERUSER_PASSWORD: &str = "test-superuser-pw-5d1c";
/// The superuser's name.
pub const SUPERUSER: &str = "crmcard_owner";

/// What to install when the server is missing.
const MISSING: &str = "PostgreSQL's server is not installed (looked in /usr/lib/postgresql/*/bin): \
     install Debian's `postgresql` package (apt-get install postgresql), as .ci/run does";

/// One running cluster.
pub struct Cluster {
    bin: PathBuf,
    root: PathBuf,
    data: PathBuf,
    /// The TCP port on 127.0.0.1.
    pub port: u16,
    as_postgres: bool,
    /// Kept open: the watchdog acts when it closes.
    watchdog: Mutex<Option<(Child, ChildStdin)>>,
}

/// A database of a cluster, for one test.
#[derive(Debug, Clone)]
pub struct Database {
    pub host: String,
    pub port: u16,
    pub name: String,
}

impl Database {
    /// `postgres://USER@127.0.0.1:PORT/NAME`: a URL without a password.
    pub fn url(&self, user: &str) -> String {
        format!(
            "postgres://{user}@{}:{}/{}",
            self.host, self.port, self.name
        )
    }
}

static SHARED: OnceLock<Cluster> = OnceLock::new();
static NEXT_DB: AtomicUsize = AtomicUsize::new(0);

impl Cluster {
    /// The cluster of this test binary, started on first use.
    pub fn shared() -> &'static Cluster {
        SHARED.get_or_init(Cluster::private)
    }

    /// A cluster of the caller's own (stopped when dropped, or by the
    /// watchdog).
    pub fn private() -> Cluster {
        let bin = server_bin().unwrap_or_else(|| panic!("{MISSING}"));
        let as_postgres = is_root();
        let root = tempfile::Builder::new()
            .prefix("crmcard-pg-")
            .tempdir()
            .expect("a temporary directory")
            .keep();
        let data = root.join("data");
        let pwfile = root.join("pw");
        std::fs::write(&pwfile, SUPERUSER_PASSWORD).expect("write the password file");
        if as_postgres {
            chown_to_postgres(&root);
            chown_to_postgres(&pwfile);
        }
        let port = free_port();
        let mut cluster = Cluster {
            bin,
            root,
            data,
            port,
            as_postgres,
            watchdog: Mutex::new(None),
        };
        cluster.start_watchdog();
        cluster.run_ok(
            "initdb",
            &[
                "--no-sync",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
                &format!("--username={SUPERUSER}"),
                &format!("--pwfile={}", pwfile.display()),
                "-D",
                &cluster.data.display().to_string(),
            ],
        );
        cluster.start();
        cluster
    }

    /// Starts the server (again), waiting until it accepts connections.
    pub fn start(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
            self.port,
            self.root.display()
        );
        self.run_ok(
            "pg_ctl",
            &[
                "start",
                "-w",
                "-s",
                "-D",
                &self.data.display().to_string(),
                "-l",
                &self.root.join("log").display().to_string(),
                "-o",
                &options,
            ],
        );
    }

    /// Stops the server as a crash would (`pg_ctl stop -m immediate`).
    pub fn crash(&self) {
        self.stop_with("immediate");
    }

    fn stop_with(&self, mode: &str) {
        self.run_ok(
            "pg_ctl",
            &[
                "stop",
                "-w",
                "-s",
                "-m",
                mode,
                "-D",
                &self.data.display().to_string(),
            ],
        );
    }

    /// A new empty database, named after `test`.
    pub fn database(&self, test: &str) -> Database {
        let n = NEXT_DB.fetch_add(1, Ordering::Relaxed);
        let safe: String = test
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(40)
            .collect::<String>()
            .to_ascii_lowercase();
        let name = format!("t{n}_{safe}");
        self.sql("postgres", &format!("CREATE DATABASE {name}"));
        Database {
            host: "127.0.0.1".to_owned(),
            port: self.port,
            name,
        }
    }

    /// Runs `sql` in `database` as the superuser, over the Unix socket;
    /// returns what psql printed (unaligned, tuples only).
    pub fn sql(&self, database: &str, sql: &str) -> String {
        self.run_ok(
            "psql",
            &[
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                &self.root.display().to_string(),
                "-p",
                &self.port.to_string(),
                "-U",
                SUPERUSER,
                "-d",
                database,
                "-c",
                sql,
            ],
        )
    }

    /// The server's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.root.join("log")).unwrap_or_default()
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(path);
            cmd
        } else {
            Command::new(path)
        }
    }

    fn run_ok(&self, program: &str, args: &[&str]) -> String {
        let out = self
            .command(program)
            .args(args)
            .current_dir(&self.root)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        assert!(
            out.status.success(),
            "{program} {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            self.log()
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The watchdog: `setsid sh`, waiting for end of file on its stdin,
    /// then stopping the server and removing the directory.
    fn start_watchdog(&mut self) {
        let pg_ctl = self.bin.join("pg_ctl");
        let stop = format!(
            "{}{} stop -m immediate -s -D {}",
            if self.as_postgres {
                "runuser -u postgres -- "
            } else {
                ""
            },
            pg_ctl.display(),
            self.data.display()
        );
        let script = format!(
            "cat >/dev/null; {stop} >/dev/null 2>&1; rm -rf {}",
            self.root.display()
        );
        let mut child = Command::new("setsid")
            .args(["sh", "-c", &script])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the watchdog (setsid sh)");
        let stdin = child.stdin.take().expect("the watchdog's stdin");
        *self.watchdog.lock().expect("watchdog") = Some((child, stdin));
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        // Closing the pipe makes the watchdog stop the server and clean up.
        let taken = self.watchdog.lock().map(|mut w| w.take()).ok().flatten();
        if let Some((mut child, stdin)) = taken {
            drop(stdin);
            let _ = child.wait();
        }
    }
}

/// The newest `/usr/lib/postgresql/VERSION/bin` holding `initdb`.
fn server_bin() -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn chown_to_postgres(path: &Path) {
    let status = Command::new("chown")
        .args(["postgres:postgres"])
        .arg(path)
        .status()
        .expect("chown");
    assert!(status.success(), "chown postgres {}", path.display());
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
