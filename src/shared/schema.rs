//! The shared directory's tables and their versions.
//!
//! `crmcard_schema` holds one row per migration applied: its version, the
//! lowest schema version a crmcard must know to read and write the database
//! once it is applied (`needs`), and the crmcard that applied it. Migrations
//! are additive, so a desk that knows fewer versions keeps working until a
//! migration says it cannot (`needs` above what it knows): then it refuses,
//! with a message saying to upgrade. Each migration runs in one transaction
//! under an advisory lock, so that two desks starting at once apply it once.
//!
//! A database holding other tables and no `crmcard_schema` is not
//! crmcard's: it is refused, never written to.

use tokio_postgres::error::SqlState;
use tokio_postgres::{Client, GenericClient};

use super::SharedError;
use super::connect::describe;

/// The channel the desks LISTEN on for the clients' and the calls' changes;
/// the payload is the CRM's key.
pub(crate) const CHANNEL: &str = "crmcard_changes";

/// The lock every writer of the shared tables takes for its transaction,
/// so that change numbers are committed in their order.
pub(crate) const WRITE_LOCK: i64 = 0x00c7_3ca7_d001;
/// The lock a migration takes.
const MIGRATE_LOCK: i64 = 0x00c7_3ca7_d002;

/// One step of the schema.
struct Migration {
    version: i32,
    /// The lowest schema version a crmcard must know once this is applied.
    needs: i32,
    sql: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        needs: 1,
        sql: "
CREATE TABLE crmcard_schema (
    version integer PRIMARY KEY,
    needs integer NOT NULL,
    written_by text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE crmcard_instance (id text NOT NULL);
INSERT INTO crmcard_instance SELECT md5(random()::text || clock_timestamp()::text);
CREATE SEQUENCE crmcard_change_seq;
CREATE TABLE clients (
    crm text NOT NULL,
    id text NOT NULL,
    lastname text NOT NULL DEFAULT '',
    firstname text NOT NULL DEFAULT '',
    middlename text NOT NULL DEFAULT '',
    phones text[] NOT NULL DEFAULT '{}',
    emails text[] NOT NULL DEFAULT '{}',
    seen timestamptz NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    seq bigint NOT NULL,
    changed_by text NOT NULL DEFAULT '',
    changed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (crm, id)
);
CREATE INDEX clients_changes ON clients (crm, seq);
",
    },
    // Who has which client's form open, and who saved a client last: read
    // only by desks that know them, so an older crmcard keeps working.
    Migration {
        version: 2,
        needs: 1,
        sql: "
CREATE TABLE presence (
    session text NOT NULL,
    crm text NOT NULL,
    client_id text NOT NULL,
    form text NOT NULL,
    desk text NOT NULL,
    operator text NOT NULL,
    since timestamptz NOT NULL DEFAULT now(),
    heartbeat timestamptz NOT NULL DEFAULT now(),
    backend_pid integer NOT NULL DEFAULT pg_backend_pid(),
    PRIMARY KEY (session, crm, client_id)
);
CREATE INDEX presence_client ON presence (crm, client_id);
CREATE TABLE saves (
    crm text NOT NULL,
    client_id text NOT NULL,
    session text NOT NULL,
    desk text NOT NULL,
    operator text NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (crm, client_id)
);
",
    },
    // The call log shared: one row per call, changes numbered from the same
    // sequence as the clients'. A crmcard that knows only versions 1 and 2
    // keeps working (it does not read the calls).
    Migration {
        version: 3,
        needs: 1,
        sql: "
CREATE TABLE calls (
    crm text NOT NULL,
    key text NOT NULL,
    rang_at bigint NOT NULL,
    received text NOT NULL DEFAULT '',
    canonical text,
    source text NOT NULL DEFAULT '',
    callers jsonb NOT NULL DEFAULT '[]',
    answered_at bigint,
    answered_by text,
    ended_at bigint,
    card text,
    called_back_at bigint,
    called_back_by text,
    resolved_at bigint,
    deleted boolean NOT NULL DEFAULT false,
    seq bigint NOT NULL,
    changed_by text NOT NULL DEFAULT '',
    changed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (crm, key)
);
CREATE INDEX calls_changes ON calls (crm, seq);
CREATE INDEX calls_rang ON calls (crm, rang_at);
",
    },
];

