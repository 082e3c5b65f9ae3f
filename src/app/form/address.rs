//! The rules that tie an address's fields together, as pure functions over
//! the form's fields: a new country clears city, street and metro; a new
//! city clears street and metro; the postcode follows the street.

use super::field::{Field, Value};
use crate::app::vocab::{Choice, FieldId, PickerTarget};

/// The fields a new choice for `target` empties.
pub fn dependents(target: PickerTarget) -> &'static [FieldId] {
    match target {
        PickerTarget::Country => &[FieldId::City, FieldId::Street, FieldId::Metro],
        PickerTarget::City => &[FieldId::Street, FieldId::Metro],
        _ => &[],
    }
}

/// Whether the postcode `current` is replaced when the street changes: an
/// empty one is, and so is one the previous street filled in; one the
/// operator typed stays.
pub fn postcode_follows(current: &str, old_street_postcode: Option<&str>) -> bool {
    let current = current.trim();
    current.is_empty() || old_street_postcode.is_some_and(|z| !z.is_empty() && z == current)
}

fn find(fields: &[Field], id: FieldId) -> Option<&Field> {
    fields.iter().find(|f| f.id == id)
}

fn find_mut(fields: &mut [Field], id: FieldId) -> Option<&mut Field> {
    fields.iter_mut().find(|f| f.id == id)
}

/// Sets the picker field of `target` to `choice`, applying the rules above.
pub fn set_choice(fields: &mut [Field], target: PickerTarget, choice: Option<Choice>) {
    let id = target.field();
    let old = find(fields, id).and_then(Field::choice_value).cloned();
    let changed = old.as_ref().map(|c| &c.id) != choice.as_ref().map(|c| &c.id);
    let dependents = dependents(target);
    let street_goes =
        target == PickerTarget::Street || (changed && dependents.contains(&FieldId::Street));
    let old_street_zip = if target == PickerTarget::Street {
        old.map(|c| c.extra)
    } else {
        find(fields, FieldId::Street)
            .and_then(Field::choice_value)
            .map(|c| c.extra.clone())
    };
    if changed {
        for dep in dependents {
            if let Some(f) = find_mut(fields, *dep) {
                f.value = Value::Choice(None);
            }
        }
    }
    if street_goes {
        let new_zip = match (&choice, target) {
            (Some(c), PickerTarget::Street) => c.extra.clone(),
            _ => String::new(),
        };
        if let Some(zip) = find_mut(fields, FieldId::Zip)
            && let Value::Text(t) = &mut zip.value
            && postcode_follows(t.value(), old_street_zip.as_deref())
        {
            t.set(&new_zip);
        }
    }
    if let Some(f) = find_mut(fields, id) {
        f.value = Value::Choice(choice);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(id: &str, extra: &str) -> Option<Choice> {
        Some(Choice {
            id: id.to_owned(),
            name: format!("name {id}"),
            extra: extra.to_owned(),
        })
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::choice(FieldId::Country, choice("ru", "")),
            Field::choice(FieldId::City, choice("msk", "")),
            Field::choice(FieldId::Street, choice("tv", "125009")),
            Field::choice(FieldId::Metro, choice("m1", "")),
            Field::text(FieldId::Zip, "125009"),
        ]
    }

    fn id_of(fields: &[Field], id: FieldId) -> Option<String> {
        find(fields, id)
            .and_then(Field::choice_value)
            .map(|c| c.id.clone())
    }

    fn zip(fields: &[Field]) -> String {
        match &find(fields, FieldId::Zip).map(|f| &f.value) {
            Some(Value::Text(t)) => t.value().to_owned(),
            _ => panic!("no postcode field"),
        }
    }

    #[test]
    fn a_new_city_clears_street_metro_and_the_streets_postcode() {
        let mut f = fields();
        set_choice(&mut f, PickerTarget::City, choice("spb", ""));
        assert_eq!(id_of(&f, FieldId::City).as_deref(), Some("spb"));
        assert_eq!(id_of(&f, FieldId::Street), None);
        assert_eq!(id_of(&f, FieldId::Metro), None);
        assert_eq!(id_of(&f, FieldId::Country).as_deref(), Some("ru"));
        assert_eq!(zip(&f), "");
    }

    #[test]
    fn the_same_city_again_keeps_everything() {
        let mut f = fields();
        set_choice(&mut f, PickerTarget::City, choice("msk", ""));
        assert_eq!(id_of(&f, FieldId::Street).as_deref(), Some("tv"));
        assert_eq!(zip(&f), "125009");
    }

    #[test]
    fn the_postcode_follows_the_street_unless_typed() {
        let mut f = fields();
        set_choice(&mut f, PickerTarget::Street, choice("arb", "119002"));
        assert_eq!(zip(&f), "119002");
        if let Some(Value::Text(t)) = find_mut(&mut f, FieldId::Zip).map(|z| &mut z.value) {
            t.set("101000");
        }
        set_choice(&mut f, PickerTarget::Street, choice("tv", "125009"));
        assert_eq!(zip(&f), "101000", "a typed postcode stays");
    }

    #[test]
    fn postcode_rule() {
        assert!(postcode_follows("  ", Some("1")));
        assert!(postcode_follows("125009", Some("125009")));
        assert!(!postcode_follows("125009", Some("")));
        assert!(!postcode_follows("125009", None));
        assert!(!postcode_follows("101000", Some("125009")));
    }
}
