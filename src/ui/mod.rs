//! Drawing: reads `&App`, changes nothing, does no IO.

mod calls;
mod calls_screen;
mod card;
mod chrome;
mod cut;
mod dialog;
mod field;
mod form;
mod lookup;
mod picker;
mod popup;
mod presence;
mod status;
pub mod theme;
mod wrap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

use crate::app::{App, Popup, Screen};

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let [header, banner, body, status_line, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(calls::height(app)),
        Constraint::Min(1),
        Constraint::Length(status::height(app, frame.area())),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    chrome::header(frame, header, app);
    calls::banner(frame, banner, app);
    match app.screen() {
        Screen::Lookup(screen) => lookup::draw(frame, body, app, screen),
        Screen::Card(screen) => card::draw(frame, body, app, screen),
        Screen::Form(screen) => form::draw(frame, body, app, screen),
        Screen::Calls(screen) => calls_screen::draw(frame, body, app, screen),
    }
    status::draw(frame, status_line, frame.area(), app);
    chrome::footer(frame, footer, app);
    let last = app.popups.len().saturating_sub(1);
    for (i, popup) in app.popups.iter().enumerate() {
        // A message or the drafts' offer under another popup waits its
        // turn: two such boxes (start-up notices and drafts) never draw
        // over each other; the next shows when the top one closes.
        if i != last && matches!(popup, Popup::Message(_) | Popup::Drafts(_)) {
            continue;
        }
        match popup {
            Popup::Picker(p) => picker::draw(frame, app, p, i == last),
            Popup::Dialog(d) => dialog::draw(frame, app, d, i == last),
            other => popup::draw(frame, app, other),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::api::ApiError;
    use crate::app::AppSetup;
    use crate::app::lookup::LookupError;
    use crate::dates::Date;
    use crate::keymap::Keymap;
    use crate::lang::Lang;

    /// Word wrapping takes more rows than width / cells: the box is sized by
    /// the rows actually drawn, so its last line is never cut off.
    #[test]
    fn the_last_line_of_a_wrapped_error_is_shown() {
        let mut app = App::new(AppSetup {
            lang: Lang::En,
            keymap: Keymap::default(),
            city_code: None,
            today: Date::new(2026, 11, 28).unwrap(),
            connection: "test".to_owned(),
            startup_messages: Vec::new(),
        });
        // 111 cells in a 58-cell box: two rows by width, three as words wrap.
        let message = format!("{} {} the-end", "a".repeat(50), "b".repeat(52));
        if let Some(Screen::Lookup(l)) = app.screens.last_mut() {
            l.error = Some(LookupError::Api {
                id: "42".to_owned(),
                error: ApiError::Connect { message },
            });
        }
        let mut terminal = Terminal::new(TestBackend::new(60, 30)).unwrap();
        terminal.draw(|f| draw(f, &app)).unwrap();
        let screen: String = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert!(screen.contains("the-end"), "{screen}");
    }
}
