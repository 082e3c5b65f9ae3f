//! The picker popup: the query, the count of matches, the visible rows only;
//! the names that only have the query's letters scattered come after a
//! separator row, dimmed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::popup::centered;
use super::{field, theme};
use crate::app::App;
use crate::app::picker::PickerState;
use crate::i18n::{describe_error, fill, picker_title, picker_words};

pub fn draw(frame: &mut Frame, app: &App, picker: &PickerState, on_top: bool) {
    let f = app.lang.forms();
    let area = frame.area();
    let rect = centered(
        area,
        60.min(area.width.saturating_sub(2)),
        area.height.saturating_sub(4).min(22),
    );
    frame.render_widget(Clear, rect);
    let count = if picker.loaded && picker.has_work() {
        // The search is unfinished: the rows are the best so far.
        fill(f.picker_counting, &[&picker.items.len().to_string()])
    } else if picker.loaded {
        fill(
            f.picker_count,
            &[
                &picker.matches.len().to_string(),
                &picker.items.len().to_string(),
            ],
        )
    } else {
        String::new()
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focused_border())
        .title(Span::styled(
            format!(" {} ", picker_title(picker.target, app.lang)),
            theme::title(),
        ))
        .title(Line::styled(format!(" {count} "), theme::muted()).right_aligned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [query_area, sep, list_area, hint_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(Span::styled("› ", theme::key())), query_area);
    let input = ratatui::layout::Rect {
        x: query_area.x + 2,
        width: query_area.width.saturating_sub(2),
        ..query_area
    };
    field::draw(frame, input, &picker.query, on_top);
    frame.render_widget(
        Paragraph::new("─".repeat(usize::from(sep.width))).style(theme::muted()),
        sep,
    );

    let mut lines: Vec<Line> = Vec::new();
    if let Some(error) = &picker.error {
        let text = describe_error(error, app.lang);
        lines.push(Line::styled(text.title, theme::error()));
        lines.push(Line::raw(f.picker_failed));
    } else if !picker.loaded {
        lines.push(Line::raw(format!(
            "{} {}",
            theme::spinner(app.spinner),
            f.picker_loading
        )));
    } else if picker.matches.is_empty() {
        if !picker.has_work() {
            lines.push(Line::styled(f.picker_none, theme::muted()));
        }
    } else {
        // Only the visible rows are built, however long the list. The
        // separator before the scattered matches is a row of its own.
        let apart = picker.close < picker.matches.len();
        let row_of = |n: usize| n + usize::from(apart && n >= picker.close);
        let rows = row_of(picker.matches.len());
        let visible = usize::from(list_area.height).max(1);
        let first = row_of(picker.selected).saturating_sub(visible - 1);
        for row in first..rows.min(first + visible) {
            if apart && row == picker.close {
                lines.push(Line::styled(
                    picker_words(app.lang).scattered_apart,
                    theme::muted(),
                ));
                continue;
            }
            let n = row - usize::from(apart && row > picker.close);
            let Some(&item) = picker.matches.get(n) else {
                continue;
            };
            let Some(choice) = picker.items.get(item as usize) else {
                continue;
            };
            let selected = n == picker.selected && !picker.held;
            let base = if selected {
                theme::selected()
            } else if n >= picker.close {
                theme::muted()
            } else {
                ratatui::style::Style::new()
            };
            let mut spans = vec![Span::styled(if selected { "▶ " } else { "  " }, base)];
            spans.extend(marked(&choice.name, picker.highlights(item), base));
            if !choice.extra.is_empty() {
                spans.push(Span::styled(format!("  {}", choice.extra), theme::muted()));
            }
            lines.push(Line::from(spans));
        }
    }
    if picker.busy.is_some() {
        lines.push(Line::raw(format!(
            "{} {}",
            theme::spinner(app.spinner),
            f.picker_deleting
        )));
    }
    frame.render_widget(Paragraph::new(lines), list_area);
    let words = picker_words(app.lang);
    let hint = if picker.no_such_name {
        let text = if picker.target.editable() {
            words.no_such_name
        } else {
            words.no_such_name_fixed
        };
        Line::styled(text, theme::warning())
    } else if picker.empty_enter {
        Line::styled(words.empty_enter, theme::warning())
    } else if let Some(other) = &picker.other_layout {
        Line::styled(fill(words.other_layout, &[other.trim()]), theme::muted())
    } else if let Some(name) = picker.existing() {
        Line::styled(fill(words.existing, &[name]), theme::muted())
    } else if picker.offers_add() {
        Line::styled(
            fill(f.picker_add_hint, &[picker.query.value().trim()]),
            theme::muted(),
        )
    } else {
        Line::default()
    };
    frame.render_widget(Paragraph::new(hint), hint_area);
}

/// `name` in runs of plain and matched characters (matched ones bold and
/// underlined).
fn marked(name: &str, marks: &[u32], base: ratatui::style::Style) -> Vec<Span<'static>> {
    let hit_style = base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in name.chars().enumerate() {
        let hit = u32::try_from(i).is_ok_and(|i| marks.contains(&i));
        if hit != run_hit && !run.is_empty() {
            let style = if run_hit { hit_style } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_hit = hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { hit_style } else { base }));
    }
    spans
}
