//! `crmcard directory import FILE` and `crmcard directory export FILE`.

use std::error::Error;
use std::io::Write;
use std::path::PathBuf;

use super::{Directory, csv, local};
use crate::cli::{Cli, DirectoryAction, DirectoryArgs};
use crate::config::{self, LoadedConfig, Paths};
use crate::crm::CrmKey;
use crate::i18n::{self, Lang};

/// Runs the `directory` subcommand on the directory of the CRM the TUI
/// would use with the same options (the profile, `--base-url` and
/// `--object-id`, or `--demo`), or on `--file`.
pub fn run(cli: &Cli, args: &DirectoryArgs) -> Result<(), Box<dyn Error>> {
    let paths = Paths::discover();
    let LoadedConfig { config, warnings } =
        config::load_chosen(cli.config.as_deref(), paths.as_ref());
    for warning in &warnings {
        eprintln!("crmcard: {warning}");
    }
    let env_lang = std::env::var("LANG").ok();
    let lang = match &cli.lang {
        Some(code) => Lang::from_code(code),
        None => Lang::from_code(config.language_code(env_lang.as_deref())),
    };
    if cli.reset && !cli.demo {
        return Err(i18n::reset_without_demo(lang).into());
    }
    let city_code = config.city_code.clone();
    let (mut directory, file): (Directory, PathBuf) = match (&args.file, &paths) {
        (Some(file), _) => (
            Directory::open(file)?.with_city_code(city_code),
            file.clone(),
        ),
        (None, Some(paths)) => {
            let crm = if cli.demo {
                if cli.reset {
                    crate::demo::reset(paths)
                        .map_err(|e| i18n::demo_reset_failed(&e.to_string(), lang))?;
                }
                CrmKey::demo()
            } else {
                config::resolve_crm(
                    cli.base_url.as_deref(),
                    cli.object_id.as_deref(),
                    cli.profile.as_deref(),
                    &config,
                )
                .map_err(|e| i18n::config_error(&e, lang))?
            };
            let opened = local::open_for_crm(paths, &crm, city_code, !cli.demo)?;
            for note in opened.notes {
                let text = i18n::notice_text(&crate::start::open_notice(note, &crm), lang);
                eprintln!("crmcard: {}: {}", text.title, text.lines.join(" "));
            }
            (opened.directory, paths.directory_file(&crm))
        }
        (None, None) => return Err("no home directory: give the directory file with --file".into()),
    };
    match &args.action {
        DirectoryAction::Import { csv: path } => {
            let mut stderr = std::io::stderr();
            let report = csv::import_file(&mut directory, path, &mut |rows| {
                let _ = write!(stderr, "\rread {rows} rows");
                let _ = stderr.flush();
            })?;
            if report.rows >= 10_000 {
                eprintln!();
            }
            for bad in &report.bad {
                eprintln!("{}: skipped {bad}", path.display());
            }
            eprintln!(
                "{} rows: {} clients added, {} updated, {} unchanged, {} bad rows skipped; {} clients in {}",
                report.rows,
                report.added,
                report.updated,
                report.unchanged,
                report.bad.len(),
                directory.count()?,
                file.display()
            );
        }
        DirectoryAction::Export { csv: path } => {
            let mut out = Vec::new();
            let n = csv::export(&directory, &mut out)?;
            write_export(path, &out).map_err(|e| format!("{}: {e}", path.display()))?;
            eprintln!("{n} clients written to {}", path.display());
        }
    }
    Ok(())
}

/// Client data goes to a new or regular file whole and readable by the owner
/// only (written beside it, then renamed over it); anything else that is
/// already there (a device such as /dev/stdout, a pipe, a link) is written
/// into, never replaced.
fn write_export(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => {
            let mut target = std::fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(path)?;
            target.write_all(bytes)?;
            target.flush()
        }
        _ => crate::files::write_private(path, bytes),
    }
}
