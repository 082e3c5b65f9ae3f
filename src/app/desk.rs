//! What this desk brings to new forms: the defaults of the config file
//! (`[defaults]`, by name), what the desk chose last (kept in memory for the
//! session), and whether the copy key may use the clipboard.

use super::dicts::{DictCache, DictData};
use super::form::field::Field;
use super::vocab::{Choice, DictKey, FieldId, PickerTarget};
pub use crate::config::FormDefaults;

/// The desk's settings and memory.
#[derive(Debug, Clone, Default)]
pub struct Desk {
    /// The config's `[defaults]` (the demo's when started with `--demo`).
    pub defaults: FormDefaults,
    /// What the desk chose last in a new contact or address.
    pub last: LastUsed,
    /// `[ui] copy`: OSC 52 is allowed (the default).
    pub copy_off: bool,
    /// The clients this run has opened, created or saved.
    pub seen: super::seen::SeenClients,
    /// Directory writes that failed, to be tried again.
    pub writes: super::dir_writes::DirectoryWrites,
}

/// The choices of the last new contact and address this session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LastUsed {
    pub contact_type: Option<Choice>,
    pub address_type: Option<Choice>,
    pub country: Option<Choice>,
    /// The city, with the id of its country.
    pub city: Option<(String, Choice)>,
}

/// Where a default can be looked for right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Found.
    Found(Choice),
    /// The list it would be in has not arrived yet: ask again later.
    Wait,
    /// Nothing to fill in.
    None,
}

impl Desk {
    /// The choice a new form starts with for `target` (`parent`: the chosen
    /// country for a city): the config's name when the list has it, else
    /// what the desk used last, else (a contact's type) the CRM's mobile
    /// phone type.
    pub fn default_for(
        &self,
        target: PickerTarget,
        parent: Option<&str>,
        dicts: &DictCache,
    ) -> Lookup {
        let (name, key) = match target {
            PickerTarget::ContactType => (&self.defaults.contact_type, Some(DictKey::ContactTypes)),
            PickerTarget::Country => (&self.defaults.country, Some(DictKey::Countries)),
            PickerTarget::City => (
                &self.defaults.city,
                parent.map(|country_id| DictKey::Cities {
                    country_id: country_id.to_owned(),
                }),
            ),
            PickerTarget::AddressType => (&self.defaults.address_type, Some(DictKey::AddressTypes)),
            PickerTarget::Street | PickerTarget::Metro => return Lookup::None,
        };
        if let (Some(name), Some(key)) = (name, key) {
            match dicts.data(&key) {
                Some(data) => {
                    if let Some(found) = by_name(data, name) {
                        return Lookup::Found(found);
                    }
                }
                // A failed list falls back at once; a loading one is waited for.
                None if matches!(dicts.get(&key), Some(super::DictState::Loading(_))) => {
                    return Lookup::Wait;
                }
                None => {}
            }
        }
        let last = match target {
            PickerTarget::ContactType => self.last.contact_type.clone(),
            PickerTarget::AddressType => self.last.address_type.clone(),
            PickerTarget::Country => self.last.country.clone(),
            PickerTarget::City => self
                .last
                .city
                .as_ref()
                .filter(|(country, _)| Some(country.as_str()) == parent)
                .map(|(_, city)| city.clone()),
            PickerTarget::Street | PickerTarget::Metro => None,
        };
        match (last, target) {
            (Some(choice), _) => Lookup::Found(choice),
            (None, PickerTarget::ContactType) => mobile_type(dicts),
            (None, _) => Lookup::None,
        }
    }

    /// Remembers the choices of a new contact's or address's fields.
    pub fn remember(&mut self, fields: &[Field]) {
        let get = |id: FieldId| {
            fields
                .iter()
                .find(|f| f.id == id)
                .and_then(Field::choice_value)
                .cloned()
        };
        if let Some(c) = get(FieldId::ContactType) {
            self.last.contact_type = Some(c);
        }
        if let Some(c) = get(FieldId::AddressType) {
            self.last.address_type = Some(c);
        }
        if let Some(country) = get(FieldId::Country) {
            self.last.city = get(FieldId::City).map(|city| (country.id.clone(), city));
            self.last.country = Some(country);
        }
    }
}

/// A new contact's type when neither the config nor this session chose
/// one: the CRM's mobile phone type ([`ContactType::for_a_mobile`]).
///
/// [`ContactType::for_a_mobile`]: crate::api::model::ContactType::for_a_mobile
fn mobile_type(dicts: &DictCache) -> Lookup {
    let key = DictKey::ContactTypes;
    match dicts.data(&key) {
        Some(DictData::ContactTypes(types)) => crate::api::model::ContactType::for_a_mobile(types)
            .map_or(Lookup::None, |t| {
                Lookup::Found(Choice {
                    id: t.id.clone(),
                    name: t.name.clone(),
                    extra: String::new(),
                })
            }),
        None if matches!(dicts.get(&key), Some(super::DictState::Loading(_))) => Lookup::Wait,
        _ => Lookup::None,
    }
}

/// The entry of `data` named `name` (case and spacing aside). The names
/// were cleaned where they were decoded.
fn by_name(data: &DictData, name: &str) -> Option<Choice> {
    let wanted = crate::fuzzy::fold(name.trim());
    let hit = |entry_name: &str| crate::fuzzy::fold(entry_name.trim()) == wanted;
    match data {
        DictData::ContactTypes(types) => types.iter().find(|t| hit(&t.name)).map(|t| Choice {
            id: t.id.clone(),
            name: t.name.clone(),
            extra: String::new(),
        }),
        DictData::Entries(entries) => entries.iter().find(|e| hit(&e.name)).cloned(),
        DictData::Streets(_) => None,
    }
}
