//! Where crmcard keeps its files.

use std::path::{Path, PathBuf};

/// Where crmcard keeps its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The config file.
    pub config_file: PathBuf,
    /// The client directory and drafts.
    pub data_dir: PathBuf,
    /// The log.
    pub state_dir: PathBuf,
}

impl Paths {
    /// The platform's standard directories (XDG on Linux); `None` without a
    /// home directory.
    pub fn discover() -> Option<Paths> {
        let dirs = directories::ProjectDirs::from("", "", "crmcard")?;
        let data_dir = dirs.data_dir().to_owned();
        Some(Paths {
            config_file: dirs.config_dir().join("config.toml"),
            state_dir: dirs
                .state_dir()
                .map_or_else(|| data_dir.clone(), Path::to_owned),
            data_dir,
        })
    }

    /// Everything under `root` (for tests): `root/config/config.toml`,
    /// `root/data`, `root/state`.
    #[cfg(test)]
    pub fn under(root: &Path) -> Paths {
        Paths {
            config_file: root.join("config").join("config.toml"),
            data_dir: root.join("data"),
            state_dir: root.join("state"),
        }
    }

    /// The recent-clients list.
    pub fn recent_file(&self) -> PathBuf {
        self.data_dir.join("recent.json")
    }

    /// The client directory (`--demo` has its own).
    pub fn directory_file(&self, demo: bool) -> PathBuf {
        let name = if demo {
            "directory-demo.sqlite"
        } else {
            "directory.sqlite"
        };
        self.data_dir.join(name)
    }

    /// The directory of form drafts.
    pub fn drafts_dir(&self) -> PathBuf {
        self.data_dir.join("drafts")
    }

    /// The log file.
    pub fn log_file(&self) -> PathBuf {
        self.state_dir.join("crmcard.log")
    }
}
