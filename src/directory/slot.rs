//! The directory while it opens: crmcard draws its first frame before the
//! client directory is opened (SQLite, the old recent file, the demo's
//! clients), and whatever needs the directory before then waits for it.

use tokio::sync::watch;

use super::DirectoryHandle;

/// Where the directory will be. `None` inside: still opening; `Some(None)`:
/// it could not be opened (searches find nothing, nothing is kept).
type Opened = Option<Option<DirectoryHandle>>;

/// A shared view of the directory, opened or still opening; clones see the
/// same directory.
#[derive(Debug, Clone)]
pub struct DirectorySlot(watch::Receiver<Opened>);

/// What opens the directory fills its slot with this, once.
#[derive(Debug)]
pub struct SlotFiller(watch::Sender<Opened>);

impl DirectorySlot {
    /// A slot with the directory there already (or known to be missing).
    pub fn ready(directory: Option<DirectoryHandle>) -> Self {
        let (tx, rx) = watch::channel(Some(directory));
        drop(tx);
        Self(rx)
    }

    /// An empty slot, and what fills it when the directory is open.
    pub fn opening() -> (Self, SlotFiller) {
        let (tx, rx) = watch::channel(None);
        (Self(rx), SlotFiller(tx))
    }

    /// The directory, once it is open; `None` when it could not be opened
    /// or whatever was opening it is gone without an answer.
    pub async fn get(&self) -> Option<DirectoryHandle> {
        if let Some(opened) = self.0.borrow().as_ref() {
            return opened.clone();
        }
        let mut rx = self.0.clone();
        let opened = rx.wait_for(Option::is_some).await.ok()?;
        opened.as_ref().and_then(Clone::clone)
    }

    /// The directory if it is open now, without waiting.
    pub fn now(&self) -> Option<DirectoryHandle> {
        self.0.borrow().as_ref().and_then(Clone::clone)
    }
}

impl SlotFiller {
    /// Puts the opened directory (`None`: it could not be opened) in the
    /// slot; whoever waits for it goes on.
    pub fn fill(self, directory: Option<DirectoryHandle>) {
        self.0.send_replace(Some(directory));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::Directory;

    fn handle() -> DirectoryHandle {
        DirectoryHandle::new(Directory::in_memory().expect("an in-memory directory"))
    }

    #[tokio::test]
    async fn a_ready_slot_answers_at_once() {
        assert!(DirectorySlot::ready(Some(handle())).get().await.is_some());
        assert!(DirectorySlot::ready(None).get().await.is_none());
        assert!(DirectorySlot::ready(Some(handle())).now().is_some());
    }

    #[tokio::test]
    async fn a_wait_ends_when_the_directory_is_open() {
        let (slot, filler) = DirectorySlot::opening();
        assert!(slot.now().is_none());
        let waiting = tokio::spawn({
            let slot = slot.clone();
            async move { slot.get().await.is_some() }
        });
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished(), "it waits while the slot is empty");
        filler.fill(Some(handle()));
        assert!(waiting.await.expect("the wait ends"));
        assert!(slot.now().is_some());
    }

    #[tokio::test]
    async fn a_filler_gone_without_an_answer_means_no_directory() {
        let (slot, filler) = DirectorySlot::opening();
        drop(filler);
        assert!(slot.get().await.is_none());
    }
}
