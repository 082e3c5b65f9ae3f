//! The words operators use in addresses: street types (`ул`, `пр-т`,
//! `б-р`…), the labels of a house's parts (`д`, `к`, `кв`, `под`…), the
//! short adjectives of street names (`б.` for «Большая») and the short names
//! and nicknames of cities (`мск`, `спб`, `питер`).
//!
//! Every lookup takes a word already folded (`crate::fuzzy::fold`: lower
//! case, `ё` → `е`) and without its trailing dot.

/// The type of a street, as a street-type word in a query or a name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StreetType {
    /// «улица»: the names of plain streets mostly carry no type word.
    Street,
    Avenue,
    Boulevard,
    Lane,
    Highway,
    Embankment,
    Square,
    Passage,
    DeadEnd,
    Alley,
}

/// The written forms of each street type, the full word first (the one a
/// name in the CRM's dictionary carries: «Проспект Мира», «Тверской
/// бульвар»).
const STREET_TYPES: &[(StreetType, &[&str])] = &[
    (StreetType::Street, &["улица", "ул"]),
    (
        StreetType::Avenue,
        &["проспект", "пр-т", "пр", "просп", "пр-кт", "прт"],
    ),
    (StreetType::Boulevard, &["бульвар", "б-р", "бул", "бр"]),
    (StreetType::Lane, &["переулок", "пер"]),
    (StreetType::Highway, &["шоссе", "ш"]),
    (StreetType::Embankment, &["набережная", "наб"]),
    (StreetType::Square, &["площадь", "пл"]),
    (StreetType::Passage, &["проезд", "пр-д", "прд"]),
    (StreetType::DeadEnd, &["тупик", "туп"]),
    (StreetType::Alley, &["аллея", "ал"]),
];

impl StreetType {
    /// The street type a (folded, undotted) word names, if it is one.
    pub fn of_word(word: &str) -> Option<Self> {
        STREET_TYPES
            .iter()
            .find(|(_, forms)| forms.contains(&word))
            .map(|(kind, _)| *kind)
    }

    /// The street type a name in the dictionary carries as a full word
    /// («Невский проспект» → `Avenue`); a name without one is a plain
    /// street.
    pub fn of_name(folded_name: &str) -> Self {
        folded_name
            .split([' ', '-'])
            .find_map(|word| {
                STREET_TYPES
                    .iter()
                    .find(|(_, forms)| forms.first() == Some(&word))
                    .map(|(kind, _)| *kind)
            })
            .unwrap_or(Self::Street)
    }

    /// The full word («проспект»), for the tests' tables.
    #[cfg(test)]
    pub fn word(self) -> &'static str {
        STREET_TYPES
            .iter()
            .find(|(kind, _)| *kind == self)
            .and_then(|(_, forms)| forms.first())
            .copied()
            .unwrap_or_default()
    }
}

/// A part of an address after its street, named by a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    House,
    /// «корпус».
    Building,
    /// «строение».
    Structure,
    Apartment,
    Entrance,
    Floor,
    Intercom,
}

const PARTS: &[(Part, &[&str])] = &[
    (Part::House, &["д", "дом"]),
    (Part::Building, &["к", "корп", "корпус", "кор"]),
    (Part::Structure, &["стр", "строение", "с"]),
    (Part::Apartment, &["кв", "квартира", "кв-ра", "оф", "офис"]),
    (Part::Entrance, &["под", "подъезд", "подьезд", "п"]),
    (Part::Floor, &["эт", "этаж"]),
    (Part::Intercom, &["домофон", "код", "дмф"]),
];

impl Part {
    /// The part a (folded, undotted) label names.
    pub fn of_label(word: &str) -> Option<Self> {
        PARTS
            .iter()
            .find(|(_, forms)| forms.contains(&word))
            .map(|(part, _)| *part)
    }

    /// Whether `word` (folded) starts with a label of this kind glued to
    /// digits (`кв12`, `к2`, `под2`): the label's length in bytes.
    pub fn glued_label(word: &str) -> Option<(Self, usize)> {
        let letters = word
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit())
            .map(|(i, _)| i)?;
        let label = word.get(..letters)?;
        let label = label.strip_suffix('.').unwrap_or(label);
        Self::of_label(label).map(|part| (part, letters))
    }
}

/// How an address's строение is written in its building field when the
/// line names one (`стр. 1`; with a корпус, `2 стр. 1`): data in the CRM's
/// language, as the CRM's own addresses write it.
pub const STRUCTURE_MARK: &str = "стр.";

/// The short adjectives of street names («б. Ордынка» is «Большая
/// Ордынка»): the word's stem, which a search finds in every gender.
const ADJECTIVES: &[(&str, &str)] = &[
    ("б", "больш"),
    ("бол", "больш"),
    ("м", "мал"),
    ("мал", "мал"),
    ("ср", "средн"),
    ("ст", "стар"),
    ("нов", "нов"),
    ("верх", "верхн"),
    ("ниж", "нижн"),
];

