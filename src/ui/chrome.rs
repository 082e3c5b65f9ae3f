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
    let t = app.lang.texts();
    let title = match app.screen() {
        Screen::Lookup(_) => t.lookup_title,
        Screen::Card(_) => t.card_title,
        Screen::Form(form) => crate::i18n::form_title(&form.kind, app.lang),
        Screen::Calls(_) => app.lang.call_log().title,
    };
    let mut spans = vec![
        Span::raw(" crmcard "),
        Span::raw("│ "),
        Span::raw(title),
        Span::raw(" │ "),
        Span::raw(app.connection.as_str()),
    ];
    if let Some(link) = app.calls.link {
        spans.push(Span::raw(" │ "));
        spans.push(Span::raw(crate::i18n::calls::link_label(link, app.lang)));
    }
    if app.shared_link == Some(crate::app::SharedLink::Offline) {
        spans.push(Span::raw(" │ "));
        spans.push(Span::raw(crate::i18n::shared_offline(app.lang)));
    }
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
    let items: Vec<(String, String)> = match app.popups.last() {
        Some(Popup::Help { .. } | Popup::Message(_)) => {
            vec![("Esc/Enter".to_owned(), app.lang.texts().close.to_owned())]
        }
        _ => {
            let scope = app.scope();
            let mut items: Vec<(usize, (String, String))> = hints(app, scope).collect();
            items.sort_by_key(|(rank, _)| *rank);
            let mut items: Vec<(String, String)> = items.into_iter().map(|(_, i)| i).collect();
            if scope != Scope::Confirm {
                items.extend(hints(app, Scope::Global).map(|(_, i)| i));
            }
            items
        }
    };
    frame.render_widget(Paragraph::new(fit(items, area.width, app)), area);
}

/// As many hints as fit in `width`; quit and F1 (help, which lists them
/// all) are always shown at the end, whatever the width: the others give
/// way first.
fn fit(items: Vec<(String, String)>, width: u16, app: &App) -> Line<'static> {
    let kept_keys = [
        first_key(app, Scope::Global, Action::Quit),
        first_key(app, Scope::Global, Action::Help),
    ];
    let (mut kept, rest): (Vec<_>, Vec<_>) =
        items.into_iter().partition(|(k, _)| kept_keys.contains(k));
    kept.sort_by_key(|(k, _)| kept_keys.iter().position(|kk| kk == k));
    let cost = |(k, l): &(String, String)| k.chars().count() + l.chars().count() + 3;
    // The last hint has no gap after it.
    let kept_cost = kept.iter().map(cost).sum::<usize>().saturating_sub(2);
    let mut room = usize::from(width).saturating_sub(kept_cost);
    let mut spans = Vec::new();
    for item in rest {
        if cost(&item) > room {
            break;
        }
        room -= cost(&item);
        spans.push(Span::styled(item.0, theme::key()));
        spans.push(Span::raw(format!(" {}  ", item.1)));
    }
    let last = kept.len().saturating_sub(1);
    for (n, (keys, label)) in kept.into_iter().enumerate() {
        spans.push(Span::styled(keys, theme::key()));
        spans.push(Span::raw(if n == last {
            format!(" {label}")
        } else {
            format!(" {label}  ")
        }));
    }
    Line::from(spans)
}

/// Which hints go first when the footer is short of room.
const PRIORITY: [Action; 16] = [
    Action::Yes,
    Action::No,
    Action::Save,
    Action::Choose,
    Action::Open,
    Action::Edit,
    Action::Add,
    Action::Delete,
    Action::Rename,
    Action::NewClient,
    Action::Reload,
    Action::Section(1),
    Action::NextSection,
    Action::NextField,
    Action::OpenPicker,
    Action::AcceptSuggestion,
];

fn rank(action: Action) -> usize {
    PRIORITY
        .iter()
        .position(|a| *a == action)
        .unwrap_or(PRIORITY.len())
}

/// The first key of an action (the footer is short; F1 lists them all).
pub(super) fn first_key(app: &App, scope: Scope, action: Action) -> String {
    let keys = app.keymap().keys_of(scope, action);
    keys.split('/').next().unwrap_or_default().to_owned()
}

/// The hints of a scope, as (rank, (keys, label)): sections 1 to 5 as one,
/// ↑ and ↓ as one, Tab and Shift-Tab as one; `?` left to F1.
fn hints(app: &App, scope: Scope) -> impl Iterator<Item = (usize, (String, String))> + '_ {
    let keymap = app.keymap();
    let t = app.lang.texts();
    keymap.scope(scope).filter_map(move |b| {
        if !app.applies(b.action) {
            return None;
        }
        let hint = match b.action {
            Action::Section(1) => (
                format!(
                    "{}…{}",
                    b.keys_label(),
                    keymap.keys_of(scope, Action::Section(5))
                ),
                t.sections.to_owned(),
            ),
            Action::Section(_)
            | Action::Up
            | Action::PageUp
            | Action::PageDown
            | Action::Home
            | Action::End
            | Action::PrevSection
            | Action::PrevField => return None,
            Action::Help if scope != Scope::Global => return None,
            Action::Down if !keymap.keys_of(scope, Action::Up).is_empty() => (
                format!(
                    "{}{}",
                    first_key(app, scope, Action::Up),
                    first_key(app, scope, Action::Down)
                ),
                t.select.to_owned(),
            ),
            // On the lookup screen Esc clears the field: it goes back nowhere.
            Action::Back
                if app.popups.is_empty()
                    && matches!(app.screen_scope(), Scope::Lookup | Scope::LookupList) =>
            {
                (first_key(app, scope, b.action), t.clear.to_owned())
            }
            // The lookup's error box is open over the list: Enter closes it.
            Action::Open if lookup_error_shown(app) => {
                (first_key(app, scope, b.action), t.close.to_owned())
            }
            // A risky question: only the letter says yes, any other key no.
            Action::Yes | Action::No if risky_question(app) => {
                let (yes, no) = super::popup::confirm_keys(app, true);
                let keys = if b.action == Action::Yes { yes } else { no };
                (keys, action_label(b.action, app.lang).to_owned())
            }
            Action::NextSection => (first_key(app, scope, b.action), t.section_word.to_owned()),
            Action::NextField => (first_key(app, scope, b.action), t.field_word.to_owned()),
            action => (
                first_key(app, scope, action),
                action_label(action, app.lang).to_owned(),
            ),
        };
        Some((rank(b.action), hint))
    })
}

/// Whether the popup on top is a question that takes yes only from its
/// letter.
fn risky_question(app: &App) -> bool {
    matches!(app.popups.last(), Some(Popup::Confirm(c)) if c.is_risky())
}

/// Whether the lookup's error box is shown over the recent list (it takes
/// Enter there until it closes).
fn lookup_error_shown(app: &App) -> bool {
    app.popups.is_empty()
        && matches!(app.screen(), Screen::Lookup(l)
            if l.error.is_some() && l.focus == crate::app::lookup::LookupFocus::List)
}
