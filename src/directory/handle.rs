//! The client directory shared between the executor's blocking tasks.

use std::sync::{Arc, Mutex, PoisonError};

use super::Directory;

/// One [`Directory`] behind a lock; clones share it.
#[derive(Clone)]
pub struct DirectoryHandle(Arc<Mutex<Directory>>);

impl std::fmt::Debug for DirectoryHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("DirectoryHandle").finish_non_exhaustive()
    }
}

impl DirectoryHandle {
    pub fn new(directory: Directory) -> Self {
        Self(Arc::new(Mutex::new(directory)))
    }

    /// Runs `f` with the directory locked (from a blocking task: SQLite
    /// calls are synchronous). A lock poisoned by a panic is taken over:
    /// each call is its own transaction, so the directory is whole.
    pub fn with<R>(&self, f: impl FnOnce(&mut Directory) -> R) -> R {
        let mut directory = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut directory)
    }
}
