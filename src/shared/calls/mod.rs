//! The call log shared: with a shared directory, every desk's calls go to
//! the `calls` table and come back to every desk's log, through the same
//! machinery as the clients (a queue on disk filled by triggers, the change
//! feed read from where the desk stopped, LISTEN). A call answered at desk
//! A is "taken by A" in desk B's log; a call-back marked at B is seen at A.
//!
//! - [`store`]: the shared table, its merge and its feed;
//! - [`replica`]: the desk's queue and its log's side;
//! - here: one round trip of each, for the engine and the commands.

pub mod replica;
pub(crate) mod store;

use super::SharedError;
use crate::directory::DirectoryHandle;

/// The schema version that made the `calls` table.
pub(crate) const SCHEMA_VERSION: i32 = 3;

/// How many calls go in one round trip.
pub(crate) const BATCH: usize = 500;

/// Sends the oldest calls of `crm` queued (one round trip); how many queue
/// entries were taken: 0 when the queue is empty.
pub(crate) async fn flush_batch(
    client: &mut tokio_postgres::Client,
    directory: &DirectoryHandle,
    crm: &str,
    desk: &str,
) -> Result<usize, SharedError> {
    let c = crm.to_owned();
    let (places, calls) = directory
        .run(move |d| replica::pending(d, &c, BATCH))
        .await?;
    if places.is_empty() {
        return Ok(0);
    }
    let refused = store::send(client, crm, desk, &calls).await?;
    let c = crm.to_owned();
    let count = places.len();
    directory
        .run(move |d| replica::sent(d, &c, &places, &refused))
        .await?;
    Ok(count)
}

/// Merges the next calls of the feed of `crm` into the desk's log (one
/// round trip); how many were read: fewer than a full batch at the end.
pub(crate) async fn pull_batch(
    client: &tokio_postgres::Client,
    directory: &DirectoryHandle,
    crm: &str,
    instance: &str,
) -> Result<usize, SharedError> {
    let key = replica::feed_key(instance, crm);
    let k = key.clone();
    let after = directory.run(move |d| replica::position(d, &k)).await?;
    let changes = store::changes_since(client, crm, after, BATCH as i64).await?;
    let Some(last) = changes.last().map(|c| c.seq) else {
        return Ok(0);
    };
    let count = changes.len();
    let c = crm.to_owned();
    directory
        .run(move |d| replica::apply(d, &c, &changes, Some((&key, last))))
        .await?;
    Ok(count)
}
