//! Where the call socket lives.
//!
//! `--socket PATH` (or `CRMCARD_SOCKET`, which clap folds into the same
//! option) wins; else `$XDG_RUNTIME_DIR/crmcard/crmcard.sock`; else
//! `<temp dir>/crmcard-<uid>/crmcard.sock`. The directory of the last two is
//! private: created 0700, and refused when it exists as a symlink, owned by
//! another user, or open to the group or others. An explicit path is used as
//! given (its directory is the user's business).

use std::fs::{self, DirBuilder};
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::{Path, PathBuf};

use crate::files::PrivateFile;

/// The socket's file name inside its private directory.
pub const SOCKET_FILE: &str = "crmcard.sock";

/// A socket path and, unless given explicitly, the private directory holding
/// it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocketLocation {
    pub socket: PathBuf,
    /// `Some` for the default places: created and checked by [`Self::prepare`].
    pub private_dir: Option<PathBuf>,
}

/// Why the socket's directory cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    #[error("{dir}: owned by another user; not used for the call socket")]
    NotOwned { dir: PathBuf },
    #[error("{dir}: open to other users (mode {mode:o}); chmod 700 it or remove it")]
    TooOpen { dir: PathBuf, mode: u32 },
    #[error("{dir}: not a directory (or a symlink); not used for the call socket")]
    NotADirectory { dir: PathBuf },
    #[error("{dir}: {source}")]
    Io { dir: PathBuf, source: io::Error },
}

impl SocketLocation {
    /// The path from the command line (or `CRMCARD_SOCKET`), else the default
    /// one from `XDG_RUNTIME_DIR` and the temp directory. Creates nothing but
    /// a short-lived probe file to learn the user id in the temp-dir case.
    pub fn find(explicit: Option<&Path>) -> Result<Self, PathError> {
        let runtime = std::env::var_os("XDG_RUNTIME_DIR")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute());
        Self::find_in(explicit, runtime.as_deref(), &std::env::temp_dir())
    }

    /// [`Self::find`] with the environment given (for tests).
    pub fn find_in(
        explicit: Option<&Path>,
        runtime_dir: Option<&Path>,
        temp_dir: &Path,
    ) -> Result<Self, PathError> {
        if let Some(path) = explicit {
            return Ok(Self {
                socket: path.to_path_buf(),
                private_dir: None,
            });
        }
        let dir = match runtime_dir {
            Some(runtime) => runtime.join("crmcard"),
            None => temp_dir.join(format!("crmcard-{}", current_uid(temp_dir)?)),
        };
        Ok(Self {
            socket: dir.join(SOCKET_FILE),
            private_dir: Some(dir),
        })
    }

    /// For the listener: creates the private directory (0700) if missing and
    /// checks it.
    pub fn prepare(&self) -> Result<(), PathError> {
        let Some(dir) = &self.private_dir else {
            return Ok(());
        };
        match DirBuilder::new().mode(0o700).create(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(source) => {
                return Err(PathError::Io {
                    dir: dir.clone(),
                    source,
                });
            }
        }
        check_private_dir(dir)
    }

    /// For `crmcard call`: checks the private directory if it exists, so that
    /// a number is never handed to a socket another user planted.
    pub fn check(&self) -> Result<(), PathError> {
        match &self.private_dir {
            Some(dir) if fs::symlink_metadata(dir).is_ok() => check_private_dir(dir),
            _ => Ok(()),
        }
    }
}

/// The directory must be a real directory of ours, closed to everyone else.
pub fn check_private_dir(dir: &Path) -> Result<(), PathError> {
    let io_error = |source| PathError::Io {
        dir: dir.to_path_buf(),
        source,
    };
    let meta = fs::symlink_metadata(dir).map_err(io_error)?;
    if !meta.is_dir() {
        return Err(PathError::NotADirectory {
            dir: dir.to_path_buf(),
        });
    }
    let parent = dir.parent().unwrap_or(dir);
    if meta.uid() != current_uid(parent).or_else(|_| current_uid(dir))? {
        return Err(PathError::NotOwned {
            dir: dir.to_path_buf(),
        });
    }
    let mode = meta.mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(PathError::TooOpen {
            dir: dir.to_path_buf(),
            mode,
        });
    }
    Ok(())
}

