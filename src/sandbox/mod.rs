//! The sandbox CRM: a stand-in for the real server, speaking the same API
//! (the 22 endpoints of `API.md`, the vendor's envelope and error codes, the
//! server's one-minute GET cache), with its data in SQLite and faults to
//! inject. It serves the demo, operator training and the tests.
//!
//! ```no_run
//! # async fn demo() -> Result<(), crmcard::sandbox::SandboxError> {
//! use crmcard::sandbox::{SandboxConfig, start};
//! let sandbox = start(SandboxConfig::default(), "127.0.0.1:0".parse().expect("addr")).await?;
//! println!("{}", sandbox.base_url()); // http://127.0.0.1:PORT/api/v1/crm/
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! The guesses about the real server's HTTP statuses and codes are listed in
//! [`error`]'s documentation.

mod cache;
mod cards;
mod config;
mod dicts;
pub(crate) mod error;
mod faults;
mod handlers;
mod ids;
mod log;
mod reply;
mod router;
mod seed;
mod store;
mod writes;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::SandboxConfig;

/// The client cards of a seed's `clients.json` (the built-in one:
/// [`BUILT_IN_CLIENTS`]), parsed as the sandbox parses them when it fills a
/// new database.
pub fn seed_clients(text: &str) -> Result<Vec<crate::api::model::ClientCard>, SandboxError> {
    seed::parse_clients(text)
}

/// The built-in seed's `clients.json`.
pub const BUILT_IN_CLIENTS: &str = seed::SeedFiles::BUILT_IN.clients;

/// The contact types of the seed (what the demo answers to
/// `GET TypesContacts`): which of the demo's contacts are phones.
pub fn seed_contact_types() -> Vec<crate::api::model::ContactType> {
    seed::CONTACT_TYPES
        .iter()
        .map(
            |&(id, name, is_phone, is_email, is_skype, is_social_network, _)| {
                crate::api::model::ContactType {
                    id: id.to_string(),
                    name: name.to_owned(),
                    is_phone,
                    is_email,
                    is_skype,
                    is_social_network,
                    ..crate::api::model::ContactType::default()
                }
            },
        )
        .collect()
}
pub use error::SandboxError;
pub use faults::{Fault, Faults};
pub use log::LoggedRequest;

use router::Shared;
use store::Store;

/// How long [`Sandbox::shutdown`] waits for requests in flight.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Starts a sandbox on `addr` (port 0 picks a free port) and serves it on
/// the current tokio runtime until [`Sandbox::shutdown`] or until the
/// `Sandbox` is dropped.
pub async fn start(config: SandboxConfig, addr: SocketAddr) -> Result<Sandbox, SandboxError> {
    let store = Store::open(config.db.as_deref())?;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| SandboxError::Bind { addr, source })?;
    serve(config, store, listener)
}

/// Starts a sandbox on a listener bound already: its address is known (and
/// connections to it wait in the listener's queue) before the store is
/// opened with its seed, so a client can be made for it at once.
pub async fn start_on(
    config: SandboxConfig,
    listener: std::net::TcpListener,
) -> Result<Sandbox, SandboxError> {
    let store = Store::open(config.db.as_deref())?;
    listener.set_nonblocking(true)?;
    serve(config, store, TcpListener::from_std(listener)?)
}

/// The base URL of a sandbox listening on `addr`.
pub fn base_url_of(mut addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() {
        addr.set_ip(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    format!("http://{addr}{}", router::PREFIX)
}

fn serve(
    config: SandboxConfig,
    store: Store,
    listener: TcpListener,
) -> Result<Sandbox, SandboxError> {
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared::new(config, store));
    let app = router::router(Arc::clone(&shared));
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let shutdown = async {
            // A send or the `Sandbox` being dropped: either way, stop.
            let _ = stopped.await;
        };
        if let Err(e) = axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
        {
            tracing::warn!("sandbox server ended: {e}");
        }
    });
    Ok(Sandbox {
        addr,
        shared,
        stop,
        task,
    })
}

/// A running sandbox CRM.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Sandbox {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/api/v1/crm/` (a wildcard listen address is
    /// given as loopback).
    pub fn base_url(&self) -> String {
        base_url_of(self.addr)
    }

    /// Every request received, in order (the `sid` is never recorded).
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.log.all()
    }

    pub fn clear_requests(&self) {
        self.shared.log.clear();
    }

    /// Replaces the latency and the error rate.
    pub fn set_faults(&self, faults: Faults) {
        self.shared.faults().set(faults);
    }

    /// Queues a one-shot fault: the next request without an earlier fault
    /// queued gets it.
    pub fn push_fault(&self, fault: Fault) {
        self.shared.faults().push(fault);
    }

    /// Stops accepting, lets requests in flight finish (up to a few
    /// seconds), and closes the database.
    pub async fn shutdown(self) {
        let Sandbox { stop, mut task, .. } = self;
        let _ = stop.send(());
        if tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
            .await
            .is_err()
        {
            task.abort();
        }
    }
}

/// Runs a sandbox on its own runtime until Ctrl-C or SIGTERM (`crmcard
/// sandbox`); `on_listening` is called once it accepts requests (the caller
/// says so where it wants).
pub fn run(
    config: SandboxConfig,
    addr: SocketAddr,
    on_listening: impl FnOnce(&Sandbox),
) -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let sandbox = start(config, addr).await?;
        on_listening(&sandbox);
        stop_signal().await?;
        sandbox.shutdown().await;
        Ok(())
    })
}

/// Ctrl-C, or SIGTERM where there is one.
async fn stop_signal() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            r = tokio::signal::ctrl_c() => r,
            _ = term.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}
