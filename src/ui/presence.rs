//! The other desks' forms on the client shown, as lines for the card's top
//! and the form's header.

use ratatui::text::{Line, Span};

use super::theme;
use crate::app::App;
use crate::i18n::presence::editing_lines;

/// At most this many desks are named; the newest are left out.
const MOST: usize = 2;

/// «Иванова (пульт 3) изменяет адреса с 12:03», one line per other desk
/// with a form open on client `id` (none without a shared directory).
pub fn lines(app: &App, id: &str) -> Vec<Line<'static>> {
    let editors = app.presence.editors_of(id);
    let editors = &editors[..editors.len().min(MOST)];
    editing_lines(app.lang, editors, app.shared.clock.utc_offset_secs)
        .into_iter()
        .map(|text| Line::from(Span::styled(format!("⚠ {text}"), theme::warning())))
        .collect()
}
