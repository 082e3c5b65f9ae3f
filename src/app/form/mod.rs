//! Forms: main data, new client, contact, address.
//!
//! Fields validate as they are typed; Ctrl-S or F2 saves; a failed save
//! keeps everything typed and says why; Esc asks before dropping changes.

pub mod build;
pub mod field;
mod save;
pub mod validate;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

pub use field::{Choice, Field, FieldId, PickerTarget, Problem, Value};

use self::build::{address_fields, contact_fields, main_fields};
use self::validate::{ContactKind, validate};
use super::card::Section;
use super::dicts::DictKey;
use super::picker::PickerState;
use super::{Confirm, Ctx, Nav, Popup, RequestId, Screen};
use crate::api::ApiError;
use crate::api::model::{Address, ClientCard, Contact, MainData};
use crate::keymap::{Action, Scope};

/// What a form edits, and where its result goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    MainData {
        client_id: String,
    },
    NewClient,
    /// `contact_id` None: a new contact.
    Contact {
        client_id: String,
        contact_id: Option<String>,
    },
    /// `address_id` None: a new address.
    Address {
        client_id: String,
        address_id: Option<String>,
    },
    /// A contact of the new client being made (`index` None: a new one).
    DraftContact {
        index: Option<usize>,
    },
    /// An address of the new client being made.
    DraftAddress {
        index: Option<usize>,
    },
}

/// A row of a form that can have the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Field(usize),
    Contact(usize),
    AddContact,
    Address(usize),
    AddAddress,
}

/// A note under the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormNote {
    /// Saving was refused: fields are marked.
    FixFields,
    /// The address is read-only.
    ReadOnly,
    /// A picker needs its parent field first.
    ChooseFirst(FieldId),
    /// Nothing changed: nothing to save.
    NothingChanged,
}

/// A form on the screen stack.
#[derive(Debug, Clone)]
pub struct FormScreen {
    pub kind: FormKind,
    pub fields: Vec<Field>,
    /// The focused row.
    pub focus: usize,
    pub saving: Option<RequestId>,
    /// Why the last save failed.
    pub error: Option<ApiError>,
    pub note: Option<FormNote>,
    pub read_only: bool,
    /// The card section to return to.
    pub section: Section,
    /// The new client's contacts and addresses (their forms' fields).
    pub contacts: Vec<Vec<Field>>,
    pub addresses: Vec<Vec<Field>>,
    /// What a main-data save sent, to compare with the answer.
    sent: Option<MainData>,
}

impl FormScreen {
    fn new(kind: FormKind, fields: Vec<Field>, section: Section) -> Self {
        Self {
            kind,
            fields,
            focus: 0,
            saving: None,
            error: None,
            note: None,
            read_only: false,
            section,
            contacts: Vec::new(),
            addresses: Vec::new(),
            sent: None,
        }
    }

    pub fn main_data(card: &ClientCard) -> Self {
        Self::new(
            FormKind::MainData {
                client_id: card.id.clone(),
            },
            main_fields(Some(card)),
            Section::Main,
        )
    }

    pub fn new_client() -> Self {
        Self::new(FormKind::NewClient, main_fields(None), Section::Main)
    }

    pub fn contact(client_id: &str, existing: Option<&Contact>) -> Self {
        let mut form = Self::new(
            FormKind::Contact {
                client_id: client_id.to_owned(),
                contact_id: existing.map(|c| c.id.clone()),
            },
            contact_fields(existing),
            Section::Contacts,
        );
        if existing.is_some() {
            form.focus = 1;
        }
        form
    }

    pub fn address(client_id: &str, existing: Option<&Address>, prefill: Option<&Address>) -> Self {
        let mut form = Self::new(
            FormKind::Address {
                client_id: client_id.to_owned(),
                address_id: existing.map(|a| a.id.clone()),
            },
            address_fields(existing, prefill),
            Section::Addresses,
        );
        form.read_only = existing.is_some_and(|a| a.read_only);
        form
    }

    pub fn draft_contact(index: Option<usize>, fields: Option<Vec<Field>>) -> Self {
        let fields = fields.unwrap_or_else(|| contact_fields(None));
        Self::new(FormKind::DraftContact { index }, fields, Section::Main)
    }

    pub fn draft_address(index: Option<usize>, fields: Option<Vec<Field>>) -> Self {
        let fields = fields.unwrap_or_else(|| address_fields(None, None));
        Self::new(FormKind::DraftAddress { index }, fields, Section::Main)
    }

