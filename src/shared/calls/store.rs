//! The shared `calls` table: the desks' call logs in one place, and its
//! change feed.
//!
//! A row is keyed by the CRM and the call's key (`pbx:` and the PBX's
//! Linkedid, or a desk's own key). A desk's write is merged with the row
//! under [`WRITE_LOCK`] by the same rule as a desk's log
//! ([`crate::calllog::merged`]), so the same write twice changes nothing
//! and writes arriving in any order end the same; only a write that changes
//! the row gives it a new change number. A call of a client forgotten on
//! request is a tombstone (`deleted`, its data blanked) that no later write
//! brings back.

use std::collections::HashMap;

use tokio_postgres::GenericClient;

use super::super::SharedError;
use super::super::schema::{CHANNEL, WRITE_LOCK, db};
use crate::app::calllog::LoggedCall;
use crate::app::vocab::{Caller, PersonName};
use crate::calllog::merged;

/// One row of the calls' change feed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CallChange {
    /// The call (blank but its key when `deleted`).
    pub call: LoggedCall,
    /// Erased on request: the desks remove it.
    pub deleted: bool,
    /// The change's number.
    pub seq: i64,
}

const COLUMNS: &str = "key, rang_at, received, canonical, source, callers::text, answered_at,
    answered_by, ended_at, card, called_back_at, called_back_by, resolved_at, deleted, seq";

const UPSERT: &str = "
INSERT INTO calls AS c (crm, key, rang_at, received, canonical, source, callers, answered_at,
                        answered_by, ended_at, card, called_back_at, called_back_by,
                        resolved_at, seq, changed_by, changed_at)
SELECT $1, u.key, u.rang, u.rec, u.can, u.src, u.callers::jsonb, u.ans, u.ans_by, u.ended,
       u.card, u.back, u.back_by, u.res, nextval('crmcard_change_seq'), $2, now()
FROM unnest($3::text[], $4::int8[], $5::text[], $6::text[], $7::text[], $8::text[],
            $9::int8[], $10::text[], $11::int8[], $12::text[], $13::int8[], $14::text[],
            $15::int8[])
     AS u(key, rang, rec, can, src, callers, ans, ans_by, ended, card, back, back_by, res)
ON CONFLICT (crm, key) DO UPDATE SET
    rang_at = EXCLUDED.rang_at, received = EXCLUDED.received, canonical = EXCLUDED.canonical,
    source = EXCLUDED.source, callers = EXCLUDED.callers, answered_at = EXCLUDED.answered_at,
    answered_by = EXCLUDED.answered_by, ended_at = EXCLUDED.ended_at, card = EXCLUDED.card,
    called_back_at = EXCLUDED.called_back_at, called_back_by = EXCLUDED.called_back_by,
    resolved_at = EXCLUDED.resolved_at, seq = EXCLUDED.seq,
    changed_by = EXCLUDED.changed_by, changed_at = now()
WHERE NOT c.deleted";

/// Merges `calls` (keys unique) into the table in one transaction and
/// tells the other desks; returns the keys refused because the call was
/// erased (the desk removes them).
pub async fn send(
    client: &mut tokio_postgres::Client,
    crm: &str,
    desk: &str,
    calls: &[LoggedCall],
) -> Result<Vec<String>, SharedError> {
    if calls.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<String> = calls.iter().map(|c| c.key.clone()).collect();
    let tx = client.transaction().await.map_err(db)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
        .await
        .map_err(db)?;
    let kept: HashMap<String, CallChange> = tx
        .query(
            &format!("SELECT {COLUMNS} FROM calls WHERE crm = $1 AND key = ANY($2)"),
            &[&crm, &keys],
        )
        .await
        .map_err(db)?
        .iter()
        .map(|r| {
            let change = change(r);
            (change.call.key.clone(), change)
        })
        .collect();
    let mut refused = Vec::new();
    let mut rows = Vec::new();
    for call in calls {
        match kept.get(&call.key) {
            Some(k) if k.deleted => refused.push(call.key.clone()),
            Some(k) => {
                let row = merged(&k.call, call);
                if row != k.call {
                    rows.push(row);
                }
            }
            None => rows.push(call.clone()),
        }
    }
    if !rows.is_empty() {
        write(&tx, crm, desk, &rows).await?;
        tx.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &crm])
            .await
            .map_err(db)?;
    }
    tx.commit().await.map_err(db)?;
    Ok(refused)
}

