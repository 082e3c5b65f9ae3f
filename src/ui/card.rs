//! The card screen: name, birthday and note on top, then the section.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Tabs, Wrap};

use super::theme;
use super::wrap::wrap;

/// The width of the address type column.
const TYPE_WIDTH: u16 = 16;
use crate::api::model::ClientCard;
use crate::app::{App, CardScreen, Section};
use crate::dates::{display_api_date, parse_api};
use crate::i18n::Texts;
use crate::money::format_money;
use crate::present::{address_line, full_name, section_name};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, screen: &CardScreen) {
    let [top, tabs, body] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(area);
    draw_top(frame, top, app, &screen.card);
    draw_tabs(frame, tabs, app, screen);
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme::muted());
    let inner = block.inner(body);
    frame.render_widget(block, body);
    match screen.section {
        Section::Main => draw_main(frame, inner, app, &screen.card),
        Section::Contacts => draw_contacts(frame, inner, app, screen),
        Section::Addresses => draw_addresses(frame, inner, app, screen),
        Section::Accounts => draw_accounts(frame, inner, app, screen),
        Section::Cards => draw_cards(frame, inner, app, screen),
    }
}

/// "18.10.1971 (55 лет)", or "—".
fn birthday(card: &ClientCard, app: &App) -> String {
    let t = app.lang.texts();
    match parse_api(&card.birthday) {
        Some(date) => {
            let age = date.age_on(app.today());
            format!("{} ({})", date.ru(), crate::i18n::age(age, app.lang))
        }
        None if card.birthday.is_empty() => t.dash.to_owned(),
        None => card.birthday.clone(),
    }
}

fn draw_top(frame: &mut Frame, area: Rect, app: &App, card: &ClientCard) {
    let t = app.lang.texts();
    let note_first_line = card.note.lines().next().unwrap_or_default();
    let lines = vec![
        Line::from(vec![
            Span::styled(full_name(card, t), theme::title()),
            Span::styled(format!("   id {}", card.id), theme::muted()),
        ]),
        kv(t.birthday, birthday(card, app)),
        kv(t.note, or_dash(note_first_line, t)),
    ];
    frame.render_widget(Paragraph::new(lines), area);
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

fn kv(label: &str, value: impl Into<String>) -> Line<'static> {
    kvs(&[(label, value.into())])
}

/// Several "label: value" on one line.
fn kvs(pairs: &[(&str, String)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (label, value)) in pairs.iter().enumerate() {
        let gap = if i == 0 { "" } else { "   " };
        spans.push(Span::styled(format!("{gap}{label}: "), theme::label()));
        spans.push(Span::raw(value.clone()));
    }
    Line::from(spans)
}

/// The value, or a dash for an empty one.
fn or_dash(value: &str, t: &Texts) -> String {
    if value.trim().is_empty() {
        t.dash.to_owned()
    } else {
        value.to_owned()
    }
}

fn draw_main(frame: &mut Frame, area: Rect, app: &App, card: &ClientCard) {
    let t = app.lang.texts();
    let mut lines = vec![
        kv(t.lastname, or_dash(&card.lastname, t)),
        kv(t.firstname, or_dash(&card.firstname, t)),
        kv(t.middlename, or_dash(&card.middlename, t)),
        kv(t.birthday, birthday(card, app)),
        Line::styled(format!("{}:", t.note), theme::label()),
    ];
    if card.note.trim().is_empty() {
        lines.push(Line::raw(format!("  {}", t.dash)));
    } else {
        lines.extend(card.note.lines().map(|l| Line::raw(format!("  {l}"))));
    }
    let glance = at_a_glance(app, card);
    // Wide enough: the rest of the card beside the main data; else below.
    if area.width >= 100 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(40), Constraint::Fill(1)]).areas(area);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), left);
        frame.render_widget(Paragraph::new(glance), right);
    } else {
        lines.push(Line::raw(""));
        lines.extend(glance);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }
}

/// Whether a loyalty card's validity ended before `today`.
fn is_expired(card: &crate::api::model::LoyaltyCard, today: crate::dates::Date) -> bool {
    parse_api(&card.date_expired).is_some_and(|d| d < today)
}

