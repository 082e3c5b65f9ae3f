//! Carrying out what the handlers asked for: every [`Outcome`] of an
//! update, in one place, and the navigation among them (with the rule for
//! an answer that reaches a screen the operator has moved away from).

use super::outcome::{Nav, Outcome};
use super::vocab::Command;
use super::{App, Clock, Ctx, Effect, Popup, Screen, restore, take};

/// What an update's handlers asked for besides their outcomes, gathered
/// while the outcomes are carried out.
pub(super) struct Asked {
    pub effects: Vec<Effect>,
    /// Notices and questions, shown over the popups the outcomes leave.
    pub popups: Vec<Popup>,
    /// Where to go, and which screen asked (`None`: the one on top).
    pub navs: Vec<(Option<usize>, Nav)>,
}

impl App {
    /// Carries out `outcomes` (each with the screen it came from, `None`
    /// for the top) after handlers that asked for `effects` and `popups`
    /// at `clock`, then settles; returns every effect to run. `unsaved`:
    /// whether a form held unsaved changes when the message came.
    pub(super) fn conclude(
        &mut self,
        clock: Clock,
        effects: Vec<Effect>,
        popups: Vec<Popup>,
        outcomes: Vec<(Option<usize>, Outcome)>,
        unsaved: bool,
    ) -> Vec<Effect> {
        self.shared.clock = clock;
        let mut asked = Asked {
            effects,
            popups,
            navs: Vec::new(),
        };
        for (from, outcome) in outcomes {
            self.apply(outcome, from, unsaved, &mut asked);
        }
        self.settle(clock, asked)
    }

    /// Carries out one outcome; what it leads to next is carried out too.
    pub(super) fn apply(
        &mut self,
        outcome: Outcome,
        from: Option<usize>,
        unsaved: bool,
        asked: &mut Asked,
    ) {
        let mut ctx = Ctx::new(&mut self.shared);
        let next = match outcome {
            Outcome::NotTaken | Outcome::Taken => None,
            Outcome::Go(nav) => {
                asked.navs.push((from, nav));
                None
            }
            Outcome::ClosePopup => {
                self.popups.pop();
                None
            }
            Outcome::Open(popup) => {
                self.popups.push(popup);
                None
            }
            Outcome::Run(Command::Quit) => {
                self.popups.clear();
                self.quit = true;
                None
            }
            Outcome::Run(Command::ParkAndTake { call }) => {
                self.popups.pop();
                Some(self.parked.park_and_take(
                    call,
                    &mut self.screens,
                    &mut self.drafts,
                    &mut self.calls,
                    &mut ctx,
                ))
            }
            Outcome::Run(command) => {
                // Opening the card a new client's phone belongs to keeps
                // the form as a draft (F6), as parking for a call does.
                if matches!(command, Command::OpenClient { .. })
                    && matches!(self.screens.last(), Some(Screen::Form(_)))
                    && matches!(self.popups.as_slice(), [Popup::Confirm(_)])
                {
                    self.parked.park(&self.screens, &mut self.drafts, &mut ctx);
                }
                self.popups.pop();
                match (self.popups.last_mut(), self.screens.last_mut()) {
                    (Some(Popup::Picker(p)), _) => {
                        p.run(command, &mut ctx);
                        None
                    }
                    (None, Some(Screen::Card(c))) => {
                        c.run(command, &mut ctx);
                        None
                    }
                    (None, Some(Screen::Form(f))) => match command {
                        Command::DiscardForm => Some(Outcome::Go(Nav::Pop)),
                        Command::CreateAnyway => Some(f.create_anyway(&mut ctx)),
                        Command::SendAgain => Some(f.send_again(&mut ctx)),
                        Command::SaveAnyway => Some(f.save_anyway(&mut ctx)),
                        Command::OpenClient { client_id } => {
                            // The form is given up; the lookup below opens
                            // the card the phone belongs to.
                            if let Some(Screen::Lookup(l)) = self.screens.first_mut() {
                                l.open_id(client_id.as_str(), &mut ctx);
                            }
                            Some(Outcome::Go(Nav::Pop))
                        }
                        other => unanswered(&other),
                    },
                    _ => unanswered(&command),
                }
            }
            Outcome::Chosen(target, choice) => {
                // Close the picker (and a dialog over it), then fill the form.
                while matches!(
                    self.popups.last(),
                    Some(Popup::Picker(_) | Popup::Dialog(_))
                ) {
                    self.popups.pop();
                }
                if let Some(Screen::Form(form)) = self.screens.last_mut() {
                    form.picked(target, choice, &mut ctx);
                }
                None
            }
            Outcome::Renamed(target, choice) => {
                if matches!(self.popups.last(), Some(Popup::Dialog(_))) {
                    self.popups.pop();
                }
                if let Some(Screen::Form(form)) = self.screens.last_mut() {
                    let id = choice.id.clone();
                    form.dictionary_changed(target, &id, Some(choice));
                }
                None
            }
            Outcome::Removed(target, id) => {
                if let Some(Screen::Form(form)) = self.screens.last_mut() {
                    form.dictionary_changed(target, &id, None);
                }
                None
            }
            Outcome::TakeCall(which) => {
                if matches!(self.popups.last(), Some(Popup::Waiting(_))) {
                    self.popups.pop();
                }
                Some(take::take(
                    &mut self.calls,
                    which,
                    &mut self.screens,
                    unsaved,
                    &mut ctx,
                ))
            }
            Outcome::FollowCall(row) => Some(take::follow_logged(
                &row,
                &mut self.screens,
                unsaved,
                &mut ctx,
            )),
            Outcome::TakeDraft(draft) => {
                self.popups.pop();
                self.parked.forget(&draft.key());
                self.restoring = restore::take(*draft, &mut self.screens, &mut ctx);
                None
            }
        };
        let (effects, popups) = ctx.finish();
        asked.effects.extend(effects);
        asked.popups.extend(popups);
        if let Some(next) = next {
            self.apply(next, None, unsaved, asked);
        }
    }

