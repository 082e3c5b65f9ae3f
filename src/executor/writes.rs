//! A write to the CRM: each [`WriteOp`] as its request, answered with what
//! the server gave back. Never retried (`api::Client` retries reads only).

use crate::api::{ApiError, Client};
use crate::app::write::{WriteAnswer, WriteOp};

/// Sends `op`; the card, city or street written, or the id deleted.
pub(super) async fn write(c: &Client, op: WriteOp) -> Result<WriteAnswer, ApiError> {
    use WriteAnswer::{Card, City, Deleted, Street};
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
        WriteOp::CreateCity { country_id, name } => City(c.create_city(&country_id, &name).await?),
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