/// The newest schema version this crmcard knows.
pub(crate) fn known_version() -> i32 {
    MIGRATIONS.last().map(|m| m.version).unwrap_or_default()
}

/// What the database holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaState {
    /// Nothing at all: the first migration is due.
    Empty,
    /// crmcard's tables at `version`; usable by this crmcard.
    At { version: i32 },
}

/// The schema's state, or why this crmcard cannot use the database.
pub async fn state<C: GenericClient>(client: &C) -> Result<SchemaState, SharedError> {
    // One statement, one snapshot: a desk creating the tables meanwhile is
    // seen either not at all or whole.
    let row = client
        .query_one(
            "SELECT coalesce(bool_or(tablename = 'crmcard_schema'), false), count(*)
             FROM pg_tables WHERE schemaname = current_schema()",
            &[],
        )
        .await
        .map_err(db)?;
    let (ours, tables): (bool, i64) = (row.get(0), row.get(1));
    if !ours {
        return if tables == 0 {
            Ok(SchemaState::Empty)
        } else {
            Err(SharedError::NotCrmcard)
        };
    }
    let row = client
        .query_one(
            "SELECT coalesce(max(version), 0), coalesce(max(needs), 0) FROM crmcard_schema",
            &[],
        )
        .await
        .map_err(db)?;
    let (version, needs): (i32, i32) = (row.get(0), row.get(1));
    if needs > known_version() {
        return Err(SharedError::SchemaTooNew {
            version,
            known: known_version(),
        });
    }
    Ok(SchemaState::At { version })
}

/// Applies the migrations the database lacks; how many were applied.
pub async fn migrate(client: &mut Client) -> Result<usize, SharedError> {
    let mut applied = 0;
    for migration in MIGRATIONS {
        let tx = client.transaction().await.map_err(db)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATE_LOCK])
            .await
            .map_err(db)?;
        let version = match state(&tx).await? {
            SchemaState::Empty => 0,
            SchemaState::At { version } => version,
        };
        if version >= migration.version {
            continue;
        }
        tx.batch_execute(migration.sql).await.map_err(privileges)?;
        tx.execute(
            "INSERT INTO crmcard_schema (version, needs, written_by) VALUES ($1, $2, $3)",
            &[
                &migration.version,
                &migration.needs,
                &concat!("crmcard ", env!("CARGO_PKG_VERSION")),
            ],
        )
        .await
        .map_err(db)?;
        tx.commit().await.map_err(db)?;
        applied += 1;
    }
    Ok(applied)
}

/// Makes the database usable by a desk: migrates it when it is behind (on
/// first use), or says the owner must.
pub(crate) async fn ensure(client: &mut Client) -> Result<(), SharedError> {
    match state(client).await? {
        SchemaState::At { version } if version >= known_version() => Ok(()),
        _ => migrate(client).await.map(drop),
    }
}

/// Lets `role` read and write rows (not change tables): what
/// `directory migrate --grant ROLE` gives the desks' role.
pub async fn grant(client: &Client, role: &str) -> Result<(), SharedError> {
    if role.is_empty() || !role.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(SharedError::Database(
            "a role name is letters, digits and _ only".to_owned(),
        ));
    }
    client
        .batch_execute(&format!(
            "GRANT SELECT ON crmcard_schema, crmcard_instance TO \"{role}\";
             GRANT SELECT, INSERT, UPDATE ON clients TO \"{role}\";
             GRANT USAGE, SELECT ON SEQUENCE crmcard_change_seq TO \"{role}\";
             GRANT SELECT, INSERT, UPDATE, DELETE ON presence, saves TO \"{role}\";
             GRANT SELECT, INSERT, UPDATE, DELETE ON calls TO \"{role}\";"
        ))
        .await
        .map_err(privileges)
}

/// A database error as [`SharedError::Database`].
pub(crate) fn db(e: tokio_postgres::Error) -> SharedError {
    SharedError::Database(describe(&e))
}

fn privileges(e: tokio_postgres::Error) -> SharedError {
    if e.code() == Some(&SqlState::INSUFFICIENT_PRIVILEGE) {
        SharedError::NeedsOwner
    } else {
        db(e)
    }
}
