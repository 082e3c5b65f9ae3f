//! The lookup screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::cut::{ellipsis, ellipsis_items};
use super::wrap::wrap_lines;
use super::{field, theme};
use crate::app::App;
use crate::app::lookup::{LookupError, LookupFocus, LookupScreen, is_id_like};
use crate::directory::Hit;
use crate::i18n::{describe_error, fill};
use crate::keymap::{Action, Scope};
use crate::present::display_phone;
use crate::text::sanitize;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, screen: &LookupScreen) {
    let t = app.lang.texts();
    // The lines as wrapped inside the box's borders, so that the last one
    // (the requestId for support) is not cut off.
    let error_lines = wrap_lines(
        &error_lines(app, screen),
        usize::from(area.width.saturating_sub(2)),
    );
    let error_height = if error_lines.is_empty() {
        0
    } else {
        u16::try_from(error_lines.len())
            .unwrap_or(4)
            .saturating_add(2)
            .min(8)
    };
    let [input_area, status_area, error_area, list_area] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Length(error_height),
        Constraint::Min(3),
    ])
    .areas(area);

    let focused = screen.focus == LookupFocus::Field && app.popups.is_empty();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(t.lookup_field_title, theme::title()))
        .border_style(if focused {
            theme::focused_border()
        } else {
            theme::muted()
        });
    let inner = block.inner(input_area);
    frame.render_widget(block, input_area);
    field::draw(frame, inner, &screen.field, focused);

    let status = match &screen.pending {
        Some((_, id)) => Line::from(vec![
            Span::raw(format!(" {} ", theme::spinner(app.spinner))),
            Span::raw(fill(t.lookup_loading, &[id])),
        ]),
        None if screen.field.value().is_empty() => Line::styled(t.lookup_hint, theme::muted()),
        None if screen.hits.is_empty() && is_id_like(screen.field.value()) => {
            Line::styled(t.lookup_hint_id, theme::muted())
        }
        // Typed text that is not an id and finds nobody gets no Enter hint:
        // the list below says there is no match.
        None if screen.hits.is_empty() => Line::raw(""),
        None => Line::styled(t.lookup_hint_typed, theme::muted()),
    };
    frame.render_widget(Paragraph::new(status), status_area);

    if !error_lines.is_empty() {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::error())
            .title(Span::styled(
                if matches!(screen.error, Some(LookupError::Api { .. })) {
                    t.lookup_failed
                } else if matches!(screen.error, Some(LookupError::CannotCheck { .. })) {
                    app.lang.drafts().unavailable_title
                } else {
                    t.lookup_nothing_title
                },
                theme::error(),
            ));
        frame.render_widget(Paragraph::new(error_lines).block(block), error_area);
    }
    draw_hits(frame, list_area, app, screen);
}

fn error_lines(app: &App, screen: &LookupScreen) -> Vec<Line<'static>> {
    let t = app.lang.texts();
    match &screen.error {
        None => Vec::new(),
        Some(LookupError::NotFound) => {
            vec![Line::raw(fill(t.lookup_not_found, &[&new_client_key(app)]))]
        }
        Some(LookupError::CannotCheck { phone: None }) => {
            vec![Line::raw(app.lang.drafts().lookup_cannot_check)]
        }
        Some(LookupError::CannotCheck { phone: Some(phone) }) => vec![Line::raw(fill(
            app.lang.drafts().lookup_cannot_check_phone,
            &[&display_phone(phone)],
        ))],
        Some(LookupError::NewClientOffer { phone }) => vec![Line::raw(fill(
            t.lookup_new_client_offer,
            &[&display_phone(phone)],
        ))],
        Some(LookupError::Api { id, error }) => {
            let text = describe_error(error, app.lang);
            let mut lines = vec![
                Line::styled(
                    format!("{}: {}", fill(t.lookup_client_n, &[id]), text.title),
                    theme::error(),
                ),
                Line::raw(text.advice),
            ];
            lines.extend(text.details.into_iter().map(Line::raw));
            if let Some(rid) = text.request_id {
                lines.push(Line::styled(
                    format!("{}: {rid}", t.request_id),
                    theme::muted(),
                ));
            }
            lines
        }
    }
}

/// The list's columns: name, phones, e-mails, id.
const COLUMNS: [Constraint; 4] = [
    Constraint::Fill(4),
    Constraint::Fill(3),
    Constraint::Fill(3),
    Constraint::Length(15),
];

/// The cells of each column in a list `width` wide, as the table lays them
/// out (the highlight symbol's cell first, one space between columns).
fn column_widths(width: u16) -> [u16; 4] {
    let columns = Rect::new(0, 0, width.saturating_sub(1), 1);
    let rects = Layout::horizontal(COLUMNS)
        .flex(Flex::Start)
        .spacing(1)
        .split(columns);
    std::array::from_fn(|i| rects.get(i).map_or(0, |r| r.width))
}

