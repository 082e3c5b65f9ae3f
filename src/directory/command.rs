//! `crmcard directory import FILE` and `crmcard directory export FILE`.

use std::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::export_file::{self, ExportError};
use super::import_text::TextEncoding;
use super::{Directory, csv, local, xlsx};
use crate::cli::{Cli, DirectoryAction, DirectoryArgs};
use crate::config::{self, Config, LoadedConfig, Paths};
use crate::crm::CrmKey;
use crate::i18n::{self, Lang, fill};

/// Runs the `directory` subcommand on the directory of the CRM the TUI
/// would use with the same options (the profile, `--base-url` and
/// `--object-id`, or `--demo`), or on `--file`.
pub fn run(cli: &Cli, args: &DirectoryArgs) -> Result<(), Box<dyn Error>> {
    let paths = Paths::discover();
    let LoadedConfig { config, warnings } =
        config::load_chosen(cli.config.as_deref(), paths.as_ref());
    let lang = ui_lang(cli, &config);
    for warning in &warnings {
        eprintln!("crmcard: {}", i18n::config_warning(warning, lang));
    }
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
        DirectoryAction::Import { path } => {
            let sharing = crate::shared::command::start_queueing(cli, &config, &mut directory)?;
            // The rows taken in are sent to the shared directory even when
            // some were rejected (the import's error is said after).
            let imported = import(&mut directory, path, &file, lang);
            if sharing {
                crate::shared::command::send_queue(cli, &config, directory)?;
            }
            imported?;
        }
        DirectoryAction::Export { path, force } => export(&directory, path, *force, lang)?,
        action => crate::shared::command::run(cli, action, &config, directory)?,
    }
    Ok(())
}

/// The language of the command's messages, chosen as the TUI chooses it:
/// `--lang`, else the config file's, else `LANG`.
fn ui_lang(cli: &Cli, config: &Config) -> Lang {
    match &cli.lang {
        Some(code) => Lang::from_code(code),
        None => Lang::from_code(config.language_code(std::env::var("LANG").ok().as_deref())),
    }
}

/// Adds the clients of the file at `path` to `directory` (kept in `file`),
/// saying on standard error how it went; an error when the file cannot be
/// imported or when any row was skipped.
fn import(
    directory: &mut Directory,
    path: &Path,
    file: &Path,
    lang: Lang,
) -> Result<(), Box<dyn Error>> {
    let texts = i18n::directory_texts(lang);
    let shown = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| fill(texts.cannot_read, &[&shown, &e.to_string()]))?;
    let mut stderr = std::io::stderr();
    let mut progress = |rows: usize| {
        if rows >= 10_000 {
            let _ = write!(stderr, "{}", fill(texts.progress, &[&rows.to_string()]));
            let _ = stderr.flush();
        }
    };
    let report = if xlsx::is_workbook(path) {
        xlsx::import(directory, &bytes, &mut progress)
    } else {
        csv::import(directory, &bytes, &mut progress)
    };
    let report = report.map_err(|e| format!("{shown}: {}", i18n::import_error_text(lang, &e)))?;
    if report.rows >= 10_000 {
        eprintln!();
    }
    match report.encoding {
        Some(TextEncoding::Utf8) => eprintln!("{}", fill(texts.read_as_utf8, &[&shown])),
        Some(TextEncoding::Windows1251) => {
            eprintln!("{}", fill(texts.read_as_windows_1251, &[&shown]));
        }
        None => {}
    }
    for bad in &report.bad {
        let reason = i18n::bad_reason_text(lang, &bad.reason);
        eprintln!(
            "{}",
            fill(texts.skipped, &[&shown, &bad.line.to_string(), &reason])
        );
    }
    let numbers = [
        report.rows,
        report.added,
        report.updated,
        report.unchanged,
        report.bad.len(),
    ]
    .map(|n| n.to_string());
    let mut values: Vec<&str> = numbers.iter().map(String::as_str).collect();
    let (count, file) = (directory.count()?.to_string(), file.display().to_string());
    values.extend([count.as_str(), file.as_str()]);
    eprintln!("{}", fill(texts.summary, &values));
    if report.bad.is_empty() {
        Ok(())
    } else {
        Err(fill(texts.rows_rejected, &[&report.bad.len().to_string()]).into())
    }
}

/// Writes every client to `path` (see [`export_file`]), or to standard
/// output for `-`.
fn export(
    directory: &Directory,
    path: &Path,
    force: bool,
    lang: Lang,
) -> Result<(), Box<dyn Error>> {
    let texts = i18n::directory_texts(lang);
    if path == Path::new("-") {
        let n = csv::export(directory, std::io::stdout().lock())?;
        eprintln!("{}", fill(texts.written_to_stdout, &[&n.to_string()]));
        return Ok(());
    }
    let shown = path.display().to_string();
    let n = match export_file::write_file(path, force, |file| {
        if xlsx::is_xlsx(path) {
            xlsx::export(directory, file)
        } else {
            csv::export(directory, file)
        }
    }) {
        Ok(n) => n,
        Err(ExportError::Refused { occupant, .. }) => {
            let what = i18n::occupant_text(lang, occupant);
            return Err(fill(texts.refused, &[&shown, what]).into());
        }
        Err(ExportError::Io { reason, .. }) => {
            return Err(fill(texts.cannot_write, &[&shown, &reason]).into());
        }
        Err(ExportError::Directory(e)) => return Err(e.into()),
    };
    eprintln!("{}", fill(texts.written, &[&n.to_string(), &shown]));
    Ok(())
}
