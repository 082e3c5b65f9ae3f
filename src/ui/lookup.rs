//! The lookup screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::wrap::wrap_lines;
use super::{field, theme};
use crate::app::App;
use crate::app::lookup::{LookupError, LookupFocus, LookupScreen};
use crate::i18n::{describe_error, fill};

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
        // Typed text that is not an id gets no Enter hint: the list below
        // says that an id is made of digits.
        None if screen.matches.is_empty()
            && !screen
                .field
                .value()
                .chars()
                .all(|c| c.is_ascii_digit() || c == ' ') =>
        {
            Line::raw("")
        }
        None if screen.matches.is_empty() => Line::styled(t.lookup_hint_id, theme::muted()),
        None => Line::styled(t.lookup_hint_typed, theme::muted()),
    };
    frame.render_widget(Paragraph::new(status), status_area);

    if !error_lines.is_empty() {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::error())
            .title(Span::styled(t.lookup_failed, theme::error()));
        frame.render_widget(Paragraph::new(error_lines).block(block), error_area);
    }
    draw_recent(frame, list_area, app, screen);
}

fn error_lines(app: &App, screen: &LookupScreen) -> Vec<Line<'static>> {
    let t = app.lang.texts();
    match &screen.error {
        None => Vec::new(),
        Some(LookupError::NotAnId) => vec![Line::raw(t.lookup_not_an_id)],
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

fn draw_recent(frame: &mut Frame, area: Rect, app: &App, screen: &LookupScreen) {
    let t = app.lang.texts();
    let entries = app.recent().entries();
    let title = fill(
        t.recent_title,
        &[
            &screen.matches.len().to_string(),
            &entries.len().to_string(),
        ],
    );
    let list_focused = screen.focus == LookupFocus::List && app.popups.is_empty();
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme::title()))
        .border_style(if list_focused {
            theme::focused_border()
        } else {
            theme::muted()
        });
    if screen.matches.is_empty() {
        let typed_id = screen.field.value().chars().any(|c| c.is_ascii_digit())
            && screen
                .field
                .value()
                .chars()
                .all(|c| c.is_ascii_digit() || c == ' ');
        let text = if entries.is_empty() {
            t.recent_empty
        } else if typed_id {
            t.recent_no_match
        } else {
            t.recent_no_match_text
        };
        frame.render_widget(
            Paragraph::new(wrap_lines(
                &[Line::styled(text, theme::muted())],
                usize::from(area.width),
            ))
            .block(block),
            area,
        );
        return;
    }
    // Only the rows that can be seen are built.
    let visible = usize::from(area.height.saturating_sub(2)).max(1);
    let first = screen.selected.saturating_sub(visible.saturating_sub(1));
    let rows = screen
        .matches
        .iter()
        .skip(first)
        .take(visible)
        .filter_map(|&i| entries.get(i))
        .map(|e| {
            Row::new(vec![
                Cell::from(e.id.as_str()),
                Cell::from(e.name.as_str()),
                Cell::from(e.phones.join(", ")),
            ])
        });
    let header = Row::new(vec![t.col_id, t.col_name, t.col_contacts]).style(theme::label());
    let table = Table::new(
        rows,
        [
            Constraint::Length(15),
            Constraint::Fill(4),
            Constraint::Fill(5),
        ],
    )
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
        state.select(Some(screen.selected - first));
    }
    frame.render_stateful_widget(table, area, &mut state);
}
