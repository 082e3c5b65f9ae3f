//! «пропущенный в 12:03» on a card: per client, when one of its numbers
//! last rang unanswered and was not called back since.
//!
//! Asked of the call log each time a card loads ([`MissedMarks::card_loaded`]:
//! [`Effect::FindClientMissed`], answered by [`MissedMarks::found`]). A card
//! opened by taking a call keeps the mark that call carried: taking it
//! answers it, which resolves the missed call in the log, yet the operator
//! should still see that this caller was missed before.

use std::collections::HashMap;

use super::outcome::{Nav, Outcome};
use super::{Ctx, Effect, Screen};
use crate::api::model::ClientCard;
use crate::phone;

/// The missed-call marks of the clients whose cards were loaded.
#[derive(Debug, Clone, Default)]
pub struct MissedMarks {
    /// Client id → when its number's missed call rang (seconds since 1970).
    marks: HashMap<String, u64>,
    /// The client of the call just taken, and when its number was missed.
    taken: Option<(String, u64)>,
}

impl MissedMarks {
    /// When client `id`'s number was last missed, not yet called back.
    pub fn of(&self, id: &str) -> Option<u64> {
        self.marks.get(id).copied()
    }

    /// A call was taken that leads to client `id`'s card; `missed`: when
    /// the number was missed before (the banner's mark).
    pub fn taken(&mut self, id: &str, missed: Option<u64>) {
        self.taken = missed.map(|at| (id.to_owned(), at));
    }

    /// The CRM answered with `card`: when its card is shown or opening
    /// (`opening`: among the answer's outcomes; not a stale answer),
    /// [`Self::card_loaded`].
    pub fn card_answered(
        &mut self,
        card: &ClientCard,
        screens: &[Screen],
        opening: &[&Outcome],
        ctx: &mut Ctx,
    ) {
        let card_of = |s: &Screen| matches!(s, Screen::Card(c) if c.card.id == card.id);
        let opening = opening
            .iter()
            .any(|o| matches!(o, Outcome::Go(Nav::Push(s) | Nav::Replace(s)) if card_of(s)));
        if opening || screens.iter().any(card_of) {
            self.card_loaded(card, ctx);
        }
    }

    /// The card of `card.id` loaded: the mark of the call taken for it, or
    /// the log is asked about the card's phones.
    pub fn card_loaded(&mut self, card: &ClientCard, ctx: &mut Ctx) {
        if let Some((_, at)) = self.taken.take_if(|(id, _)| *id == card.id) {
            self.marks.insert(card.id.clone(), at);
            return;
        }
        let mut phones: Vec<String> = card
            .contacts
            .iter()
            .filter_map(|c| phone::parse(&c.value, ctx.city_code).ok())
            .map(|p| p.canonical().to_owned())
            .collect();
        phones.dedup();
        if phones.is_empty() {
            self.marks.remove(&card.id);
            return;
        }
        ctx.effects.push(Effect::FindClientMissed {
            client: card.id.clone(),
            phones,
        });
    }

    /// The log's answer for client `id`.
    pub fn found(&mut self, id: String, at: Option<u64>) {
        match at {
            Some(at) => {
                self.marks.insert(id, at);
            }
            None => {
                self.marks.remove(&id);
            }
        }
    }
}
