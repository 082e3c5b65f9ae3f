//! The screens through `App::update`, drawn on ratatui's `TestBackend`, with
//! insta snapshots of them at 80x24 and 120x40 (`tests/ui/snapshots/`), and
//! drafts of unsaved input.

mod support;

mod address_line;
mod address_pickers;
mod calls;
mod card;
mod directory;
mod drafts;
mod drafts_sent;
mod fewer_keys;
mod flows;
mod form_keys;
mod form_snapshots;
mod forms;
mod long_lists;
mod lookup;
mod per_crm;
mod picker_ranking;
mod pickers;
mod popups;
mod saving;
mod slices;
mod snapshots;
mod stale;
mod status;
mod text;
mod typeahead;
mod typed_ahead;
mod unreadable;
