//! Search words, in the UI's language, for names the CRM gives in Russian.
//!
//! The vendor's CRM names its six contact types in Russian. In the English
//! UI a picker finds them by their English gloss too (`mob` finds
//! «Телефон мобильный»). The glosses are never shown, only searched, so they
//! are data that `app` may use (it must not use `i18n`).

use crate::lang::Lang;

/// The vendor's six contact types (as its CRM names them) and their English
/// glosses.
const CONTACT_TYPES: [(&str, &str); 6] = [
    ("E-Mail", "email e-mail"),
    ("ICQ", "icq"),
    ("Skype", "skype"),
    ("Телефон домашний", "home phone"),
    ("Телефон мобильный", "mobile phone cell"),
    ("Телефон рабочий", "work phone office"),
];

/// The words a contact type the CRM names `name` is also found by in
/// `lang`: its English gloss in the English UI; `None` in Russian and for a
/// type the vendor's list does not have.
pub(crate) fn contact_type_gloss(name: &str, lang: Lang) -> Option<&'static str> {
    if lang != Lang::En {
        return None;
    }
    let name = crate::fuzzy::fold(name.trim());
    CONTACT_TYPES
        .iter()
        .find(|(crm, _)| crate::fuzzy::fold(crm) == name)
        .map(|&(_, gloss)| gloss)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_six_vendor_types_have_glosses_in_english_only() {
        assert_eq!(
            contact_type_gloss("Телефон мобильный", Lang::En),
            Some("mobile phone cell")
        );
        assert_eq!(
            contact_type_gloss(" телефон рабочий ", Lang::En),
            Some("work phone office")
        );
        assert_eq!(contact_type_gloss("e-mail", Lang::En), Some("email e-mail"));
        assert_eq!(contact_type_gloss("Телефон мобильный", Lang::Ru), None);
        assert_eq!(contact_type_gloss("Телеграм", Lang::En), None);
    }
}
