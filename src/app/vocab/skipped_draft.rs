//! A file of the drafts directory left unread at start, and why.

/// Why a file in the drafts directory was not read as a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipWhy {
    /// A link, a FIFO, a device or a directory: only regular files are
    /// drafts, and they are opened without following links or waiting.
    NotAFile,
    /// Bigger than `app::draft::MAX_BYTES` (a form is far smaller): not read at all.
    TooBig { bytes: u64 },
    /// The system could not read it (its words).
    Unreadable { reason: String },
}

/// A file of the drafts directory that was left unread, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedDraft {
    /// The file's name (not its directory).
    pub file: String,
    pub why: SkipWhy,
}
