//! Drawing: reads `&App`, changes nothing, does no IO.

mod card;
mod chrome;
mod dialog;
mod field;
mod form;
mod lookup;
mod picker;
mod popup;
pub mod theme;
mod wrap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

use crate::app::{App, Popup, Screen};

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    chrome::header(frame, header, app);
    match app.screen() {
        Screen::Lookup(screen) => lookup::draw(frame, body, app, screen),
        Screen::Card(screen) => card::draw(frame, body, app, screen),
        Screen::Form(screen) => form::draw(frame, body, app, screen),
    }
    chrome::footer(frame, footer, app);
    let last = app.popups.len().saturating_sub(1);
    for (i, popup) in app.popups.iter().enumerate() {
        match popup {
            Popup::Picker(p) => picker::draw(frame, app, p, i == last),
            Popup::Dialog(d) => dialog::draw(frame, app, d, i == last),
            other => popup::draw(frame, app, other),
        }
    }
}
