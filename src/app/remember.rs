//! A card the desk has seen, kept: in this run's list of seen clients and,
//! in the background, in the client directory.

use super::{Ctx, Effect};
use crate::api::model::ClientCard;

/// Keeps a card the desk has just opened, created or saved in the client
/// directory (in the background; a failure is said once and the card
/// tried again, see [`super::dir_writes`]).
pub fn remember(card: &ClientCard, ctx: &mut Ctx) {
    ctx.desk.seen.record(card, ctx.city_code);
    // Writes that failed before go first, then this one.
    ctx.desk
        .writes
        .again(ctx.clock.since_start, &mut ctx.effects);
    ctx.effects.push(Effect::RememberClient {
        card: Box::new(card.clone()),
        contact_types: ctx.dicts.contact_types().to_vec(),
        seen_at: i64::try_from(ctx.clock.unix_secs).unwrap_or(i64::MAX),
    });
}
