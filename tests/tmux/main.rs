//! The real binary in a real terminal (tmux): what an operator sees and does.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../shared/fake_ami.rs"]
mod fake_ami;
mod support;

mod calls;
mod card;
mod clipboard;
mod flows;
mod keys;
mod lifecycle;
mod lookup;
mod operator_keys;
mod per_crm;
mod pickers;
mod readme_screens;