/// The other sections in a line per row, so that one look at Main reads
/// the whole card; the sections 2 to 5 have the details.
fn at_a_glance(app: &App, card: &ClientCard) -> Vec<Line<'static>> {
    let t = app.lang.texts();
    let heading = |section: Section, count: usize| {
        Line::styled(
            format!(
                "{} {} ({count})",
                section.index() + 1,
                section_name(section, t)
            ),
            theme::label(),
        )
    };
    let mut lines = vec![heading(Section::Contacts, card.contacts.len())];
    lines.extend(
        card.contacts
            .iter()
            .map(|c| Line::raw(format!("  {}: {}", c.type_name, c.value))),
    );
    lines.push(heading(Section::Addresses, card.addresses.len()));
    lines.extend(
        card.addresses
            .iter()
            .map(|a| Line::raw(format!("  {}", address_line(a, t)))),
    );
    lines.push(heading(Section::Accounts, card.accounts.len()));
    lines.extend(card.accounts.iter().map(|a| {
        Line::raw(format!(
            "  {} {}: {}",
            a.account_number,
            a.account_type_name,
            format_money(a.balance)
        ))
    }));
    lines.push(heading(Section::Cards, card.cards.len()));
    lines.extend(card.cards.iter().map(|c| {
        let expired = is_expired(c, app.today());
        let text = format!(
            "  {} {} — {} {}{}",
            c.card_code,
            c.group_name,
            t.col_valid_until.to_lowercase(),
            display_api_date(&c.date_expired),
            if expired { t.expired_mark } else { "" }
        );
        if expired {
            Line::styled(text, theme::warning())
        } else {
            Line::raw(text)
        }
    }));
    lines
}

/// A table with the selected row highlighted and kept in view.
fn table<'a>(
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

fn empty(frame: &mut Frame, area: Rect, text: &str) {
    frame.render_widget(
        Paragraph::new(Line::styled(text.to_owned(), theme::muted())),
        area,
    );
}

fn draw_contacts(frame: &mut Frame, area: Rect, app: &App, screen: &CardScreen) {
    let t = app.lang.texts();
    let contacts = &screen.card.contacts;
    if contacts.is_empty() {
        return empty(frame, area, t.no_contacts);
    }
    let types = app.dicts().contact_types();
    let rows = contacts
        .iter()
        .map(|c| {
            let mailing = types.iter().any(|ty| ty.id == c.type_id && ty.mailing);
            Row::new(vec![
                Cell::from(c.type_name.as_str()),
                Cell::from(c.value.as_str()),
                Cell::from(if mailing { t.mailing_mark } else { "" }),
            ])
        })
        .collect();
    table(
        frame,
        area,
        [t.col_type, t.col_value, t.col_mailing]
            .map(Cell::from)
            .to_vec(),
        rows,
        &[
            Constraint::Length(22),
            Constraint::Fill(1),
            Constraint::Length(12),
        ],
        screen.row(),
    );
}

/// An address line wrapped so that no line ends in a prefix ("кв.") cut
/// from its number.
fn wrap_address(line: &str, width: usize, t: &Texts) -> Vec<String> {
    let mut glued = line.to_owned();
    for prefix in [
        t.addr_house,
        t.addr_building,
        t.addr_apartment,
        t.addr_metro,
    ] {
        glued = glued.replace(prefix, &prefix.replace(' ', "\u{a0}"));
    }
    wrap(&glued, width)
        .into_iter()
        .map(|l| l.replace('\u{a0}', " "))
        .collect()
}

fn draw_addresses(frame: &mut Frame, area: Rect, app: &App, screen: &CardScreen) {
    let t = app.lang.texts();
    let addresses = &screen.card.addresses;
    if addresses.is_empty() {
        return empty(frame, area, t.no_addresses);
    }
    // Long addresses wrap: a cut-off apartment number would mislead.
    let text_width = usize::from(area.width.saturating_sub(TYPE_WIDTH + 2));
    let mut list_height = 1;
    let rows = addresses
        .iter()
        .map(|a| {
            let mut type_lines = vec![Line::raw(a.type_name.clone())];
            if a.read_only {
                type_lines.push(Line::styled(
                    t.read_only_mark.trim().to_owned(),
                    theme::warning(),
                ));
            }
            let lines: Vec<Line> = wrap_address(&address_line(a, t), text_width, t)
                .into_iter()
                .map(Line::raw)
                .collect();
            let height = lines.len().max(type_lines.len());
            list_height += height;
            Row::new(vec![Cell::from(type_lines), Cell::from(lines)])
                .height(u16::try_from(height).unwrap_or(1))
        })
        .collect::<Vec<_>>();
    let list_height = u16::try_from(list_height).unwrap_or(u16::MAX);
    let [list_area, details_area] = Layout::vertical([
        Constraint::Length(list_height.min(area.height / 2 + 1)),
        Constraint::Min(0),
    ])
    .areas(area);
    table(
        frame,
        list_area,
        [t.col_type, t.col_address].map(Cell::from).to_vec(),
        rows,
        &[Constraint::Length(TYPE_WIDTH), Constraint::Fill(1)],
        screen.row(),
    );
    let Some(a) = addresses.get(screen.row()) else {
        return;
    };
    let mut lines = vec![
        kvs(&[
            (t.entrance, or_dash(&a.entry, t)),
            (t.floor, or_dash(&a.floor, t)),
            (t.apartment, or_dash(&a.apartments, t)),
            (t.intercom, or_dash(&a.entry_code, t)),
        ]),
        kv(t.metro, or_dash(&a.metro_station, t)),
        kv(t.notes, or_dash(&a.dop_info, t)),
        kvs(&[
            (t.country, or_dash(&a.country, t)),
            (t.region, or_dash(&a.region, t)),
            (t.postcode, or_dash(&a.zip, t)),
        ]),
    ];
    if !a.lat.is_empty() || !a.lng.is_empty() {
        lines.push(kv(t.coordinates, format!("{}, {}", a.lat, a.lng)));
    }
    if a.read_only {
        lines.push(Line::styled(t.read_only_note, theme::warning()));
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme::muted())
        .title(Span::styled(t.address_details, theme::label()));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        details_area,
    );
}

