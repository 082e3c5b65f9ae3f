//! Drawing: reads `&App`, changes nothing, does no IO.

mod card;
mod chrome;
mod field;
mod lookup;
mod popup;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

use crate::app::{App, Screen};

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
    }
    chrome::footer(frame, footer, app);
    for popup in &app.popups {
        popup::draw(frame, app, popup);
    }
}
