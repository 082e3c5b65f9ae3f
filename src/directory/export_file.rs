//! Where `crmcard directory export` writes: standard output for `-`, else
//! a regular file only.
//!
//! The export is written into a new file beside the path (0600, see
//! `crate::files::PrivateFile`) and renamed over it, so the client base is never
//! written into something already there: not through a symbolic link
//! another user planted, not into a pipe or a device someone reads. What is
//! already at the path must be nothing, or a regular file of this user that
//! the user may write; anything else (a link, a directory, a pipe, a device,
//! a socket, a read-only file, another user's file) is refused unless
//! `--force` says to replace it, and even then it is replaced, never written
//! into (a directory cannot be replaced at all).

use std::fs;
use std::io;
use std::path::Path;

use super::DirectoryError;
use crate::files::PrivateFile;

/// What is at an export's path that crmcard will not replace without
/// `--force`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occupant {
    /// A symbolic link (whatever it points to).
    Link,
    Directory,
    /// A named pipe (FIFO).
    Pipe,
    /// A character or block device.
    Device,
    Socket,
    /// A regular file without the owner's write permission.
    ReadOnly,
    /// A regular file of another user.
    OtherUsers,
}

/// Why an export was not written.
#[derive(Debug)]
pub enum ExportError {
    /// Something crmcard does not replace is at the path (`--force` not
    /// given); nothing was written.
    Refused { occupant: Occupant },
    /// The file could not be created, written or renamed.
    Io { reason: String },
    /// The directory could not be read.
    Directory(DirectoryError),
}

impl From<DirectoryError> for ExportError {
    fn from(e: DirectoryError) -> Self {
        ExportError::Directory(e)
    }
}

/// Writes an export to `path` through `write` (which gets the new file):
/// the file replaces what is at `path` once `write` has succeeded; when it
/// fails, or what is there is refused, `path` is left as it was.
pub fn write_file<T>(
    path: &Path,
    force: bool,
    write: impl FnOnce(&mut fs::File) -> Result<T, DirectoryError>,
) -> Result<T, ExportError> {
    let io_error = |e: io::Error| ExportError::Io {
        reason: e.to_string(),
    };
    let mut file = PrivateFile::beside(path).map_err(io_error)?;
    if !force && let Some(occupant) = occupant(path, &file).map_err(io_error)? {
        return Err(ExportError::Refused { occupant });
    }
    let written = write(file.file())?;
    file.replace(path).map_err(io_error)?;
    Ok(written)
}

/// What is at `path` that an export must not replace unasked, if anything.
fn occupant(path: &Path, new_file: &PrivateFile) -> io::Result<Option<Occupant>> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        return Ok(Some(Occupant::Link));
    }
    if kind.is_dir() {
        return Ok(Some(Occupant::Directory));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        if kind.is_fifo() {
            return Ok(Some(Occupant::Pipe));
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Ok(Some(Occupant::Device));
        }
        if kind.is_socket() {
            return Ok(Some(Occupant::Socket));
        }
        if meta.uid() != new_file.owner()? {
            return Ok(Some(Occupant::OtherUsers));
        }
        // The owner's write bit: root may write anything, but a file made
        // read-only says it is not to be overwritten.
        if meta.mode() & 0o200 == 0 {
            return Ok(Some(Occupant::ReadOnly));
        }
    }
    #[cfg(not(unix))]
    {
        let _ = new_file;
        if !kind.is_file() {
            return Ok(Some(Occupant::Device));
        }
        if meta.permissions().readonly() {
            return Ok(Some(Occupant::ReadOnly));
        }
    }
    Ok(None)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn export(path: &Path, force: bool) -> Result<(), ExportError> {
        write_file(path, force, |file| {
            use std::io::Write;
            file.write_all(b"new")
                .map_err(|e| DirectoryError::BadFile(e.to_string()))
        })
    }

    fn refused(result: Result<(), ExportError>) -> Option<Occupant> {
        match result {
            Err(ExportError::Refused { occupant, .. }) => Some(occupant),
            _ => None,
        }
    }

    #[test]
    fn a_new_file_and_an_own_writable_file_are_written_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.csv");
        export(&path, false).expect("new");
        fs::write(&path, "old").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        export(&path, false).expect("replace");
        assert_eq!(fs::read(&path).expect("read"), b"new");
        let mode = fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let names: Vec<_> = fs::read_dir(dir.path()).expect("dir").collect();
        assert_eq!(names.len(), 1, "a temporary file was left");
    }

    #[test]
    fn links_directories_and_read_only_files_are_refused_and_left_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "victim").expect("write");
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&victim, &link).expect("symlink");
        assert_eq!(refused(export(&link, false)), Some(Occupant::Link));
        assert_eq!(
            refused(export(dir.path(), false)),
            Some(Occupant::Directory)
        );
        fs::set_permissions(&victim, fs::Permissions::from_mode(0o444)).expect("chmod");
        assert_eq!(refused(export(&victim, false)), Some(Occupant::ReadOnly));
        assert_eq!(fs::read(&victim).expect("read"), b"victim");
        // Forced: the link itself is replaced, its target untouched.
        export(&link, true).expect("forced");
        assert!(fs::symlink_metadata(&link).expect("meta").is_file());
        assert_eq!(fs::read(&victim).expect("read"), b"victim");
        // A directory cannot be replaced, even forced.
        assert!(matches!(
            export(dir.path(), true),
            Err(ExportError::Io { .. })
        ));
    }

    #[test]
    fn nothing_is_written_when_the_export_fails() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.csv");
        fs::write(&path, "old").expect("write");
        let failed = write_file(&path, false, |_| -> Result<(), _> {
            Err(DirectoryError::BadFile("broken".into()))
        });
        assert!(matches!(failed, Err(ExportError::Directory(_))));
        assert_eq!(fs::read(&path).expect("read"), b"old");
        assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 1);
    }
}
