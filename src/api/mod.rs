//! The r_keeper WebDelivery CRM API: model, envelope, errors, client.

pub mod client;
pub mod decode;
mod endpoints;
pub mod envelope;
pub mod error;
pub(crate) mod lenient;
pub mod model;
pub(crate) mod tls;

#[cfg(test)]
mod sid_echo_tests;

pub use client::{Client, ClientOptions, Sid};
pub use error::{ApiError, CrmError};