async fn write<C: GenericClient>(
    tx: &C,
    crm: &str,
    desk: &str,
    rows: &[LoggedCall],
) -> Result<(), SharedError> {
    let text = |f: fn(&LoggedCall) -> String| rows.iter().map(f).collect::<Vec<String>>();
    let opt = |f: fn(&LoggedCall) -> Option<String>| rows.iter().map(f).collect::<Vec<_>>();
    let time = |f: fn(&LoggedCall) -> Option<u64>| {
        rows.iter()
            .map(|r| f(r).map(secs))
            .collect::<Vec<Option<i64>>>()
    };
    let rang: Vec<i64> = rows.iter().map(|r| secs(r.rang_at)).collect();
    tx.execute(
        UPSERT,
        &[
            &crm,
            &desk,
            &text(|r| r.key.clone()),
            &rang,
            &text(|r| r.received.clone()),
            &opt(|r| r.canonical.clone()),
            &text(|r| r.source.clone()),
            &text(|r| serde_json::to_string(&r.callers).unwrap_or_else(|_| "[]".to_owned())),
            &time(|r| r.answered_at),
            &opt(|r| r.answered_by.clone()),
            &time(|r| r.ended_at),
            &opt(|r| r.card.clone()),
            &time(|r| r.called_back_at),
            &opt(|r| r.called_back_by.clone()),
            &time(|r| r.resolved_at),
        ],
    )
    .await
    .map_err(db)?;
    Ok(())
}

/// The changes of `crm`'s calls after number `after`, oldest first, at
/// most `limit`.
pub(crate) async fn changes_since<C: GenericClient>(
    client: &C,
    crm: &str,
    after: i64,
    limit: i64,
) -> Result<Vec<CallChange>, SharedError> {
    let rows = client
        .query(
            &format!(
                "SELECT {COLUMNS} FROM calls WHERE crm = $1 AND seq > $2 ORDER BY seq LIMIT $3"
            ),
            &[&crm, &after, &limit],
        )
        .await
        .map_err(db)?;
    Ok(rows.iter().map(change).collect())
}

/// Erases the calls of client `id` (in the caller's transaction, under
/// [`WRITE_LOCK`]): those whose card it was, those it was found as a caller
/// of, and those from one of `phones`. How many.
pub async fn forget<C: GenericClient>(
    tx: &C,
    crm: &str,
    desk: &str,
    id: &str,
    phones: &[String],
) -> Result<u64, SharedError> {
    tx.execute(
        "UPDATE calls SET received = '', canonical = NULL, source = '', callers = '[]',
             answered_at = NULL, answered_by = NULL, ended_at = NULL, card = NULL,
             called_back_at = NULL, called_back_by = NULL, resolved_at = NULL, deleted = true,
             seq = nextval('crmcard_change_seq'), changed_by = $3, changed_at = now()
         WHERE crm = $1 AND NOT deleted
           AND (card = $2 OR canonical = ANY($4)
                OR callers @> jsonb_build_array(jsonb_build_object('id', $2::text)))",
        &[&crm, &id, &desk, &phones],
    )
    .await
    .map_err(db)
}

/// Removes `crm`'s calls that rang more than `keep_days` days ago by the
/// server's clock (what a desk does at start, `[calls] keep_days`). How
/// many.
pub async fn sweep<C: GenericClient>(
    client: &C,
    crm: &str,
    keep_days: u32,
) -> Result<u64, SharedError> {
    client
        .execute(
            "DELETE FROM calls WHERE crm = $1
               AND rang_at < extract(epoch FROM now())::bigint - $2::int8 * 86400",
            &[&crm, &i64::from(keep_days)],
        )
        .await
        .map_err(db)
}

/// How many calls of `crm` the table holds (tombstones not counted).
pub async fn count<C: GenericClient>(client: &C, crm: &str) -> Result<i64, SharedError> {
    let row = client
        .query_one(
            "SELECT count(*) FROM calls WHERE crm = $1 AND NOT deleted",
            &[&crm],
        )
        .await
        .map_err(db)?;
    Ok(row.get(0))
}

/// A row as the desk keeps it: its text cleaned of control characters.
fn change(row: &tokio_postgres::Row) -> CallChange {
    let clean = crate::text::sanitize;
    let text = |i: usize| clean(row.get::<_, &str>(i));
    let opt = |i: usize| row.get::<_, Option<&str>>(i).map(clean);
    let time = |i: usize| row.get::<_, Option<i64>>(i).map(unsecs);
    let callers: Vec<Caller> = serde_json::from_str(row.get::<_, &str>(5)).unwrap_or_default();
    let callers = callers
        .into_iter()
        .map(|c| Caller {
            id: clean(&c.id),
            name: PersonName {
                lastname: clean(&c.name.lastname),
                firstname: clean(&c.name.firstname),
                middlename: clean(&c.name.middlename),
            },
        })
        .collect();
    CallChange {
        call: LoggedCall {
            // The key is never shown; it must stay the one the desks sent.
            key: row.get(0),
            rang_at: unsecs(row.get(1)),
            received: text(2),
            canonical: opt(3),
            source: text(4),
            callers,
            answered_at: time(6),
            answered_by: opt(7),
            ended_at: time(8),
            card: opt(9),
            called_back_at: time(10),
            called_back_by: opt(11),
            resolved_at: time(12),
        },
        deleted: row.get(13),
        seq: row.get(14),
    }
}

fn secs(at: u64) -> i64 {
    i64::try_from(at).unwrap_or(i64::MAX)
}

fn unsecs(at: i64) -> u64 {
    u64::try_from(at).unwrap_or_default()
}
