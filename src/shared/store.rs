//! The shared `clients` table: what desks send, and the change feed they
//! read back.
//!
//! A row is keyed by the CRM (`CrmKey::as_text()`) and the client id. Every
//! write that changes a row gives it the next number of
//! `crmcard_change_seq`, under [`WRITE_LOCK`] so that numbers are committed
//! in order: a desk that has read up to number N never misses a change below
//! it. `seen` is when a desk last saw the client in the CRM, by the server's
//! clock (the epoch for a client only imported); a write older than the row
//! is ignored, so the newest wins, an import never overwrites a row seen
//! later, and a tombstone (`deleted`) is never undone by an older copy. A
//! client forgotten on request is a tombstone seen at infinity, its personal
//! data blanked.

use tokio_postgres::GenericClient;

use super::SharedError;
use super::schema::{WRITE_LOCK, db};
use crate::directory::DirEntry;

/// The channel the desks LISTEN on; the payload is the CRM's key.
pub const CHANNEL: &str = "crmcard_changes";

/// What a desk sends for one client.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// The client as the desk has it; its `seen_at` (the desk's clock) is
    /// not sent: `age_seconds` is.
    pub entry: DirEntry,
    /// Seconds since the desk saw the client in the CRM; `None` for a
    /// client only imported.
    pub age_seconds: Option<f64>,
    /// Gone from the CRM: a tombstone.
    pub deleted: bool,
}

/// One row of the change feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The client; its `seen_at` is when it was seen, in unix seconds by
    /// the server's clock (0 for an import).
    pub entry: DirEntry,
    pub deleted: bool,
    /// The change's number.
    pub seq: i64,
}

/// The upsert of clients read from `{FROM}` (rows `u(id, ln, fn, mn, ph,
/// em, age, del)`, phones and e-mails one a line, `age` in seconds or NULL
/// for an import); `$1` is the CRM, `$2` the desk.
const UPSERT_FROM: &str = "
INSERT INTO clients AS c (crm, id, lastname, firstname, middlename, phones, emails, seen,
                          deleted, seq, changed_by, changed_at)
SELECT $1, u.id, u.ln, u.fn, u.mn,
       array_remove(string_to_array(u.ph, E'\\n'), ''),
       array_remove(string_to_array(u.em, E'\\n'), ''),
       CASE WHEN u.age IS NULL THEN 'epoch'::timestamptz
            ELSE now() - make_interval(secs => greatest(u.age, 0)) END,
       u.del, nextval('crmcard_change_seq'), $2, now()
FROM {FROM}
ON CONFLICT (crm, id) DO UPDATE SET
    lastname = EXCLUDED.lastname, firstname = EXCLUDED.firstname,
    middlename = EXCLUDED.middlename, phones = EXCLUDED.phones, emails = EXCLUDED.emails,
    seen = EXCLUDED.seen, deleted = EXCLUDED.deleted,
    seq = CASE WHEN (c.lastname, c.firstname, c.middlename, c.phones, c.emails, c.deleted)
                    IS DISTINCT FROM (EXCLUDED.lastname, EXCLUDED.firstname, EXCLUDED.middlename,
                                      EXCLUDED.phones, EXCLUDED.emails, EXCLUDED.deleted)
               THEN nextval('crmcard_change_seq') ELSE c.seq END,
    changed_by = EXCLUDED.changed_by, changed_at = now()
WHERE c.seen <= EXCLUDED.seen
RETURNING c.id";

/// The upsert of clients read from `from`: [`UPSERT_FROM`].
pub(super) fn upsert_from(from: &str) -> String {
    UPSERT_FROM.replace("{FROM}", from)
}

/// Sends `rows` (ids unique) in one transaction; returns the ids the table
/// took (the others had a newer row) and tells the other desks.
pub async fn send(
    client: &mut tokio_postgres::Client,
    crm: &str,
    desk: &str,
    rows: &[Outgoing],
) -> Result<Vec<String>, SharedError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let column = |f: fn(&Outgoing) -> String| rows.iter().map(f).collect::<Vec<String>>();
    let ids = column(|r| r.entry.id.clone());
    let lastnames = column(|r| r.entry.lastname.clone());
    let firstnames = column(|r| r.entry.firstname.clone());
    let middlenames = column(|r| r.entry.middlename.clone());
    let phones = column(|r| r.entry.phones.join("\n"));
    let emails = column(|r| r.entry.emails.join("\n"));
    let ages: Vec<Option<f64>> = rows.iter().map(|r| r.age_seconds).collect();
    let deleted: Vec<bool> = rows.iter().map(|r| r.deleted).collect();
    let tx = client.transaction().await.map_err(db)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
        .await
        .map_err(db)?;
    let taken = tx
        .query(
            &upsert_from(
                "unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                        $9::float8[], $10::bool[]) AS u(id, ln, fn, mn, ph, em, age, del)",
            ),
            &[
                &crm,
                &desk,
                &ids,
                &lastnames,
                &firstnames,
                &middlenames,
                &phones,
                &emails,
                &ages,
                &deleted,
            ],
        )
        .await
        .map_err(db)?
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect();
    tx.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &crm])
        .await
        .map_err(db)?;
    tx.commit().await.map_err(db)?;
    Ok(taken)
}

