//! Runs effects on tokio and sends their results back as messages.

use std::path::PathBuf;

use tokio::sync::mpsc;

use crate::api::ApiError;
use crate::api::Client;
use crate::app::write::{WriteAnswer, WriteOp};
use crate::app::{DictData, DictKey, Effect, Msg};

/// The one place where effects meet the network and the disk.
#[derive(Debug, Clone)]
pub struct Executor {
    client: Client,
    /// Where the recent-clients list is kept (none: not kept).
    recent_file: Option<PathBuf>,
}

impl Executor {
    pub fn new(client: Client, recent_file: Option<PathBuf>) -> Self {
        Self {
            client,
            recent_file,
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Starts `effect` in the background; its result arrives on `tx`.
    pub fn spawn(&self, effect: Effect, tx: &mpsc::Sender<Msg>) {
        let this = self.clone();
        let tx = tx.clone();
        tokio::spawn(async move {
            if let Some(msg) = this.run(effect).await {
                // The receiver is gone only when the app is quitting.
                let _ = tx.send(msg).await;
            }
        });
    }

    /// Runs `effect` to its end; returns the message it answers with.
    pub async fn run(&self, effect: Effect) -> Option<Msg> {
        match effect {
            Effect::LoadClient { req, id } => Some(Msg::ClientLoaded {
                req,
                result: self.client.client(&id).await,
            }),
            Effect::LoadDict { req, key } => {
                let result = self.load_dict(&key).await;
                Some(Msg::DictLoaded { req, key, result })
            }
            Effect::Write { req, op } => Some(Msg::Written {
                req,
                result: self.write(*op).await,
            }),
            Effect::SaveRecent(list) => {
                let path = self.recent_file.clone()?;
                let saved = tokio::task::spawn_blocking(move || list.save(&path)).await;
                match saved {
                    Ok(Ok(())) => None,
                    Ok(Err(e)) => Some(Msg::LocalSaveFailed(e.to_string())),
                    Err(e) => Some(Msg::LocalSaveFailed(e.to_string())),
                }
            }
        }
    }

    async fn write(&self, op: WriteOp) -> Result<WriteAnswer, ApiError> {
        use WriteAnswer::{Card, City, Deleted, Street};
        let c = &self.client;
        Ok(match op {
            WriteOp::CreateClient(new) => Card(c.create_client(&new).await?),
            WriteOp::UpdateClient { client_id, main } => {
                Card(c.update_client(client_id.as_str(), &main).await?)
            }
            WriteOp::DeleteClient { client_id } => {
                Deleted(c.delete_client(client_id.as_str()).await?.id)
            }
            WriteOp::AddContact { client_id, contact } => {
                Card(c.add_contact(client_id.as_str(), &contact).await?)
            }
            WriteOp::UpdateContact {
                client_id,
                contact_id,
                value,
            } => Card(
                c.update_contact(client_id.as_str(), contact_id.as_str(), &value)
                    .await?,
            ),
            WriteOp::DeleteContact {
                client_id,
                contact_id,
            } => Card(
                c.delete_contact(client_id.as_str(), contact_id.as_str())
                    .await?,
            ),
            WriteOp::AddAddress { client_id, address } => {
                Card(c.add_address(client_id.as_str(), &address).await?)
            }
            WriteOp::UpdateAddress {
                client_id,
                address_id,
                changes,
            } => Card(
                c.update_address(client_id.as_str(), address_id.as_str(), &changes)
                    .await?,
            ),
            WriteOp::DeleteAddress {
                client_id,
                address_id,
            } => Card(
                c.delete_address(client_id.as_str(), address_id.as_str())
                    .await?,
            ),
            WriteOp::CreateCity { country_id, name } => {
                City(c.create_city(&country_id, &name).await?)
            }
            WriteOp::RenameCity { city_id, name } => City(c.rename_city(&city_id, &name).await?),
            WriteOp::DeleteCity { city_id } => Deleted(c.delete_city(&city_id).await?.id),
            WriteOp::CreateStreet {
                city_id,
                name,
                post_code,
            } => Street(c.create_street(&city_id, &name, &post_code).await?),
            WriteOp::UpdateStreet {
                street_id,
                name,
                post_code,
            } => Street(c.update_street(&street_id, &name, &post_code).await?),
            WriteOp::DeleteStreet { street_id } => Deleted(c.delete_street(&street_id).await?.id),
        })
    }

    async fn load_dict(&self, key: &DictKey) -> Result<DictData, ApiError> {
        let c = &self.client;
        Ok(match key {
            DictKey::ContactTypes => DictData::ContactTypes(c.contact_types().await?),
            DictKey::AddressTypes => DictData::Entries(c.address_types().await?),
            DictKey::Countries => DictData::Entries(c.countries().await?),
            DictKey::Cities { country_id } => DictData::Entries(c.cities(country_id).await?),
            DictKey::Streets { city_id } => DictData::Streets(c.streets(city_id).await?),
            DictKey::Metro { city_id } => DictData::Entries(c.metro_stations(city_id).await?),
        })
    }
}
