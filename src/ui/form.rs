//! Forms: one line per field, the reason next to a field that is wrong.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::wrap::wrap_lines;
use super::{field, theme};
use crate::app::App;
use crate::app::form::build::address_of;
use crate::app::form::{Field, FormScreen, Row, Value};
use crate::i18n::{
    describe_error, field_label, field_placeholder, fill, form_note, form_title, problem,
};
use crate::present::address_line;

/// The width of the label column.
const LABEL: u16 = 18;

/// The narrowest a value gets to make room for the reason next to it.
const MIN_VALUE: u16 = 16;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, form: &FormScreen) {
    let f = app.lang.forms();
    // Wrapped once: the rows counted are the rows drawn (plus the rule above).
    let status = wrap_lines(&status_lines(app, form), usize::from(area.width));
    let status_height = if status.is_empty() {
        0
    } else {
        u16::try_from(status.len() + 1).unwrap_or(u16::MAX)
    };
    let status_height = status_height.min(area.height / 3);
    let others = crate::app::presence::edited(&form.kind)
        .map(|(id, _)| super::presence::lines(app, id))
        .unwrap_or_default();
    let [title_area, body, status_area] = Layout::vertical([
        Constraint::Length(1 + u16::try_from(others.len()).unwrap_or(0)),
        Constraint::Min(3),
        Constraint::Length(status_height),
    ])
    .areas(area);
    let mut title = vec![Span::styled(
        form_title(&form.kind, app.lang),
        theme::title(),
    )];
    if form.read_only {
        title.push(Span::styled(
            app.lang.texts().card.read_only_mark,
            theme::warning(),
        ));
    }
    let mut header = vec![Line::from(title)];
    header.extend(others);
    frame.render_widget(Paragraph::new(header), title_area);

    let rows = form.rows();
    let focused_popup = !app.popups.is_empty();
    // Keep the focused row in view.
    let height = usize::from(body.height);
    let first = form.focus.saturating_sub(height.saturating_sub(1));
    for (line, (n, row)) in rows.iter().enumerate().skip(first).take(height).enumerate() {
        let y = body.y + u16::try_from(line).unwrap_or(0);
        let area = Rect::new(body.x, y, body.width, 1);
        let focused = n == form.focus && !focused_popup;
        match row {
            Row::Field(i) => {
                if let Some(fld) = form.fields.get(*i) {
                    draw_field(frame, area, app, form, fld, focused);
                }
            }
            Row::Contact(i) => {
                let text = form
                    .contacts
                    .get(*i)
                    .map(|c| summary_contact(c))
                    .unwrap_or_default();
                let label = if *i == 0 { f.contacts } else { "" };
                draw_item(frame, area, label, &text, focused);
            }
            Row::AddContact => {
                let label = if form.contacts.is_empty() {
                    f.contacts
                } else {
                    ""
                };
                draw_item(frame, area, label, f.add_contact, focused);
            }
            Row::Address(i) => {
                let text = form
                    .addresses
                    .get(*i)
                    .map(|a| address_line(&address_of(a), app.lang.texts()))
                    .unwrap_or_default();
                let label = if *i == 0 { f.addresses } else { "" };
                draw_item(frame, area, label, &text, focused);
            }
            Row::AddAddress => {
                let label = if form.addresses.is_empty() {
                    f.addresses
                } else {
                    ""
                };
                draw_item(frame, area, label, f.add_address, focused);
            }
            Row::Save => {
                let keys = app
                    .keymap()
                    .keys_of(crate::keymap::Scope::Form, crate::keymap::Action::Save);
                draw_item(frame, area, "", &fill(f.save_row, &[&keys]), focused);
            }
        }
    }
    if !status.is_empty() {
        frame.render_widget(
            Paragraph::new(status).block(
                Block::default()
                    .borders(Borders::TOP)
                    .border_style(theme::muted()),
            ),
            status_area,
        );
    }
}

