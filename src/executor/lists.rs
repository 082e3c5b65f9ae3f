//! The dictionaries: a list fetched from the CRM, then made ready for the
//! pickers (sorted, folded, letters ranked) on a blocking thread, and a
//! list prepared again after it changed.

use crate::api::{ApiError, Client, model};
use crate::app::vocab::DictKey;
use crate::app::{DictData, Effect, Msg, PreparedDict};

/// Fetches the list `key` and prepares it for the pickers off the loop.
pub(super) async fn load(c: &Client, key: &DictKey) -> Result<PreparedDict, ApiError> {
    let list = fetch(c, key).await?;
    let key = key.clone();
    Ok(blocking(move || PreparedDict::new(&key, list.into_data())).await)
}

/// Carries out [`Effect::PrepareDict`] off the loop (see
/// [`PreparedDict::answer`]).
pub(super) async fn prepare(effect: Effect) -> Option<Msg> {
    blocking(move || PreparedDict::answer(effect)).await
}

/// The list `key` as decoded.
async fn fetch(c: &Client, key: &DictKey) -> Result<Decoded, ApiError> {
    Ok(match key {
        DictKey::ContactTypes => Decoded::ContactTypes(c.contact_types().await?),
        DictKey::AddressTypes => Decoded::Entries(c.address_types().await?),
        DictKey::Countries => Decoded::Entries(c.countries().await?),
        DictKey::Cities { country_id } => Decoded::Entries(c.cities(country_id).await?),
        DictKey::Streets { city_id } => Decoded::Streets(c.streets(city_id).await?),
        DictKey::Metro { city_id } => Decoded::Entries(c.metro_stations(city_id).await?),
    })
}

/// A list as decoded, made a [`DictData`] (sorted: a while for 100,000
/// streets) on a blocking thread.
enum Decoded {
    ContactTypes(Vec<model::ContactType>),
    Entries(Vec<model::DictEntry>),
    Streets(Vec<model::Street>),
}

impl Decoded {
    fn into_data(self) -> DictData {
        match self {
            Self::ContactTypes(types) => DictData::ContactTypes(types),
            Self::Entries(entries) => DictData::entries(entries),
            Self::Streets(streets) => DictData::streets(streets),
        }
    }
}

/// Runs `work` on a blocking thread (preparing 100,000 streets for the
/// pickers takes a while), off the UI loop and the runtime's worker.
/// A panic there is this task's panic, as if it had done the work itself.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(work).await {
        Ok(done) => done,
        Err(error) => std::panic::resume_unwind(
            error
                .try_into_panic()
                .unwrap_or_else(|_| Box::new("the blocking thread was cancelled")),
        ),
    }
}
