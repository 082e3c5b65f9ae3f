//! `crmcard directory push`'s writes: a whole directory sent in big
//! batches, each COPYed into a temporary table and merged into `clients`
//! by one upsert, in one transaction under [`WRITE_LOCK`] — the same merge
//! as a desk's sends ([`super::store::send`]), with far fewer round trips
//! and no parameter arrays to build and decode.

use std::collections::VecDeque;

use futures_util::SinkExt;

use super::SharedError;
use super::schema::{WRITE_LOCK, db};
use super::store::{CHANNEL, Outgoing, upsert_from};

/// How many clients one transaction sends.
pub const BATCH: usize = 10_000;

/// Sends `rows` (ids unique) in one transaction; how many the table took
/// (the others had a newer row). Tells the other desks.
pub async fn send_batch(
    client: &mut tokio_postgres::Client,
    crm: &str,
    desk: &str,
    rows: &[Outgoing],
) -> Result<usize, SharedError> {
    let tx = client.transaction().await.map_err(db)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
        .await
        .map_err(db)?;
    tx.batch_execute(
        "CREATE TEMP TABLE crmcard_push (id text, ln text, fn text, mn text, ph text, em text,
                                         age float8, del bool) ON COMMIT DROP",
    )
    .await
    .map_err(db)?;
    let sink = tx
        .copy_in("COPY crmcard_push FROM STDIN")
        .await
        .map_err(db)?;
    let mut sink = std::pin::pin!(sink);
    sink.send(VecDeque::from(copy_text(rows)))
        .await
        .map_err(db)?;
    sink.as_mut().finish().await.map_err(db)?;
    let taken = tx
        .execute(&upsert_from("crmcard_push AS u"), &[&crm, &desk])
        .await
        .map_err(db)?;
    tx.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &crm])
        .await
        .map_err(db)?;
    tx.commit().await.map_err(db)?;
    Ok(usize::try_from(taken).unwrap_or(usize::MAX))
}

/// `rows` in COPY's text format: one line each, tab-separated, `\N` for
/// NULL, backslash, tab, newline and carriage return escaped.
fn copy_text(rows: &[Outgoing]) -> Vec<u8> {
    let mut out = String::with_capacity(rows.len() * 96);
    for row in rows {
        for field in [
            &row.entry.id,
            &row.entry.lastname,
            &row.entry.firstname,
            &row.entry.middlename,
            &row.entry.phones.join("\n"),
            &row.entry.emails.join("\n"),
        ] {
            escape(field, &mut out);
            out.push('\t');
        }
        match row.age_seconds {
            Some(age) => out.push_str(&age.to_string()),
            None => out.push_str("\\N"),
        }
        out.push('\t');
        out.push(if row.deleted { 't' } else { 'f' });
        out.push('\n');
    }
    out.into_bytes()
}

fn escape(field: &str, out: &mut String) {
    for c in field.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_what_would_break_a_line_or_a_field() {
        let row = Outgoing {
            entry: crate::directory::DirEntry {
                id: "1".to_owned(),
                lastname: "Tab\there".to_owned(),
                firstname: "back\\slash".to_owned(),
                phones: vec!["+79161234567".to_owned(), "+79031112233".to_owned()],
                ..Default::default()
            },
            age_seconds: None,
            deleted: false,
        };
        let text = String::from_utf8(copy_text(&[row])).expect("utf-8");
        assert_eq!(
            text,
            "1\tTab\\there\tback\\\\slash\t\t+79161234567\\n+79031112233\t\t\\N\tf\n"
        );
    }
}
