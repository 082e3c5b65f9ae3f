//! Where crmcard keeps its files.

use std::path::{Path, PathBuf};

use crate::crm::CrmKey;

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

    /// The recent-clients list of earlier versions (the tests plant one).
    #[cfg(test)]
    pub fn recent_file(&self) -> PathBuf {
        self.data_dir.join("recent.json")
    }

    /// The folder of one CRM's local data (`crm/<slug>` under the data
    /// directory, named by [`CrmKey::file_slug`]): its client directory,
    /// and for the demo its sandbox's database.
    pub fn crm_dir(&self, crm: &CrmKey) -> PathBuf {
        self.data_dir.join("crm").join(crm.file_slug())
    }

    /// The client directory of one CRM.
    pub fn directory_file(&self, crm: &CrmKey) -> PathBuf {
        self.crm_dir(crm).join("directory.sqlite")
    }

    /// The demo sandbox's database (the demo's CRM keeps its data here
    /// between runs); a build without the sandbox has no demo.
    #[cfg(any(test, feature = "sandbox"))]
    pub fn demo_sandbox_file(&self) -> PathBuf {
        self.crm_dir(&CrmKey::demo()).join("sandbox.sqlite")
    }

    /// The directory of form drafts.
    pub fn drafts_dir(&self) -> PathBuf {
        self.data_dir.join("drafts")
    }

    /// The drafts of one CRM (`drafts/<slug>`, named by
    /// [`CrmKey::file_slug`]), one folder per window inside.
    pub fn crm_drafts_dir(&self, crm: &CrmKey) -> PathBuf {
        self.drafts_dir().join(crm.file_slug())
    }

    /// The log file.
    pub fn log_file(&self) -> PathBuf {
        self.state_dir.join("crmcard.log")
    }
}