/// A hit's phones as shown, the one the search found first.
fn phones_matched_first(hit: &Hit) -> Vec<String> {
    let phones = &hit.entry.phones;
    let matched = hit.phone.filter(|&i| i < phones.len());
    matched
        .into_iter()
        .chain((0..phones.len()).filter(|&i| Some(i) != matched))
        .map(|i| display_phone(&phones[i]))
        .collect()
}

/// The key that opens a new client's form from the lookup (Ins).
fn new_client_key(app: &App) -> String {
    super::chrome::first_key(app, Scope::Lookup, Action::NewClient)
}

fn draw_hits(frame: &mut Frame, area: Rect, app: &App, screen: &LookupScreen) {
    let t = app.lang.texts();
    let mut title = fill(t.directory_title, &[&screen.hits.len().to_string()]);
    if let Some(layout) = &screen.layout {
        title.push_str(&fill(t.directory_layout, &[&sanitize(layout)]));
        title.push(' ');
    }
    let list_focused = screen.focus == LookupFocus::List && app.popups.is_empty();
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme::title()))
        .border_style(if list_focused {
            theme::focused_border()
        } else {
            theme::muted()
        });
    if screen.hits.is_empty() {
        // While a card loads, the line above says so: "no match, Enter to
        // search the CRM" under it would ask for what is under way (the
        // empty directory's and the unchecked one's words stay).
        let text = if screen.unchecked {
            Some(app.lang.drafts().hits_unchecked.to_owned())
        } else if screen.field.value().trim().is_empty() {
            Some(t.directory_empty.to_owned())
        } else if screen.pending.is_some() {
            None
        } else if is_id_like(screen.field.value()) {
            Some(t.directory_no_match.to_owned())
        } else {
            Some(fill(t.directory_no_match_text, &[&new_client_key(app)]))
        };
        let lines: Vec<Line> = text
            .map(|text| Line::styled(text, theme::muted()))
            .into_iter()
            .collect();
        let lines = wrap_lines(&lines, usize::from(area.width));
        if screen.similar.is_empty() {
            frame.render_widget(Paragraph::new(lines).block(block), area);
            return;
        }
        // The similar clients come under the "no match" line.
        let height = u16::try_from(lines.len() + 1).unwrap_or(u16::MAX);
        let [text_area, similar_area] =
            Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(area);
        frame.render_widget(Paragraph::new(lines).block(block), text_area);
        draw_table(frame, similar_area, app, screen, Block::default());
        return;
    }
    draw_table(frame, area, app, screen, block);
}

/// The hits, then under a heading the similar clients, in `block`.
fn draw_table(frame: &mut Frame, area: Rect, app: &App, screen: &LookupScreen, block: Block) {
    let t = app.lang.texts();
    let list_focused = screen.focus == LookupFocus::List && app.popups.is_empty();
    // The rows: a hit each, `None` the similar clients' heading.
    let heading = (!screen.similar.is_empty()).then_some(None);
    let items: Vec<Option<&Hit>> = screen
        .hits
        .iter()
        .map(Some)
        .chain(heading)
        .chain(screen.similar.iter().map(Some))
        .collect();
    let selected = if screen.selected < screen.hits.len() {
        screen.selected
    } else {
        screen.selected + 1
    };
    // Only the rows that can be seen are built, each cell cut to its
    // column with `…`.
    let visible = usize::from(area.height.saturating_sub(2)).max(1);
    let first = selected.saturating_sub(visible.saturating_sub(1));
    let widths = column_widths(area.width);
    let rows = items.into_iter().skip(first).take(visible).map(|item| {
        let Some(hit) = item else {
            return Row::new([Cell::from(Span::styled(
                t.directory_similar,
                theme::label(),
            ))]);
        };
        let e = &hit.entry;
        let name = if e.name().is_empty() {
            t.card.no_name.to_owned()
        } else {
            sanitize(&e.name())
        };
        let emails: Vec<String> = e.emails.iter().map(|m| sanitize(m)).collect();
        let [name_w, phones_w, emails_w, id_w] = widths.map(usize::from);
        Row::new([
            Cell::from(ellipsis(&name, name_w)),
            Cell::from(ellipsis_items(&phones_matched_first(hit), phones_w)),
            Cell::from(ellipsis_items(&emails, emails_w)),
            Cell::from(ellipsis(&sanitize(&e.id), id_w)),
        ])
    });
    let header =
        Row::new(vec![t.col_name, t.col_phone, t.col_email, t.col_id]).style(theme::label());
    let table = Table::new(rows, COLUMNS)
        .header(header)
        .block(block)
        .highlight_symbol("▶")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
        .row_highlight_style(if list_focused {
            theme::selected()
        } else {
            ratatui::style::Style::new()
        });
    let mut state = TableState::default();
    if list_focused {
        state.select(Some(selected - first));
    }
    frame.render_stateful_widget(table, area, &mut state);
}
