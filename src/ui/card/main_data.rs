//! Section 1: the main data, and the rest of the card at a glance.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{birthday, is_expired, kv, or_dash};
use crate::api::model::ClientCard;
use crate::app::{App, Section};
use crate::dates::display_api_date;
use crate::money::format_money;
use crate::present::{address_line, section_name};
use crate::ui::theme;
use crate::ui::wrap::wrap_lines;

pub(super) fn draw(frame: &mut Frame, area: Rect, app: &App, card: &ClientCard) {
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
        let lines = wrap_lines(&lines, usize::from(left.width));
        frame.render_widget(Paragraph::new(lines), left);
        frame.render_widget(Paragraph::new(glance), right);
    } else {
        lines.push(Line::raw(""));
        lines.extend(glance);
        let lines = wrap_lines(&lines, usize::from(area.width));
        frame.render_widget(Paragraph::new(lines), area);
    }
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
    lines.extend(card.contacts.iter().map(|c| {
        Line::raw(format!(
            "  {}: {}",
            c.type_name,
            crate::present::display_phone(&c.value)
        ))
    }));
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
