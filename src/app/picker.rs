//! A picker: a popup list with type-ahead fuzzy filtering.
//!
//! The names that contain the query (`fuzzy::Names::holds_all`) come first, the
//! names that only have its letters scattered after them, apart. When only
//! scattered names are left, no row is selected and Enter chooses nothing
//! (it says there is no such name) until the operator picks one with ↓.
//! The query is also read as typed in the other keyboard layout
//! (`crate::layout::alternatives`): `vjcrdf` finds «Москва»; and as an
//! address (`reading`): `ул тверская` finds «Тверская», `спб` puts
//! «Санкт-Петербург» first. Enter on an empty filter chooses nothing unless
//! the operator moved the highlight (or it is on the field's entry).
//!
//! A long list is searched in slices (`search`): a keystroke scores a
//! bounded number of names and shows the best rows found so far, the loop
//! sends [`super::Msg::Continue`] while [`PickerState::has_work`], and a key
//! that acts on the selected row finishes the search first.

mod keys;
mod reading;
mod search;

use std::collections::HashMap;
use std::sync::Arc;

use super::RequestId;
use super::choices::{self, ChoiceList, Choices};
use super::dicts::{DictCache, DictState};
use super::field::TextField;
use super::owners::OwnerId;
use crate::api::ApiError;
use crate::fuzzy::SLICE;
use crate::keymap::Action;
use crate::lang::Lang;

use self::reading::Reading;
use self::search::{Rows, Search};
use super::vocab::{Choice, DictKey, PickerTarget};

/// How many rows either side of the selection get their matches marked
/// (more than a picker shows).
const MARKED_AROUND: usize = 24;

/// How many rows PgUp and PgDn move.
pub const PAGE: usize = 10;

/// A picker's state.
#[derive(Debug)]
pub struct PickerState {
    /// Names this popup to the requests it makes: their answers come
    /// here (see [`super::owners`]).
    pub owner: OwnerId,
    pub target: PickerTarget,
    pub key: DictKey,
    pub query: TextField,
    /// The list, once loaded (shared with the dictionary cache's prepared
    /// list).
    pub items: Choices,
    /// The search over what each item is found by (`super::choices`),
    /// rebuilt when the list changes.
    search: Option<Search>,
    /// Indices into `items` matching the query, best first: the `close`
    /// first ones contain the query, the rest only have its letters. While
    /// the search is unfinished, the best rows found so far.
    pub matches: Vec<u32>,
    /// How many of `matches` contain the query (the rest are scattered).
    pub close: usize,
    /// The highlighted row, an index into `matches`.
    pub selected: usize,
    /// Only scattered matches are left and the operator has not picked one
    /// with ↓ or ↑: no row is selected, Enter chooses nothing.
    pub held: bool,
    /// Enter found nothing to choose (only scattered matches): the picker
    /// says there is no such name.
    pub no_such_name: bool,
    /// The query as read in the other layout, when only that reading
    /// matches a name closely (`vjcrdf` → `москва`).
    pub other_layout: Option<String>,
    /// The UI's language, for the contact types' glosses.
    lang: Lang,
    /// The language `names` were prepared for, when it matters.
    names_lang: Option<Lang>,
    /// Whether the list has arrived.
    pub loaded: bool,
    pub error: Option<ApiError>,
    /// The entry to highlight once the list arrives.
    wanted: Option<String>,
    /// The cache revision the items were taken from.
    revision: u64,
    /// Highlighted character positions by item, for the rows near the
    /// selection.
    marks: HashMap<u32, Vec<u32>>,
    /// A delete under way.
    pub busy: Option<RequestId>,
    /// Enter was pressed before the list arrived: choose as soon as it does.
    pub choose_when_loaded: bool,
    /// The query as read by the address rules (`ул тверская`, `спб`).
    reading: Reading,
    /// The operator moved the highlight with the arrows since the rows
    /// last changed.
    moved: bool,
    /// The highlighted row is the field's current entry.
    preselected: bool,
    /// Enter on an empty filter chose nothing: the picker says how to
    /// choose.
    pub empty_enter: bool,
}

