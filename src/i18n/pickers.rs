//! The words of the pickers' ranking and layout notes, and of deletes every
//! operator sees. (The English search words of the CRM's Russian contact
//! types are search data, not text: `crate::glossary`, which `app` may use.)

use super::Lang;

/// The words of a picker beyond its list.
#[derive(Debug)]
pub struct PickerWords {
    /// The row between the names that contain the query and the names that
    /// only have its letters scattered.
    pub scattered_apart: &'static str,
    /// The query as read in the other keyboard layout: `{}` is that reading.
    pub other_layout: &'static str,
    /// Enter with only scattered matches left: nothing was chosen.
    pub no_such_name: &'static str,
    /// The same, in a list nothing can be added to.
    pub no_such_name_fixed: &'static str,
    /// Under a question about a delete every operator sees.
    pub shared_delete: &'static str,
    /// Enter on an empty filter, the highlight not moved: nothing chosen.
    pub empty_enter: &'static str,
    /// A query the address rules read as an entry that exists (`ул
    /// тверская`): `{}` is that entry, said instead of offering to add.
    pub existing: &'static str,
}

const RU: PickerWords = PickerWords {
    scattered_apart: "── похожие по буквам ──",
    other_layout: "по раскладке: {}",
    no_such_name: "Нет такого названия. Ins — добавить, ↓ — выбрать похожее",
    no_such_name_fixed: "Нет такого названия. ↓ — выбрать похожее",
    shared_delete: "Это изменит CRM для всех операторов.",
    empty_enter: "Наберите название или выберите стрелками ↓ ↑",
    existing: "Уже есть: «{}» — Enter",
};

const EN: PickerWords = PickerWords {
    scattered_apart: "── similar letters ──",
    other_layout: "as typed in the other layout: {}",
    no_such_name: "No such name. Ins adds it, ↓ picks a similar one",
    no_such_name_fixed: "No such name. ↓ picks a similar one",
    shared_delete: "This changes the CRM for every operator.",
    empty_enter: "Type a name or pick one with ↓ ↑",
    existing: "Already there: “{}” — Enter",
};

/// The picker words of a language.
pub fn picker_words(lang: Lang) -> &'static PickerWords {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}