/// The user id of this process: the owner of a private file created (and
/// removed) in `scratch` ([`PrivateFile`]); the standard library offers no
/// `getuid`, and unsafe code is forbidden here.
pub fn current_uid(scratch: &Path) -> Result<u32, PathError> {
    PrivateFile::beside(&scratch.join("uid-probe"))
        .and_then(|probe| probe.owner())
        .map_err(|source| PathError::Io {
            dir: scratch.to_path_buf(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).expect("meta").permissions().mode() & 0o777
    }

    #[test]
    fn an_explicit_path_wins_and_is_not_checked() {
        let tmp = tempfile::tempdir().expect("tmp");
        let explicit = tmp.path().join("x.sock");
        let loc =
            SocketLocation::find_in(Some(&explicit), Some(tmp.path()), tmp.path()).expect("found");
        assert_eq!(loc.socket, explicit);
        assert_eq!(loc.private_dir, None);
        loc.prepare().expect("nothing to prepare");
    }

    #[test]
    fn the_runtime_dir_gets_a_private_crmcard_dir() {
        let tmp = tempfile::tempdir().expect("tmp");
        let loc = SocketLocation::find_in(None, Some(tmp.path()), Path::new("/nonexistent"))
            .expect("found");
        assert_eq!(loc.socket, tmp.path().join("crmcard").join("crmcard.sock"));
        loc.check().expect("a missing dir is fine for the client");
        loc.prepare().expect("prepared");
        assert_eq!(mode(&tmp.path().join("crmcard")), 0o700);
        loc.prepare().expect("an existing private dir is fine");
    }

    #[test]
    fn without_a_runtime_dir_the_temp_dir_holds_crmcard_uid() {
        let tmp = tempfile::tempdir().expect("tmp");
        let loc = SocketLocation::find_in(None, None, tmp.path()).expect("found");
        let uid = fs::metadata(tmp.path()).expect("meta").uid();
        let dir = tmp.path().join(format!("crmcard-{uid}"));
        assert_eq!(loc.private_dir.as_deref(), Some(dir.as_path()));
        loc.prepare().expect("prepared");
        assert_eq!(mode(&dir), 0o700);
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".crmcard-uid"))
            .collect();
        assert!(leftovers.is_empty(), "the probe file is removed");
    }

    #[test]
    fn a_dir_open_to_others_is_refused() {
        let tmp = tempfile::tempdir().expect("tmp");
        let loc = SocketLocation::find_in(None, None, tmp.path()).expect("found");
        let dir = loc.private_dir.clone().expect("dir");
        fs::create_dir(&dir).expect("mkdir");
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod");
        let err = loc.prepare().expect_err("refused");
        assert!(
            matches!(err, PathError::TooOpen { mode: 0o755, .. }),
            "{err}"
        );
        assert!(loc.check().is_err(), "the client refuses it too");
    }

    #[test]
    fn a_symlink_or_a_file_in_its_place_is_refused() {
        let tmp = tempfile::tempdir().expect("tmp");
        let elsewhere = tmp.path().join("elsewhere");
        DirBuilder::new()
            .mode(0o700)
            .create(&elsewhere)
            .expect("mkdir");
        let runtime = tmp.path().join("run");
        fs::create_dir(&runtime).expect("mkdir");
        std::os::unix::fs::symlink(&elsewhere, runtime.join("crmcard")).expect("symlink");
        let loc = SocketLocation::find_in(None, Some(&runtime), tmp.path()).expect("found");
        assert!(matches!(
            loc.prepare(),
            Err(PathError::NotADirectory { .. })
        ));
    }
}
