//! The card screen: name, birthday and note on top, then the section.

mod addresses;
mod balances;
mod contacts;
mod main_data;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Tabs};

use super::theme;
use super::wrap::wrap_lines;
use crate::api::lenient::Reading;
use crate::api::model::{Account, ClientCard};
use crate::app::vocab::Section;
use crate::app::{App, CardScreen};
use crate::dates::parse_api;
use crate::i18n::Texts;
use crate::present::{copy_note, full_name, section_name};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, screen: &CardScreen) {
    let others = super::presence::lines(app, &screen.card.id);
    let others_height = u16::try_from(others.len()).unwrap_or(0);
    let [top, tabs, body] = Layout::vertical([
        Constraint::Length(3 + others_height),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(area);
    draw_top(frame, top, app, screen, others);
    draw_tabs(frame, tabs, app, screen);
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme::muted());
    let inner = block.inner(body);
    frame.render_widget(block, body);
    match screen.section {
        Section::Main => main_data::draw(frame, inner, app, &screen.card),
        Section::Contacts => contacts::draw(frame, inner, app, screen),
        Section::Addresses => addresses::draw(frame, inner, app, screen),
        Section::Accounts => balances::draw_accounts(frame, inner, app, screen),
        Section::Cards => balances::draw_cards(frame, inner, app, screen),
    }
}

/// "18.10.1971 (55 лет)", "—", or "нечитаемо: 2999-01-01T00:00:00" for
/// what is not a birthday (never an age of 0).
pub(super) fn birthday(card: &ClientCard, app: &App) -> String {
    let t = app.lang.texts();
    match card.birthday_reading(app.today()) {
        Reading::Value(Some(date)) => {
            let age = date.age_on(app.today());
            format!("{} ({})", date.ru(), crate::i18n::age(age, app.lang))
        }
        Reading::Value(None) => t.dash.to_owned(),
        Reading::Unreadable(text) => unreadable(&text, t),
    }
}

/// An account's balance, or "нечитаемо: abc" (never 0,00).
pub(super) fn balance(account: &Account, t: &Texts) -> String {
    match account.balance_reading() {
        Reading::Value(amount) => crate::money::format_money(amount),
        Reading::Unreadable(text) => unreadable(&text, t),
    }
}

/// "нечитаемо: abc": a value the server sent that cannot be read.
fn unreadable(text: &str, t: &Texts) -> String {
    format!("{}: {}", t.unreadable, crate::text::sanitize(text))
}

/// The name, the birthday, the note, and the other desks' forms on the
/// client (`others`).
fn draw_top(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    screen: &CardScreen,
    others: Vec<Line<'static>>,
) {
    let t = app.lang.texts();
    let card = &screen.card;
    // One row: no more of the note than the row has cells.
    let note_first_line = crate::ui::wrap::visible_start(&card.note, usize::from(area.width), 0)
        .lines()
        .next()
        .unwrap_or_default();
    let first = header_row(app, screen, usize::from(area.width));
    let mut born = kv(t.card.birthday, birthday(card, app));
    // The caller's number rang unanswered and is not called back yet.
    if let Some(at) = app.calls.missed.of(&card.id) {
        let missed = crate::i18n::calls::missed_when(at, app.shared.clock, app.lang);
        let call = app.lang.calls().ringing;
        born.push_span(Span::styled(format!("   {call}: "), theme::label()));
        born.push_span(Span::styled(missed, theme::warning()));
    }
    let mut lines = vec![
        Line::from(first),
        born,
        kv(t.card.note, or_dash(note_first_line, t)),
    ];
    lines.extend(others);
    frame.render_widget(Paragraph::new(lines), area);
}

/// The card's first row: the name, the id, how fresh it is, and the copy
/// notice. The notice is the point of the moment: it is kept whole, and
/// what does not fit beside it goes (freshness, then the id, then the
/// name's end, cut with `…`).
fn header_row(app: &App, screen: &CardScreen, width: usize) -> Vec<Span<'static>> {
    use crate::ui::cut::{cells, ellipsis};
    let t = app.lang.texts();
    let card = &screen.card;
    let name = full_name(card, t);
    let id = Span::styled(format!("   id {}", card.id), theme::muted());
    let fresh = freshness(app, &card.id);
    let Some(note) = screen.copy_note else {
        let mut row = vec![Span::styled(name, theme::title()), id];
        row.extend(fresh);
        return row;
    };
    let style = match note {
        crate::app::vocab::CopyNote::Copied(_) => theme::title(),
        _ => theme::warning(),
    };
    let note = format!("   {}", copy_note(note, t));
    let room = width.saturating_sub(cells(&note));
    let mut rest = vec![id];
    rest.extend(fresh);
    let rest_cells = |rest: &[Span]| rest.iter().map(Span::width).sum::<usize>();
    while !rest.is_empty() && cells(&name) + rest_cells(&rest) > room {
        rest.pop();
    }
    let name = ellipsis(&name, room.saturating_sub(rest_cells(&rest)));
    let mut row = vec![Span::styled(name, theme::title())];
    row.extend(rest);
    let note = if cells(&note) <= width {
        note
    } else {
        ellipsis(note.trim_start(), width)
    };
    row.push(Span::styled(note, style));
    row
}