    /// The rows that can have the focus, in Tab order.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = (0..self.fields.len()).map(Row::Field).collect();
        if self.kind == FormKind::NewClient {
            rows.extend((0..self.contacts.len()).map(Row::Contact));
            rows.push(Row::AddContact);
            rows.extend((0..self.addresses.len()).map(Row::Address));
            rows.push(Row::AddAddress);
        }
        rows
    }

    pub fn focused_row(&self) -> Row {
        self.rows()
            .get(self.focus)
            .copied()
            .unwrap_or(Row::Field(0))
    }

    /// The focused field, when the focus is on a field.
    pub fn focused_field(&self) -> Option<&Field> {
        match self.focused_row() {
            Row::Field(i) => self.fields.get(i),
            _ => None,
        }
    }

    pub fn field(&self, id: FieldId) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    fn field_mut(&mut self, id: FieldId) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.id == id)
    }

    /// Whether closing the form would drop something typed.
    pub fn is_dirty(&self) -> bool {
        self.fields.iter().any(Field::is_changed)
            || !self.contacts.is_empty()
            || !self.addresses.is_empty()
    }

    /// The dictionaries the form can need right away, loaded in the
    /// background as soon as the form opens or a parent is chosen.
    pub fn preload(&self, ctx: &mut Ctx) {
        for field in &self.fields {
            match field.id {
                FieldId::ContactType => ctx.ensure_dict(DictKey::ContactTypes),
                FieldId::AddressType => ctx.ensure_dict(DictKey::AddressTypes),
                FieldId::Country => ctx.ensure_dict(DictKey::Countries),
                _ => {}
            }
        }
        if let Some(country) = self.field(FieldId::Country).and_then(Field::choice_value) {
            ctx.ensure_dict(DictKey::Cities {
                country_id: country.id.clone(),
            });
        }
        if let Some(city) = self.field(FieldId::City).and_then(Field::choice_value) {
            ctx.ensure_dict(DictKey::Streets {
                city_id: city.id.clone(),
            });
            ctx.ensure_dict(DictKey::Metro {
                city_id: city.id.clone(),
            });
        }
    }

    /// Re-checks every field.
    pub fn revalidate(&mut self, ctx: &Ctx) {
        let kind = self
            .field(FieldId::ContactType)
            .and_then(Field::choice_value)
            .map(|c| c.id.clone());
        let contact = ContactKind::of(
            kind.and_then(|id| ctx.dicts.contact_types().iter().find(|t| t.id == id)),
        );
        validate(&mut self.fields, contact, ctx.clock.today);
    }

    fn move_focus(&mut self, forward: bool) {
        let n = self.rows().len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    /// Whether an action does something on the focused row.
    pub fn applies(&self, action: Action) -> bool {
        let field = self.focused_field();
        match action {
            Action::OpenPicker => {
                field.is_some_and(|f| f.is_picker() && !f.locked && !self.read_only)
            }
            Action::AcceptSuggestion => field.is_some_and(|f| f.suggestion.is_some()),
            Action::Save => !self.read_only,
            Action::Delete => matches!(self.focused_row(), Row::Contact(_) | Row::Address(_)),
            _ => true,
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> bool {
        let action = ctx.keymap.action(Scope::Form, key);
        let row = self.focused_row();
        if self.saving.is_some() {
            // The form is frozen until the CRM answers: what it shows is what
            // was sent, and nothing typed now could be lost by the answer.
            return !matches!(action, Some(Action::Help | Action::Quit));
        }
        let on_text = matches!(self.focused_field(), Some(f) if !f.is_picker());
        let action = match action {
            Some(Action::Help) if on_text && matches!(key.code, KeyCode::Char(_)) => None,
            other => other,
        };
        match action {
            Some(Action::Back) => {
                if self.is_dirty() && !self.read_only {
                    ctx.popups.push(Popup::Confirm(Confirm::DiscardForm));
                } else {
                    ctx.nav = Some(Nav::Pop);
                }
                return true;
            }
            Some(Action::Save) => {
                self.save(ctx);
                return true;
            }
            Some(Action::NextField) => {
                self.move_focus(true);
                return true;
            }
            Some(Action::PrevField) => {
                self.move_focus(false);
                return true;
            }
            Some(Action::AcceptSuggestion) => {
                if let Row::Field(i) = row
                    && let Some(field) = self.fields.get_mut(i)
                    && let (Some(s), Value::Text(t)) = (field.suggestion.take(), &mut field.value)
                {
                    t.set(&s);
                    self.revalidate(ctx);
                }
                return true;
            }
            Some(Action::OpenPicker) => {
                match row {
                    Row::Field(i) => {
                        if self.fields.get(i).is_some_and(Field::is_picker) {
                            self.open_picker(i, "", ctx);
                        } else if key.code == KeyCode::Enter {
                            self.move_focus(true);
                        }
                    }
                    Row::AddContact => {
                        ctx.nav = Some(Nav::Push(Screen::Form(Box::new(
                            FormScreen::draft_contact(None, None),
                        ))))
                    }
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
                        ctx.nav = Some(Nav::Push(Screen::Form(Box::new(form))));
                    }
                    Row::Contact(i) => {
                        let fields = self.contacts.get(i).cloned();
                        ctx.nav = Some(Nav::Push(Screen::Form(Box::new(
                            FormScreen::draft_contact(Some(i), fields),
                        ))));
                    }
                    Row::Address(i) => {
                        let form =
                            FormScreen::draft_address(Some(i), self.addresses.get(i).cloned());
                        form.preload(ctx);
                        ctx.nav = Some(Nav::Push(Screen::Form(Box::new(form))));
                    }
                }
                return true;
            }
            Some(Action::Help | Action::Quit) => return false,
            _ => {}
        }
        // Delete on a contact or address of a new client removes it.
        if action == Some(Action::Delete) {
            match row {
                Row::Contact(i) => {
                    self.contacts.remove(i);
                    return true;
                }
                Row::Address(i) => {
                    self.addresses.remove(i);
                    return true;
                }
                _ => {}
            }
        }
        let Row::Field(i) = row else {
            return false;
        };
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
                    && key
                        .modifiers
                        .difference(ratatui::crossterm::event::KeyModifiers::SHIFT)
                        .is_empty()
                {
                    self.open_picker(i, &c.to_string(), ctx);
                    true
                } else {
                    false
                }
            }
        }
    }

    /// Pasted text goes into the focused text field, cleaned.
    pub fn paste(&mut self, text: &str, ctx: &mut Ctx) {
        if self.saving.is_some() {
            return;
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

    fn open_picker(&mut self, index: usize, query: &str, ctx: &mut Ctx) {
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

    /// A picker chose `choice` for `target`: set it (see [`Self::set_choice`])
    /// and move on to the next field.
    pub fn picked(&mut self, target: PickerTarget, choice: Choice, ctx: &mut Ctx) {
        let id = target.field();
        self.set_choice(target, Some(choice));
        self.note = None;
        self.preload(ctx);
        self.revalidate(ctx);
        if let Some(pos) = self.rows().iter().position(
            |r| matches!(r, Row::Field(i) if self.fields.get(*i).is_some_and(|f| f.id == id)),
        ) {
            self.focus = pos;
            self.move_focus(true);
        }
    }

    /// A city or street the form shows was renamed (`Some`) or deleted
    /// (`None`) from a picker.
    pub fn dictionary_changed(&mut self, target: PickerTarget, id: &str, renamed: Option<Choice>) {
        let shown = self.field(target.field()).and_then(Field::choice_value);
        if shown.is_some_and(|c| c.id == id) {
            self.set_choice(target, renamed);
        }
    }

    /// Sets a picker field. A new country clears city, street and metro; a
    /// new city clears street and metro. The postcode follows the street: an
    /// empty one, or one the previous street filled in, becomes the new
    /// street's; one the operator typed stays.
    fn set_choice(&mut self, target: PickerTarget, choice: Option<Choice>) {
        let id = target.field();
        let old = self.field(id).and_then(Field::choice_value).cloned();
        let changed = old.as_ref().map(|c| &c.id) != choice.as_ref().map(|c| &c.id);
        let dependents: &[FieldId] = match target {
            PickerTarget::Country => &[FieldId::City, FieldId::Street, FieldId::Metro],
            PickerTarget::City => &[FieldId::Street, FieldId::Metro],
            _ => &[],
        };
        let street_goes =
            target == PickerTarget::Street || (changed && dependents.contains(&FieldId::Street));
        let old_street_zip = if target == PickerTarget::Street {
            old.map(|c| c.extra)
        } else {
            self.field(FieldId::Street)
                .and_then(Field::choice_value)
                .map(|c| c.extra.clone())
        };
        if changed {
            for dep in dependents {
                if let Some(f) = self.field_mut(*dep) {
                    f.value = Value::Choice(None);
                }
            }
        }
        if street_goes {
            let new_zip = match (&choice, target) {
                (Some(c), PickerTarget::Street) => c.extra.clone(),
                _ => String::new(),
            };
            if let Some(zip) = self.field_mut(FieldId::Zip)
                && let Value::Text(t) = &mut zip.value
            {
                let current = t.value().trim().to_owned();
                let from_street = old_street_zip
                    .as_deref()
                    .is_some_and(|z| !z.is_empty() && z == current);
                if current.is_empty() || from_street {
                    t.set(&new_zip);
                }
            }
        }
        if let Some(f) = self.field_mut(id) {
            f.value = Value::Choice(choice);
        }
    }
}
