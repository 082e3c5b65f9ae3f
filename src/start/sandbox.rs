//! The demo's sandbox CRM, started beside the first frame and stopped when
//! the TUI returns (a build without the `sandbox` feature has none).

use std::error::Error;

use crate::config::{self, Connection, Paths};
#[cfg(not(feature = "sandbox"))]
use crate::i18n;
use crate::i18n::Lang;

/// The demo's sandbox, running while the TUI does.
#[cfg(feature = "sandbox")]
pub(super) type DemoSandbox =
    tokio::task::JoinHandle<Result<crate::sandbox::Sandbox, crate::sandbox::SandboxError>>;
/// A build without the sandbox has no demo (`run` says so before this).
#[cfg(not(feature = "sandbox"))]
pub(super) type DemoSandbox = std::convert::Infallible;

/// Starts the demo's sandbox: the port is bound now and the sandbox opens
/// its store (the seed the first time) beside the first frame: the client is
/// made for its address at once, and the first requests wait in the
/// listener's queue.
#[cfg(feature = "sandbox")]
pub(super) fn start_demo_sandbox(
    paths: Option<&Paths>,
    config: &config::Config,
    _: Lang,
) -> Result<(Connection, DemoSandbox), Box<dyn Error>> {
    use std::net::{Ipv4Addr, SocketAddr};

    use crate::api::Sid;
    use crate::sandbox;
    let sandbox_config = crate::demo::sandbox_config(paths)?;
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let listener = std::net::TcpListener::bind(addr)
        .map_err(|source| sandbox::SandboxError::Bind { addr, source })?;
    let base_url = sandbox::base_url_of(listener.local_addr()?);
    let connection = Connection {
        base_url,
        object_id: sandbox_config.object_id.clone(),
        sid: Sid::new(sandbox_config.sid.clone()),
        profile: None,
        timeouts: config.timeouts,
    };
    Ok((
        connection,
        tokio::spawn(sandbox::start_on(sandbox_config, listener)),
    ))
}

#[cfg(not(feature = "sandbox"))]
pub(super) fn start_demo_sandbox(
    _: Option<&Paths>,
    _: &config::Config,
    lang: Lang,
) -> Result<(Connection, DemoSandbox), Box<dyn Error>> {
    Err(i18n::sandbox_not_built(lang).into())
}

/// Whichever way the TUI ended (a terminal that is gone fails to draw), the
/// demo's sandbox stops and the log says so.
#[cfg(feature = "sandbox")]
pub(super) async fn stop_demo_sandbox(sandbox: DemoSandbox) {
    match sandbox.await {
        Ok(Ok(sandbox)) => sandbox.shutdown().await,
        Ok(Err(e)) => tracing::error!(error = %e, "the demo's sandbox did not start"),
        Err(e) => tracing::error!(error = %e, "the demo's sandbox did not start"),
    }
}

#[cfg(not(feature = "sandbox"))]
pub(super) async fn stop_demo_sandbox(sandbox: DemoSandbox) {
    match sandbox {}
}
