//! Taking a draft back: the list offered at start, and reopening the form
//! on its client's card (the card is loaded first, then the form opens over
//! it with every field as it was, to check and save).

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::card::CardScreen;
use super::draft::{Draft, DraftOffer};
use super::form::FormNote;
use super::outcome::Outcome;
use super::popup_keys::global_key;
use super::remember::remember;
use super::vocab::{Failed, Notice, PersonName};
use super::{Ctx, Effect, RequestId, Screen};
use crate::api::ApiError;
use crate::api::model::ClientCard;
use crate::keymap::{Action, Scope};

/// A key on the draft list: Up/Down choose, Enter takes, Delete discards
/// (the file goes), Esc closes (the drafts stay for the next start).
pub(super) fn offer_key(
    offer: &mut DraftOffer,
    key: &KeyEvent,
    ctx: &mut Ctx,
    unsaved: bool,
) -> Outcome {
    let last = offer.drafts.len().saturating_sub(1);
    match ctx.keymap.action(Scope::Picker, key) {
        Some(Action::Up) => offer.selected = offer.selected.saturating_sub(1),
        Some(Action::Down) => offer.selected = (offer.selected + 1).min(last),
        Some(Action::Choose) => {
            if offer.selected < offer.drafts.len() {
                let taken = offer.drafts.remove(offer.selected);
                return Outcome::TakeDraft(Box::new(taken.draft));
            }
        }
        Some(Action::Delete) => {
            if offer.selected < offer.drafts.len() {
                let gone = offer.drafts.remove(offer.selected);
                ctx.effects.push(Effect::RemoveDraft(gone.draft.key()));
                offer.selected = offer.selected.min(offer.drafts.len().saturating_sub(1));
                if offer.drafts.is_empty() {
                    return Outcome::ClosePopup;
                }
            }
        }
        Some(Action::Back) => return Outcome::ClosePopup,
        _ if key.code == KeyCode::Enter => return Outcome::ClosePopup,
        _ => return global_key(Scope::Picker, key, ctx, unsaved),
    }
    Outcome::Taken
}

/// Takes `draft`: a new client's form opens at once; a client's form waits
/// for the card, whose load this returns.
pub(super) fn take(
    draft: Draft,
    screens: &mut Vec<Screen>,
    ctx: &mut Ctx,
) -> Option<(RequestId, Box<Draft>)> {
    match &draft.client_id {
        None => {
            open_form(&draft, screens, ctx);
            None
        }
        Some(id) => {
            let req = ctx.request_for_desk();
            ctx.effects.push(Effect::LoadClient {
                req,
                id: id.clone(),
            });
            Some((req, Box::new(draft)))
        }
    }
}

/// The card of a taken draft arrived: the card, then the form over it.
pub(super) fn card_loaded(
    draft: Draft,
    result: &Result<ClientCard, ApiError>,
    screens: &mut Vec<Screen>,
    ctx: &mut Ctx,
) {
    match result {
        Ok(card) => {
            let screen = CardScreen::new(card.clone());
            remember(&screen.card, ctx);
            screens.truncate(1);
            screens.push(Screen::Card(screen));
            // The card's name wins over the draft's; a difference is said
            // (a draft edited by hand, or the client renamed since).
            let name = PersonName::of(card);
            let mut draft = draft;
            if draft.client_name != name {
                ctx.notify(Notice::DraftNameDiffers {
                    draft: std::mem::replace(&mut draft.client_name, name.clone()),
                    card: name,
                });
            }
            open_form(&draft, screens, ctx);
        }
        Err(error) => ctx.show_error_of(Failed::Restore, error),
    }
}

fn open_form(draft: &Draft, screens: &mut Vec<Screen>, ctx: &mut Ctx) {
    let Some(mut form) = draft.form() else {
        return;
    };
    form.preload(ctx);
    form.revalidate(ctx);
    if let Some(at) = draft.sent_at {
        let at_local = i64::try_from(at).unwrap_or(i64::MAX) + i64::from(ctx.clock.utc_offset_secs);
        form.note = Some(FormNote::SentUnanswered { at_local });
    }
    screens.push(Screen::Form(Box::new(form)));
}
