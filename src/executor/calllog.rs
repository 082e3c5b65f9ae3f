//! The effects the call log answers, run on the directory's connection (in
//! a blocking task in the executor; directly in tests).

use crate::app::{Effect, Msg};
use crate::calllog::CallLog;
use crate::directory::Directory;

/// Which CRM's log the executor keeps, and for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallLogSetup {
    /// [`crate::crm::CrmKey::as_text`] of the CRM in use.
    pub crm: String,
    /// `[calls] keep_days`: rows older go at start; 0 keeps nothing.
    pub keep_days: u32,
}

/// Runs a call-log effect on `directory` (`None`: there is none, or no log
/// is kept) at `now` (seconds since 1970) and returns its answer, if it has
/// one. A failure is logged: a row is then lost, a list or a look-up finds
/// nothing. `Err` gives back an effect that is not the log's.
pub fn answer(
    directory: Option<&Directory>,
    setup: &CallLogSetup,
    effect: Effect,
    now: u64,
) -> Result<Option<Msg>, Effect> {
    let log = directory.and_then(|d| match CallLog::open(d.shared_connection(), &setup.crm) {
        Ok(log) => Some(log),
        Err(e) => {
            tracing::warn!(error = %e, "call log");
            None
        }
    });
    let log = log.as_ref();
    let kept = setup.keep_days > 0;
    Ok(match effect {
        Effect::LogCall(call) => {
            if kept {
                logged("record", log, |l| l.record(&call));
            }
            None
        }
        Effect::FindMissed {
            call,
            canonical,
            before,
        } => Some(Msg::MissedFound {
            call,
            at: logged("last missed", log, |l| l.last_missed(&canonical, before)).flatten(),
        }),
        Effect::FindClientMissed { client, phones } => Some(Msg::ClientMissedFound {
            client,
            at: logged("client missed", log, |l| l.last_missed_of(&phones)).flatten(),
        }),
        Effect::LoadCallLog { req, missed_only } => Some(Msg::CallLogLoaded {
            req,
            calls: logged("list", log, |l| l.list(missed_only)).unwrap_or_default(),
        }),
        Effect::RestoreCalls => Some(Msg::CallsRestored {
            calls: logged("start", log, |l| l.start(now, setup.keep_days)).unwrap_or_default(),
            now_unix: now,
        }),
        other => return Err(other),
    })
}

fn logged<T>(
    what: &str,
    log: Option<&CallLog>,
    f: impl FnOnce(&CallLog) -> rusqlite::Result<T>,
) -> Option<T> {
    match f(log?) {
        Ok(value) => Some(value),
        Err(e) => {
            tracing::warn!(what, error = %e, "call log");
            None
        }
    }
}
