//! The status line above the footer: the desk's own notices
//! (`app::status`), newest first, wrapped to at most a few rows. It takes
//! no key and covers nothing; the body gives it room.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use super::wrap::wrap_lines;
use crate::app::App;
use crate::i18n::notice_text;

/// The status line's rows for a screen of `area`: nothing when the desk is
/// well; at most an eighth of the screen (3 rows at 24), a cut marked `…`.
fn rows(app: &App, area: Rect) -> Vec<Line<'static>> {
    let width = area.width;
    if app.status.is_empty() || width == 0 {
        return Vec::new();
    }
    let lines: Vec<Line> = app
        .status
        .newest_first()
        .map(|notice| {
            let text = notice_text(notice, app.lang);
            let style = if text.is_error {
                theme::error()
            } else {
                theme::warning()
            };
            Line::from(vec![
                Span::styled(format!("▲ {}: ", text.title), style),
                Span::raw(text.lines.join(" ")),
            ])
        })
        .collect();
    let mut rows = wrap_lines(&lines, usize::from(width));
    let most = usize::from(area.height / 8).max(2);
    if rows.len() > most {
        rows.truncate(most);
        if let Some(last) = rows.last_mut() {
            mark_cut(last, usize::from(width));
        }
    }
    rows
}

/// Ends a row that was cut with `…`, within `width` cells.
fn mark_cut(row: &mut Line<'static>, width: usize) {
    let mut cells = row.width();
    while cells + 1 > width {
        let Some(span) = row.spans.last_mut() else {
            return;
        };
        let mut text = span.content.to_string();
        if text.pop().is_none() {
            row.spans.pop();
            continue;
        }
        span.content = text.into();
        cells = row.width();
    }
    row.spans.push(Span::raw("…"));
}

/// How many rows the status line needs on a screen of `area`.
pub fn height(app: &App, area: Rect) -> u16 {
    u16::try_from(rows(app, area).len()).unwrap_or(0)
}

/// Draws the status line in `line`, sized by [`height`] for `screen`.
pub fn draw(frame: &mut Frame, line: Rect, screen: Rect, app: &App) {
    if line.height == 0 {
        return;
    }
    frame.render_widget(Paragraph::new(rows(app, screen)), line);
}
