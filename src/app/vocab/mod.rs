//! The words several parts of `app` share: a leaf of the app, importing no
//! screen, popup or other feature module of it (only `crate::api::model`,
//! `config` and `keymap` data, and each other). A feature imports these,
//! never a sibling feature, for them; one concept a file.

pub mod call_id;
pub mod caller;
pub mod choice;
pub mod clip;
pub mod command;
pub mod confirm;
pub mod dict_key;
pub mod field_id;
pub mod notice;
pub mod person_name;
pub mod picker_target;
pub mod section;
pub mod skipped_draft;

pub use call_id::CallId;
pub use caller::Caller;
pub use choice::Choice;
pub use clip::{Clip, CopyNote, CopyWhat};
pub use command::Command;
pub use confirm::Confirm;
pub use dict_key::DictKey;
pub use field_id::FieldId;
pub use notice::{CallsProblem, Failed, Notice};
pub use person_name::PersonName;
pub use picker_target::PickerTarget;
pub use section::Section;
pub use skipped_draft::{SkipWhy, SkippedDraft};
