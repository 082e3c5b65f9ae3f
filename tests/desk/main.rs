//! The desk's local parts, through the real binary and loopback fakes: the
//! call socket and `crmcard call`, the Asterisk manager interface client, and
//! `crmcard directory import/export` on real files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../shared/fake_ami.rs"]
mod fake_ami;

mod ami;
mod calls;
mod directory;
mod home;
mod per_crm;
mod softphone_hooks;
mod terminal;