impl PickerState {
    pub fn new(
        target: PickerTarget,
        key: DictKey,
        query: &str,
        selected_id: Option<&str>,
        dicts: &DictCache,
    ) -> Self {
        let mut picker = Self {
            owner: OwnerId::fresh(),
            target,
            key,
            query: TextField::with_value(query),
            items: Choices::default(),
            search: None,
            matches: Vec::new(),
            close: 0,
            selected: 0,
            held: false,
            no_such_name: false,
            other_layout: None,
            lang: Lang::default(),
            names_lang: None,
            loaded: false,
            error: None,
            wanted: selected_id.map(str::to_owned),
            revision: 0,
            marks: HashMap::new(),
            busy: None,
            choose_when_loaded: false,
            reading: Reading::default(),
            moved: false,
            preselected: false,
            empty_enter: false,
        };
        picker.sync(dicts);
        picker
    }

    /// The UI's language: in English, contact types are also found by
    /// their English gloss (their list is prepared again when it changes).
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// Takes the list from the cache when it has arrived or changed: the
    /// list prepared off the loop when there is one, else, for a short list,
    /// prepared here. A long list being prepared off the loop is waited for
    /// as for its first load (see [`Self::wait`]).
    pub fn sync(&mut self, dicts: &DictCache) {
        match dicts.get(&self.key) {
            Some(DictState::Loaded { data, .. }) => {
                let revision = dicts.revision(&self.key);
                let names_fit = self.names_lang.is_none_or(|l| l == self.lang);
                if self.loaded && revision == self.revision && names_fit {
                    return;
                }
                let list = match dicts.choice_list(&self.key) {
                    Some(list) if list.fits(self.lang) => Arc::clone(list),
                    _ if data.len() < choices::SHORT => {
                        Arc::new(ChoiceList::new(&self.key, data.choices(), self.lang))
                    }
                    _ => return self.wait(),
                };
                self.revision = revision;
                let keep = self.selected_choice().map(|c| c.id.clone());
                self.search = Some(Search::new(&list.names));
                self.names_lang = list.lang();
                self.items = Arc::clone(&list.items);
                self.loaded = true;
                self.error = None;
                if self.wanted.is_none() {
                    self.wanted = keep;
                }
                self.refilter();
            }
            Some(DictState::Failed(error)) => {
                self.error = Some(error.clone());
            }
            Some(DictState::Loading(_)) | None => {}
        }
    }

    /// Waits for the list prepared off the loop after its data changed: the
    /// picker shows it loading, as before its first load, rather than a list
    /// that may still hold a deleted or renamed entry. The query stays,
    /// typing goes on, an Enter chooses once the list is there, and the
    /// selected entry is selected again then.
    fn wait(&mut self) {
        let keep = self.selected_choice().map(|c| c.id.clone());
        if self.wanted.is_none() {
            self.wanted = keep;
        }
        self.loaded = false;
        self.error = None;
        self.items = Choices::default();
        self.names_lang = None;
        self.search = None;
        self.marks.clear();
        self.show(Rows::default(), false);
    }

    /// Starts the search for the query and does its first slice.
    fn refilter(&mut self) {
        let Some(search) = &mut self.search else {
            return;
        };
        self.reading = Reading::of(&self.key, self.query.value(), &self.items);
        search.start(&self.reading.search);
        self.marks.clear();
        self.advance(SLICE);
    }

    /// Whether the search is unfinished (the loop sends
    /// [`super::Msg::Continue`] until it is).
    pub fn has_work(&self) -> bool {
        self.search.as_ref().is_some_and(Search::is_running)
    }

    /// One more slice of an unfinished search.
    pub fn work(&mut self) {
        if self.has_work() {
            self.advance(SLICE);
        }
    }

    /// Finishes an unfinished search, so that a key acting on the selected
    /// row acts on the full ranking.
    fn finish(&mut self) {
        if self.has_work() {
            self.advance(usize::MAX);
        }
    }

    /// Scores at most about `budget` names and shows the rows: the final
    /// ones when the search is finished, else the best so far.
    fn advance(&mut self, budget: usize) {
        let Some(search) = &mut self.search else {
            return;
        };
        let (rows, finished) = match search.advance(budget) {
            Some(rows) => (rows, true),
            None => (search.provisional(), false),
        };
        self.show(rows, finished);
    }

