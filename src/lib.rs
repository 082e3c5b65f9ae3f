//! crmcard: a terminal client-card editor for the r_keeper WebDelivery CRM.
//!
//! - [`api`]: the typed CRM client and the model shared with the sandbox;
//! - [`sandbox`]: a CRM stand-in speaking the same API (demo, training, tests);
//! - [`cli`]: the command line.

pub mod api;
pub mod cli;
pub mod config;
pub mod dates;
pub mod logging;
pub mod money;
pub mod recent;
pub mod sandbox;
pub mod text;
