//! The banner of an incoming call, at the top of whatever screen is open.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::App;
use crate::app::popup::WaitingList;
use crate::i18n::calls::{call_parts, missed_text};
use crate::i18n::fill;
use crate::keymap::{Action, Scope};

/// How many rows the banner takes: one while a call waits.
pub fn height(app: &App) -> u16 {
    u16::from(app.calls.front().is_some())
}

/// The call waiting longest: number, who it is, when it was missed before,
/// how long ago it rang, the key to take it, and how many more wait.
pub fn banner(frame: &mut Frame, area: Rect, app: &App) {
    let Some(call) = app.calls.front() else {
        return;
    };
    let c = app.lang.calls();
    let [number, mut who, ago] = call_parts(call, app.shared.clock.since_start, app.lang);
    if app.calls.is_unchecked(call.id) {
        who = app.lang.drafts().caller_unchecked.to_owned();
    }
    let keys = app.keymap().keys_of(Scope::Global, Action::TakeCall);
    let style = Style::new().fg(Color::Black).bg(Color::Yellow);
    let bold = style.add_modifier(Modifier::BOLD);
    let mut spans = vec![
        Span::styled(format!(" {} ", c.ringing), style),
        Span::styled(number, bold),
        Span::styled(format!(" · {who}"), style),
    ];
    if let Some(missed) = missed_text(call, app.shared.clock, app.lang) {
        spans.push(Span::styled(format!(" · {missed}"), bold));
    }
    spans.push(Span::styled(format!(" · {ago}"), style));
    if !keys.is_empty() {
        spans.push(Span::styled(" · ", style));
        spans.push(Span::styled(fill(c.take, &[&keys]), bold));
    }
    let more = app.calls.calls.len().saturating_sub(1);
    if more > 0 {
        spans.push(Span::styled(
            format!(" · {}", fill(c.more, &[&more.to_string()])),
            style,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(style), area);
}

/// The waiting calls, oldest first, each with who it is and how long it has
/// been ringing; the chosen one marked.
pub fn waiting_list(frame: &mut Frame, app: &App, list: &WaitingList) {
    let c = app.lang.calls();
    let now = app.shared.clock.since_start;
    let chosen = list.chosen(&app.calls);
    let mut lines: Vec<Line> = app
        .calls
        .calls
        .iter()
        .enumerate()
        .map(|(i, call)| {
            let [number, who, ago] = call_parts(call, now, app.lang);
            let mut text = format!("{}. {number} · {who}", i + 1);
            if let Some(missed) = missed_text(call, app.shared.clock, app.lang) {
                text.push_str(&format!(" · {missed}"));
            }
            text.push_str(&format!(" · {ago}"));
            if i == chosen {
                Line::styled(format!("> {text}"), theme::selected())
            } else {
                Line::raw(format!("  {text}"))
            }
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::raw(c.waiting_none));
    }
    lines.push(Line::raw(""));
    let keymap = app.keymap();
    let take = keymap.keys_of(Scope::Picker, Action::Choose);
    let close = keymap.keys_of(Scope::Global, Action::Back);
    lines.push(Line::styled(
        fill(c.waiting_help, &[&take, &close]),
        theme::muted(),
    ));
    super::popup::boxed(frame, c.waiting_title, theme::warning(), lines, 90);
}
