//! Sections 4 and 5: accounts and loyalty cards (read only).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row};

use super::{details, empty, is_expired, kv, kvs, table, with_details, yes_no};
use crate::app::{App, CardScreen};
use crate::dates::display_api_date;
use crate::ui::theme;

pub(super) fn draw_accounts(frame: &mut Frame, area: Rect, app: &App, screen: &CardScreen) {
    let t = app.lang.texts();
    let accounts = &screen.card.accounts;
    if accounts.is_empty() {
        return empty(frame, area, t.card.no_accounts);
    }
    let [list_area, details_area] = with_details(area, accounts.len());
    let rows = accounts
        .iter()
        .map(|a| {
            Row::new(vec![
                Cell::from(a.account_number.clone()),
                Cell::from(a.account_type_name.clone()),
                Cell::from(a.status.clone()),
                Cell::from(Line::from(super::balance(a, app.lang.texts())).right_aligned()),
            ])
        })
        .collect();
    table(
        frame,
        list_area,
        vec![
            Cell::from(t.card.col_account),
            Cell::from(t.card.col_type),
            Cell::from(t.card.col_status),
            Cell::from(Line::from(t.card.col_balance).right_aligned()),
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
        kv(t.card.col_opened, display_api_date(&a.date_create)),
        kvs(&[
            (
                t.card.debit_allowed,
                yes_no(t, a.account_debit_enabled).to_owned(),
            ),
            (
                t.card.credit_allowed,
                yes_no(t, a.account_credit_enabled).to_owned(),
            ),
        ]),
        kv(
            t.card.col_code,
            a.account_code.clone().unwrap_or_else(|| t.dash.to_owned()),
        ),
        kv(t.card.account_type_id, a.account_type_id.to_string()),
    ];
    details(frame, details_area, t, lines);
}

pub(super) fn draw_cards(frame: &mut Frame, area: Rect, app: &App, screen: &CardScreen) {
    let t = app.lang.texts();
    let cards = &screen.card.cards;
    if cards.is_empty() {
        return empty(frame, area, t.card.no_cards);
    }
    let [list_area, details_area] = with_details(area, cards.len());
    let expired = |c| is_expired(c, app.today());
    let rows = cards
        .iter()
        .map(|c| {
            let mut until = display_api_date(&c.date_expired);
            let mut style = Style::new();
            if expired(c) {
                until.push_str(t.card.expired_mark);
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
        [
            t.card.col_card,
            t.card.col_group,
            t.card.col_status,
            t.card.col_valid_until,
        ]
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
        kv(t.card.col_issued, display_api_date(&c.date_offered)),
        kv(t.card.col_valid_until, display_api_date(&c.date_expired)),
        kvs(&[
            (t.card.virtual_card, yes_no(t, c.is_virtual_card).to_owned()),
            (t.card.confirmed, yes_no(t, c.is_confirm_manager).to_owned()),
        ]),
        kv(t.card.group_id, c.group_id.to_string()),
    ];
    details(frame, details_area, t, lines);
}
