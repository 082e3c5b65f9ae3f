//! The directory shared by the tasks that use it: one connection behind a
//! mutex, every call run on a blocking thread.

use std::sync::{Arc, Mutex, PoisonError};

use super::{Directory, DirectoryError};

/// A shared handle to the [`Directory`]; clones use the same connection.
///
/// The executor runs every lookup, upsert and removal through
/// [`DirectoryHandle::run`], so that SQLite never blocks the async threads.
#[derive(Debug, Clone)]
pub struct DirectoryHandle {
    inner: Arc<Mutex<Directory>>,
}

impl DirectoryHandle {
    /// Shares `directory`.
    pub fn new(directory: Directory) -> Self {
        Self {
            inner: Arc::new(Mutex::new(directory)),
        }
    }

    /// Runs `f` on the directory in a blocking task (`spawn_blocking`) and
    /// returns its result.
    pub async fn run<T, F>(&self, f: F) -> Result<T, DirectoryError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Directory) -> Result<T, DirectoryError> + Send + 'static,
    {
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.blocking(f))
            .await
            .map_err(|e| DirectoryError::Stopped(e.to_string()))?
    }

    /// Runs `f` on the directory on this thread (start-up, tests).
    pub fn blocking<T>(
        &self,
        f: impl FnOnce(&mut Directory) -> Result<T, DirectoryError>,
    ) -> Result<T, DirectoryError> {
        let mut directory = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut directory)
    }
}
