//! The desk's local parts, through the real binary and loopback fakes: the
//! call socket and `crmcard call`, the Asterisk manager interface client.

#![allow(clippy::unwrap_used)]

mod calls;