    fn show(&mut self, mut rows: Rows, finished: bool) {
        self.reading.apply(&mut rows, &self.items);
        self.matches = rows.matches;
        self.close = rows.close;
        self.other_layout = rows.other_layout;
        self.held = self.close == 0 && !self.matches.is_empty();
        self.no_such_name = false;
        self.empty_enter = false;
        self.moved = false;
        self.preselected = false;
        self.selected = 0;
        if finished
            && let Some(id) = self.wanted.take()
            && self.query.value().is_empty()
            && let Some(pos) = self
                .matches
                .iter()
                .position(|&i| self.items.get(i as usize).is_some_and(|c| c.id == id))
        {
            self.selected = pos;
            self.preselected = true;
        }
        self.mark_around_selection();
    }

    /// Works out the highlighted characters of the rows around the
    /// selection (the rows a picker can show), here in `update`, so that
    /// drawing only looks them up.
    fn mark_around_selection(&mut self) {
        let (Some(search), query) = (&mut self.search, self.reading.search.as_str()) else {
            return;
        };
        if query.trim().is_empty() {
            return;
        }
        let other = self
            .other_layout
            .clone()
            .or_else(|| crate::layout::alternatives(query.trim()));
        let first = self.selected.saturating_sub(MARKED_AROUND);
        for &item in self.matches.iter().skip(first).take(2 * MARKED_AROUND) {
            if let std::collections::hash_map::Entry::Vacant(slot) = self.marks.entry(item) {
                slot.insert(search.positions(item, query, other.as_deref()));
            }
        }
    }

    /// The choice an Enter pressed while loading asked for, once the list is
    /// there (and only once).
    pub fn take_pending_choice(&mut self) -> Option<Choice> {
        if !self.choose_when_loaded || !self.loaded {
            return None;
        }
        self.finish();
        self.choose_when_loaded = false;
        if self.unchosen() {
            self.empty_enter = true;
            return None;
        }
        self.no_such_name = self.held;
        self.selected_choice().cloned()
    }

    /// Char positions of the query's matches in an item, for highlighting
    /// (known for the rows around the selection).
    pub fn highlights(&self, item: u32) -> &[u32] {
        self.marks.get(&item).map_or(&[], Vec::as_slice)
    }

    /// The selected entry; none while only scattered matches are left and
    /// the operator has not picked one.
    pub fn selected_choice(&self) -> Option<&Choice> {
        if self.held {
            return None;
        }
        let i = *self.matches.get(self.selected)?;
        self.items.get(i as usize)
    }

    /// Moves the selection; the first move over only scattered matches
    /// selects the first of them (the operator picks it explicitly).
    fn step(&mut self, delta: isize) {
        self.no_such_name = false;
        self.empty_enter = false;
        self.moved = true;
        if self.held {
            self.held = false;
            return;
        }
        let last = self.matches.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.mark_around_selection();
    }

    /// Whether Ins would add what is typed: not when the query only matches
    /// as read in the other layout (`Vjcrdf` is not a city to add).
    pub fn offers_add(&self) -> bool {
        self.target.editable()
            && self.loaded
            && self.other_layout.is_none()
            && self.existing().is_none()
            && !self.query.value().trim().is_empty()
    }

    /// The entry that already stands for a query only the address rules
    /// explain (`ул тверская` → «Тверская»): said instead of offering to
    /// add the query as a new name.
    pub fn existing(&self) -> Option<&str> {
        if !self.reading.explained() || self.close == 0 {
            return None;
        }
        let first = *self.matches.first()?;
        self.items.get(first as usize).map(|c| c.name.as_str())
    }

    /// Whether Enter would choose a row nobody chose: the filter is empty
    /// and the operator neither moved the highlight nor found the field's
    /// entry there.
    fn unchosen(&self) -> bool {
        self.query.value().trim().is_empty() && !self.moved && !self.preselected
    }

    /// Whether an action does something in this picker.
    pub fn applies(&self, action: Action) -> bool {
        match action {
            Action::Add => self.target.editable() && self.loaded,
            Action::Rename | Action::Delete => {
                self.target.editable() && self.selected_choice().is_some()
            }
            _ => true,
        }
    }

    /// Before a write changes the list: a long list changed is waited
    /// for anyway (see [`Self::sync`]), and letting go of its entries first
    /// lets the cache edit them in place rather than copy them.
    pub fn let_go(&mut self, dicts: &DictCache) {
        if dicts
            .data(&self.key)
            .is_some_and(|d| d.len() >= choices::SHORT)
        {
            self.wait();
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.query.paste(text);
        self.refilter();
    }
}
