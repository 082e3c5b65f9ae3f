//! A list as the executor hands it over: its data and the pickers' view of
//! it, prepared off the UI loop. Carrying out a preparation the cache asked
//! for (`PreparedDict::answer`) is in `preparing`.

use std::sync::Arc;

use super::data::DictData;
use crate::app::choices::ChoiceList;
use crate::app::vocab::DictKey;
use crate::lang::Lang;

/// A list as the executor hands it over: the data, and the pickers' view
/// of it prepared off the UI loop (see [`ChoiceList::prepare`]).
#[derive(Debug, Clone)]
pub struct PreparedDict {
    pub data: Arc<DictData>,
    pub list: Option<Arc<ChoiceList>>,
}

impl PreparedDict {
    /// Prepares `data` as it arrived (the slow part: sorting, folding,
    /// ranking letters).
    pub fn new(key: &DictKey, data: DictData) -> Self {
        Self::prepare(key, Arc::new(data), None)
    }

    /// Prepares `data` again after it changed, the contact types' names in
    /// `lang` ([`crate::app::Effect::PrepareDict`]).
    pub fn prepare(key: &DictKey, data: Arc<DictData>, lang: Option<Lang>) -> Self {
        let list = ChoiceList::prepare(key, || data.choices(), lang).map(Arc::new);
        Self { data, list }
    }
}
