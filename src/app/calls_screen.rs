//! The calls screen («Журнал звонков»): the call log newest first, or only
//! the missed calls nobody has called back yet (over all the days kept).
//! Enter leads where the call leads (the client's card, a new client with
//! the number); one key marks a missed call as called back.

mod keys;

use super::calllog::{CallStatus, LoggedCall};
use super::owners::OwnerId;
use super::{Ctx, Effect, RequestId};

/// How many rows PageUp and PageDown move.
const PAGE: usize = 10;

/// The calls screen's state.
#[derive(Debug, Clone, Default)]
pub struct CallsScreen {
    /// Names this screen to the requests it makes: their answers come
    /// here (see [`super::owners`]).
    pub owner: OwnerId,
    /// Newest first, as the log answered.
    pub rows: Vec<LoggedCall>,
    pub selected: usize,
    /// Only the missed calls not yet called back.
    pub missed_only: bool,
    /// The list asked for and not yet answered.
    pub loading: Option<RequestId>,
}

impl CallsScreen {
    /// The screen, its list asked for.
    pub fn open(missed_only: bool, ctx: &mut Ctx) -> Self {
        let mut screen = Self {
            missed_only,
            ..Self::default()
        };
        screen.load(ctx);
        screen
    }

    fn load(&mut self, ctx: &mut Ctx) {
        let req = ctx.request(self.owner);
        self.loading = Some(req);
        ctx.effects.push(Effect::LoadCallLog {
            req,
            missed_only: self.missed_only,
        });
    }

    /// The log's answer, if this screen asked for it.
    pub fn loaded(&mut self, req: RequestId, rows: Vec<LoggedCall>) {
        if self.loading != Some(req) {
            return;
        }
        self.loading = None;
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// The row chosen.
    pub fn chosen(&self) -> Option<&LoggedCall> {
        self.rows.get(self.selected)
    }

    /// Marks the chosen missed call as called back by `desk`; the number's
    /// other missed calls are resolved with it (as the log does).
    fn called_back(&mut self, desk: &str, ctx: &mut Ctx) {
        let Some(row) = self.rows.get_mut(self.selected) else {
            return;
        };
        if !matches!(row.status(), CallStatus::Missed | CallStatus::RangAgain) {
            return;
        }
        let now = ctx.clock.unix_secs;
        row.called_back_at = Some(now);
        row.called_back_by = Some(desk.to_owned());
        let (key, canonical) = (row.key.clone(), row.canonical.clone());
        ctx.effects.push(Effect::LogCall(Box::new(row.clone())));
        for other in &mut self.rows {
            if other.key != key
                && canonical.is_some()
                && other.canonical == canonical
                && other.is_open_missed()
                && other.rang_at <= now
            {
                other.resolved_at = Some(now);
            }
        }
        if self.missed_only {
            self.rows.retain(LoggedCall::is_open_missed);
            self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        }
    }
}
