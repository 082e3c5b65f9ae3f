//! The API client: decoding the vendor's samples and hostile bodies, and the
//! contract against the in-process sandbox over loopback HTTP.

#![allow(clippy::unwrap_used)]

#[path = "../shared/eventually.rs"]
mod eventually;
mod support;

mod contract;
mod contract_cache;
mod contract_errors;
mod decode;
