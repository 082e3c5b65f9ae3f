//! A home of its own for the real binary: config, data and state under a
//! temporary directory, and the runs of `crmcard` in it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crmcard::crm::CrmKey;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_crmcard");

pub struct Home {
    pub dir: tempfile::TempDir,
    /// The `LANG` the binary runs with; none: removed.
    lang: Option<&'static str>,
}

impl Home {
    /// An empty home; the binary runs without `LANG`.
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("tempdir"),
            lang: None,
        }
    }

    /// The binary runs with `LANG=lang`.
    pub fn with_lang(mut self, lang: &'static str) -> Home {
        self.lang = Some(lang);
        self
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// crmcard's data directory.
    pub fn data(&self) -> PathBuf {
        self.path("data/crmcard")
    }

    /// The directory file of a CRM in the data directory.
    pub fn crm_file(&self, crm: &CrmKey) -> PathBuf {
        self.data()
            .join("crm")
            .join(crm.file_slug())
            .join("directory.sqlite")
    }

    /// Writes `bytes` to the file `name` of the home (its folders made).
    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(&path, bytes).expect("write");
        path
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let root = self.dir.path();
        let mut command = Command::new(BIN);
        command
            .args(args)
            .env("HOME", root)
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_STATE_HOME", root.join("state"))
            .env_remove("CRMCARD_SID");
        match self.lang {
            Some(lang) => command.env("LANG", lang),
            None => command.env_remove("LANG"),
        };
        command.output().expect("run crmcard")
    }

    /// Runs and expects success; returns stderr.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{args:?} failed: {stderr}");
        stderr
    }
}

/// A path as an argument.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}
