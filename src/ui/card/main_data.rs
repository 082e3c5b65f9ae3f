//! Section 1: the main data, and the rest of the card at a glance.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{birthday, is_expired, kv, or_dash};
use crate::api::model::ClientCard;
use crate::app::App;
use crate::app::vocab::Section;
use crate::dates::display_api_date;
use crate::i18n::{Texts, fill};
use crate::present::{address_line, section_name};
use crate::ui::theme;
use crate::ui::wrap::{visible_start, wrap_lines};

pub(super) fn draw(frame: &mut Frame, area: Rect, app: &App, card: &ClientCard) {
    let t = app.lang.texts();
    let mut lines = vec![
        kv(t.card.lastname, or_dash(&card.lastname, t)),
        kv(t.card.firstname, or_dash(&card.firstname, t)),
        kv(t.card.middlename, or_dash(&card.middlename, t)),
        kv(t.card.birthday, birthday(card, app)),
        Line::styled(format!("{}:", t.card.note), theme::label()),
    ];
    if card.note.trim().is_empty() {
        lines.push(Line::raw(format!("  {}", t.dash)));
    } else {
        // Only what the section could ever show is wrapped: the rows
        // below its bottom are never drawn.
        let note = visible_start(
            &card.note,
            usize::from(area.width),
            usize::from(area.height),
        );
        lines.extend(note.lines().map(|l| Line::raw(format!("  {l}"))));
    }
    // Wide enough: the rest of the card beside the main data; else below.
    if area.width >= 100 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(40), Constraint::Fill(1)]).areas(area);
        let lines = wrap_lines(&lines, usize::from(left.width));
        frame.render_widget(Paragraph::new(lines), left);
        let glance = fit(at_a_glance(app, card, right.width), right.height, t);
        frame.render_widget(Paragraph::new(glance), right);
    } else {
        let glance = at_a_glance(app, card, area.width);
        let mut main = wrap_lines(&lines, usize::from(area.width));
        main.push(Line::raw(""));
        let height = usize::from(area.height);
        let glance_rows: usize = glance.iter().map(|(_, rows)| rows.len() + 1).sum();
        // Short of room, the main data goes first (the lines above the tabs
        // show the name, birthday and note already), then rows of the
        // sections give way: every section's heading stays.
        if main.len() + glance_rows > height {
            main.clear();
        }
        let room = u16::try_from(height - main.len()).unwrap_or(u16::MAX);
        main.extend(fit(glance, room, t));
        frame.render_widget(Paragraph::new(main), area);
    }
}

/// The sections' headings and rows in `height` rows: every heading, and as
/// many rows of each as fit alike, a "… ещё N" line for the rest.
fn fit(
    sections: Vec<(Line<'static>, Vec<Line<'static>>)>,
    height: u16,
    t: &Texts,
) -> Vec<Line<'static>> {
    let height = usize::from(height);
    let needed = |k: usize| -> usize {
        sections
            .iter()
            .map(|(_, rows)| 1 + rows.len().min(k) + usize::from(rows.len() > k))
            .sum()
    };
    let longest = sections.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
    let keep = (0..=longest).rev().find(|&k| needed(k) <= height);
    let mut out = Vec::new();
    for (heading, rows) in sections {
        out.push(heading);
        match keep {
            Some(k) if rows.len() > k => {
                let more = rows.len() - k;
                out.extend(rows.into_iter().take(k));
                out.push(Line::styled(
                    fill(t.card.glance_more, &[&more.to_string()]),
                    theme::muted(),
                ));
            }
            Some(_) => out.extend(rows),
            // Not even one row each: the headings alone (they carry counts).
            None => {}
        }
    }
    out
}

/// The other sections, a heading and a line per row (wrapped to `width`),
/// so that one look at Main reads the whole card; the sections 2 to 5
/// have the details.
fn at_a_glance(
    app: &App,
    card: &ClientCard,
    width: u16,
) -> Vec<(Line<'static>, Vec<Line<'static>>)> {
    let t = app.lang.texts();
    let width = usize::from(width);
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
    // Each row indented by two, its continuation lines too.
    let rows = |lines: Vec<Line<'static>>| {
        wrap_lines(&lines, width.saturating_sub(2))
            .into_iter()
            .map(|mut l| {
                l.spans.insert(0, ratatui::text::Span::raw("  "));
                l
            })
            .collect::<Vec<_>>()
    };
    let contacts = rows(
        card.contacts
            .iter()
            .map(|c| {
                Line::raw(format!(
                    "{}: {}",
                    c.type_name,
                    crate::present::display_phone(&c.value)
                ))
            })
            .collect(),
    );
    let addresses = rows(
        card.addresses
            .iter()
            .map(|a| Line::raw(address_line(a, t)))
            .collect(),
    );
    let accounts = rows(
        card.accounts
            .iter()
            .map(|a| {
                Line::raw(format!(
                    "{} {}: {}",
                    a.account_number,
                    a.account_type_name,
                    super::balance(a, t)
                ))
            })
            .collect(),
    );
    let cards = rows(
        card.cards
            .iter()
            .map(|c| {
                let expired = is_expired(c, app.today());
                let text = format!(
                    "{} {} — {} {}{}",
                    c.card_code,
                    c.group_name,
                    t.card.col_valid_until.to_lowercase(),
                    display_api_date(&c.date_expired),
                    if expired { t.card.expired_mark } else { "" }
                );
                if expired {
                    Line::styled(text, theme::warning())
                } else {
                    Line::raw(text)
                }
            })
            .collect(),
    );
    vec![
        (heading(Section::Contacts, card.contacts.len()), contacts),
        (heading(Section::Addresses, card.addresses.len()), addresses),
        (heading(Section::Accounts, card.accounts.len()), accounts),
        (heading(Section::Cards, card.cards.len()), cards),
    ]
}
