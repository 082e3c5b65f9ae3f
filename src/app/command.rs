//! Deferred commands: what a confirmation runs when the operator says yes.

/// A command, run by the app or the screen that asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Leave crmcard, dropping unsaved changes.
    Quit,
}
