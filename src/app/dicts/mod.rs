//! The dictionary cache: contact and address types, countries, cities,
//! streets, metro.
//!
//! Entries live 60 s, the server's own cache time. A list already loading is
//! not asked for twice. Writes to cities and streets patch the cache from the
//! write's answer, because the server's GET may serve the old list for up to
//! a minute.
//!
//! A long list whose data changes (an answer, a write's patch) is prepared
//! for the pickers again off the loop: [`DictCache::prepare_changed`] asks
//! for it with [`super::Effect::PrepareDict`], whose answer comes back as a
//! prepared load does; an answer for data that has changed since is dropped.
//!
//! Times are [`super::Clock::since_start`]: the app never reads a clock.
//!
//! The files, by concern: `data` (a loaded list, as the pickers show it),
//! `cache` (the lists' states and revisions), `loading` (asking for a list,
//! its age, its answer), `prepared` and `preparing` (the pickers' view of a
//! long list, prepared off the loop), `patch` and `writes` (a write's answer
//! applied, and kept for the server's cache minute). The choice lists
//! themselves are `app::choices`, which knows nothing of the cache.

mod cache;
mod data;
mod loading;
mod patch;
mod prepared;
mod preparing;
mod writes;

pub use cache::{DictCache, DictState, TTL};
pub use data::DictData;
pub use prepared::PreparedDict;

#[cfg(test)]
mod tests;
