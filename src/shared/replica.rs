//! The desk's side, in its local SQLite directory file: the queue of its
//! own changes (`shared_outbox`), its place in the change feed
//! (`shared_state`), and other desks' changes applied to the replica.
//!
//! The queue is filled by triggers on the directory's `clients` table,
//! created on the connection that uses the shared directory: whatever writes
//! a client there (a card opened, a client saved, an import, a removal)
//! queues its id in the same transaction, so a change is on disk before it
//! is sent and survives a crash or a database that is down. Changes applied
//! from the feed set `temp.shared_applying` for their transaction, so the
//! triggers leave them out. The queue holds ids: what is sent is the client
//! as the replica has it at that moment.

use std::sync::Arc;

use rusqlite::hooks::Action;
use rusqlite::params;
use tokio::sync::Notify;

use super::replica_state::{queued_in, set_state, state};
use super::store::{Change, Outgoing};
use crate::directory::{DirEntry, Directory, DirectoryError, delete_entry, write_entry};

const TABLES: &str = "
CREATE TABLE IF NOT EXISTS shared_outbox (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS shared_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TEMP TABLE IF NOT EXISTS shared_applying (applying INTEGER);
CREATE TEMP TRIGGER IF NOT EXISTS shared_queue_insert AFTER INSERT ON main.clients
    WHEN NOT EXISTS (SELECT 1 FROM temp.shared_applying)
    BEGIN INSERT OR REPLACE INTO shared_outbox (id) VALUES (NEW.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS shared_queue_update AFTER UPDATE ON main.clients
    WHEN NOT EXISTS (SELECT 1 FROM temp.shared_applying)
    BEGIN INSERT OR REPLACE INTO shared_outbox (id) VALUES (NEW.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS shared_queue_delete AFTER DELETE ON main.clients
    WHEN NOT EXISTS (SELECT 1 FROM temp.shared_applying)
    BEGIN INSERT OR REPLACE INTO shared_outbox (id) VALUES (OLD.id); END;
";

/// Makes the directory's connection queue every change of a client and
/// every call written to its log, and wakes `nudge` (if any) when one is
/// queued.
pub fn attach(directory: &mut Directory, nudge: Option<Arc<Notify>>) -> Result<(), DirectoryError> {
    directory.connection().execute_batch(TABLES)?;
    super::calls::replica::attach(directory)?;
    let conn = directory.connection();
    if let Some(nudge) = nudge {
        conn.update_hook(Some(
            move |action: Action, _db: &str, table: &str, _rowid: i64| {
                if action == Action::SQLITE_INSERT
                    && (table == "shared_outbox" || table == super::calls::replica::OUTBOX)
                {
                    nudge.notify_one();
                }
            },
        ))?;
    }
    Ok(())
}

/// One queued change, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// Its place in the queue: removed after sending only if still there.
    pub n: i64,
    /// The client as the replica has it (a tombstone when it is gone).
    pub outgoing: Outgoing,
}

/// The oldest `limit` changes queued; `now` is the desk's clock (unix
/// seconds), used only for how long ago a client was seen.
pub fn pending(
    directory: &mut Directory,
    limit: usize,
    now: i64,
) -> Result<Vec<Pending>, DirectoryError> {
    let queued: Vec<(i64, String)> = directory
        .connection()
        .prepare_cached("SELECT n, id FROM shared_outbox ORDER BY n LIMIT ?1")?
        .query_map(params![limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(queued.len());
    for (n, id) in queued {
        let outgoing = match directory.get(&id)? {
            Some(entry) => outgoing(entry, now),
            None => Outgoing {
                entry: DirEntry {
                    id,
                    ..DirEntry::default()
                },
                age_seconds: Some(0.0),
                deleted: true,
            },
        };
        out.push(Pending { n, outgoing });
    }
    Ok(out)
}

/// A directory entry as sent: seen `now - seen_at` seconds ago, or never
/// (imported only).
pub fn outgoing(entry: DirEntry, now: i64) -> Outgoing {
    Outgoing {
        age_seconds: (entry.seen_at > 0).then(|| (now - entry.seen_at).max(0) as f64),
        entry,
        deleted: false,
    }
}

/// Takes sent changes off the queue (those queued again since stay).
pub fn sent(directory: &mut Directory, sent: &[Pending]) -> Result<(), DirectoryError> {
    let tx = directory.connection().transaction()?;
    {
        let mut delete = tx.prepare_cached("DELETE FROM shared_outbox WHERE n = ?1")?;
        for p in sent {
            delete.execute(params![p.n])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// How many changes are queued.
pub fn queued(directory: &mut Directory) -> Result<u64, DirectoryError> {
    queued_in(directory, "shared_outbox")
}

/// Applies other desks' changes to the replica without queueing them. A
/// client with a change of this desk's own still queued keeps it (it is
/// sent next, and the table decides), unless `over_queue`. `position`, if
/// given, is the feed number to remember as read, in the same transaction.
pub(crate) fn apply(
    directory: &mut Directory,
    changes: &[Change],
    over_queue: bool,
    position: Option<(&str, i64, i64)>,
) -> Result<usize, DirectoryError> {
    let city_code = directory.city_code().map(str::to_owned);
    let tx = directory.connection().transaction()?;
    tx.execute("INSERT INTO temp.shared_applying (applying) VALUES (1)", [])?;
    let mut applied = 0;
    for change in changes {
        let queued: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM shared_outbox WHERE id = ?1)")?
            .query_row(params![change.entry.id], |r| r.get(0))?;
        if change.entry.id.is_empty() || (queued && !over_queue) {
            continue;
        }
        if change.deleted {
            delete_entry(&tx, &change.entry.id)?;
        } else {
            write_entry(&tx, &change.entry, city_code.as_deref())?;
        }
        applied += 1;
    }
    if let Some((key, seq, received_at)) = position {
        set_state(&tx, &format!("seq {key}"), &seq.to_string())?;
        set_state(&tx, &format!("received {key}"), &received_at.to_string())?;
    }
    tx.execute("DELETE FROM temp.shared_applying", [])?;
    tx.commit()?;
    Ok(applied)
}

/// Where this desk is in the feed of `crm` on the database `instance`, and
/// when it last received a change (unix seconds, the desk's clock): (0, None)
/// for a database it has not read yet.
pub fn position(
    directory: &mut Directory,
    instance: &str,
    crm: &str,
) -> Result<(i64, Option<i64>), DirectoryError> {
    let key = feed_key(instance, crm);
    let seq = state(directory, &format!("seq {key}"))?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let received = state(directory, &format!("received {key}"))?.and_then(|v| v.parse().ok());
    Ok((seq, received))
}

/// The key of a feed in `shared_state`.
pub(crate) fn feed_key(instance: &str, crm: &str) -> String {
    format!("{instance} {crm}")
}
