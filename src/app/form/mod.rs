//! Forms: main data, new client, contact, address.
//!
//! Fields validate as they are typed; Ctrl-S or F2 saves; a failed save
//! keeps everything typed and says why; Esc asks before dropping changes.

pub mod address;
pub mod build;
pub mod duplicates;
pub mod field;
mod keys;
mod line;
mod save;
pub mod validate;

pub use field::{Field, Problem, Value};

use self::build::{address_fields, contact_fields, main_fields};
use self::validate::{ContactKind, validate};
use super::{Ctx, OwnerId, RequestId};
use crate::api::ApiError;
use crate::api::model::{Address, ClientCard, Contact, MainData};
use crate::app::vocab::{Choice, DictKey, FieldId, PersonName, PickerTarget, Section};
use crate::keymap::Action;

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
    /// The step after the last field: Enter there saves.
    Save,
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
    /// Taken back from a draft whose save went out at `at_local` (local
    /// seconds since 1970) with no answer.
    SentUnanswered { at_local: i64 },
}

/// A form on the screen stack.
#[derive(Debug, Clone)]
pub struct FormScreen {
    /// Names this screen to the requests it makes: their answers come
    /// here (see [`super::owners`]).
    pub owner: OwnerId,
    pub kind: FormKind,
    pub fields: Vec<Field>,
    /// The focused row.
    pub focus: usize,
    pub saving: Option<RequestId>,
    /// When a save of this form went out with no answer yet (seconds since
    /// 1970): kept in its draft, so that a form taken back after a kill
    /// asks before it is sent again.
    pub sent_at: Option<u64>,
    /// When an earlier run sent this form (from its draft) and heard no
    /// answer: the next save asks first ([`Self::send_again`]).
    pub sent_before: Option<u64>,
    /// The operator said to send it again all the same.
    pub send_again_ok: bool,
    /// Another desk saved this form's client after it was opened (what the
    /// shared directory says, [`crate::app::presence`]): the save asks.
    pub saved_elsewhere: Option<crate::presence::OtherSave>,
    /// The operator said to save over that save all the same.
    pub save_anyway_ok: bool,
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
    /// A new client's phones checked against the directory.
    pub duplicates: DuplicateCheck,
    /// Empty contact type, country and city still take the desk's
    /// defaults as their lists arrive ([`Self::apply_defaults`]).
    pub wants_defaults: bool,
    /// A full name pasted into the empty last name of a new client, offered
    /// as last, first and middle name (Enter or F3 takes it, see
    /// `keys::paste`).
    pub name_split: Option<Vec<String>>,
    /// The client's name as the card showed it (for drafts).
    pub client: PersonName,
    /// Input that came while a save was under way: replayed into the form
    /// if the save fails, dropped (and counted) if it succeeds.
    pub held: Vec<Held>,
    /// The fields the one-line address filled, shown for checking.
    pub from_line: Vec<FieldId>,
    /// The one-line address kept text it could not place: marked.
    pub line_unplaced: bool,
    /// The street picker was opened for the line: its choice moves the
    /// focus as the line does.
    line_street: bool,
}

/// Input held while a save is under way.
#[derive(Debug, Clone)]
pub enum Held {
    Key(ratatui::crossterm::event::KeyEvent),
    Paste(String),
}

impl Held {
    /// How many keys this was (a paste: its characters).
    pub fn keys(&self) -> usize {
        match self {
            Self::Key(_) => 1,
            Self::Paste(text) => text.chars().count(),
        }
    }
}

impl FormScreen {
    fn new(kind: FormKind, fields: Vec<Field>, section: Section) -> Self {
        Self {
            owner: OwnerId::fresh(),
            kind,
            fields,
            focus: 0,
            saving: None,
            sent_at: None,
            sent_before: None,
            send_again_ok: false,
            saved_elsewhere: None,
            save_anyway_ok: false,
            error: None,
            note: None,
            read_only: false,
            section,
            contacts: Vec::new(),
            addresses: Vec::new(),
            sent: None,
            duplicates: DuplicateCheck::default(),
            wants_defaults: false,
            name_split: None,
            client: PersonName::default(),
            held: Vec::new(),
            from_line: Vec::new(),
            line_unplaced: false,
            line_street: false,
        }
    }

    /// A form of `kind` with `fields` as a draft kept them.
    pub fn restored(kind: FormKind, mut fields: Vec<Field>) -> Self {
        let section = match &kind {
            FormKind::Contact { contact_id, .. } => {
                if contact_id.is_some()
                    && let Some(f) = fields.iter_mut().find(|f| f.id == FieldId::ContactType)
                {
                    f.locked = true;
                }
                Section::Contacts
            }
            FormKind::Address { .. } => Section::Addresses,
            _ => Section::Main,
        };
        Self::new(kind, fields, section)
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
        form.wants_defaults = existing.is_none();
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
        // A new address of a client with addresses starts from the first
        // one's country and city; what is still empty (the type; country and
        // city of a client without addresses) from the desk's defaults, the
        // same way for every client.
        form.wants_defaults = existing.is_none();
        form
    }

