//! The dialog that adds, renames or edits a city or street.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::popup::centered;
use super::wrap::wrap_lines;
use super::{field, theme};
use crate::app::App;
use crate::app::dialog::DialogState;
use crate::i18n::{describe_error, dialog_problem, dialog_title};
use crate::keymap::{Action, Scope};

pub fn draw(frame: &mut Frame, app: &App, dialog: &DialogState, on_top: bool) {
    let f = app.lang.forms();
    let area = frame.area();
    let rect = centered(
        area,
        56.min(area.width.saturating_sub(2)),
        10.min(area.height),
    );
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::warning())
        .title(Span::styled(
            format!(" {} ", dialog_title(&dialog.kind, app.lang)),
            theme::title(),
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [name, postcode, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(if dialog.kind.has_postcode() { 1 } else { 0 }),
        Constraint::Min(1),
    ])
    .areas(inner);
    draw_input(
        frame,
        name,
        f.dialog_name,
        &dialog.name,
        on_top && dialog.focus == 0,
    );
    if dialog.kind.has_postcode() {
        draw_input(
            frame,
            postcode,
            f.dialog_postcode,
            &dialog.postcode,
            on_top && dialog.focus == 1,
        );
    }
    let mut lines = vec![Line::raw("")];
    if dialog.saving.is_some() {
        lines.push(Line::raw(format!(
            "{} {}",
            theme::spinner(app.spinner),
            f.dialog_saving
        )));
    }
    if let Some(p) = dialog.problem {
        lines.push(Line::styled(dialog_problem(p, app.lang), theme::error()));
    }
    if let Some(error) = &dialog.error {
        let text = describe_error(error, app.lang);
        lines.push(Line::styled(text.title, theme::error()));
        lines.extend(text.details.into_iter().map(Line::raw));
    }
    let keys = crate::i18n::fill(
        f.dialog_keys,
        &[
            &app.keymap().keys_of(Scope::Dialog, Action::Save),
            &app.keymap().keys_of(Scope::Global, Action::Back),
        ],
    );
    lines.push(Line::styled(keys, theme::muted()));
    let lines = wrap_lines(&lines, usize::from(status.width));
    frame.render_widget(Paragraph::new(lines), status);
}

fn draw_input(
    frame: &mut Frame,
    area: Rect,
    label: &str,
    input: &crate::app::field::TextField,
    focused: bool,
) {
    let [l, v] = Layout::horizontal([Constraint::Length(12), Constraint::Fill(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(format!("{label}: "), theme::label())),
        l,
    );
    let style = if focused {
        theme::selected()
    } else {
        ratatui::style::Style::new()
    };
    frame.render_widget(Paragraph::new("").style(style), v);
    field::draw_styled(frame, v, input, focused, style);
}
