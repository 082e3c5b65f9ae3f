//! The fields of the forms.

use crate::app::field::TextField;
use crate::app::vocab::{Choice, FieldId};
use crate::dates::DateError;

/// The value of a field.
#[derive(Debug, Clone)]
pub enum Value {
    Text(TextField),
    Choice(Option<Choice>),
}

/// What is wrong with a field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
        len: usize,
    },
    Date(DateError),
    PhoneChars,
    PhoneDigits {
        count: usize,
    },
    /// A Russian mobile with a digit missing or extra (`8916123456`): 8 or
    /// 7, then 9 and nine more digits.
    MobileDigits {
        count: usize,
    },
    Email,
    /// City without a country, street or metro without a city.
    NeedsParent(FieldId),
}

/// A field of a form.
#[derive(Debug, Clone)]
pub struct Field {
    pub id: FieldId,
    pub value: Value,
    /// The value when the form opened: text, or the chosen id.
    pub original: String,
    /// The field cannot be changed (a contact's type when editing).
    pub locked: bool,
    pub problem: Option<Problem>,
    /// A better form of the value the operator may accept (a phone as
    /// +7XXXXXXXXXX).
    pub suggestion: Option<String>,
    /// What will be saved instead of the text as typed: a phone in the
    /// canonical form (`+79161234567`). Set by validation.
    pub saved_as: Option<String>,
    /// Control characters were removed from a paste.
    pub cleaned: bool,
}

impl Field {
    pub fn text(id: FieldId, value: &str) -> Self {
        let field = TextField::with_value(value);
        Self {
            id,
            original: field.value().to_owned(),
            value: Value::Text(field),
            locked: false,
            problem: None,
            suggestion: None,
            saved_as: None,
            cleaned: false,
        }
    }

    pub fn choice(id: FieldId, choice: Option<Choice>) -> Self {
        Self {
            id,
            original: choice.as_ref().map(|c| c.id.clone()).unwrap_or_default(),
            value: Value::Choice(choice),
            locked: false,
            problem: None,
            suggestion: None,
            saved_as: None,
            cleaned: false,
        }
    }

    /// The text, or the chosen id.
    pub fn current(&self) -> &str {
        match &self.value {
            Value::Text(f) => f.value(),
            Value::Choice(c) => c.as_ref().map_or("", |c| c.id.as_str()),
        }
    }

    /// The text, or the chosen name (for display).
    pub fn shown(&self) -> &str {
        match &self.value {
            Value::Text(f) => f.value(),
            Value::Choice(c) => c.as_ref().map_or("", |c| c.name.as_str()),
        }
    }

    pub fn choice_value(&self) -> Option<&Choice> {
        match &self.value {
            Value::Choice(c) => c.as_ref(),
            Value::Text(_) => None,
        }
    }

    pub fn is_changed(&self) -> bool {
        self.current() != self.original
    }

    pub fn is_picker(&self) -> bool {
        matches!(self.value, Value::Choice(_))
    }
}