    /// Moves between screens as `nav` says; `from`: the screen that asked
    /// (`None`: the one on top). Returns the effects a delivery asked for.
    ///
    /// A key, or an answer for the screen on top, moves the operator as
    /// asked. An answer for a screen under others (the operator moved on
    /// before it came) is carried out without taking them from where they
    /// are: a card they asked for opens on top of what they moved to; a
    /// covered screen that closes (a form saved, a card deleted) closes
    /// where it is, handing its result to the screen below it, and one
    /// replaced (a new client's form by the card) is replaced in place.
    fn navigate(&mut self, from: Option<usize>, nav: Nav) -> Vec<Effect> {
        let top = self.screens.len().saturating_sub(1);
        let at = from.map_or(top, |i| i.min(top));
        let mut effects = Vec::new();
        match nav {
            Nav::Push(screen) => self.screens.push(screen),
            Nav::Replace(screen) if at == 0 => self.screens.push(screen),
            Nav::Replace(screen) => self.screens[at] = screen,
            Nav::Pop | Nav::PopDeliver(_) if at == 0 => {}
            Nav::Pop => {
                self.screens.remove(at);
            }
            Nav::PopDeliver(delivery) => {
                self.screens.remove(at);
                let mut ctx = Ctx::new(&mut self.shared);
                match self.screens.get_mut(at - 1) {
                    Some(Screen::Card(card)) => card.take_delivery(delivery, &mut ctx),
                    Some(Screen::Form(form)) => form.take_delivery(delivery),
                    _ => {}
                }
                let (more, popups) = ctx.finish();
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

    /// Carries out every navigation asked for: the top's first, then the
    /// covered screens' from the highest, so that each index still names
    /// the screen that asked.
    pub(super) fn navigate_all(&mut self, mut navs: Vec<(Option<usize>, Nav)>) -> Vec<Effect> {
        navs.sort_by_key(|(from, _)| std::cmp::Reverse(from.unwrap_or(usize::MAX)));
        let mut effects = Vec::new();
        for (from, nav) in navs {
            effects.extend(self.navigate(from, nav));
        }
        effects
    }
}

/// A question's command with nobody under the question to run it: a
/// question covers the screen or picker that asked, so this is a slip,
/// logged rather than passed over without a trace.
fn unanswered(command: &Command) -> Option<Outcome> {
    tracing::debug!(?command, "a question's command found no receiver");
    None
}
