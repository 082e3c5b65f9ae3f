//! Section 2: contacts.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row};

use super::{empty, table};
use crate::app::{App, CardScreen};

pub(super) fn draw(frame: &mut Frame, area: Rect, app: &App, screen: &CardScreen) {
    let t = app.lang.texts();
    let contacts = &screen.card.contacts;
    if contacts.is_empty() {
        return empty(frame, area, t.card.no_contacts);
    }
    let types = app.dicts().contact_types();
    let rows = contacts
        .iter()
        .map(|c| {
            let mailing = types.iter().any(|ty| ty.id == c.type_id && ty.mailing);
            Row::new(vec![
                Cell::from(c.type_name.as_str()),
                Cell::from(crate::present::display_phone(&c.value)),
                Cell::from(if mailing { t.card.mailing_mark } else { "" }),
            ])
        })
        .collect();
    table(
        frame,
        area,
        [t.card.col_type, t.card.col_value, t.card.col_mailing]
            .map(Cell::from)
            .to_vec(),
        rows,
        &[
            Constraint::Length(22),
            Constraint::Fill(1),
            Constraint::Length(12),
        ],
        screen.row(),
    );
}
