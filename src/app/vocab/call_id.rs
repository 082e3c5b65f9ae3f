//! The app's own id of an incoming call.

/// The app's own id of a call (the PBX's may be missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CallId(pub u64);
