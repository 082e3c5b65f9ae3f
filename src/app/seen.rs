//! The clients this run has opened, created or saved, with their phones:
//! what the known-phone check of a new client falls back to when the
//! client directory cannot be read.

use super::vocab::PersonName;
use crate::api::model::{ClientCard, ClientId};
use crate::phone;

/// The most clients kept (the oldest go first): a shift's worth.
const MAX_SEEN: usize = 2_000;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    id: String,
    name: PersonName,
    /// Canonical.
    phones: Vec<String>,
}

/// The clients seen this run, newest last.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeenClients {
    clients: Vec<Seen>,
}

impl SeenClients {
    /// Keeps `card` (replacing what was seen of it before): its contacts
    /// that read as phones.
    pub fn record(&mut self, card: &ClientCard, city_code: Option<&str>) {
        self.clients.retain(|c| c.id != card.id);
        let phones = card
            .contacts
            .iter()
            .filter_map(|c| phone::parse(&c.value, city_code).ok())
            .map(|p| p.canonical().to_owned())
            .collect();
        self.clients.push(Seen {
            id: card.id.clone(),
            name: PersonName::of(card),
            phones,
        });
        if self.clients.len() > MAX_SEEN {
            self.clients.remove(0);
        }
    }

    /// The clients seen with any of `phones` (canonical), newest first.
    pub fn with_phones(&self, phones: &[String]) -> Vec<(PersonName, ClientId)> {
        self.clients
            .iter()
            .rev()
            .filter(|c| c.phones.iter().any(|p| phones.contains(p)))
            .map(|c| (c.name.clone(), ClientId::new(c.id.as_str())))
            .collect()
    }
}