    pub fn draft_contact(index: Option<usize>, fields: Option<Vec<Field>>) -> Self {
        let fresh = fields.is_none();
        let fields = fields.unwrap_or_else(|| contact_fields(None));
        let mut form = Self::new(FormKind::DraftContact { index }, fields, Section::Main);
        form.wants_defaults = fresh;
        form
    }

    pub fn draft_address(index: Option<usize>, fields: Option<Vec<Field>>) -> Self {
        let fresh = fields.is_none();
        let fields = fields.unwrap_or_else(|| address_fields(None, None));
        let mut form = Self::new(FormKind::DraftAddress { index }, fields, Section::Main);
        form.wants_defaults = fresh;
        form
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
        if !self.read_only {
            rows.push(Row::Save);
        }
        rows
    }

    pub fn focused_row(&self) -> Row {
        self.rows()
            .get(self.focus)
            .copied()
            .unwrap_or(Row::Field(0))
    }

    /// Puts the focus on `row`, if the form has it.
    pub fn select(&mut self, row: Row) {
        if let Some(n) = self.rows().iter().position(|r| *r == row) {
            self.focus = n;
        }
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
        validate(&mut self.fields, contact, ctx.clock.today, ctx.city_code);
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

    /// A picker chose `choice` for `target`: set it (see [`Self::set_choice`])
    /// and move on to the next field.
    pub fn picked(&mut self, target: PickerTarget, choice: Choice, ctx: &mut Ctx) {
        let id = target.field();
        self.set_choice(target, Some(choice));
        self.note = None;
        self.preload(ctx);
        self.revalidate(ctx);
        if matches!(target, PickerTarget::Country | PickerTarget::City) {
            // The operator chose: defaults no longer fill these in.
            self.wants_defaults = false;
        }
        if std::mem::take(&mut self.line_street) && target == PickerTarget::Street {
            self.from_line.push(id);
            self.focus_after_line();
        } else if let Some(pos) = self.rows().iter().position(
            |r| matches!(r, Row::Field(i) if self.fields.get(*i).is_some_and(|f| f.id == id)),
        ) {
            self.focus = pos;
            self.skip_to_empty();
        }
    }

    /// Moves the focus on to the next field still empty (a country and
    /// city filled in by default are passed over), or to the Save step.
    fn skip_to_empty(&mut self) {
        let rows = self.rows();
        let next = rows
            .iter()
            .enumerate()
            .skip(self.focus + 1)
            .find(|(_, r)| match r {
                Row::Field(i) => self.fields.get(*i).is_some_and(|f| f.current().is_empty()),
                _ => true,
            })
            .map(|(n, _)| n);
        match next {
            Some(n) => self.focus = n,
            None => self.move_focus(true),
        }
    }

    /// Fills empty contact type, address type, country and city with the
    /// desk's defaults ([`crate::app::desk::Desk::default_for`]); keeps
    /// asking while a list they need is loading.
    pub fn apply_defaults(&mut self, ctx: &mut Ctx) {
        use crate::app::desk::Lookup;
        if !self.wants_defaults || self.read_only {
            return;
        }
        let mut waiting = false;
        let focused = self.focused_field().map(|f| f.id);
        let mut filled = Vec::new();
        for target in [
            PickerTarget::ContactType,
            PickerTarget::AddressType,
            PickerTarget::Country,
            PickerTarget::City,
        ] {
            let Some(field) = self.field(target.field()) else {
                continue;
            };
            if field.choice_value().is_some() {
                continue;
            }
            self.preload(ctx);
            let parent = self
                .field(FieldId::Country)
                .and_then(Field::choice_value)
                .map(|c| c.id.clone());
            match ctx.desk.default_for(target, parent.as_deref(), ctx.dicts) {
                Lookup::Found(choice) => {
                    self.set_choice(target, Some(choice));
                    filled.push(target.field());
                }
                Lookup::Wait => waiting = true,
                Lookup::None => {}
            }
        }
        if !filled.is_empty() {
            self.preload(ctx);
            self.revalidate(ctx);
            // The field the operator is on was filled in: on to the next
            // one still empty.
            if focused.is_some_and(|id| filled.contains(&id)) {
                self.skip_to_empty();
            }
        }
        self.wants_defaults = waiting;
    }

    /// A city or street the form shows was renamed (`Some`) or deleted
    /// (`None`) from a picker.
    pub fn dictionary_changed(&mut self, target: PickerTarget, id: &str, renamed: Option<Choice>) {
        let shown = self.field(target.field()).and_then(Field::choice_value);
        if shown.is_some_and(|c| c.id == id) {
            self.set_choice(target, renamed);
        }
    }

    /// Sets a picker field by the address rules ([`address::set_choice`]).
    fn set_choice(&mut self, target: PickerTarget, choice: Option<Choice>) {
        address::set_choice(&mut self.fields, target, choice);
    }
}

/// Where the duplicate check of a new client stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DuplicateCheck {
    /// The directory is being asked who has the phones.
    pub asking: Option<RequestId>,
    /// The next save sends without asking (nobody has the phones, or the
    /// operator chose to create anyway).
    pub cleared: bool,
}