/// "· сохранено 12 с назад, копия CRM может отставать" within the CRM's
/// cache minute after a save, else "· загружена 12:03".
fn freshness(app: &App, id: &str) -> Option<Span<'static>> {
    let t = app.lang.texts();
    let fresh = &app.shared.fresh;
    if let Some(ago) = fresh.saved_ago(id, app.shared.clock) {
        let secs = ago.as_secs().to_string();
        let text = crate::i18n::fill(t.card_saved_ago, &[&secs]);
        return Some(Span::styled(format!(" · {text}"), theme::warning()));
    }
    let at = fresh.loaded_at(id)?;
    // The offset comes with the clock, so drawing reads no time zone.
    let local = i64::try_from(at).ok()? + i64::from(app.shared.clock.utc_offset_secs);
    let time = jiff::Timestamp::from_second(local)
        .ok()?
        .strftime("%H:%M")
        .to_string();
    Some(Span::styled(
        format!(" · {} {time}", t.card_loaded_at),
        theme::muted(),
    ))
}

fn draw_tabs(frame: &mut Frame, area: Rect, app: &App, screen: &CardScreen) {
    let t = app.lang.texts();
    let titles = Section::ALL.iter().map(|&s| {
        let name = section_name(s, t);
        let n = s.index() + 1;
        match s {
            Section::Main => format!("{n} {name}"),
            _ => format!("{n} {name} ({})", screen.row_count(s)),
        }
    });
    let tabs = Tabs::new(titles)
        .select(screen.section.index())
        .highlight_style(theme::selected())
        .divider("│");
    frame.render_widget(tabs, area);
}

pub(super) fn kv(label: &str, value: impl Into<String>) -> Line<'static> {
    kvs(&[(label, value.into())])
}

/// Several "label: value" on one line.
pub(super) fn kvs(pairs: &[(&str, String)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (label, value)) in pairs.iter().enumerate() {
        let gap = if i == 0 { "" } else { "   " };
        spans.push(Span::styled(format!("{gap}{label}: "), theme::label()));
        spans.push(Span::raw(value.clone()));
    }
    Line::from(spans)
}

/// The value, or a dash for an empty one.
pub(super) fn or_dash(value: &str, t: &Texts) -> String {
    if value.trim().is_empty() {
        t.dash.to_owned()
    } else {
        value.to_owned()
    }
}

/// Whether a loyalty card's validity ended before `today`.
pub(super) fn is_expired(card: &crate::api::model::LoyaltyCard, today: crate::dates::Date) -> bool {
    parse_api(&card.date_expired).is_some_and(|d| d < today)
}

/// A table with the selected row highlighted and kept in view.
pub(super) fn table<'a>(
    frame: &mut Frame,
    area: Rect,
    header: Vec<Cell<'a>>,
    rows: Vec<Row<'a>>,
    widths: &[Constraint],
    selected: usize,
) {
    let table = Table::new(rows, widths.to_vec())
        .header(Row::new(header).style(theme::label()))
        .row_highlight_style(theme::selected())
        .highlight_symbol("▶")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
        .column_spacing(1);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}

pub(super) fn empty(frame: &mut Frame, area: Rect, text: &str) {
    frame.render_widget(
        Paragraph::new(Line::styled(text.to_owned(), theme::muted())),
        area,
    );
}

/// A table above, the selected row's other fields below.
pub(super) fn with_details(area: Rect, rows: usize) -> [Rect; 2] {
    let height = u16::try_from(rows + 1).unwrap_or(u16::MAX);
    Layout::vertical([
        Constraint::Length(height.min(area.height.saturating_sub(4))),
        Constraint::Min(0),
    ])
    .areas(area)
}

pub(super) fn details(frame: &mut Frame, area: Rect, t: &Texts, lines: Vec<Line<'static>>) {
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme::muted())
        .title(Span::styled(t.card.address_details, theme::label()));
    let lines = wrap_lines(&lines, usize::from(block.inner(area).width));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

pub(super) fn yes_no(t: &Texts, on: bool) -> &'static str {
    if on { t.yes } else { t.no }
}
