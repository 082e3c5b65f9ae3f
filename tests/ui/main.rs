//! The screens through `App::update`, drawn on ratatui's `TestBackend`, with
//! insta snapshots of them at 80x24 and 120x40 (`tests/ui/snapshots/`), and
//! drafts of unsaved input.

mod support;

mod address_line;
mod address_pickers;
mod alt_keys;
mod call_back;
mod call_log;
mod calls;
mod card;
mod covered;
mod directory;
mod directory_unavailable;
mod directory_writes;
mod drafts;
mod drafts_sent;
mod fewer_keys;
mod flows;
mod form_keys;
mod form_snapshots;
mod forms;
mod long_lists;
mod long_note;
mod lookup;
mod missed_card;
mod park;
mod per_crm;
mod picker_ranking;
mod pickers;
mod popups;
mod presence;
mod risky;
mod saving;
mod shared_link;
mod similar;
mod slices;
mod snapshots;
mod stale;
mod status;
mod text;
mod typeahead;
mod typed_ahead;
mod unreadable;
mod waiting;