fn draw_item(frame: &mut Frame, area: Rect, label: &str, text: &str, focused: bool) {
    let style = if focused {
        theme::selected()
    } else {
        ratatui::style::Style::new()
    };
    let marker = if focused { "▶" } else { " " };
    let line = Line::from(vec![
        Span::styled(
            format!("{marker}{label:>w$} ", w = usize::from(LABEL - 2)),
            theme::label(),
        ),
        Span::styled(text.to_owned(), style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_field(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    form: &FormScreen,
    fld: &Field,
    focused: bool,
) {
    let f = app.lang.forms();
    let split = form
        .name_split
        .as_ref()
        .filter(|_| fld.id == crate::app::vocab::FieldId::Lastname);
    let note = if let Some(words) = split {
        Span::styled(
            format!(" {}", fill(f.name_split, &[&words.join(" | ")])),
            theme::warning(),
        )
    } else if let Some(p) = &fld.problem {
        Span::styled(format!(" {}", problem(p, app.lang)), theme::error())
    } else if let Some(s) = &fld.suggestion {
        Span::styled(format!(" {}", fill(f.suggestion, &[s])), theme::warning())
    } else if let Some(s) = &fld.saved_as {
        Span::styled(format!(" {}", fill(f.saved_as, &[s])), theme::muted())
    } else if fld.id == crate::app::vocab::FieldId::AddressLine && form.line_unplaced {
        Span::styled(format!(" {}", f.line_unplaced), theme::warning())
    } else if form.from_line.contains(&fld.id) {
        Span::styled(format!(" {}", f.from_line), theme::muted())
    } else if fld.cleaned {
        Span::styled(format!(" {}", f.cleaned), theme::warning())
    } else if fld.locked && focused {
        Span::styled(format!(" {}", f.locked), theme::muted())
    } else {
        Span::raw("")
    };
    // The reason next to a field gets the room it needs; the value gives
    // way, down to a few columns (it scrolls when focused).
    // A label longer than the column («Адрес одной строкой») takes the
    // room it needs on its own row.
    let name = field_label(fld.id, app.lang);
    let label_width = u16::try_from(name.chars().count() + 2)
        .unwrap_or(LABEL)
        .max(LABEL);
    let rest = area.width.saturating_sub(label_width);
    let needed = u16::try_from(note.width()).unwrap_or(u16::MAX);
    let value_width = (area.width * 55 / 100)
        .min(rest.saturating_sub(needed))
        .max(MIN_VALUE.min(rest));
    let [label_area, value_area, note_area] = Layout::horizontal([
        Constraint::Length(label_width),
        Constraint::Length(value_width),
        Constraint::Fill(1),
    ])
    .areas(area);
    let marker = if focused { "▶" } else { " " };
    let label = format!("{marker}{name:>w$} ", w = usize::from(label_width - 2));
    let label_style = if fld.problem.is_some() {
        theme::error()
    } else if focused {
        theme::title()
    } else {
        theme::label()
    };
    frame.render_widget(Paragraph::new(Span::styled(label, label_style)), label_area);

    let editable = !fld.locked && !form.read_only;
    match &fld.value {
        Value::Text(text) if focused && editable => {
            let [input] = Layout::horizontal([Constraint::Fill(1)]).areas(value_area);
            frame.render_widget(Paragraph::new("").style(theme::selected()), input);
            field::draw_styled(frame, input, text, true, theme::selected());
        }
        _ => {
            let shown = fld.shown();
            let (text, style) = if shown.is_empty() {
                (
                    field_placeholder(fld.id, app.lang).to_owned(),
                    theme::muted(),
                )
            } else if fld.is_picker() {
                (
                    format!("{shown} ▾"),
                    if focused {
                        theme::selected()
                    } else {
                        ratatui::style::Style::new()
                    },
                )
            } else {
                (
                    shown.to_owned(),
                    if focused {
                        theme::selected()
                    } else {
                        ratatui::style::Style::new()
                    },
                )
            };
            frame.render_widget(Paragraph::new(Span::styled(text, style)), value_area);
        }
    }

    frame.render_widget(Paragraph::new(note), note_area);
}

fn status_lines(app: &App, form: &FormScreen) -> Vec<Line<'static>> {
    let f = app.lang.forms();
    let mut lines = Vec::new();
    if form.saving.is_some() {
        lines.push(Line::raw(format!(
            "{} {}",
            theme::spinner(app.spinner),
            f.saving
        )));
    }
    if let Some(note) = &form.note {
        lines.push(Line::styled(form_note(note, app.lang), theme::warning()));
    }
    if let Some(error) = &form.error {
        let text = describe_error(error, app.lang);
        lines.push(Line::styled(
            format!("{}: {}", f.save_failed, text.title),
            theme::error(),
        ));
        lines.push(Line::raw(text.advice));
        lines.extend(text.details.into_iter().map(Line::raw));
        if let Some(id) = text.request_id {
            lines.push(Line::styled(
                format!("{}: {id}", app.lang.texts().request_id),
                theme::muted(),
            ));
        }
    }
    lines
}

fn summary_contact(fields: &[Field]) -> String {
    fields
        .iter()
        .map(Field::shown)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(": ")
}
