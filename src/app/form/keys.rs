//! The form's keys: moving, saving, typing, pickers.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::field::{Field, Value};
use super::{FormKind, FormNote, FormScreen, Row};
use crate::app::outcome::{Nav, Outcome};
use crate::app::picker::PickerState;
use crate::app::popup::Popup;
use crate::app::vocab::{Confirm, DictKey, FieldId, PickerTarget};
use crate::app::{Ctx, Screen};
use crate::keymap::{Action, Scope};

impl FormScreen {
    pub fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Outcome {
        let action = ctx.keymap.action(Scope::Form, key);
        let row = self.focused_row();
        if self.saving.is_some() {
            // The form shows what was sent until the CRM answers; keys typed
            // meanwhile are held for after (see `written`). A second save is
            // never sent later on its own.
            match action {
                Some(Action::Help | Action::Quit) => return Outcome::NotTaken,
                Some(Action::Save) => {}
                _ => self.held.push(super::Held::Key(*key)),
            }
            return Outcome::Taken;
        }
        if let Some(words) = self.name_split.take() {
            // A pasted full name waits: Enter or F3 splits it, any other key
            // leaves it as typed.
            if matches!(action, Some(Action::OpenPicker | Action::AcceptSuggestion))
                && key.code != KeyCode::F(4)
            {
                self.split_name(&words, ctx);
                return Outcome::Taken;
            }
        }
        let on_text = matches!(self.focused_field(), Some(f) if !f.is_picker());
        let action = match action {
            Some(Action::Help) if on_text && matches!(key.code, KeyCode::Char(_)) => None,
            other => other,
        };
        match action {
            Some(Action::Back) => {
                if self.is_dirty() && !self.read_only {
                    ctx.ask(Confirm::DiscardForm);
                } else {
                    return Outcome::Go(Nav::Pop);
                }
                return Outcome::Taken;
            }
            Some(Action::Save) => {
                return self.save_remembering(ctx);
            }
            Some(Action::NextField) => {
                self.move_focus(true);
                return Outcome::Taken;
            }
            Some(Action::PrevField) => {
                self.move_focus(false);
                return Outcome::Taken;
            }
            Some(Action::AcceptSuggestion) => {
                if let Row::Field(i) = row
                    && let Some(field) = self.fields.get_mut(i)
                    && let (Some(s), Value::Text(t)) = (field.suggestion.take(), &mut field.value)
                {
                    t.set(&s);
                    self.revalidate(ctx);
                }
                return Outcome::Taken;
            }
            Some(Action::OpenPicker) => {
                return self.open_row(row, key, ctx);
            }
            Some(Action::Help | Action::Quit) => return Outcome::NotTaken,
            _ => {}
        }
        // Delete on a contact or address of a new client removes it.
        if action == Some(Action::Delete) {
            match row {
                Row::Contact(i) => {
                    self.contacts.remove(i);
                    return Outcome::Taken;
                }
                Row::Address(i) => {
                    self.addresses.remove(i);
                    return Outcome::Taken;
                }
                _ => {}
            }
        }
        match row {
            Row::Field(i) => Outcome::taken_if(self.edit_field(i, key, ctx)),
            _ => Outcome::NotTaken,
        }
    }

    /// Saves; a new contact's or address's choices become the desk's
    /// "last used" ([`crate::app::desk::Desk::remember`]).
    fn save_remembering(&mut self, ctx: &mut Ctx) -> Outcome {
        let new_row = matches!(
            self.kind,
            FormKind::DraftContact { index: None }
                | FormKind::DraftAddress { index: None }
                | FormKind::Contact {
                    contact_id: None,
                    ..
                }
                | FormKind::Address {
                    address_id: None,
                    ..
                }
        );
        if new_row && !self.read_only {
            ctx.desk.remember(&self.fields);
        }
        self.save(ctx)
    }

    /// Enter or F4 on a row: a picker, the next field, the Save step, or
    /// the form of a listed contact or address of a new client.
    fn open_row(&mut self, row: Row, key: &KeyEvent, ctx: &mut Ctx) -> Outcome {
        let form = match row {
            Row::Save => return self.save_remembering(ctx),
            Row::Field(i) => {
                if self.fields.get(i).is_some_and(Field::is_picker) {
                    self.open_picker(i, "", ctx);
                } else if key.code == KeyCode::Enter
                    && self
                        .fields
                        .get(i)
                        .is_some_and(|f| f.id == FieldId::AddressLine)
                    && self.apply_line(ctx)
                {
                    // The line was split into the fields.
                } else if key.code == KeyCode::Enter
                    && self
                        .fields
                        .get(i)
                        .is_some_and(|f| f.id == FieldId::AddressLine)
                {
                    // The line left empty: on to the first field still
                    // empty, past what is prefilled, for every client alike.
                    self.skip_to_empty();
                } else if key.code == KeyCode::Enter {
                    self.move_focus(true);
                }
                return Outcome::Taken;
            }
            Row::AddContact => FormScreen::draft_contact(None, None),
            Row::AddAddress => {
                let prefill = self.addresses.last().cloned();
                let mut form = FormScreen::draft_address(None, None);
                if let Some(previous) = prefill {
                    for id in [FieldId::Country, FieldId::City] {
                        if let (Some(src), Some(dst)) =
                            (previous.iter().find(|f| f.id == id), form.field_mut(id))
                        {
                            dst.value = src.value.clone();
                        }
                    }
                }
                form.preload(ctx);
                form
            }
            Row::Contact(i) => FormScreen::draft_contact(Some(i), self.contacts.get(i).cloned()),
            Row::Address(i) => {
                let form = FormScreen::draft_address(Some(i), self.addresses.get(i).cloned());
                form.preload(ctx);
                form
            }
        };
        Outcome::Go(Nav::Push(Screen::Form(Box::new(form))))
    }

