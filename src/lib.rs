//! crmcard: a terminal client-card editor for the r_keeper WebDelivery CRM.
//!
//! - [`api`]: the typed CRM client and the model shared with the sandbox;
//! - [`sandbox`]: a CRM stand-in speaking the same API (demo, training, tests);
//! - [`app`]: the UI state and its `update` function; [`ui`]: drawing;
//! - [`executor`] runs the effects `update` asks for; `tui` owns the terminal;
//! - [`start`] puts it together; [`cli`] is the command line.
//! - [`fuzzy`]: type-ahead filtering for the pickers (the names holding the
//!   query apart from scattered hits); [`layout`]: text typed in
//!   the wrong keyboard layout (ЙЦУКЕН / QWERTY); [`glossary`]: English search
//!   words for the CRM's Russian contact types.
//! - [`address`]: the address typed on one line, street-type words, city
//!   nicknames.
//! - [`calls`]: calls from outside (the call socket, `crmcard call`, Asterisk AMI);
//!   [`calllog`]: every call that reached the desk, kept per CRM.
//! - [`clipboard`]: copying through the terminal (OSC 52).
//! - [`crm`]: which CRM a piece of local or shared data describes.
//! - [`secret`]: the sid and the AMI secret, never shown.
//! - [`phone`]: phone numbers in one form; [`directory`]: every client this
//!   desk has seen, searchable by phone, name, e-mail or id.
//!
//! Public are the modules the binary, the integration tests and the benches
//! use; the others (config, files, logging, money, tui) are private,
//! so that the compiler reports what nothing uses.

mod address;
pub mod api;
pub mod app;
pub mod calllog;
pub mod calls;
pub mod cli;
pub mod clipboard;
mod config;
pub mod crm;
pub mod dates;
mod demo;
pub mod directory;
mod drafts;
pub mod executor;
mod files;
pub mod fuzzy;
mod glossary;
pub mod i18n;
pub mod keymap;
mod lang;
mod layout;
mod logging;
mod money;
pub mod phone;
pub mod presence;
mod present;
mod reconnect;
#[cfg(feature = "sandbox")]
pub mod sandbox;
mod secret;
pub mod shared;
pub mod start;
mod task;
pub mod text;
mod tui;
pub mod ui;
