//! What every `update` does once its message is handled: the popups and
//! the navigation the handlers asked for, the drafts to write, the lists
//! to prepare again, a new form's defaults, a choice made before its list,
//! the keys typed ahead, the desk's notices to the status line.

use super::outcome::{Outcome, apply};
use super::{App, Clock, Ctx, Effect, Nav, Popup, Screen, draft};

impl App {
    /// Finishes an update whose handlers asked for `effects`, `popups` and
    /// `nav`, at `clock`; returns every effect to run.
    pub(super) fn settle(
        &mut self,
        clock: Clock,
        mut effects: Vec<Effect>,
        popups: Vec<Popup>,
        nav: Option<Nav>,
    ) -> Vec<Effect> {
        self.shared.clock = clock;
        self.popups.extend(popups);
        // A card opening with forms parked for its client offers them back.
        let offer = match &nav {
            Some(Nav::Push(Screen::Card(card))) => self.parked.offer_for(&card.card.id),
            _ => None,
        };
        if let Some(nav) = nav {
            effects.extend(self.navigate(nav));
        }
        self.popups.extend(offer);
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
            let (more, popups, _) = ctx.finish();
            effects.extend(more);
            self.popups.extend(popups);
        }
        // An Enter pressed while the list was loading chooses now.
        if let Some(Popup::Picker(p)) = self.popups.last_mut()
            && let Some(choice) = p.take_pending_choice()
        {
            let target = p.target;
            let mut ctx = Ctx::new(&mut self.shared);
            apply(
                Outcome::Chosen(target, choice),
                &mut self.popups,
                &mut self.screens,
                &mut self.quit,
                &mut ctx,
            );
            let (more, popups, _) = ctx.finish();
            effects.extend(more);
            self.popups.extend(popups);
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

    /// Moves between screens; returns the effects a delivery asked for.
    fn navigate(&mut self, nav: Nav) -> Vec<Effect> {
        let mut effects = Vec::new();
        match nav {
            Nav::Push(screen) => self.screens.push(screen),
            Nav::Replace(screen) => {
                if self.screens.len() > 1 {
                    self.screens.pop();
                }
                self.screens.push(screen);
            }
            Nav::Pop | Nav::PopDeliver(_) if self.screens.len() <= 1 => {}
            Nav::Pop => {
                self.screens.pop();
            }
            Nav::PopDeliver(delivery) => {
                self.screens.pop();
                let mut ctx = Ctx::new(&mut self.shared);
                match self.screens.last_mut() {
                    Some(Screen::Card(card)) => card.take_delivery(delivery, &mut ctx),
                    Some(Screen::Form(form)) => form.take_delivery(delivery),
                    _ => {}
                }
                let (more, popups, _) = ctx.finish();
                effects = more;
                self.popups.extend(popups);
            }
        }
        // Back on the lookup screen: the directory may know more now.
        if let Some(Screen::Lookup(l)) = self.screens.last_mut() {
            let mut ctx = Ctx::new(&mut self.shared);
            l.search(&mut ctx);
            effects.extend(ctx.finish().0);
        }
        effects
    }
}
