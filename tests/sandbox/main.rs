//! The sandbox CRM against the vendor's documentation, over plain HTTP, and
//! its behaviour beyond single calls.

#![allow(clippy::unwrap_used)]

mod support;

mod api;
mod behaviour;
