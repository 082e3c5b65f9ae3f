//! What a screen's handler may use and change besides the screen itself.

use super::clock::Clock;
use super::desk::Desk;
use super::dicts::DictCache;
use super::effect::{Effect, RequestId};
use super::fresh::Freshness;
use super::owners::{OwnerId, Owners};
use super::popup::Popup;
use super::vocab::{Confirm, DictKey, Failed, Notice};
use super::write::WriteOp;
use crate::api::ApiError;
use crate::keymap::Keymap;
use crate::lang::Lang;

/// The parts of the app every handler shares, grouped so that a [`Ctx`]
/// borrows them whole while the screens and popups are borrowed apart.
#[derive(Debug)]
pub struct Shared {
    pub keymap: Keymap,
    /// `[phone] city_code`: completes seven-digit numbers.
    pub city_code: Option<String>,
    pub dicts: DictCache,
    pub clock: Clock,
    /// The desk's form defaults, last choices and copy setting.
    pub desk: Desk,
    /// The last writes' answers and when cards were loaded.
    pub fresh: Freshness,
    next_request: u64,
    /// Who waits for each request under way.
    pub(super) owners: Owners,
}

impl Shared {
    pub fn new(keymap: Keymap, city_code: Option<String>, clock: Clock) -> Self {
        Self {
            keymap,
            city_code,
            dicts: DictCache::default(),
            clock,
            desk: Desk::default(),
            fresh: Freshness::default(),
            next_request: 0,
            owners: Owners::default(),
        }
    }
}

/// A handler's view of [`Shared`], and what it asks for besides its
/// [`super::outcome::Outcome`]: effects to run, notices and questions to
/// show.
pub struct Ctx<'a> {
    pub keymap: &'a Keymap,
    pub city_code: Option<&'a str>,
    pub dicts: &'a mut DictCache,
    pub clock: Clock,
    pub desk: &'a mut Desk,
    pub fresh: &'a mut Freshness,
    pub effects: Vec<Effect>,
    pub popups: Vec<Popup>,
    next_request: &'a mut u64,
    owners: &'a mut Owners,
}

impl<'a> Ctx<'a> {
    pub fn new(shared: &'a mut Shared) -> Self {
        let Shared {
            keymap,
            city_code,
            dicts,
            clock,
            desk,
            fresh,
            next_request,
            owners,
        } = shared;
        Self {
            keymap,
            city_code: city_code.as_deref(),
            dicts,
            clock: *clock,
            desk,
            fresh,
            effects: Vec::new(),
            popups: Vec::new(),
            next_request,
            owners,
        }
    }

    /// What the handlers asked for: effects, and notices and questions.
    pub(super) fn finish(self) -> (Vec<Effect>, Vec<Popup>) {
        (self.effects, self.popups)
    }

    /// A fresh request id, whose answer goes to `asker` (the screen or
    /// popup whose [`OwnerId`] it is) and to nobody else (see
    /// [`super::owners`]).
    pub fn request(&mut self, asker: OwnerId) -> RequestId {
        let req = next_id(self.next_request);
        self.owners.record(req, asker);
        req
    }

    /// A fresh request id whose answer the desk handles itself, whichever
    /// screen is open (a restored draft's card, a phone's other owners
    /// after a save).
    pub fn request_for_desk(&mut self) -> RequestId {
        next_id(self.next_request)
    }

    /// Who asked for `req`, forgotten now that its answer came; none when
    /// the desk asked, or the asker is gone.
    pub(super) fn asker_of(&mut self, req: RequestId) -> Option<OwnerId> {
        self.owners.take(req)
    }

    /// Sends a write for `asker`; its answer comes back as
    /// [`super::Msg::Written`] with the id, to `asker` only.
    pub fn write(&mut self, asker: OwnerId, op: WriteOp) -> RequestId {
        let req = self.request(asker);
        self.effects.push(Effect::Write {
            req,
            op: Box::new(op),
        });
        req
    }

    /// Starts loading a dictionary unless it is fresh or loading already.
    pub fn ensure_dict(&mut self, key: DictKey) {
        let counter = &mut *self.next_request;
        let now = self.clock.since_start;
        self.dicts
            .ensure(key, now, || next_id(counter), &mut self.effects);
    }

    /// Asks for the long lists whose data changed to be prepared again off
    /// the loop (see [`DictCache::prepare_changed`]).
    pub fn prepare_changed_dicts(&mut self, lang: Lang) {
        let counter = &mut *self.next_request;
        self.dicts
            .prepare_changed(lang, || next_id(counter), &mut self.effects);
    }

    /// Asks the operator a question; its answer comes back as the
    /// [`Confirm::yes`] (or [`Confirm::no`]) command run by the screen or
    /// picker under it.
    pub fn ask(&mut self, question: Confirm) {
        self.popups.push(Popup::Confirm(question));
    }

    /// Shows a notice over everything.
    pub fn notify(&mut self, notice: Notice) {
        self.popups.push(Popup::Message(notice));
    }

    /// Shows an API error, titled with what failed.
    pub fn show_error_of(&mut self, failed: Failed, error: &ApiError) {
        self.notify(Notice::Error {
            failed,
            error: error.clone(),
        });
    }
}

/// The next request id from the app's counter.
fn next_id(counter: &mut u64) -> RequestId {
    *counter += 1;
    RequestId(*counter)
}
