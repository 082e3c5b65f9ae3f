//! Every text of the UI, in Russian and English, side by side.
//!
//! Each area has a struct of `&'static str` fields and one constant per
//! language, so a missing translation is a compile error. Texts with values
//! use `{}` placeholders, filled by [`fill`].

pub(crate) mod calllog;
pub mod calls;
mod card;
pub mod dial;
mod directory;
mod directory_command;
pub(crate) mod drafts;
mod errors;
mod forms;
mod keys;
mod pickers;
mod popups;
pub mod presence;
mod screens;
mod startup;

pub use card::CardTexts;
pub use directory::{demo_reset_failed, reset_without_demo};
pub use directory_command::{
    DirectoryTexts, bad_reason_text, directory_texts, import_error_text, occupant_text,
};
pub use errors::{ErrorText, describe_error};
pub use forms::{
    FormTexts, dialog_problem, dialog_title, field_label, field_placeholder, form_note, form_title,
    picker_title, problem,
};
pub use keys::{action_label, age, scope_label};
pub use pickers::{PickerWords, picker_words};
pub use popups::{
    ConfirmChoices, MessageText, confirm_choices, confirm_text, draft_line, notice_text,
};
pub use screens::Texts;
pub use startup::{
    config_error, config_warning, keymap_warning, needs_terminal, sandbox_not_built, shared_offline,
};

pub use crate::lang::Lang;

/// The texts of a language (the enum lives in [`crate::lang`], as data
/// `app` can hold without depending on the texts).
impl Lang {
    /// The texts of forms, pickers and dialogs.
    pub fn forms(self) -> &'static FormTexts {
        match self {
            Self::Ru => &forms::FORMS_RU,
            Self::En => &forms::FORMS_EN,
        }
    }

    /// All texts of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Self::Ru => &screens::RU,
            Self::En => &screens::EN,
        }
    }
}

/// Replaces each `{}` of `template` with the next of `values`.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(values.next().copied().unwrap_or(""));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_in_order() {
        assert_eq!(fill("{} of {}", &["1", "5"]), "1 of 5");
        assert_eq!(fill("no values", &["x"]), "no values");
        assert_eq!(fill("{} and {}", &["one"]), "one and ");
    }
}
