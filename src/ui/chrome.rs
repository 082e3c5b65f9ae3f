//! The header and the footer with the keys that work right now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::{App, Popup, Screen};
use crate::i18n::action_label;
use crate::keymap::{Action, Scope};

pub fn header(frame: &mut Frame, area: Rect, app: &App) {
    let t = app.texts();
    let title = match app.screen() {
        Screen::Lookup(_) => t.lookup_title,
        Screen::Card(_) => t.card_title,
        Screen::Form(_) => t.form_screen_title,
    };
    let mut spans = vec![
        Span::raw(" crmcard "),
        Span::raw("│ "),
        Span::raw(title),
        Span::raw(" │ "),
        Span::raw(app.connection.as_str()),
    ];
    if app.is_busy() {
        spans.push(Span::raw(format!(
            " {} {}",
            theme::spinner(app.spinner),
            t.loading
        )));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme::header()),
        area,
    );
}

pub fn footer(frame: &mut Frame, area: Rect, app: &App) {
    let scope = app.scope();
    let mut spans = Vec::new();
    let mut push = |keys: String, label: &str| {
        if keys.is_empty() {
            return;
        }
        spans.push(Span::styled(keys, theme::key()));
        spans.push(Span::raw(format!(" {label}  ")));
    };
    match app.popups.last() {
        Some(Popup::Confirm { .. }) => {
            for b in app.keymap.scope(Scope::Confirm) {
                push(b.keys_label(), action_label(b.action, app.lang));
            }
        }
        Some(_) => {
            push("Esc/Enter".to_owned(), app.texts().close);
        }
        None => {
            for (keys, action) in hints(app, scope).chain(hints(app, Scope::Global)) {
                push(keys, action_label(action, app.lang));
            }
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The hints of a scope: sections 1 to 5 as one, ↑ and ↓ as one.
fn hints(app: &App, scope: Scope) -> impl Iterator<Item = (String, Action)> + '_ {
    let keymap = &app.keymap;
    keymap.scope(scope).filter_map(move |b| match b.action {
        Action::Section(1) => Some((
            format!(
                "{}…{}",
                b.keys_label(),
                keymap.keys_of(scope, Action::Section(5))
            ),
            b.action,
        )),
        Action::Section(_) | Action::Up | Action::PageUp | Action::PageDown => None,
        Action::Down if !keymap.keys_of(scope, Action::Up).is_empty() => Some((
            format!("{}{}", keymap.keys_of(scope, Action::Up), b.keys_label()),
            b.action,
        )),
        _ => Some((b.keys_label(), b.action)),
    })
}