const COLUMNS: &str = "id, lastname, firstname, middlename, phones, emails,
    greatest(least(extract(epoch FROM seen), 1e15), 0)::float8, deleted, seq";

/// The changes of `crm` after number `after`, oldest first, at most `limit`.
pub async fn changes_since<C: GenericClient>(
    client: &C,
    crm: &str,
    after: i64,
    limit: i64,
) -> Result<Vec<Change>, SharedError> {
    let rows = client
        .query(
            &format!(
                "SELECT {COLUMNS} FROM clients WHERE crm = $1 AND seq > $2 ORDER BY seq LIMIT $3"
            ),
            &[&crm, &after, &limit],
        )
        .await
        .map_err(db)?;
    Ok(rows.iter().map(change).collect())
}

/// The row of one client, if the table has it.
pub async fn row<C: GenericClient>(
    client: &C,
    crm: &str,
    id: &str,
) -> Result<Option<Change>, SharedError> {
    let row = client
        .query_opt(
            &format!("SELECT {COLUMNS} FROM clients WHERE crm = $1 AND id = $2"),
            &[&crm, &id],
        )
        .await
        .map_err(db)?;
    Ok(row.as_ref().map(change))
}

/// Erases a client on request: its row becomes a tombstone that nothing
/// older can undo, its personal data blanked, and its calls are erased
/// ([`super::calls::store::forget`]: from its phones in the table and
/// `phones`, those the desk knew); every desk removes them.
pub async fn forget(
    client: &mut tokio_postgres::Client,
    crm: &str,
    desk: &str,
    id: &str,
    phones: &[String],
) -> Result<Forgotten, SharedError> {
    let tx = client.transaction().await.map_err(db)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
        .await
        .map_err(db)?;
    let mut phones = phones.to_vec();
    if let Some(row) = tx
        .query_opt(
            "SELECT phones FROM clients WHERE crm = $1 AND id = $2",
            &[&crm, &id],
        )
        .await
        .map_err(db)?
    {
        phones.extend(row.get::<_, Vec<String>>(0));
    }
    let known = tx
        .execute(
            "UPDATE clients SET lastname = '', firstname = '', middlename = '', phones = '{}',
                 emails = '{}', deleted = true, seen = 'infinity',
                 seq = nextval('crmcard_change_seq'), changed_by = $3, changed_at = now()
             WHERE crm = $1 AND id = $2",
            &[&crm, &id, &desk],
        )
        .await
        .map_err(db)?;
    if known == 0 {
        tx.execute(
            "INSERT INTO clients (crm, id, seen, deleted, seq, changed_by)
             VALUES ($1, $2, 'infinity', true, nextval('crmcard_change_seq'), $3)",
            &[&crm, &id, &desk],
        )
        .await
        .map_err(db)?;
    }
    let calls = super::calls::store::forget(&tx, crm, desk, id, &phones).await?;
    tx.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &crm])
        .await
        .map_err(db)?;
    tx.commit().await.map_err(db)?;
    Ok(Forgotten {
        known: known > 0,
        calls,
        phones,
    })
}

/// What [`forget`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forgotten {
    /// Whether the table had the client.
    pub known: bool,
    /// How many of its calls were erased.
    pub calls: u64,
    /// Its phones, the table's and the desk's: the calls from them are its.
    pub phones: Vec<String>,
}

/// The clients of `crm` in the table (tombstones not counted) and the
/// newest change number.
pub async fn counts<C: GenericClient>(client: &C, crm: &str) -> Result<(i64, i64), SharedError> {
    let row = client
        .query_one(
            "SELECT count(*) FILTER (WHERE NOT deleted), coalesce(max(seq), 0)
             FROM clients WHERE crm = $1",
            &[&crm],
        )
        .await
        .map_err(db)?;
    Ok((row.get(0), row.get(1)))
}

/// The database's own name for itself (set by the first migration): a
/// desk's place in the feed belongs to one database.
pub async fn instance<C: GenericClient>(client: &C) -> Result<String, SharedError> {
    let row = client
        .query_one("SELECT id FROM crmcard_instance LIMIT 1", &[])
        .await
        .map_err(db)?;
    Ok(row.get(0))
}

fn change(row: &tokio_postgres::Row) -> Change {
    let clean = |i: usize| {
        crate::text::sanitize(row.get::<_, &str>(i))
            .trim()
            .to_owned()
    };
    let list = |i: usize| {
        row.get::<_, Vec<String>>(i)
            .iter()
            .map(|s| crate::text::sanitize(s).trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    };
    Change {
        entry: DirEntry {
            id: clean(0),
            lastname: clean(1),
            firstname: clean(2),
            middlename: clean(3),
            phones: list(4),
            emails: list(5),
            seen_at: row.get::<_, f64>(6) as i64,
        },
        deleted: row.get(7),
        seq: row.get(8),
    }
}
