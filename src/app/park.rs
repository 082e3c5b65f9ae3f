//! Parking forms for a call: the take key over a changed form offers to
//! keep it as a draft (the drafts that survive kill -9), close it and take
//! the call. A parked form is offered back when its client's card opens,
//! and from the drafts list (a key); quitting keeps the parked drafts.

use std::time::Duration;

use super::calls::CallQueue;
use super::draft::{self, DraftOffer, DraftSync, Offered};
use super::outcome::Outcome;
use super::take;
use super::vocab::CallId;
use super::{Ctx, Popup, Screen};

/// The drafts parked in this run (and those an earlier run left, offered
/// at start), newest last.
#[derive(Debug, Default)]
pub struct Parked {
    pub drafts: Vec<Offered>,
}

impl Parked {
    /// Writes the open forms' drafts now, keeps their files when the forms
    /// close, and takes `call`. Nothing happens while a write is under way
    /// (its answer must reach the form that sent it).
    pub(super) fn park_and_take(
        &mut self,
        call: CallId,
        screens: &mut Vec<Screen>,
        sync: &mut DraftSync,
        queue: &mut CallQueue,
        ctx: &mut Ctx,
    ) -> Outcome {
        if screens.iter().any(take::is_writing) {
            return Outcome::Taken;
        }
        self.park(screens, sync, ctx);
        take::take(queue, Some(call), screens, false, ctx)
    }

    /// Writes the open forms' drafts now and keeps their files when the
    /// forms close (F6 lists them).
    pub(super) fn park(&mut self, screens: &[Screen], sync: &mut DraftSync, ctx: &mut Ctx) {
        let forms = draft::of_screens(screens, ctx.clock.unix_secs);
        let keys: Vec<String> = forms.iter().map(draft::Draft::key).collect();
        ctx.effects
            .extend(sync.sync(forms.clone(), ctx.clock.since_start, true));
        sync.park(&keys);
        for form in forms {
            let draft = draft::Draft {
                crm: sync.crm.clone(),
                ..form
            };
            self.forget(&draft.key());
            self.drafts.push(Offered {
                draft,
                age: Duration::ZERO,
            });
        }
    }

    /// Drops the draft `key` (taken back or deleted).
    pub fn forget(&mut self, key: &str) {
        self.drafts.retain(|d| d.draft.key() != key);
    }

    /// The offer of the drafts parked for `client_id`, if any.
    pub fn offer_for(&self, client_id: &str) -> Option<Popup> {
        let drafts: Vec<Offered> = self
            .drafts
            .iter()
            .filter(|d| d.draft.client_id.as_deref() == Some(client_id))
            .cloned()
            .collect();
        (!drafts.is_empty()).then_some(Popup::Drafts(DraftOffer {
            drafts,
            selected: 0,
        }))
    }

    /// The drafts list (newest first).
    pub fn list(&self) -> Popup {
        Popup::Drafts(DraftOffer {
            drafts: self.drafts.iter().rev().cloned().collect(),
            selected: 0,
        })
    }
}
