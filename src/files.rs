//! Private files: what crmcard writes about the operator's clients (the
//! client directory, drafts, the log) is readable by the owner only.
//!
//! A file is written whole or not at all: into a temporary file beside it
//! (created 0600 by `tempfile`), flushed to disk, renamed over the old one,
//! and the directory flushed too, so that a crash or a power cut leaves the
//! old file or the new one, never half of one. Directories crmcard creates
//! are 0700; existing ones keep their mode.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Creates `dir` and its missing parents, readable by the owner only (0700
/// on unix).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Writes `bytes` to `path` atomically, readable by the owner only; creates
/// the directory (see [`create_private_dir`]).
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    create_private_dir(parent_dir(path))?;
    let mut file = PrivateFile::beside(path)?;
    file.write_all(bytes)?;
    file.replace(path)
}

/// A new file readable by the owner only, in the directory of the file it
/// is to replace (which must exist), written and then renamed over that
/// file by [`PrivateFile::replace`]; dropped unreplaced, it is removed.
/// The rename replaces whatever is at the path (a link too) and never
/// writes into it.
pub struct PrivateFile {
    temp: tempfile::NamedTempFile,
}

impl PrivateFile {
    /// Creates the file beside `path` (0600 on unix).
    pub fn beside(path: &Path) -> io::Result<PrivateFile> {
        Ok(PrivateFile {
            temp: tempfile::NamedTempFile::new_in(parent_dir(path))?,
        })
    }

    /// The open file, to write into (it is also seekable).
    pub fn file(&mut self) -> &mut fs::File {
        self.temp.as_file_mut()
    }

    /// Who owns the file: this process's user, as the system sees it.
    #[cfg(unix)]
    pub fn owner(&self) -> io::Result<u32> {
        use std::os::unix::fs::MetadataExt;
        Ok(self.temp.as_file().metadata()?.uid())
    }

    /// Flushes the file to disk and renames it over `path`, in the same
    /// directory, then flushes the directory.
    pub fn replace(self, path: &Path) -> io::Result<()> {
        self.temp.as_file().sync_all()?;
        self.temp.persist(path).map_err(|e| e.error)?;
        sync_dir(parent_dir(path))
    }
}

impl Write for PrivateFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.temp.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.temp.flush()
    }
}

/// How crmcard opens a file of its own: one it creates is readable by the
/// owner only (0600 on unix), and a link at the path is refused, never
/// followed (`O_NOFOLLOW`). The caller adds read, write, append, create.
pub fn private_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options
}

/// Opens `path` for appending through [`private_options`] (and creates its
/// directory, see [`create_private_dir`]); a file that was there is made
/// private too. The log and the client directory's SQLite file are opened so.
pub fn open_private_append(path: &Path) -> io::Result<fs::File> {
    create_private_dir(parent_dir(path))?;
    let file = private_options().append(true).create(true).open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// The directory `path` is in (`.` for a bare file name).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Flushes a directory's entries (the rename) to disk; a no-op where
/// directories cannot be opened as files.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).expect("metadata").permissions().mode() & 0o777
    }

    #[test]
    fn writes_replace_the_file_and_leave_nothing_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a/b/file.json");
        write_private(&path, b"one").expect("write");
        write_private(&path, b"two").expect("write again");
        assert_eq!(fs::read(&path).expect("read"), b"two");
        let names: Vec<_> = fs::read_dir(dir.path().join("a/b"))
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["file.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn files_are_0600_and_new_directories_0700() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("new/sub/file");
        write_private(&path, b"x").expect("write");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir.path().join("new")), 0o700);
        assert_eq!(mode(&dir.path().join("new/sub")), 0o700);
        // An existing file readable by others becomes private when replaced.
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        write_private(&path, b"y").expect("write");
        assert_eq!(mode(&path), 0o600);
        let log = dir.path().join("logs/crmcard.log");
        let mut file = open_private_append(&log).expect("open");
        file.write_all(b"line\n").expect("append");
        drop(file);
        open_private_append(&log)
            .expect("open again")
            .write_all(b"more\n")
            .expect("append");
        assert_eq!(fs::read_to_string(&log).expect("read"), "line\nmore\n");
        assert_eq!(mode(&log), 0o600);
        assert_eq!(mode(&dir.path().join("logs")), 0o700);
        // An existing file readable by others becomes private when opened.
        fs::set_permissions(&log, fs::Permissions::from_mode(0o644)).expect("chmod");
        open_private_append(&log).expect("open a third time");
        assert_eq!(mode(&log), 0o600);
    }

    #[test]
    fn impossible_places_are_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").expect("write");
        assert!(write_private(&blocker.join("f"), b"x").is_err());
        assert!(open_private_append(&blocker.join("f")).is_err());
        // A directory where the file should be.
        assert!(write_private(dir.path(), b"x").is_err());
        assert_eq!(fs::read(&blocker).expect("read"), b"x");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_never_opened_through() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim");
        fs::write(&victim, "victim").expect("write");
        fs::set_permissions(&victim, fs::Permissions::from_mode(0o644)).expect("chmod");
        let link = dir.path().join("crmcard.log");
        std::os::unix::fs::symlink(&victim, &link).expect("symlink");
        assert!(open_private_append(&link).is_err());
        let opened = private_options()
            .read(true)
            .write(true)
            .create(true)
            .open(&link);
        assert!(opened.is_err());
        assert_eq!(fs::read(&victim).expect("read"), b"victim");
        assert_eq!(mode(&victim), 0o644);
    }
}
