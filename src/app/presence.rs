//! The other desks, as this desk's screens see them: which client this
//! desk has open (handed to the shared directory as
//! [`Effect::Watch`](super::Effect::Watch) whenever it changes), and what
//! the shared directory said back about it ([`super::Msg::Presence`]): the
//! other desks' forms on it, shown on the card and in the form's header,
//! and a save made at another desk after this desk's form was opened,
//! which makes the form's save ask first.
//!
//! Without a shared directory ([`PresenceView::enable`] not called) nothing
//! is said, nothing answers, and nothing changes.

use super::Screen;
use super::form::FormKind;
use crate::presence::{EditedPart, Editor, Presence, Watching};

/// What this desk said it has open, and what came back.
#[derive(Debug, Default)]
pub struct PresenceView {
    /// A shared directory is configured: there is someone to tell.
    enabled: bool,
    said: Watching,
    heard: Option<Presence>,
}

impl PresenceView {
    /// There is a shared directory to tell what this desk has open.
    pub fn enable(&mut self) {
        self.enabled = true;
    }

    /// What `screens` have open, when it differs from what was said last.
    pub fn changed(&mut self, screens: &[Screen]) -> Option<Watching> {
        if !self.enabled {
            return None;
        }
        let now = watching(screens);
        (now != self.said).then(|| {
            self.said = now.clone();
            now
        })
    }

    /// What the shared directory says now (none: nothing, or it cannot be
    /// read); a save at another desk reaches the form on that client.
    pub fn heard(&mut self, presence: Option<Presence>, screens: &mut [Screen]) {
        for screen in screens.iter_mut() {
            if let Screen::Form(form) = screen
                && let Some((id, _)) = edited(&form.kind)
            {
                let saved = presence
                    .as_ref()
                    .filter(|p| p.client_id == id)
                    .and_then(|p| p.saved_since_opened.clone());
                form.saved_elsewhere = saved;
            }
        }
        self.heard = presence;
    }

    /// The other desks' forms on client `id`, oldest first.
    pub fn editors_of(&self, id: &str) -> &[Editor] {
        match &self.heard {
            Some(p) if p.client_id == id => &p.editors,
            _ => &[],
        }
    }
}

/// The client a form edits and the part, for the other desks (a new
/// client's forms edit nobody yet).
pub fn edited(kind: &FormKind) -> Option<(&str, EditedPart)> {
    match kind {
        FormKind::MainData { client_id } => Some((client_id, EditedPart::MainData)),
        FormKind::Contact { client_id, .. } => Some((client_id, EditedPart::Contacts)),
        FormKind::Address { client_id, .. } => Some((client_id, EditedPart::Addresses)),
        FormKind::NewClient | FormKind::DraftContact { .. } | FormKind::DraftAddress { .. } => None,
    }
}

/// The client on the top screen, and the form open on a client anywhere
/// in the stack (a form under the call log is still open).
fn watching(screens: &[Screen]) -> Watching {
    let shown = match screens.last() {
        Some(Screen::Card(card)) => Some(card.card.id.clone()),
        Some(Screen::Form(form)) => edited(&form.kind).map(|(id, _)| id.to_owned()),
        _ => None,
    };
    let editing = screens.iter().rev().find_map(|s| match s {
        Screen::Form(form) => edited(&form.kind).map(|(id, part)| (id.to_owned(), part)),
        _ => None,
    });
    Watching { shown, editing }
}
