//! Popups: help, messages, confirmations, the waiting calls (F8).

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme;
use super::wrap::wrap_lines;
use crate::app::popup::WaitingList;
use crate::app::{App, Popup};
use crate::i18n::calls::{call_parts, missed_text};
use crate::i18n::{
    action_label, confirm_text, draft_line, fill, notice_text, picker_words, scope_label,
};
use crate::keymap::{Action, Scope};

pub fn draw(frame: &mut Frame, app: &App, popup: &Popup) {
    match popup {
        Popup::Help { scroll } => draw_help(frame, app, *scroll),
        Popup::Message(notice) => {
            let m = notice_text(notice, app.lang);
            let style = if m.is_error {
                theme::error()
            } else {
                theme::title()
            };
            let mut lines: Vec<Line> = m.lines.iter().map(|l| Line::raw(l.as_str())).collect();
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                app.lang.texts().press_enter_to_close,
                theme::muted(),
            ));
            boxed(frame, &m.title, style, lines, 70);
        }
        Popup::Picker(_) | Popup::Dialog(_) => {}
        Popup::Waiting(list) => waiting_list(frame, app, list),
        Popup::Drafts(offer) => {
            let t = app.lang.texts();
            let mut lines: Vec<Line> = offer
                .drafts
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let text = draft_line(d, app.lang);
                    if i == offer.selected {
                        Line::styled(format!("> {text}"), theme::selected())
                    } else {
                        Line::raw(format!("  {text}"))
                    }
                })
                .collect();
            if lines.is_empty() {
                lines.push(Line::raw(app.lang.calls().parked_none));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(t.drafts_offer_help, theme::muted()));
            boxed(frame, t.drafts_offer_title, theme::warning(), lines, 76);
        }
        Popup::Confirm(confirm) => {
            let t = app.lang.texts();
            let choices = crate::i18n::confirm_choices(confirm, app.lang);
            let back = app
                .keymap()
                .keys_of(Scope::Global, crate::keymap::Action::Back);
            let (yes_keys, no_keys) = confirm_keys(app, confirm.is_risky());
            // Esc closes a question: for most that is the no.
            let no_keys = match choices.cancel {
                Some(_) => no_keys,
                None if confirm.is_risky() => no_keys,
                None => format!("{no_keys}/{back}"),
            };
            let mut lines = vec![Line::raw(confirm_text(confirm, app.lang))];
            if confirm.is_shared_delete() {
                lines.push(Line::styled(
                    picker_words(app.lang).shared_delete,
                    theme::warning(),
                ));
            }
            lines.push(Line::raw(""));
            let mut spans = vec![
                Span::styled(yes_keys, theme::key()),
                Span::raw(format!(" {}   ", choices.yes)),
                Span::styled(no_keys, theme::key()),
                Span::raw(format!(" {}", choices.no)),
            ];
            if let Some(cancel) = choices.cancel {
                spans.push(Span::raw("   "));
                spans.push(Span::styled(back, theme::key()));
                spans.push(Span::raw(format!(" {cancel}")));
            }
            lines.push(Line::from(spans));
            boxed(frame, t.confirm_title, theme::warning(), lines, 60);
        }
    }
}

/// The keys that answer yes and no, as shown (`Enter/y`, `n`; Esc, the
/// global back, is added by the caller). A risky question
/// ([`crate::app::vocab::Confirm::is_risky`]) takes yes only from a letter and
/// every other key is no: (`y`, "any other key").
pub fn confirm_keys(app: &App, risky: bool) -> (String, String) {
    let keymap = app.keymap();
    let yes = keymap.keys_of(Scope::Confirm, crate::keymap::Action::Yes);
    let no = keymap.keys_of(Scope::Confirm, crate::keymap::Action::No);
    if !risky {
        return (yes, no);
    }
    let mut letters: Vec<&str> = yes
        .split('/')
        .filter(|k| crate::keymap::Key::parse(k).is_some_and(|key| key.is_printable()))
        .collect();
    if !letters.contains(&"y") {
        // Yes was given to other keys only: `y` still says yes here.
        letters.insert(0, "y");
    }
    (letters.join("/"), app.lang.texts().any_other_key.to_owned())
}

/// The waiting calls, oldest first, each with who it is and how long it has
/// been ringing; the chosen one marked.
fn waiting_list(frame: &mut Frame, app: &App, list: &WaitingList) {
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
    boxed(frame, c.waiting_title, theme::warning(), lines, 90);
}

/// A centred box sized to its text (wrapped at `max_width`).
pub(super) fn boxed(
    frame: &mut Frame,
    title: &str,
    style: ratatui::style::Style,
    lines: Vec<Line>,
    max_width: u16,
) {
    let area = frame.area();
    let width = max_width.min(area.width.saturating_sub(4)).max(20);
    let inner_width = usize::from(width.saturating_sub(4)).max(1);
    let lines = wrap_lines(&lines, inner_width);
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2));
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Span::styled(format!(" {title} "), style));
    frame.render_widget(
        Paragraph::new(lines).block(block.padding(ratatui::widgets::Padding::horizontal(1))),
        rect,
    );
}

pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    rect
}

fn draw_help(frame: &mut Frame, app: &App, scroll: u16) {
    let t = app.lang.texts();
    let order = app.help_scopes();
    let current = order.first().copied();
    let mut lines = Vec::new();
    for scope in order {
        let bindings: Vec<_> = app.keymap().scope(scope).collect();
        let mut heading = scope_label(scope, app.lang).to_owned();
        if Some(scope) == current {
            heading.push_str(t.help_current);
        }
        lines.push(Line::styled(heading, theme::title()));
        for b in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", b.keys_label()), theme::key()),
                Span::raw(action_label(b.action, app.lang)),
            ]));
        }
        lines.push(Line::raw(""));
    }
    let area = frame.area();
    let rect = centered(
        area,
        72.min(area.width.saturating_sub(2)),
        area.height.saturating_sub(2),
    );
    // The closing notes are sentences: wrapped to the box, not cut. They
    // come last, so the scroll's limit (the last line on top) still shows
    // their rows below it.
    let notes = [t.help_layouts, t.help_fields, t.help_risky]
        .map(|note| Line::styled(note, theme::muted()));
    lines.extend(wrap_lines(
        &notes,
        usize::from(rect.width.saturating_sub(4)).max(1),
    ));
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focused_border())
        .title(Span::styled(format!(" {} ", t.help_title), theme::title()))
        .title_bottom(Line::styled(format!(" {} ", t.help_footer), theme::muted()));
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(block.padding(ratatui::widgets::Padding::horizontal(1))),
        rect,
    );
}
