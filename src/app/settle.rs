//! What every `update` does once its message is handled: the popups and
//! the navigation the handlers asked for, the drafts to write, the lists
//! to prepare again, a new form's defaults, a choice made before its list,
//! the keys typed ahead, the desk's notices to the status line.

use super::apply::Asked;
use super::outcome::{Nav, Outcome};
use super::owners::OwnerId;
use super::{App, Clock, Ctx, Effect, Popup, Screen, draft};

impl App {
    /// Finishes an update whose outcomes are carried out but for the
    /// navigation, and whose handlers `asked` for more, at `clock`; returns
    /// every effect to run.
    pub(super) fn settle(&mut self, clock: Clock, asked: Asked) -> Vec<Effect> {
        let Asked {
            mut effects,
            popups,
            navs,
        } = asked;
        self.shared.clock = clock;
        self.popups.extend(popups);
        // A card opening with forms parked for its client offers them back.
        let offers: Vec<Popup> = navs
            .iter()
            .filter_map(|(_, nav)| match nav {
                Nav::Push(Screen::Card(card)) => self.parked.offer_for(&card.card.id),
                _ => None,
            })
            .collect();
        effects.extend(self.navigate_all(navs));
        self.popups.extend(offers);
        if !self.quit {
            let drafts = draft::of_screens(&self.screens, clock.unix_secs);
            // Drafts first: a save's "sent" mark is queued before the save
            // itself, which waits for it (see `Executor::run`).
            let written = self.drafts.sync(drafts, clock.since_start, false);
            effects.splice(0..0, written);
        }
        // A long list whose data changed is prepared again off the loop.
        let mut ctx = Ctx::new(&mut self.shared);
        ctx.prepare_changed_dicts(self.lang);
        effects.extend(ctx.finish().0);
        // Pickers show the newest lists (loads, patches after writes).
        for popup in &mut self.popups {
            if let Popup::Picker(p) = popup {
                p.set_lang(self.lang);
                p.sync(&self.shared.dicts);
            }
        }
        // A new form's defaults, as their lists arrive.
        if let Some(Screen::Form(form)) = self.screens.last_mut()
            && form.wants_defaults
        {
            let mut ctx = Ctx::new(&mut self.shared);
            form.apply_defaults(&mut ctx);
            let (more, popups) = ctx.finish();
            effects.extend(more);
            self.popups.extend(popups);
        }
        // An Enter pressed while the list was loading chooses now.
        if let Some(Popup::Picker(p)) = self.popups.last_mut()
            && let Some(choice) = p.take_pending_choice()
        {
            let target = p.target;
            let mut asked = Asked {
                effects: Vec::new(),
                popups: Vec::new(),
                navs: Vec::new(),
            };
            let unsaved = self.has_unsaved_changes();
            self.apply(Outcome::Chosen(target, choice), None, unsaved, &mut asked);
            effects.extend(asked.effects);
            self.popups.extend(asked.popups);
        }
        // Keys typed ahead, once what they waited for is there.
        effects.extend(self.release_typed_ahead());
        // The desk's own notices go to the status line: they take no key.
        self.status.take_from(&mut self.popups);
        // What the other desks are told this desk has open.
        effects.extend(self.presence.changed(&self.screens).map(Effect::Watch));
        // Answers to requests nobody waits for any more will be dropped.
        self.forget_gone_askers(&effects);
        effects
    }

    /// After an update: requests cancelled, and those of screens and
    /// popups that are gone, are waited for no more.
    pub(super) fn forget_gone_askers(&mut self, effects: &[Effect]) {
        for effect in effects {
            if let Effect::Cancel(req) = effect {
                self.shared.owners.forget(*req);
            }
        }
        let alive: Vec<OwnerId> = self
            .screens
            .iter()
            .map(Screen::owner)
            .chain(self.popups.iter().filter_map(Popup::owner))
            .collect();
        self.shared.owners.keep_alive(|o| alive.contains(&o));
    }
}
