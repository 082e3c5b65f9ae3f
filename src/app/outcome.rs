//! Popup keys and what they, or an answer, ask the app to do.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::dialog::DialogOutcome;
use super::lookup::LookupFocus;
use super::picker::PickerOutcome;
use super::popup::Popup;
use super::vocab::{Choice, Command, Confirm, PickerTarget};
use super::{Ctx, LookupScreen, Nav, Screen};
use crate::keymap::{Action, Scope};

/// How many lines PageUp and PageDown scroll the help.
const HELP_PAGE: i32 = 10;

/// What a popup key or an answer asks the app to do.
pub(super) enum Outcome {
    ClosePopup,
    Open(Popup),
    Run(Command),
    /// A picker (or a dialog's new entry) chose something for the form.
    Chosen(PickerTarget, Choice),
    /// A city or street was renamed from a picker.
    Renamed(PickerTarget, Choice),
    /// A city or street was deleted from a picker.
    Removed(PickerTarget, String),
}

pub(super) fn popup_key(
    popup: &mut Popup,
    key: &KeyEvent,
    ctx: &mut Ctx,
    unsaved: bool,
    help_lines: usize,
) -> Option<Outcome> {
    let enter = key.code == KeyCode::Enter;
    match popup {
        Popup::Picker(p) => match p.handle_key(key, ctx) {
            PickerOutcome::Stay => match ctx.keymap.action(Scope::Picker, key) {
                Some(Action::Quit) => Some(quit(unsaved)),
                Some(Action::Help) => Some(Outcome::Open(Popup::Help { scroll: 0 })),
                _ => None,
            },
            PickerOutcome::Cancel => Some(Outcome::ClosePopup),
            PickerOutcome::Chosen(t, c) => Some(Outcome::Chosen(t, c)),
            PickerOutcome::Open(popup) => Some(Outcome::Open(popup)),
        },
        Popup::Dialog(d) => match d.handle_key(key, ctx) {
            DialogOutcome::Close => Some(Outcome::ClosePopup),
            _ => match ctx.keymap.action(Scope::Dialog, key) {
                Some(Action::Quit) => Some(quit(unsaved)),
                Some(Action::Help) => Some(Outcome::Open(Popup::Help { scroll: 0 })),
                _ => None,
            },
        },
        // A question whose yes loses typed data or changes shared data:
        // only the Yes letter says yes, every other key is no.
        Popup::Confirm(confirm) if confirm.is_risky() => Some(if is_yes_letter(key, ctx) {
            Outcome::Run(confirm.yes())
        } else {
            confirm.no().map_or(Outcome::ClosePopup, Outcome::Run)
        }),
        Popup::Confirm(confirm) => match ctx.keymap.action(Scope::Confirm, key)? {
            Action::Yes => Some(Outcome::Run(confirm.yes())),
            Action::No => Some(confirm.no().map_or(Outcome::ClosePopup, Outcome::Run)),
            Action::Back => Some(Outcome::ClosePopup),
            Action::Quit => Some(quit(unsaved)),
            _ => None,
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
                Some(Action::Quit) => return Some(quit(unsaved)),
                Some(Action::Back | Action::Help) => return Some(Outcome::ClosePopup),
                _ if enter => return Some(Outcome::ClosePopup),
                _ => {}
            }
            None
        }
        // Messages and help share the popup scope: F1 or `?` (a popup has
        // no text field) is help, Esc closes.
        Popup::Message(_) => match ctx.keymap.action(Scope::Help, key) {
            Some(Action::Quit) => Some(quit(unsaved)),
            Some(Action::Help) => Some(Outcome::Open(Popup::Help { scroll: 0 })),
            Some(Action::Back) => Some(Outcome::ClosePopup),
            _ if enter => Some(Outcome::ClosePopup),
            _ => None,
        },
        // Their keys are read by `restore::offer_key` and
        // `WaitingList::key` before popups are.
        Popup::Drafts(_) | Popup::Waiting(_) => None,
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

/// The lookup's error box is a popup to the operator: while it is shown,
/// the list keys close it and do nothing else (↓ must not move the list
/// behind it), and so does Enter in the list (it must not open another
/// card). Enter in the field tries the same id again, as the box advises;
/// typing, Esc, help and quit keep their meaning. Returns whether the key
/// was taken.
pub(super) fn lookup_error_key(lookup: &mut LookupScreen, key: &KeyEvent, ctx: &Ctx) -> bool {
    if lookup.error.is_none() {
        return false;
    }
    let takes = match ctx.keymap.action(lookup.scope(), key) {
        Some(Action::Up | Action::Down | Action::PageUp | Action::PageDown) => true,
        Some(Action::Open) => lookup.focus == LookupFocus::List,
        _ => false,
    };
    if takes {
        lookup.error = None;
    }
    takes
}

/// Keys no screen took: help and quit.
pub(super) fn global_key(
    scope: Scope,
    key: &KeyEvent,
    ctx: &mut Ctx,
    unsaved: bool,
) -> Option<Outcome> {
    match ctx.keymap.action(scope, key)? {
        Action::Help => Some(Outcome::Open(Popup::Help { scroll: 0 })),
        Action::Quit => Some(quit(unsaved)),
        _ => None,
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

/// Carries out what a popup key or an answer asked for.
pub(super) fn apply(
    outcome: Outcome,
    popups: &mut Vec<Popup>,
    screens: &mut [Screen],
    quit: &mut bool,
    ctx: &mut Ctx,
) {
    match outcome {
        Outcome::ClosePopup => {
            popups.pop();
        }
        Outcome::Open(popup) => popups.push(popup),
        Outcome::Run(Command::Quit) => {
            popups.clear();
            *quit = true;
        }
        Outcome::Run(command) => {
            popups.pop();
            match (popups.last_mut(), screens.last_mut()) {
                (Some(Popup::Picker(p)), _) => p.run(command, ctx),
                (None, Some(Screen::Card(c))) => c.run(command, ctx),
                (None, Some(Screen::Form(_))) if command == Command::DiscardForm => {
                    ctx.nav = Some(Nav::Pop);
                }
                (None, Some(Screen::Form(f))) if command == Command::CreateAnyway => {
                    f.create_anyway(ctx);
                }
                (None, Some(Screen::Form(f))) if command == Command::SendAgain => {
                    f.send_again(ctx);
                }
                (None, Some(Screen::Form(f))) if command == Command::SaveAnyway => {
                    f.save_anyway(ctx);
                }
                (None, Some(Screen::Form(_))) => {
                    if let Command::OpenClient { client_id } = command {
                        // The form is given up; the lookup below opens
                        // the card the phone belongs to.
                        ctx.nav = Some(Nav::Pop);
                        if let Some(Screen::Lookup(l)) = screens.first_mut() {
                            l.open_id(client_id.as_str(), ctx);
                        }
                    }
                }
                _ => {}
            }
        }
        Outcome::Chosen(target, choice) => {
            // Close the picker (and a dialog over it), then fill the form.
            while matches!(popups.last(), Some(Popup::Picker(_) | Popup::Dialog(_))) {
                popups.pop();
            }
            if let Some(Screen::Form(form)) = screens.last_mut() {
                form.picked(target, choice, ctx);
            }
        }
        Outcome::Renamed(target, choice) => {
            if matches!(popups.last(), Some(Popup::Dialog(_))) {
                popups.pop();
            }
            if let Some(Screen::Form(form)) = screens.last_mut() {
                let id = choice.id.clone();
                form.dictionary_changed(target, &id, Some(choice));
            }
        }
        Outcome::Removed(target, id) => {
            if let Some(Screen::Form(form)) = screens.last_mut() {
                form.dictionary_changed(target, &id, None);
            }
        }
    }
}
