//! A tokio task owned by a value: it stops when the value is dropped.

use std::future::Future;

use tokio::task::JoinHandle;

/// A spawned task that is aborted when this handle is dropped (the links,
/// engines and listeners that run while their owner holds them).
#[derive(Debug)]
pub(crate) struct OwnedTask(JoinHandle<()>);

impl OwnedTask {
    /// Starts `future` on the current tokio runtime (call it inside one).
    pub(crate) fn spawn(future: impl Future<Output = ()> + Send + 'static) -> Self {
        Self(tokio::spawn(future))
    }
}

impl Drop for OwnedTask {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn dropping_the_handle_stops_the_task() {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<()>(1);
        let task = OwnedTask::spawn(async move {
            let _held = tx;
            std::future::pending::<()>().await;
        });
        drop(task);
        // The sender goes when the aborted task's future is dropped.
        assert_eq!(rx.recv().await, None);
    }
}
