//! The recent list's file: JSON, versioned, written atomically and readable
//! by the owner only.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{RecentClient, RecentList};

/// The version of the file format written by [`RecentList::save`].
pub const FILE_VERSION: u32 = 1;

/// Why the recent list could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecentError {
    /// The file exists but could not be read.
    #[error("cannot read {}: {reason}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        reason: String,
    },
    /// The file is not a recent list.
    #[error("{} is damaged: {reason}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// The parser's reason.
        reason: String,
    },
    /// The file was written by a newer crmcard.
    #[error("{} has format version {version}, which this crmcard does not know", path.display())]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
        /// The version found in the file.
        version: u64,
    },
    /// The file could not be written.
    #[error("cannot write {}: {reason}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        reason: String,
    },
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    entries: &'a [RecentClient],
}

impl RecentList {
    /// Reads the list from `path`: a missing file is an empty list; a
    /// damaged one is an empty list and the reason.
    pub fn load(path: &Path) -> (RecentList, Option<RecentError>) {
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (Self::new(), None),
            Err(e) => {
                let error = RecentError::Read {
                    path: path.to_owned(),
                    reason: e.to_string(),
                };
                return (Self::new(), Some(error));
            }
        };
        match Self::parse(&text, path) {
            Ok(list) => (list, None),
            Err(error) => (Self::new(), Some(error)),
        }
    }

    fn parse(text: &str, path: &Path) -> Result<RecentList, RecentError> {
        let parse_error = |e: serde_json::Error| RecentError::Parse {
            path: path.to_owned(),
            reason: e.to_string(),
        };
        let mut value: serde_json::Value = serde_json::from_str(text).map_err(parse_error)?;
        let version = value.get("version").and_then(serde_json::Value::as_u64);
        match version {
            Some(v) if v == u64::from(FILE_VERSION) => {}
            Some(version) => {
                return Err(RecentError::UnsupportedVersion {
                    path: path.to_owned(),
                    version,
                });
            }
            None => {
                return Err(RecentError::Parse {
                    path: path.to_owned(),
                    reason: "no version number".to_owned(),
                });
            }
        }
        let entries = value
            .get_mut("entries")
            .map(serde_json::Value::take)
            .unwrap_or(serde_json::Value::Array(Vec::new()));
        let entries: Vec<RecentClient> = serde_json::from_value(entries).map_err(parse_error)?;
        // The file is outside crmcard's control: its text is drawn only cleaned.
        Ok(Self::from_entries(
            entries.into_iter().map(RecentClient::cleaned).collect(),
        ))
    }

    /// Writes the list to `path` atomically, readable by the owner only
    /// (see [`crate::files`]).
    pub fn save(&self, path: &Path) -> Result<(), RecentError> {
        let file = FileOut {
            version: FILE_VERSION,
            entries: &self.entries,
        };
        let write_error = |e: io::Error| RecentError::Write {
            path: path.to_owned(),
            reason: e.to_string(),
        };
        let json = serde_json::to_vec_pretty(&file).map_err(|e| RecentError::Write {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        crate::files::write_private(path, &json).map_err(write_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recent::tests::{ids, sample};

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub/dir/recent.json");
        let list = sample();
        list.save(&path).expect("save");
        let (loaded, error) = RecentList::load(&path);
        assert_eq!(error, None);
        assert_eq!(loaded.entries(), list.entries());
        assert_eq!(ids(&loaded, "916"), ["1001"]);
        let text = fs::read_to_string(&path).expect("read");
        assert!(text.contains("\"version\": 1"), "{text}");
        // Saving again replaces the file and leaves no temporary behind.
        loaded.save(&path).expect("save again");
        let names: Vec<_> = fs::read_dir(path.parent().expect("parent"))
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["recent.json"]);
    }

    #[test]
    fn saved_file_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("recent.json");
        fs::write(&path, "{}").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        sample().save(&path).expect("save");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn missing_file_is_an_empty_list() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (list, error) = RecentList::load(&dir.path().join("none.json"));
        assert!(list.is_empty());
        assert_eq!(error, None);
    }

    #[test]
    fn damaged_files_give_an_empty_list_and_a_reason() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("recent.json");
        for text in [
            "",
            "{",
            "[]",
            "{\"entries\": []}",
            "{\"version\": 1, \"entries\": [{\"id\": 5}]}",
            "{\"version\": 1, \"entries\": 7}",
            "\u{0}\u{1}garbage",
        ] {
            fs::write(&path, text).expect("write");
            let (list, error) = RecentList::load(&path);
            assert!(list.is_empty(), "{text:?}");
            assert!(
                matches!(error, Some(RecentError::Parse { .. })),
                "{text:?}: {error:?}"
            );
        }
        fs::write(&path, "{\"version\": 9, \"entries\": []}").expect("write");
        let (_, error) = RecentList::load(&path);
        assert_eq!(
            error,
            Some(RecentError::UnsupportedVersion {
                path: path.clone(),
                version: 9
            })
        );
        // A directory where the file should be.
        let (list, error) = RecentList::load(dir.path());
        assert!(list.is_empty());
        assert!(matches!(error, Some(RecentError::Read { .. })), "{error:?}");
    }

    #[test]
    fn save_into_an_impossible_place_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").expect("write");
        let error = sample().save(&blocker.join("recent.json"));
        assert!(matches!(error, Err(RecentError::Write { .. })), "{error:?}");
    }
}