/// The stem a short adjective stands for (`б` → `больш`).
pub fn adjective_stem(word: &str) -> Option<&'static str> {
    ADJECTIVES
        .iter()
        .find(|(short, _)| *short == word)
        .map(|(_, stem)| *stem)
}

/// Short names and nicknames of the cities (folded), and the city's name as
/// the CRM's dictionary spells it.
const CITIES: &[(&str, &str)] = &[
    ("мск", "Москва"),
    ("москва", "Москва"),
    ("мосвка", "Москва"),
    ("спб", "Санкт-Петербург"),
    ("питер", "Санкт-Петербург"),
    ("петербург", "Санкт-Петербург"),
    ("санкт-петербург", "Санкт-Петербург"),
    ("с-пб", "Санкт-Петербург"),
    ("ленинград", "Санкт-Петербург"),
    ("екб", "Екатеринбург"),
    ("ебург", "Екатеринбург"),
    ("екат", "Екатеринбург"),
    ("екатеринбург", "Екатеринбург"),
    ("нск", "Новосибирск"),
    ("новосиб", "Новосибирск"),
    ("новосибирск", "Новосибирск"),
    ("нн", "Нижний Новгород"),
    ("нижний", "Нижний Новгород"),
    ("нижний новгород", "Нижний Новгород"),
    ("кзн", "Казань"),
    ("казань", "Казань"),
    ("самара", "Самара"),
    ("смр", "Самара"),
    ("ростов", "Ростов-на-Дону"),
    ("рнд", "Ростов-на-Дону"),
    ("ростов-на-дону", "Ростов-на-Дону"),
    ("влг", "Волгоград"),
    ("волгоград", "Волгоград"),
    ("краснодар", "Краснодар"),
    ("крд", "Краснодар"),
    ("красноярск", "Красноярск"),
    ("крск", "Красноярск"),
    ("челяба", "Челябинск"),
    ("чел", "Челябинск"),
    ("челябинск", "Челябинск"),
    ("уфа", "Уфа"),
    ("пермь", "Пермь"),
    ("воронеж", "Воронеж"),
    ("врн", "Воронеж"),
    ("омск", "Омск"),
    ("тюмень", "Тюмень"),
    ("владик", "Владивосток"),
    ("владивосток", "Владивосток"),
    ("хабаровск", "Хабаровск"),
    ("хаб", "Хабаровск"),
    ("калининград", "Калининград"),
    ("кениг", "Калининград"),
    ("ярик", "Ярославль"),
    ("ярославль", "Ярославль"),
    ("тула", "Тула"),
    ("иркутск", "Иркутск"),
    ("сочи", "Сочи"),
];

/// The city a short name or nickname stands for (`питер` →
/// «Санкт-Петербург»); `folded` is lower case.
pub fn city_of(folded: &str) -> Option<&'static str> {
    let folded = folded.trim();
    CITIES
        .iter()
        .find(|(short, _)| *short == folded)
        .map(|(_, city)| *city)
}

/// The word that may stand before a city's name (`г.`, `город`).
pub fn is_city_label(word: &str) -> bool {
    matches!(word, "г" | "гор" | "город")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn street_types_are_read_from_their_short_forms_and_names() {
        assert_eq!(StreetType::of_word("пр-т"), Some(StreetType::Avenue));
        assert_eq!(StreetType::of_word("б-р"), Some(StreetType::Boulevard));
        assert_eq!(StreetType::of_word("пр-д"), Some(StreetType::Passage));
        assert_eq!(StreetType::of_word("тверская"), None);
        assert_eq!(StreetType::of_name("проспект мира"), StreetType::Avenue);
        assert_eq!(
            StreetType::of_name("тверской бульвар"),
            StreetType::Boulevard
        );
        assert_eq!(StreetType::of_name("тверская"), StreetType::Street);
        assert_eq!(StreetType::Avenue.word(), "проспект");
    }

    #[test]
    fn labels_glued_to_digits_are_found() {
        assert_eq!(Part::glued_label("кв12"), Some((Part::Apartment, 4)));
        assert_eq!(Part::glued_label("к2"), Some((Part::Building, 2)));
        assert_eq!(Part::glued_label("код12к"), Some((Part::Intercom, 6)));
        assert_eq!(Part::glued_label("12к"), None);
        assert_eq!(Part::glued_label("мира"), None);
    }

    #[test]
    fn cities_are_known_by_their_nicknames() {
        assert_eq!(city_of("спб"), Some("Санкт-Петербург"));
        assert_eq!(city_of("питер"), Some("Санкт-Петербург"));
        assert_eq!(city_of("мск"), Some("Москва"));
        assert_eq!(city_of("омск"), Some("Омск"));
        assert_eq!(city_of("тверская"), None);
        assert_eq!(adjective_stem("б"), Some("больш"));
    }
}
