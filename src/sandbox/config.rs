//! How a sandbox is set up: [`SandboxConfig`] (the command line makes one in
//! `cli.rs`).

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use super::faults::Faults;

/// The settings of one sandbox CRM.
#[derive(Clone)]
pub struct SandboxConfig {
    /// The access key accepted in the `sid` header.
    pub sid: String,
    /// The object number accepted in the `objectId` query parameter.
    pub object_id: String,
    /// A SQLite file that keeps the data across restarts; in memory if `None`.
    pub db: Option<PathBuf>,
    /// How long a GET answer is served from the cache; zero turns it off.
    pub cache_ttl: Duration,
    /// `false` answers `DELETE Clients` with DLW-0011, like CRM versions
    /// without it.
    pub client_delete: bool,
    /// Latency and random failures for every request.
    pub faults: Faults,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            sid: "demo".to_owned(),
            object_id: "1".to_owned(),
            db: None,
            cache_ttl: Duration::from_secs(60),
            client_delete: true,
            faults: Faults::default(),
        }
    }
}

/// Never shows the `sid`.
impl fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("sid", &"<hidden>")
            .field("object_id", &self.object_id)
            .field("db", &self.db)
            .field("cache_ttl", &self.cache_ttl)
            .field("client_delete", &self.client_delete)
            .field("faults", &self.faults)
            .finish()
    }
}
