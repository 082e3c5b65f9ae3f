//! The call log on disk: one table in the client directory's SQLite file,
//! its rows keyed by the CRM ([`crate::crm::CrmKey::as_text`]) and the
//! call's key, so that it works whichever file holds the directory.
//!
//! A row is written whole each time a call changes, and merged with what is
//! kept ([`merged`]): a time once set is never cleared, so that two writes
//! of one call arriving in either order leave the same row. A call answered or called
//! back resolves the earlier missed calls of its number. Rows older than
//! `[calls] keep_days` go at start; with `keep_days = 0` nothing is kept.
//! All calls are synchronous: run them from a blocking task.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::app::calllog::LoggedCall;
use crate::app::calls::BANNER_LIFETIME;
use crate::app::vocab::Caller;

pub(crate) use merge::merged;

mod merge;

/// How many rows the calls screen gets at most.
pub(crate) const LIST_LIMIT: usize = 500;

/// The default of `[calls] keep_days`.
pub(crate) const DEFAULT_KEEP_DAYS: u32 = 90;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS call_log (
    crm TEXT NOT NULL,
    key TEXT NOT NULL,
    rang_at INTEGER NOT NULL,
    received TEXT NOT NULL,
    canonical TEXT,
    source TEXT NOT NULL,
    callers TEXT NOT NULL,
    answered_at INTEGER,
    answered_by TEXT,
    ended_at INTEGER,
    card TEXT,
    called_back_at INTEGER,
    called_back_by TEXT,
    resolved_at INTEGER,
    PRIMARY KEY (crm, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS call_log_rang ON call_log (crm, rang_at);
CREATE INDEX IF NOT EXISTS call_log_number ON call_log (crm, canonical, rang_at);
";

/// Missed and not yet called back or resolved.
const OPEN_MISSED: &str = "answered_at IS NULL AND ended_at IS NOT NULL \
     AND called_back_at IS NULL AND resolved_at IS NULL";

const COLUMNS: &str = "key, rang_at, received, canonical, source, callers, answered_at, \
     answered_by, ended_at, card, called_back_at, called_back_by, resolved_at";

/// The call log of one CRM, over the directory's connection.
pub struct CallLog<'a> {
    conn: &'a Connection,
    crm: &'a str,
}

impl<'a> CallLog<'a> {
    /// The log of `crm` (a [`crate::crm::CrmKey::as_text`]) in `conn`,
    /// its table made if missing.
    pub fn open(conn: &'a Connection, crm: &'a str) -> rusqlite::Result<Self> {
        conn.execute_batch(SCHEMA)?;
        Ok(Self { conn, crm })
    }

    /// Keeps `call`, merged with its row if there is one; an answered or
    /// called-back call resolves the earlier missed calls of its number.
    pub fn record(&self, call: &LoggedCall) -> rusqlite::Result<()> {
        merge_into(self.conn, self.crm, call)?;
        let through = call.answered_at.or(call.called_back_at);
        if let (Some(at), Some(number)) = (through, &call.canonical) {
            self.conn.execute(
                &format!(
                    "UPDATE call_log SET resolved_at = ?1
                     WHERE crm = ?2 AND canonical = ?3 AND key <> ?4 AND rang_at <= ?5
                       AND {OPEN_MISSED}"
                ),
                params![secs(at), self.crm, number, call.key, secs(at)],
            )?;
        }
        Ok(())
    }

    /// Removes the calls of client `id`, on request: those whose card it
    /// was, those it was found as a caller of, and those from one of its
    /// `phones` (canonical). How many were removed.
    pub fn forget(&self, id: &str, phones: &[String]) -> rusqlite::Result<usize> {
        let keys: Vec<String> = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM call_log WHERE crm = ?1"))?
            .query_map(params![self.crm], row_to_call)?
            .filter_map(|call| match call {
                Ok(call) if concerns(&call, id, phones) => Some(Ok(call.key)),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<rusqlite::Result<_>>()?;
        for key in &keys {
            self.conn.execute(
                "DELETE FROM call_log WHERE crm = ?1 AND key = ?2",
                params![self.crm, key],
            )?;
        }
        Ok(keys.len())
    }

    /// The calls, newest first (only the missed ones not called back when
    /// `missed_only`), at most [`LIST_LIMIT`].
    pub fn list(&self, missed_only: bool) -> rusqlite::Result<Vec<LoggedCall>> {
        let filter = if missed_only {
            format!("AND {OPEN_MISSED}")
        } else {
            String::new()
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM call_log WHERE crm = ?1 {filter}
             ORDER BY rang_at DESC, key DESC LIMIT ?2"
        ))?;
        let limit = i64::try_from(LIST_LIMIT).unwrap_or(i64::MAX);
        stmt.query_map(params![self.crm, limit], row_to_call)?
            .collect()
    }

    /// One call by its key.
    pub fn get(&self, key: &str) -> rusqlite::Result<Option<LoggedCall>> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM call_log WHERE crm = ?1 AND key = ?2"),
                params![self.crm, key],
                row_to_call,
            )
            .optional()
    }

    /// When `canonical` last rang unanswered before `before`, unless it was
    /// called back or got through since.
    pub(crate) fn last_missed(
        &self,
        canonical: &str,
        before: u64,
    ) -> rusqlite::Result<Option<u64>> {
        let at: Option<i64> = self.conn.query_row(
            &format!(
                "SELECT MAX(rang_at) FROM call_log
                 WHERE crm = ?1 AND canonical = ?2 AND rang_at < ?3 AND {OPEN_MISSED}"
            ),
            params![self.crm, canonical, secs(before)],
            |row| row.get(0),
        )?;
        Ok(at.map(unsecs))
    }

    /// When any of `phones` (canonical) last rang unanswered, unless that
    /// call was called back or got through since: a card's mark.
    pub(crate) fn last_missed_of(&self, phones: &[String]) -> rusqlite::Result<Option<u64>> {
        let mut last = None;
        for phone in phones {
            last = last.max(self.last_missed(phone, u64::MAX)?);
        }
        Ok(last)
    }

    /// At start (`now`, seconds since 1970): removes the rows older than
    /// `keep_days` (all of them with 0), ends the calls that were ringing
    /// longer ago than the banner keeps them (missed), and returns the calls
    /// still ringing, oldest first.
    pub fn start(&self, now: u64, keep_days: u32) -> rusqlite::Result<Vec<LoggedCall>> {
        let oldest = now.saturating_sub(u64::from(keep_days) * 86_400);
        self.conn.execute(
            "DELETE FROM call_log WHERE crm = ?1 AND (rang_at < ?2 OR ?3 = 0)",
            params![self.crm, secs(oldest), keep_days],
        )?;
        let lifetime = BANNER_LIFETIME.as_secs();
        self.conn.execute(
            "UPDATE call_log SET ended_at = rang_at + ?1
             WHERE crm = ?2 AND ended_at IS NULL AND answered_at IS NULL AND rang_at + ?1 <= ?3",
            params![secs(lifetime), self.crm, secs(now)],
        )?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM call_log
             WHERE crm = ?1 AND ended_at IS NULL AND answered_at IS NULL
             ORDER BY rang_at, key"
        ))?;
        stmt.query_map(params![self.crm], row_to_call)?.collect()
    }
}

