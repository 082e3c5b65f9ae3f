//! crmcard: a terminal client-card editor for the r_keeper WebDelivery CRM.
//!
//! - [`api`]: the typed CRM client and the model shared with the sandbox;
//! - [`sandbox`]: a CRM stand-in speaking the same API (demo, training, tests);
//! - [`app`]: the UI state and its `update` function; [`ui`]: drawing;
//! - [`executor`] runs the effects `update` asks for; [`tui`] owns the terminal;
//! - [`start`] puts it together; [`cli`] is the command line.
//! - [`fuzzy`]: type-ahead filtering for the pickers.
//! - [`phone`]: phone numbers in one form; [`directory`]: every client this
//!   desk has seen, searchable by phone, name, e-mail or id.

pub mod api;
pub mod app;
pub mod cli;
pub mod config;
pub mod dates;
pub mod directory;
pub mod drafts;
pub mod executor;
pub mod fuzzy;
pub mod i18n;
pub mod keymap;
pub mod logging;
pub mod money;
pub mod phone;
pub mod recent;
pub mod sandbox;
pub mod start;
pub mod text;
pub mod tui;
pub mod ui;
