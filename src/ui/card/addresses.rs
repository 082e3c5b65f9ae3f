//! Section 3: addresses, wrapped in full, and the selected one's details.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row};

use super::{empty, kv, kvs, or_dash, table};
use crate::app::{App, CardScreen};
use crate::i18n::Texts;
use crate::present::{address_line, address_prefixes};
use crate::ui::theme;
use crate::ui::wrap::{wrap, wrap_lines};

/// The width of the address type column.
const TYPE_WIDTH: u16 = 16;

/// An address line wrapped so that no line ends in a prefix ("кв.") cut
/// from its number.
fn wrap_address(line: &str, width: usize, t: &Texts) -> Vec<String> {
    let mut glued = line.to_owned();
    for prefix in address_prefixes(t) {
        glued = glued.replace(prefix, &prefix.replace(' ', "\u{a0}"));
    }
    wrap(&glued, width)
        .into_iter()
        .map(|l| l.replace('\u{a0}', " "))
        .collect()
}

pub(super) fn draw(frame: &mut Frame, area: Rect, app: &App, screen: &CardScreen) {
    let t = app.lang.texts();
    let addresses = &screen.card.addresses;
    if addresses.is_empty() {
        return empty(frame, area, t.card.no_addresses);
    }
    // Long addresses wrap: a cut-off apartment number would mislead.
    let text_width = usize::from(area.width.saturating_sub(TYPE_WIDTH + 2));
    let mut list_height = 1;
    let rows = addresses
        .iter()
        .map(|a| {
            let mut type_lines = vec![Line::raw(a.type_name.clone())];
            if a.read_only {
                type_lines.push(Line::styled(
                    t.card.read_only_mark.trim().to_owned(),
                    theme::warning(),
                ));
            }
            let lines: Vec<Line> = wrap_address(&address_line(a, t), text_width, t)
                .into_iter()
                .map(Line::raw)
                .collect();
            let height = lines.len().max(type_lines.len());
            list_height += height;
            Row::new(vec![Cell::from(type_lines), Cell::from(lines)])
                .height(u16::try_from(height).unwrap_or(1))
        })
        .collect::<Vec<_>>();
    let list_height = u16::try_from(list_height).unwrap_or(u16::MAX);
    let [list_area, details_area] = Layout::vertical([
        Constraint::Length(list_height.min(area.height / 2 + 1)),
        Constraint::Min(0),
    ])
    .areas(area);
    table(
        frame,
        list_area,
        [t.card.col_type, t.card.col_address]
            .map(Cell::from)
            .to_vec(),
        rows,
        &[Constraint::Length(TYPE_WIDTH), Constraint::Fill(1)],
        screen.row(),
    );
    let Some(a) = addresses.get(screen.row()) else {
        return;
    };
    let mut lines = vec![
        kvs(&[
            (t.card.entrance, or_dash(&a.entry, t)),
            (t.card.floor, or_dash(&a.floor, t)),
            (t.card.apartment, or_dash(&a.apartments, t)),
            (t.card.intercom, or_dash(&a.entry_code, t)),
        ]),
        kv(t.card.metro, or_dash(&a.metro_station, t)),
        kv(t.card.notes, or_dash(&a.dop_info, t)),
        kvs(&[
            (t.card.country, or_dash(&a.country, t)),
            (t.card.region, or_dash(&a.region, t)),
            (t.card.postcode, or_dash(&a.zip, t)),
        ]),
    ];
    if !a.lat.is_empty() || !a.lng.is_empty() {
        lines.push(kv(t.card.coordinates, format!("{}, {}", a.lat, a.lng)));
    }
    if a.read_only {
        lines.push(Line::styled(t.card.read_only_note, theme::warning()));
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme::muted())
        .title(Span::styled(t.card.address_details, theme::label()));
    let lines = wrap_lines(&lines, usize::from(block.inner(details_area).width));
    frame.render_widget(Paragraph::new(lines).block(block), details_area);
}
