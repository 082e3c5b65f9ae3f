//! The r_keeper WebDelivery CRM API: model, envelope, errors, client.

pub mod envelope;
pub mod error;
pub mod lenient;
pub mod model;
