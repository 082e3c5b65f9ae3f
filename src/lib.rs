//! crmcard: a terminal client-card editor for the r_keeper WebDelivery CRM.
//!
//! - [`api`]: the typed CRM client and the model shared with the sandbox;
//! - [`sandbox`]: a CRM stand-in speaking the same API (demo, training, tests);
//! - [`cli`]: the command line;
//! - [`fuzzy`]: type-ahead filtering for the pickers.

pub mod api;
pub mod cli;
pub mod fuzzy;
pub mod sandbox;
pub mod text;
