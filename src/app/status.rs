//! The desk's status: notices about crmcard's own files and links (a local
//! file not saved, the directory unavailable, calls not coming in), shown
//! on a status line instead of a popup. They never take a key: what the
//! operator types while one shows reaches the screen as if it were not
//! there. Which notices are such is [`Notice::is_desk_status`].

use super::popup::Popup;
use super::vocab::Notice;

/// How many desk notices are kept: the newest; older ones make way.
const KEPT: usize = 8;

/// The desk notices of this run, oldest first, each once.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct DeskStatus {
    notices: Vec<Notice>,
}

impl DeskStatus {
    /// Takes the desk notices out of the popup stack (wherever they were
    /// raised: `Ctx::notify`, start-up messages) onto the status line.
    pub fn take_from(&mut self, popups: &mut Vec<Popup>) {
        let mut i = 0;
        while i < popups.len() {
            if matches!(&popups[i], Popup::Message(n) if n.is_desk_status()) {
                if let Popup::Message(notice) = popups.remove(i) {
                    self.add(notice);
                }
            } else {
                i += 1;
            }
        }
    }

    /// Adds a notice as the newest; the same notice again moves up rather
    /// than showing twice.
    pub fn add(&mut self, notice: Notice) {
        self.notices.retain(|n| *n != notice);
        self.notices.push(notice);
        if self.notices.len() > KEPT {
            self.notices.remove(0);
        }
    }

    /// Drops the notices a condition no longer holds for (a link that came
    /// back, a write that went through on a retry).
    pub fn clear(&mut self, gone: impl Fn(&Notice) -> bool) {
        self.notices.retain(|n| !gone(n));
    }

    /// The notices, newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &Notice> {
        self.notices.iter().rev()
    }

    pub fn is_empty(&self) -> bool {
        self.notices.is_empty()
    }

    pub fn len(&self) -> usize {
        self.notices.len()
    }
}