    /// A key on the field at `index`: typed into a text field, or opening
    /// the picker of a choice field with the letter typed.
    fn edit_field(&mut self, i: usize, key: &KeyEvent, ctx: &mut Ctx) -> bool {
        let read_only = self.read_only;
        let Some(field) = self.fields.get_mut(i) else {
            return false;
        };
        if field.locked || read_only {
            return false;
        }
        match &mut field.value {
            Value::Text(text) => {
                if text.handle_key(key) {
                    field.cleaned = false;
                    self.note = None;
                    self.revalidate(ctx);
                    true
                } else {
                    false
                }
            }
            Value::Choice(_) => {
                // Typing on a picker field opens the picker with that text.
                if let KeyCode::Char(c) = key.code
                    && !c.is_control()
                    && key.modifiers.difference(KeyModifiers::SHIFT).is_empty()
                {
                    self.open_picker(i, &c.to_string(), ctx);
                    true
                } else {
                    false
                }
            }
        }
    }

    /// A new client's names from a name typed in the lookup that found
    /// nobody: as a pasted one is split.
    pub fn carry_name(&mut self, words: &[String], ctx: &mut Ctx) {
        self.split_name(words, ctx);
    }

    /// Fills last, first and middle name from the words of a pasted name,
    /// and moves on to the first of the fields after them still empty.
    fn split_name(&mut self, words: &[String], ctx: &mut Ctx) {
        let ids = [FieldId::Lastname, FieldId::Firstname, FieldId::Middlename];
        for (id, word) in ids.iter().zip(words) {
            if let Some(field) = self.field_mut(*id)
                && let Value::Text(t) = &mut field.value
            {
                t.set(word);
            }
        }
        self.revalidate(ctx);
        self.select(Row::Field(words.len().clamp(1, 3) - 1));
        self.skip_to_empty();
    }

    /// Pasted text goes into the focused text field, cleaned: line breaks
    /// become spaces (a one-line field keeps every pasted word, joined).
    /// Two or three words pasted into the empty last name of a new client
    /// are offered as last, first and middle name.
    pub fn paste(&mut self, text: &str, ctx: &mut Ctx) {
        if self.saving.is_some() {
            self.held.push(super::Held::Paste(text.to_owned()));
            return;
        }
        self.name_split = None;
        if self.kind == FormKind::NewClient
            && self
                .focused_field()
                .is_some_and(|f| f.id == FieldId::Lastname && f.current().trim().is_empty())
        {
            let words: Vec<String> = crate::text::sanitize(text)
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            let namelike = |w: &String| {
                w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
            };
            if (2..=3).contains(&words.len()) && words.iter().all(namelike) {
                self.name_split = Some(words);
            }
        }
        let Row::Field(i) = self.focused_row() else {
            return;
        };
        let read_only = self.read_only;
        if let Some(field) = self.fields.get_mut(i)
            && !field.locked
            && !read_only
            && let Value::Text(input) = &mut field.value
        {
            input.paste(text);
            field.cleaned = crate::text::has_unsafe(text);
            self.revalidate(ctx);
        }
    }

    pub(super) fn open_picker(&mut self, index: usize, query: &str, ctx: &mut Ctx) {
        let Some(field) = self.fields.get(index) else {
            return;
        };
        if field.locked || self.read_only {
            return;
        }
        let Some(target) = field.id.picker() else {
            return;
        };
        let parent = |id: FieldId| {
            self.field(id)
                .and_then(Field::choice_value)
                .map(|c| c.id.clone())
        };
        let key = match target {
            PickerTarget::ContactType => DictKey::ContactTypes,
            PickerTarget::AddressType => DictKey::AddressTypes,
            PickerTarget::Country => DictKey::Countries,
            PickerTarget::City => match parent(FieldId::Country) {
                Some(country_id) => DictKey::Cities { country_id },
                None => {
                    self.note = Some(FormNote::ChooseFirst(FieldId::Country));
                    return;
                }
            },
            PickerTarget::Street | PickerTarget::Metro => match parent(FieldId::City) {
                Some(city_id) if target == PickerTarget::Street => DictKey::Streets { city_id },
                Some(city_id) => DictKey::Metro { city_id },
                None => {
                    self.note = Some(FormNote::ChooseFirst(FieldId::City));
                    return;
                }
            },
        };
        self.note = None;
        ctx.ensure_dict(key.clone());
        let selected = field.choice_value().map(|c| c.id.clone());
        let picker = PickerState::new(target, key, query, selected.as_deref(), ctx.dicts);
        ctx.popups.push(Popup::Picker(Box::new(picker)));
    }
}