/// A table above, the selected row's other fields below.
fn with_details(area: Rect, rows: usize) -> [Rect; 2] {
    let height = u16::try_from(rows + 1).unwrap_or(u16::MAX);
    Layout::vertical([
        Constraint::Length(height.min(area.height.saturating_sub(4))),
        Constraint::Min(0),
    ])
    .areas(area)
}

fn details(frame: &mut Frame, area: Rect, t: &Texts, lines: Vec<Line<'static>>) {
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme::muted())
        .title(Span::styled(t.address_details, theme::label()));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

fn yes_no(t: &Texts, on: bool) -> &'static str {
    if on { t.yes } else { t.no }
}

fn draw_accounts(frame: &mut Frame, area: Rect, app: &App, screen: &CardScreen) {
    let t = app.lang.texts();
    let accounts = &screen.card.accounts;
    if accounts.is_empty() {
        return empty(frame, area, t.no_accounts);
    }
    let [list_area, details_area] = with_details(area, accounts.len());
    let rows = accounts
        .iter()
        .map(|a| {
            Row::new(vec![
                Cell::from(a.account_number.clone()),
                Cell::from(a.account_type_name.clone()),
                Cell::from(a.status.clone()),
                Cell::from(Line::from(format_money(a.balance)).right_aligned()),
            ])
        })
        .collect();
    table(
        frame,
        list_area,
        vec![
            Cell::from(t.col_account),
            Cell::from(t.col_type),
            Cell::from(t.col_status),
            Cell::from(Line::from(t.col_balance).right_aligned()),
        ],
        rows,
        &[
            Constraint::Length(23),
            Constraint::Fill(1),
            Constraint::Length(10),
            Constraint::Length(15),
        ],
        screen.row(),
    );
    let Some(a) = accounts.get(screen.row()) else {
        return;
    };
    let lines = vec![
        kv(t.col_opened, display_api_date(&a.date_create)),
        kvs(&[
            (
                t.debit_allowed,
                yes_no(t, a.account_debit_enabled).to_owned(),
            ),
            (
                t.credit_allowed,
                yes_no(t, a.account_credit_enabled).to_owned(),
            ),
        ]),
        kv(
            t.col_code,
            a.account_code.clone().unwrap_or_else(|| t.dash.to_owned()),
        ),
        kv(t.account_type_id, a.account_type_id.to_string()),
    ];
    details(frame, details_area, t, lines);
}

fn draw_cards(frame: &mut Frame, area: Rect, app: &App, screen: &CardScreen) {
    let t = app.lang.texts();
    let cards = &screen.card.cards;
    if cards.is_empty() {
        return empty(frame, area, t.no_cards);
    }
    let [list_area, details_area] = with_details(area, cards.len());
    let expired = |c| is_expired(c, app.today());
    let rows = cards
        .iter()
        .map(|c| {
            let mut until = display_api_date(&c.date_expired);
            let mut style = Style::new();
            if expired(c) {
                until.push_str(t.expired_mark);
                style = theme::warning();
            }
            Row::new(vec![
                Cell::from(c.card_code.clone()),
                Cell::from(c.group_name.clone()),
                Cell::from(c.status.clone()),
                Cell::from(until),
            ])
            .style(style)
        })
        .collect();
    table(
        frame,
        list_area,
        [t.col_card, t.col_group, t.col_status, t.col_valid_until]
            .map(Cell::from)
            .to_vec(),
        rows,
        &[
            Constraint::Length(14),
            Constraint::Fill(1),
            Constraint::Length(10),
            Constraint::Length(22),
        ],
        screen.row(),
    );
    let Some(c) = cards.get(screen.row()) else {
        return;
    };
    let lines = vec![
        kv(t.col_issued, display_api_date(&c.date_offered)),
        kv(t.col_valid_until, display_api_date(&c.date_expired)),
        kvs(&[
            (t.virtual_card, yes_no(t, c.is_virtual_card).to_owned()),
            (t.confirmed, yes_no(t, c.is_confirm_manager).to_owned()),
        ]),
        kv(t.group_id, c.group_id.to_string()),
    ];
    details(frame, details_area, t, lines);
}
