//! The calls screen: the call log as a table, newest first, its filter on
//! the first line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::theme;
use crate::app::App;
use crate::app::calllog::CallStatus;
use crate::app::calls_screen::CallsScreen;
use crate::i18n::calllog::{caller_text, day_time, status_text};
use crate::i18n::calls::number_text;
use crate::i18n::fill;
use crate::keymap::{Action, Scope};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, screen: &CallsScreen) {
    let c = app.lang.call_log();
    let [filter_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let keys = app.keymap().keys_of(Scope::Calls, Action::MissedOnly);
    let filter = if screen.missed_only {
        c.missed_only
    } else {
        c.all
    };
    let mut spans = vec![Span::styled(format!(" {filter}"), theme::title())];
    if !keys.is_empty() {
        spans.push(Span::styled(
            format!(" · {}", fill(c.switch, &[&keys])),
            theme::muted(),
        ));
    }
    if screen.loading.is_some() {
        spans.push(Span::raw(format!(
            " {} {}",
            theme::spinner(app.spinner),
            c.loading
        )));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), filter_area);

    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme::muted());
    if screen.rows.is_empty() {
        let text = if screen.loading.is_some() {
            ""
        } else if screen.missed_only {
            c.none_missed
        } else {
            c.none
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme::muted())).block(block),
            list_area,
        );
        return;
    }
    let offset = app.shared.clock.utc_offset_secs;
    // Only the rows that can be seen are built.
    let visible = usize::from(list_area.height.saturating_sub(2)).max(1);
    let first = screen.selected.saturating_sub(visible.saturating_sub(1));
    let rows = screen.rows.iter().skip(first).take(visible).map(|call| {
        let phone = call
            .canonical
            .as_deref()
            .and_then(|n| crate::phone::parse(n, None).ok());
        let status = call.status();
        let style = match status {
            CallStatus::Missed => theme::error(),
            _ => ratatui::style::Style::new(),
        };
        Row::new(vec![
            Cell::from(day_time(call.rang_at, offset)),
            Cell::from(number_text(&call.number(), phone.as_ref(), app.lang)),
            Cell::from(caller_text(call, app.lang)),
            Cell::from(status_text(&status, app.lang)),
        ])
        .style(style)
    });
    let header = Row::new(vec![
        c.head_time,
        c.head_number,
        c.head_client,
        c.head_status,
    ])
    .style(theme::label());
    let table = Table::new(
        rows,
        [
            Constraint::Length(11),
            Constraint::Length(18),
            Constraint::Fill(3),
            Constraint::Fill(2),
        ],
    )
    .header(header)
    .block(block)
    .highlight_symbol("▶")
    .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
    .row_highlight_style(theme::selected());
    let mut state = TableState::default();
    state.select(Some(screen.selected - first));
    frame.render_stateful_widget(table, list_area, &mut state);
}
