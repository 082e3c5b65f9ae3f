//! The desk's side of the shared call log, in its local directory file: the
//! queue of its calls to send (`shared_call_outbox`, filled by triggers on
//! `call_log` in the same transaction as the write, as the clients' queue
//! is) and other desks' calls merged into its log.
//!
//! A call queued again goes to the end of the queue (a new place), so that
//! a send that took its older place leaves it queued. (The triggers delete
//! and insert: an `OR REPLACE` in a trigger would give way to the outer
//! statement's conflict rule.) Only writes queue a call: a row removed locally (`[calls] keep_days` at
//! start) is not removed from the shared table by that (see
//! [`super::store::sweep`]). Calls applied from the feed set
//! `temp.shared_applying`, so the triggers leave them out.

use rusqlite::params;

use super::store::CallChange;
use crate::app::calllog::LoggedCall;
use crate::calllog::{self, CallLog};
use crate::directory::{Directory, DirectoryError};

const TABLES: &str = "
CREATE TABLE IF NOT EXISTS shared_call_outbox (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    crm TEXT NOT NULL,
    key TEXT NOT NULL,
    UNIQUE (crm, key)
);
CREATE TEMP TRIGGER IF NOT EXISTS shared_call_queue_insert AFTER INSERT ON main.call_log
    WHEN NOT EXISTS (SELECT 1 FROM temp.shared_applying)
    BEGIN
        DELETE FROM shared_call_outbox WHERE crm = NEW.crm AND key = NEW.key;
        INSERT INTO shared_call_outbox (crm, key) VALUES (NEW.crm, NEW.key);
    END;
CREATE TEMP TRIGGER IF NOT EXISTS shared_call_queue_update AFTER UPDATE ON main.call_log
    WHEN NOT EXISTS (SELECT 1 FROM temp.shared_applying)
    BEGIN
        DELETE FROM shared_call_outbox WHERE crm = NEW.crm AND key = NEW.key;
        INSERT INTO shared_call_outbox (crm, key) VALUES (NEW.crm, NEW.key);
    END;
";

/// The queue's table that wakes the engine when a row goes in.
pub(crate) const OUTBOX: &str = "shared_call_outbox";

/// Makes the connection queue every call written to its log (after
/// `temp.shared_applying` exists: [`crate::shared::replica::attach`]).
pub fn attach(directory: &mut Directory) -> Result<(), DirectoryError> {
    let conn = directory.connection();
    calllog::create_table(conn)?;
    conn.execute_batch(TABLES)?;
    Ok(())
}

/// The oldest `limit` calls of `crm` queued: (their places in the queue,
/// the calls as the log has them now).
pub fn pending(
    directory: &mut Directory,
    crm: &str,
    limit: usize,
) -> Result<(Vec<i64>, Vec<LoggedCall>), DirectoryError> {
    let conn = directory.connection();
    let queued: Vec<(i64, String)> = conn
        .prepare_cached("SELECT n, key FROM shared_call_outbox WHERE crm = ?1 ORDER BY n LIMIT ?2")?
        .query_map(params![crm, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let log = CallLog::open(conn, crm)?;
    let mut calls = Vec::with_capacity(queued.len());
    for (_, key) in &queued {
        // A call removed since it was queued has nothing left to send.
        if let Some(call) = log.get(key)? {
            calls.push(call);
        }
    }
    Ok((queued.into_iter().map(|(n, _)| n).collect(), calls))
}

/// Takes sent calls off the queue (those queued again since stay) and
/// removes from the log the calls the table refused (erased there).
pub fn sent(
    directory: &mut Directory,
    crm: &str,
    sent: &[i64],
    refused: &[String],
) -> Result<(), DirectoryError> {
    let tx = directory.connection().transaction()?;
    {
        let mut delete = tx.prepare_cached("DELETE FROM shared_call_outbox WHERE n = ?1")?;
        for n in sent {
            delete.execute(params![n])?;
        }
        let mut erase = tx.prepare_cached("DELETE FROM call_log WHERE crm = ?1 AND key = ?2")?;
        for key in refused {
            erase.execute(params![crm, key])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// How many calls are queued to send.
pub fn queued(directory: &mut Directory) -> Result<u64, DirectoryError> {
    super::super::replica_state::queued_in(directory, "shared_call_outbox")
}

/// Merges the calls of the feed into `crm`'s log without queueing them
/// (erased ones are removed); `position`, if given, is the feed number to
/// remember as read, in the same transaction. How many rows changed.
pub(crate) fn apply(
    directory: &mut Directory,
    crm: &str,
    changes: &[CallChange],
    position: Option<(&str, i64)>,
) -> Result<usize, DirectoryError> {
    let tx = directory.connection().transaction()?;
    tx.execute("INSERT INTO temp.shared_applying (applying) VALUES (1)", [])?;
    let mut changed = 0;
    for change in changes {
        let done = if change.deleted {
            tx.execute(
                "DELETE FROM call_log WHERE crm = ?1 AND key = ?2",
                params![crm, change.call.key],
            )? > 0
        } else {
            calllog::merge_into(&tx, crm, &change.call)?
        };
        changed += usize::from(done);
    }
    if let Some((key, seq)) = position {
        crate::shared::replica_state::set_state(&tx, key, &seq.to_string())?;
    }
    tx.execute("DELETE FROM temp.shared_applying", [])?;
    tx.commit()?;
    Ok(changed)
}

/// Where this desk is in the calls' feed (`key`: [`feed_key`]); 0 for a
/// feed it has not read yet.
pub fn position(directory: &mut Directory, key: &str) -> Result<i64, DirectoryError> {
    Ok(crate::shared::replica_state::state(directory, key)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

/// The key of the calls' feed of `crm` on the database `instance` in
/// `shared_state`.
pub(crate) fn feed_key(instance: &str, crm: &str) -> String {
    format!("calls seq {instance} {crm}")
}
