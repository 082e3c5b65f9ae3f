//! The address form's first row, «Адрес одной строкой»: the address typed as
//! heard (`тверская 7 к2 кв 12 под 2 эт 5 домофон 12к`), split on Enter by
//! `crate::address::line` into the fields it names. The city is looked up
//! in the country's list (nicknames too: `спб`); the street goes through
//! the street picker's own search, the picker opened on it and choosing as
//! soon as its list is there (or saying there is no such name). Only the
//! fields the line names are set (an edit keeps metro, region and note);
//! what the parser could not place stays in the line, marked.

use super::field::{Field, Value};
use super::{FormScreen, Row};
use crate::address::line::{AddressLine, Role, parse};
use crate::address::words::{Part, STRUCTURE_MARK};
use crate::app::dicts::DictData;
use crate::app::vocab::{Choice, DictKey, FieldId, PickerTarget};
use crate::app::{Ctx, Popup};
use crate::fuzzy::fold_cmp;

/// The text fields a part of the line fills.
const TEXT_PARTS: &[(Part, FieldId)] = &[
    (Part::House, FieldId::House),
    (Part::Entrance, FieldId::Entry),
    (Part::Floor, FieldId::Floor),
    (Part::Apartment, FieldId::Apartments),
    (Part::Intercom, FieldId::EntryCode),
];

impl FormScreen {
    /// Enter on the one-line address: splits it into the fields. False when
    /// the line is empty (Enter then moves on, as on any field).
    pub(super) fn apply_line(&mut self, ctx: &mut Ctx) -> bool {
        let Some(text) = self
            .field(FieldId::AddressLine)
            .map(|f| f.current().to_owned())
            .filter(|t| !t.trim().is_empty())
        else {
            return false;
        };
        let parsed = parse(&text);
        self.from_line.clear();
        let mut unplaced: Vec<String> = Vec::new();
        for (part, id) in TEXT_PARTS {
            if let Some(value) = parsed.part(*part) {
                self.set_text(*id, value);
            }
        }
        let building = match (parsed.part(Part::Building), parsed.part(Part::Structure)) {
            (Some(k), Some(s)) => Some(format!("{k} {STRUCTURE_MARK} {s}")),
            (Some(k), None) => Some(k.to_owned()),
            (None, Some(s)) => Some(format!("{STRUCTURE_MARK} {s}")),
            (None, None) => None,
        };
        if let Some(building) = building {
            self.set_text(FieldId::Building, &building);
        }
        if let Some(city) = parsed.city() {
            match self.city_named(&city, ctx) {
                Some(choice) => {
                    let same = self
                        .field(FieldId::City)
                        .and_then(Field::choice_value)
                        .is_some_and(|c| c.id == choice.id);
                    if !same {
                        self.set_choice(PickerTarget::City, Some(choice));
                        self.wants_defaults = false;
                        self.preload(ctx);
                    }
                    self.from_line.push(FieldId::City);
                }
                None => unplaced.extend(parsed.city_text()),
            }
        }
        let street = street_query(&parsed);
        if let Some(left) = parsed.leftover() {
            unplaced.push(left);
        }
        self.set_text(FieldId::AddressLine, &unplaced.join(" "));
        self.from_line.retain(|id| *id != FieldId::AddressLine);
        self.line_unplaced = !unplaced.is_empty();
        self.revalidate(ctx);
        self.focus_after_line();
        if let Some(query) = street {
            self.find_street(&query, ctx);
        }
        true
    }

    /// Sets a text field to what the line named.
    fn set_text(&mut self, id: FieldId, value: &str) {
        if let Some(field) = self.field_mut(id)
            && let Value::Text(t) = &mut field.value
        {
            t.set(value);
            field.cleaned = false;
            self.from_line.push(id);
        }
    }

    /// The city the line names, from the country's loaded list.
    fn city_named(&self, name: &str, ctx: &Ctx) -> Option<Choice> {
        let country_id = self
            .field(FieldId::Country)
            .and_then(Field::choice_value)?
            .id
            .clone();
        match ctx.dicts.data(&DictKey::Cities { country_id })? {
            DictData::Entries(items) => items
                .iter()
                .find(|c| fold_cmp(&c.name, name).is_eq())
                .cloned(),
            _ => None,
        }
    }

    /// Opens the street picker on the line's street, to choose its best
    /// entry as soon as the list is there ([`PickerState::take_pending_choice`]).
    ///
    /// [`PickerState::take_pending_choice`]: crate::app::picker::PickerState::take_pending_choice
    fn find_street(&mut self, query: &str, ctx: &mut Ctx) {
        let Some(index) = self.fields.iter().position(|f| f.id == FieldId::Street) else {
            return;
        };
        let opened = ctx.popups.len();
        self.open_picker(index, query, ctx);
        if let Some(Popup::Picker(picker)) = ctx.popups.get_mut(opened) {
            picker.choose_when_loaded = true;
            self.line_street = true;
        }
    }

    /// After the line: the first field still required (the address type of
    /// a new address), else the Save step.
    pub(super) fn focus_after_line(&mut self) {
        let rows = self.rows();
        let required = rows.iter().position(|r| {
            matches!(r, Row::Field(i) if self.fields.get(*i).is_some_and(|f| {
                f.id != FieldId::Street && f.problem == Some(super::Problem::Required)
            }))
        });
        match required {
            Some(n) => self.focus = n,
            None => self.select(Row::Save),
        }
    }
}

/// The street as the picker is asked for it: its type word and name, as
/// typed (`ул тверская`, `невский пр.`).
fn street_query(parsed: &AddressLine) -> Option<String> {
    let words: Vec<&str> = parsed
        .pieces
        .iter()
        .filter(|p| matches!(p.role, Role::Street | Role::StreetType(_)))
        .map(|p| parsed.text(p))
        .collect();
    parsed.street().is_some().then(|| words.join(" "))
}
