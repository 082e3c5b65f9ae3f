//! Keys on the popups that take them here (help, messages, questions), the
//! keys left to every screen and popup (help and quit), and Ctrl-Q.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::Ctx;
use super::outcome::Outcome;
use super::popup::Popup;
use super::vocab::{Command, Confirm};
use crate::keymap::{Action, Scope};

/// How many lines PageUp and PageDown scroll the help.
const HELP_PAGE: i32 = 10;

/// A key on the popup on top; `help_lines`: how many lines the help has.
pub(super) fn popup_key(
    popup: &mut Popup,
    key: &KeyEvent,
    ctx: &mut Ctx,
    unsaved: bool,
    help_lines: usize,
) -> Outcome {
    let enter = key.code == KeyCode::Enter;
    match popup {
        Popup::Picker(p) => match p.handle_key(key, ctx) {
            Outcome::NotTaken => global_key(Scope::Picker, key, ctx, unsaved),
            other => other,
        },
        Popup::Dialog(d) => match d.handle_key(key, ctx) {
            Outcome::NotTaken => global_key(Scope::Dialog, key, ctx, unsaved),
            other => other,
        },
        // A question whose yes loses typed data or changes shared data:
        // only the Yes letter says yes, every other key is no.
        Popup::Confirm(confirm) if confirm.is_risky() => {
            if is_yes_letter(key, ctx) {
                Outcome::Run(confirm.yes())
            } else {
                confirm.no().map_or(Outcome::ClosePopup, Outcome::Run)
            }
        }
        Popup::Confirm(confirm) => match ctx.keymap.action(Scope::Confirm, key) {
            Some(Action::Yes) => Outcome::Run(confirm.yes()),
            Some(Action::No) => confirm.no().map_or(Outcome::ClosePopup, Outcome::Run),
            Some(Action::Back) => Outcome::ClosePopup,
            Some(Action::Quit) => quit(unsaved),
            _ => Outcome::Taken,
        },
        Popup::Help { scroll } => {
            // The help scrolls within its text: the last line at most on top.
            let last = u16::try_from(help_lines.saturating_sub(1)).unwrap_or(u16::MAX);
            let step = |by: i32| {
                let to = i32::from(*scroll)
                    .saturating_add(by)
                    .clamp(0, i32::from(last));
                u16::try_from(to).unwrap_or(last)
            };
            match ctx.keymap.action(Scope::Help, key) {
                Some(Action::Up) => *scroll = step(-1),
                Some(Action::Down) => *scroll = step(1),
                Some(Action::PageUp) => *scroll = step(-HELP_PAGE),
                Some(Action::PageDown) => *scroll = step(HELP_PAGE),
                Some(Action::Quit) => return quit(unsaved),
                Some(Action::Back | Action::Help) => return Outcome::ClosePopup,
                _ if enter => return Outcome::ClosePopup,
                _ => {}
            }
            Outcome::Taken
        }
        // Messages and help share the popup scope: F1 or `?` (a popup has
        // no text field) is help, Esc closes.
        Popup::Message(_) => match ctx.keymap.action(Scope::Help, key) {
            Some(Action::Quit) => quit(unsaved),
            Some(Action::Help) => Outcome::Open(Popup::Help { scroll: 0 }),
            Some(Action::Back) => Outcome::ClosePopup,
            _ if enter => Outcome::ClosePopup,
            _ => Outcome::Taken,
        },
        // The drafts' offer and the waiting list have keys of their own
        // (`restore::offer_key`, `WaitingList::key`), given by `App::key`.
        Popup::Drafts(_) | Popup::Waiting(_) => Outcome::Taken,
    }
}

/// Whether `key` is the Yes letter of a question: `y` (`н` in the Russian
/// layout), or a letter typed without Ctrl or Alt that the keymap gives
/// yes. Never Enter, whatever the keymap says.
pub(super) fn is_yes_letter(key: &KeyEvent, ctx: &Ctx) -> bool {
    let typed = crate::keymap::Key::from_event(key);
    typed.is_printable()
        && (matches!(typed.code, KeyCode::Char('y' | 'н'))
            || ctx.keymap.action(Scope::Confirm, key) == Some(Action::Yes))
}

/// Keys no screen or popup took: help and quit (`Taken` for any other:
/// nothing is left to do with it).
pub(super) fn global_key(scope: Scope, key: &KeyEvent, ctx: &mut Ctx, unsaved: bool) -> Outcome {
    match ctx.keymap.action(scope, key) {
        Some(Action::Help) => Outcome::Open(Popup::Help { scroll: 0 }),
        Some(Action::Quit) => quit(unsaved),
        _ => Outcome::Taken,
    }
}

/// Ctrl-Q: quits at once, or asks first when a form holds unsaved changes.
fn quit(unsaved: bool) -> Outcome {
    if unsaved {
        Outcome::Open(Popup::Confirm(Confirm::QuitUnsaved))
    } else {
        Outcome::Run(Command::Quit)
    }
}
