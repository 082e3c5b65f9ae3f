//! The real binary in a real terminal (tmux): what an operator sees and does.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../shared/fake_ami.rs"]
mod fake_ami;
#[path = "../shared/postgres.rs"]
mod postgres;
mod support;

mod call_log;
mod calls;
mod card;
mod clipboard;
mod directory_unavailable;
mod draft_windows;
mod flows;
mod keys;
mod lifecycle;
mod lookup;
mod operator_keys;
mod per_crm;
mod pickers;
mod presence;
mod readme_screens;
mod shared_directory;
mod typed_ahead;
