//! Reading one draft file as a file crmcard wrote, and nothing else: a
//! regular file, opened without following a link and without waiting on a
//! FIFO or a device, and no bigger than [`MAX_BYTES`], read no further.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use crate::app::draft::MAX_BYTES;
use crate::app::vocab::SkipWhy;

/// The bytes of the draft file at `path`, or why it was left unread.
pub(crate) fn read_capped(path: &Path) -> Result<Vec<u8>, SkipWhy> {
    let file = open_no_follow(path).map_err(|e| why_not_opened(&e))?;
    let meta = file.metadata().map_err(|e| unreadable(&e))?;
    if !meta.is_file() {
        return Err(SkipWhy::NotAFile);
    }
    if meta.len() > MAX_BYTES {
        return Err(SkipWhy::TooBig { bytes: meta.len() });
    }
    let mut bytes = Vec::new();
    // A file growing while it is read stops at the cap all the same.
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(&e))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(SkipWhy::TooBig {
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    if fs::symlink_metadata(path)?.is_file() {
        fs::File::open(path)
    } else {
        Err(io::Error::other("not a regular file"))
    }
}

/// A link opened with `O_NOFOLLOW` fails with `ELOOP`: not a file.
fn why_not_opened(e: &io::Error) -> SkipWhy {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return SkipWhy::NotAFile;
    }
    unreadable(e)
}

fn unreadable(e: &io::Error) -> SkipWhy {
    SkipWhy::Unreadable {
        reason: e.to_string(),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn only_a_regular_file_within_the_cap_is_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ok = dir.path().join("ok.json");
        fs::write(&ok, b"{}").expect("write");
        assert_eq!(read_capped(&ok), Ok(b"{}".to_vec()));

        let big = dir.path().join("big.json");
        fs::write(&big, vec![b' '; 300_000]).expect("write");
        assert_eq!(read_capped(&big), Err(SkipWhy::TooBig { bytes: 300_000 }));

        let link = dir.path().join("zero.json");
        symlink("/dev/zero", &link).expect("link");
        assert_eq!(read_capped(&link), Err(SkipWhy::NotAFile));
        let to_ok = dir.path().join("to-ok.json");
        symlink(&ok, &to_ok).expect("link");
        assert_eq!(read_capped(&to_ok), Err(SkipWhy::NotAFile));

        let sub = dir.path().join("dir.json");
        fs::create_dir(&sub).expect("dir");
        assert_eq!(read_capped(&sub), Err(SkipWhy::NotAFile));
    }

    #[test]
    fn a_fifo_is_skipped_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("fifo.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        // Without O_NONBLOCK this open waits for a writer for ever.
        assert_eq!(read_capped(&fifo), Err(SkipWhy::NotAFile));
    }
}
