//! The shared `presence` and `saves` tables: which desk has which client's
//! form open, and which desk saved a client last.
//!
//! A presence row belongs to one running crmcard (`session`, a name it
//! makes up when it starts) and to its database connection
//! (`backend_pid`): readers ignore a row whose connection is no longer in
//! `pg_stat_activity` (a killed desk's row goes when its connection ends)
//! or whose heartbeat is older than the expiry (a connection lost without a
//! close), and every desk sweeps such rows away. Times are the server's.
//! Every writer tells the others on [`CHANNEL`]; the payload is the CRM's
//! key. Values read back are cleaned of control characters.

use tokio_postgres::GenericClient;

use super::SharedError;
use super::schema::db;
use crate::presence::{EditedPart, Editor, OtherSave, Presence};

/// The channel desks LISTEN on for presence; the payload is the CRM's key.
pub(crate) const CHANNEL: &str = "crmcard_presence";

/// Who this running crmcard is, as its rows say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Me {
    /// This run's own name, unique among the desks.
    pub session: String,
    /// `[desk] name`, or the host name.
    pub desk: String,
    /// `[desk] operator`, or user@host.
    pub operator: String,
}

impl Me {
    /// A new run of `desk` worked by `operator`: the session named from the
    /// host, the process and the time.
    pub fn new(desk: impl Into<String>, operator: impl Into<String>) -> Me {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        Me {
            session: format!("{}/{}/{nanos}", super::host_name(), std::process::id()),
            desk: desk.into(),
            operator: operator.into(),
        }
    }
}

/// Says that this run has the form `editing` open (none: no form), in place
/// of what it said before, on this connection; a form said again keeps its
/// `since`. Tells the other desks.
pub(crate) async fn publish(
    client: &mut tokio_postgres::Client,
    crm: &str,
    me: &Me,
    editing: Option<&(String, EditedPart)>,
) -> Result<(), SharedError> {
    let tx = client.transaction().await.map_err(db)?;
    match editing {
        Some((id, part)) => {
            let form = part.as_word();
            tx.execute(
                "DELETE FROM presence WHERE session = $1
                 AND NOT (crm = $2 AND client_id = $3 AND form = $4)",
                &[&me.session, &crm, id, &form],
            )
            .await
            .map_err(db)?;
            tx.execute(
                "INSERT INTO presence (session, crm, client_id, form, desk, operator)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (session, crm, client_id) DO UPDATE SET
                     desk = EXCLUDED.desk, operator = EXCLUDED.operator,
                     heartbeat = now(), backend_pid = pg_backend_pid()",
                &[&me.session, &crm, id, &form, &me.desk, &me.operator],
            )
            .await
            .map_err(db)?;
        }
        None => {
            tx.execute("DELETE FROM presence WHERE session = $1", &[&me.session])
                .await
                .map_err(db)?;
        }
    }
    tx.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &crm])
        .await
        .map_err(db)?;
    tx.commit().await.map_err(db)
}

/// Keeps this run's rows alive (on this connection); then removes every
/// desk's rows whose connection is gone or whose heartbeat is older than
/// `expiry_secs`, telling the desks of each CRM that lost one. How many of
/// this run's rows were kept alive (0 when a sweep took them: a heartbeat
/// came too late).
pub async fn heartbeat(
    client: &tokio_postgres::Client,
    me: &Me,
    expiry_secs: f64,
) -> Result<u64, SharedError> {
    let kept = client
        .execute(
            "UPDATE presence SET heartbeat = now(), backend_pid = pg_backend_pid()
             WHERE session = $1",
            &[&me.session],
        )
        .await
        .map_err(db)?;
    client
        .execute(
            "WITH gone AS (
                 DELETE FROM presence p
                 WHERE p.heartbeat < now() - make_interval(secs => $1)
                    OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = p.backend_pid)
                 RETURNING crm)
             SELECT pg_notify($2, crm) FROM (SELECT DISTINCT crm FROM gone) AS g",
            &[&expiry_secs, &CHANNEL],
        )
        .await
        .map_err(db)?;
    Ok(kept)
}

/// Records that this run saved client `id` now; tells the other desks.
pub async fn saved(
    client: &tokio_postgres::Client,
    crm: &str,
    me: &Me,
    id: &str,
) -> Result<(), SharedError> {
    client
        .execute(
            "WITH s AS (
                 INSERT INTO saves (crm, client_id, session, desk, operator)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (crm, client_id) DO UPDATE SET
                     session = EXCLUDED.session, desk = EXCLUDED.desk,
                     operator = EXCLUDED.operator, saved_at = now()
                 RETURNING crm)
             SELECT pg_notify($6, crm) FROM s",
            &[&crm, &id, &me.session, &me.desk, &me.operator, &CHANNEL],
        )
        .await
        .map_err(db)?;
    Ok(())
}

/// What the other desks are doing with client `id`: their live forms on
/// it, and their save of it after this run's form on it was opened.
pub async fn about<C: GenericClient>(
    client: &C,
    crm: &str,
    me: &Me,
    id: &str,
    expiry_secs: f64,
) -> Result<Presence, SharedError> {
    let editors = client
        .query(
            "SELECT desk, operator, form, extract(epoch FROM since)::float8 FROM presence p
             WHERE crm = $1 AND client_id = $2 AND session <> $3
               AND heartbeat >= now() - make_interval(secs => $4)
               AND EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = p.backend_pid)
             ORDER BY since, desk",
            &[&crm, &id, &me.session, &expiry_secs],
        )
        .await
        .map_err(db)?
        .iter()
        .map(|row| Editor {
            desk: clean(row.get(0)),
            operator: clean(row.get(1)),
            part: EditedPart::from_word(row.get(2)),
            since: row.get::<_, f64>(3) as i64,
        })
        .collect();
    let saved_since_opened = client
        .query_opt(
            "SELECT desk, operator, extract(epoch FROM saved_at)::float8 FROM saves
             WHERE crm = $1 AND client_id = $2 AND session <> $3
               AND saved_at > (SELECT since FROM presence
                               WHERE session = $3 AND crm = $1 AND client_id = $2)",
            &[&crm, &id, &me.session],
        )
        .await
        .map_err(db)?
        .map(|row| OtherSave {
            desk: clean(row.get(0)),
            operator: clean(row.get(1)),
            at: row.get::<_, f64>(2) as i64,
        });
    Ok(Presence {
        client_id: id.to_owned(),
        editors,
        saved_since_opened,
    })
}

fn clean(text: &str) -> String {
    crate::text::sanitize(text).trim().to_owned()
}