/// Makes the call-log table if it is missing (the shared directory's
/// triggers need it before the first call).
pub(crate) fn create_table(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(SCHEMA)
}

/// Merges `call` into its row of `crm` ([`merged`]); writes only when
/// that changes the row. Whether it did.
pub(crate) fn merge_into(
    conn: &Connection,
    crm: &str,
    call: &LoggedCall,
) -> rusqlite::Result<bool> {
    let kept = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM call_log WHERE crm = ?1 AND key = ?2"),
            params![crm, call.key],
            row_to_call,
        )
        .optional()?;
    let row = match &kept {
        Some(kept) => merged(kept, call),
        None => call.clone(),
    };
    if kept.as_ref() == Some(&row) {
        return Ok(false);
    }
    let callers = serde_json::to_string(&row.callers).unwrap_or_else(|_| "[]".to_owned());
    conn.execute(
        &format!(
            "INSERT INTO call_log (crm, {COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT (crm, key) DO UPDATE SET
               rang_at = excluded.rang_at, received = excluded.received,
               canonical = excluded.canonical, source = excluded.source,
               callers = excluded.callers, answered_at = excluded.answered_at,
               answered_by = excluded.answered_by, ended_at = excluded.ended_at,
               card = excluded.card, called_back_at = excluded.called_back_at,
               called_back_by = excluded.called_back_by, resolved_at = excluded.resolved_at"
        ),
        params![
            crm,
            row.key,
            secs(row.rang_at),
            row.received,
            row.canonical,
            row.source,
            callers,
            row.answered_at.map(secs),
            row.answered_by,
            row.ended_at.map(secs),
            row.card,
            row.called_back_at.map(secs),
            row.called_back_by,
            row.resolved_at.map(secs),
        ],
    )?;
    Ok(true)
}

/// Whether `call` is client `id`'s: its card, one of its callers, or from
/// one of its `phones`.
pub(crate) fn concerns(call: &LoggedCall, id: &str, phones: &[String]) -> bool {
    call.card.as_deref() == Some(id)
        || call.callers.iter().any(|c| c.id == id)
        || call
            .canonical
            .as_ref()
            .is_some_and(|number| phones.contains(number))
}

/// This desk's name in the log: `[calls] desk`, else the host's name, else
/// "desk".
pub(crate) fn desk_name(configured: Option<String>) -> String {
    configured
        .or_else(|| {
            ["/proc/sys/kernel/hostname", "/etc/hostname"]
                .iter()
                .find_map(|f| std::fs::read_to_string(f).ok())
                .map(|name| crate::text::sanitize(name.trim()))
                .filter(|name| !name.is_empty())
        })
        .unwrap_or_else(|| "desk".to_owned())
}

fn row_to_call(row: &Row) -> rusqlite::Result<LoggedCall> {
    let callers: String = row.get(5)?;
    let callers: Vec<Caller> = serde_json::from_str(&callers).unwrap_or_default();
    let time = |i: usize| -> rusqlite::Result<Option<u64>> {
        Ok(row.get::<_, Option<i64>>(i)?.map(unsecs))
    };
    Ok(LoggedCall {
        key: row.get(0)?,
        rang_at: unsecs(row.get(1)?),
        received: row.get(2)?,
        canonical: row.get(3)?,
        source: row.get(4)?,
        callers,
        answered_at: time(6)?,
        answered_by: row.get(7)?,
        ended_at: time(8)?,
        card: row.get(9)?,
        called_back_at: time(10)?,
        called_back_by: row.get(11)?,
        resolved_at: time(12)?,
    })
}

fn secs(at: u64) -> i64 {
    i64::try_from(at).unwrap_or(i64::MAX)
}

fn unsecs(at: i64) -> u64 {
    u64::try_from(at).unwrap_or_default()
}

#[cfg(test)]
mod tests;
