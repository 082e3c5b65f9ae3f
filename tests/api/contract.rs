//! Contract tests: every endpoint through its `crmcard::api::Client` method
//! against the in-process sandbox over loopback HTTP. Each call checks the
//! answer and the request exactly as the sandbox logged it (method, path,
//! query names and values, JSON body).

use crate::support::{
    MOSCOW, RUSSIA, SAMPLE_ADDRESS, SAMPLE_CLIENT, SAMPLE_CONTACT, TASHKENT, TASHKENT_STREET,
    UZBEKISTAN, assert_log, client, client_with, fresh_sandbox, options, req,
};
use crmcard::api::ApiError;
use crmcard::api::model::{
    AddressFields, ContactType, Deleted, DictEntry, MainData, NewClient, NewContact, Street,
};
use serde_json::json;

fn entry(id: &str, name: &str) -> DictEntry {
    DictEntry {
        id: id.to_owned(),
        name: name.to_owned(),
    }
}

#[track_caller]
fn assert_crm(err: &ApiError, http_status: u16, code: &str) {
    let crm = err
        .crm()
        .unwrap_or_else(|| panic!("not a CRM error: {err:?}"));
    assert_eq!(
        (crm.http_status, crm.code()),
        (http_status, code),
        "{err:?}"
    );
}

#[tokio::test]
async fn dictionaries_read_through_their_endpoints() {
    let sandbox = fresh_sandbox().await;
    let api = client(&sandbox);

    let types = api.contact_types().await.unwrap();
    assert_eq!(types.len(), 6);
    assert_eq!(
        types.iter().find(|t| t.id == "4").unwrap(),
        &ContactType {
            id: "4".into(),
            name: "E-Mail".into(),
            is_email: true,
            ..ContactType::default()
        }
    );
    assert!(types.iter().find(|t| t.id == "3").unwrap().is_phone);
    assert_log(
        &sandbox,
        &[req("GET", "TypesContacts", &[("objectId", "1")], None)],
    );

    let types = api.address_types().await.unwrap();
    assert_eq!(types, vec![entry("1", "Домашний"), entry("2", "Рабочий")]);
    assert_log(
        &sandbox,
        &[req("GET", "TypesAddresses", &[("objectId", "1")], None)],
    );

    let countries = api.countries().await.unwrap();
    assert!(
        countries.contains(&entry(RUSSIA, "Россия")),
        "{countries:?}"
    );
    assert!(countries.contains(&entry(UZBEKISTAN, "Узбекистан")));
    assert_log(
        &sandbox,
        &[req("GET", "Countries", &[("objectId", "1")], None)],
    );

    let cities = api.cities(RUSSIA).await.unwrap();
    assert!(cities.contains(&entry(MOSCOW, "Москва")), "{cities:?}");
    assert!(!cities.iter().any(|c| c.id == TASHKENT));
    assert_log(
        &sandbox,
        &[req(
            "GET",
            "Cities",
            &[("countryId", RUSSIA), ("objectId", "1")],
            None,
        )],
    );

    let metro = api.metro_stations(MOSCOW).await.unwrap();
    assert!(metro.contains(&entry("1", "Авиамоторная")), "{metro:?}");
    assert!(metro.contains(&entry("3", "Академическая")));
    assert_log(
        &sandbox,
        &[req(
            "GET",
            "MetroStations",
            &[("cityId", MOSCOW), ("objectId", "1")],
            None,
        )],
    );

    let streets = api.streets(TASHKENT).await.unwrap();
    assert!(
        streets.contains(&Street {
            id: "10000000016642".into(),
            name: "Восканова".into(),
            post_code: "5654".into()
        }),
        "{streets:?}"
    );
    assert!(streets.iter().any(|s| s.id == TASHKENT_STREET));
    assert_log(
        &sandbox,
        &[req(
            "GET",
            "Streets",
            &[("cityId", TASHKENT), ("objectId", "1")],
            None,
        )],
    );
}

#[tokio::test]
async fn a_city_is_created_renamed_and_deleted() {
    let sandbox = fresh_sandbox().await;
    let api = client(&sandbox);

    let city = api.create_city(RUSSIA, "Новоград").await.unwrap();
    assert_eq!(city.name, "Новоград");
    assert!(!city.id.is_empty() && city.id.bytes().all(|b| b.is_ascii_digit()));
    assert_log(
        &sandbox,
        &[req(
            "POST",
            "Cities",
            &[("countryId", RUSSIA), ("objectId", "1")],
            Some(json!({"Name": "Новоград"})),
        )],
    );
    assert!(api.cities(RUSSIA).await.unwrap().contains(&city));
    sandbox.clear_requests();

    let renamed = api.rename_city(&city.id, "Староград").await.unwrap();
    assert_eq!(renamed, entry(&city.id, "Староград"));
    assert_log(
        &sandbox,
        &[req(
            "PUT",
            "Cities",
            &[("Id", &city.id), ("objectId", "1")],
            Some(json!({"Name": "Староград"})),
        )],
    );

    let deleted = api.delete_city(&city.id).await.unwrap();
    assert_eq!(
        deleted,
        Deleted {
            id: city.id.clone()
        }
    );
    assert_log(
        &sandbox,
        &[req(
            "DELETE",
            "Cities",
            &[("Id", &city.id), ("objectId", "1")],
            None,
        )],
    );
    assert!(
        !api.cities(RUSSIA)
            .await
            .unwrap()
            .iter()
            .any(|c| c.id == city.id)
    );
}

#[tokio::test]
async fn a_street_is_created_updated_and_deleted() {
    let sandbox = fresh_sandbox().await;
    let api = client(&sandbox);

    let street = api.create_street(MOSCOW, "Новая", "101000").await.unwrap();
    assert_eq!(
        (street.name.as_str(), street.post_code.as_str()),
        ("Новая", "101000")
    );
    assert_log(
        &sandbox,
        &[req(
            "POST",
            "Streets",
            &[("cityId", MOSCOW), ("objectId", "1")],
            Some(json!({"Name": "Новая", "PostCode": "101000"})),
        )],
    );

    let updated = api
        .update_street(&street.id, "Старая", "101001")
        .await
        .unwrap();
    assert_eq!(
        updated,
        Street {
            id: street.id.clone(),
            name: "Старая".into(),
            post_code: "101001".into()
        }
    );
    assert_log(
        &sandbox,
        &[req(
            "PUT",
            "Streets",
            &[("Id", &street.id), ("objectId", "1")],
            Some(json!({"Name": "Старая", "PostCode": "101001"})),
        )],
    );
    assert!(api.streets(MOSCOW).await.unwrap().contains(&updated));
    sandbox.clear_requests();

    let deleted = api.delete_street(&street.id).await.unwrap();
    assert_eq!(deleted.id, street.id);
    assert_log(
        &sandbox,
        &[req(
            "DELETE",
            "Streets",
            &[("Id", &street.id), ("objectId", "1")],
            None,
        )],
    );
    assert!(
        !api.streets(MOSCOW)
            .await
            .unwrap()
            .iter()
            .any(|s| s.id == street.id)
    );
}

#[tokio::test]
async fn a_client_is_read_created_updated_and_deleted() {
    let sandbox = fresh_sandbox().await;
    let api = client(&sandbox);

    let card = api.client(SAMPLE_CLIENT).await.unwrap();
    assert_eq!(
        (
            card.id.as_str(),
            card.lastname.as_str(),
            card.birthday.as_str()
        ),
        (SAMPLE_CLIENT, "Безногов", "1971-10-18T00:00:00")
    );
    assert_eq!(card.contacts.len(), 2);
    assert_eq!(card.addresses[0].id, SAMPLE_ADDRESS);
    assert_eq!(card.accounts[0].account_type_id, 11);
    assert_eq!(card.cards[0].group_id, 3);
    assert_log(
        &sandbox,
        &[req(
            "GET",
            "Clients",
            &[("Id", SAMPLE_CLIENT), ("objectId", "1")],
            None,
        )],
    );

    let new = NewClient {
        lastname: "Васильев".into(),
        firstname: "Иван".into(),
        middlename: "Петрович".into(),
        birthday: Some("1999-01-01".into()),
        note: "новый клиент".into(),
        contacts: vec![NewContact {
            type_id: "1".into(),
            value: "987765".into(),
        }],
        addresses: vec![AddressFields {
            type_id: Some("1".into()),
            country_id: Some(UZBEKISTAN.into()),
            city_id: Some(TASHKENT.into()),
            street_id: Some(TASHKENT_STREET.into()),
            house: Some("10".into()),
            ..AddressFields::default()
        }],
    };
    let created = api.create_client(&new).await.unwrap();
    assert_ne!(created.id, SAMPLE_CLIENT);
    assert_eq!(created.lastname, "Васильев");
    assert_eq!(created.birthday, "1999-01-01T00:00:00");
    assert_eq!(created.contacts[0].type_name, "Телефон домашний");
    assert_eq!(
        (
            created.addresses[0].city.as_str(),
            created.addresses[0].street.as_str()
        ),
        ("Ташкент", "Квартал 328")
    );
    assert_log(
        &sandbox,
        &[req(
            "POST",
            "Clients",
            &[("objectId", "1")],
            Some(json!({
                "lastname": "Васильев", "firstname": "Иван", "middlename": "Петрович",
                "birthday": "1999-01-01", "note": "новый клиент",
                "contacts": [{"typeId": "1", "value": "987765"}],
                "addresses": [{"typeId": "1", "countryId": UZBEKISTAN, "cityId": TASHKENT,
                               "streetId": TASHKENT_STREET, "house": "10"}]
            })),
        )],
    );

    let main = MainData {
        firstname: Some("Пётр".into()),
        note: Some("VIP".into()),
        ..MainData::default()
    };
    let updated = api.update_client(&created.id, &main).await.unwrap();
    assert_eq!(
        (
            updated.firstname.as_str(),
            updated.note.as_str(),
            updated.lastname.as_str()
        ),
        ("Пётр", "VIP", "Васильев")
    );
    assert_log(
        &sandbox,
        &[req(
            "PUT",
            "Clients",
            &[("clientId", &created.id), ("objectId", "1")],
            Some(json!({"firstname": "Пётр", "note": "VIP"})),
        )],
    );

    let deleted = api.delete_client(&created.id).await.unwrap();
    assert_eq!(deleted.id, created.id);
    assert_log(
        &sandbox,
        &[req(
            "DELETE",
            "Clients",
            &[("clientId", &created.id), ("objectId", "1")],
            None,
        )],
    );
    let gone = api.client(&created.id).await.unwrap_err();
    assert_crm(&gone, 404, "DLW-0010");
}

#[tokio::test]
async fn a_contact_is_added_updated_and_deleted() {
    let sandbox = fresh_sandbox().await;
    let api = client(&sandbox);

    let contact = NewContact {
        type_id: "3".into(),
        value: "+7 900 000-00-00".into(),
    };
    let card = api.add_contact(SAMPLE_CLIENT, &contact).await.unwrap();
    assert_eq!(card.contacts.len(), 3);
    let new = card
        .contacts
        .iter()
        .find(|c| c.value == "+7 900 000-00-00")
        .unwrap()
        .clone();
    assert_eq!(
        (new.type_id.as_str(), new.type_name.as_str()),
        ("3", "Телефон мобильный")
    );
    assert_log(
        &sandbox,
        &[req(
            "POST",
            "Clients/Contacts",
            &[("clientId", SAMPLE_CLIENT), ("objectId", "1")],
            Some(json!({"typeId": "3", "value": "+7 900 000-00-00"})),
        )],
    );

    let card = api
        .update_contact(SAMPLE_CLIENT, &new.id, "+7 900 111-11-11")
        .await
        .unwrap();
    let changed = card.contacts.iter().find(|c| c.id == new.id).unwrap();
    assert_eq!(
        (changed.value.as_str(), changed.type_id.as_str()),
        ("+7 900 111-11-11", "3")
    );
    assert_log(
        &sandbox,
        &[req(
            "PUT",
            "Clients/Contacts",
            &[
                ("clientId", SAMPLE_CLIENT),
                ("contactId", &new.id),
                ("objectId", "1"),
            ],
            Some(json!({"value": "+7 900 111-11-11"})),
        )],
    );

    let card = api.delete_contact(SAMPLE_CLIENT, &new.id).await.unwrap();
    assert!(!card.contacts.iter().any(|c| c.id == new.id));
    assert!(card.contacts.iter().any(|c| c.id == SAMPLE_CONTACT));
    assert_log(
        &sandbox,
        &[req(
            "DELETE",
            "Clients/Contacts",
            &[
                ("clientId", SAMPLE_CLIENT),
                ("contactId", &new.id),
                ("objectId", "1"),
            ],
            None,
        )],
    );
}

#[tokio::test]
async fn an_address_is_added_updated_in_part_and_deleted() {
    let sandbox = fresh_sandbox().await;
    let api = client(&sandbox);

    let fields = AddressFields {
        type_id: Some("2".into()),
        country_id: Some(UZBEKISTAN.into()),
        zip: Some("555".into()),
        region: Some("юго-западный".into()),
        city_id: Some(TASHKENT.into()),
        street_id: Some(TASHKENT_STREET.into()),
        house: Some("10".into()),
        building: Some("2".into()),
        entry: Some("5".into()),
        floor: Some("4".into()),
        apartments: Some("3".into()),
        entry_code: Some("12#".into()),
        dop_info: Some("лифта нет".into()),
        metro_station_id: None,
    };
    let card = api.add_address(SAMPLE_CLIENT, &fields).await.unwrap();
    assert_eq!(card.addresses.len(), 2);
    let new = card
        .addresses
        .iter()
        .find(|a| a.id != SAMPLE_ADDRESS)
        .unwrap()
        .clone();
    assert_eq!(
        (
            new.type_name.as_str(),
            new.city.as_str(),
            new.street.as_str()
        ),
        ("Рабочий", "Ташкент", "Квартал 328")
    );
    assert_eq!(
        (new.entry_code.as_str(), new.dop_info.as_str()),
        ("12#", "лифта нет")
    );
    assert_log(
        &sandbox,
        &[req(
            "POST",
            "Clients/Addresses",
            &[("clientId", SAMPLE_CLIENT), ("objectId", "1")],
            Some(json!({
                "typeId": "2", "countryId": UZBEKISTAN, "zip": "555", "region": "юго-западный",
                "cityId": TASHKENT, "streetId": TASHKENT_STREET, "house": "10", "building": "2",
                "entry": "5", "floor": "4", "apartments": "3", "entryCode": "12#",
                "dopInfo": "лифта нет"
            })),
        )],
    );

    let changes = AddressFields {
        house: Some("20".into()),
        floor: Some("9".into()),
        ..AddressFields::default()
    };
    let card = api
        .update_address(SAMPLE_CLIENT, &new.id, &changes)
        .await
        .unwrap();
    let changed = card.addresses.iter().find(|a| a.id == new.id).unwrap();
    let mut expected = new.clone();
    expected.house = "20".into();
    expected.floor = "9".into();
    assert_eq!(*changed, expected, "only the fields sent change");
    assert_log(
        &sandbox,
        &[req(
            "PUT",
            "Clients/Addresses",
            &[
                ("clientId", SAMPLE_CLIENT),
                ("contactId", &new.id),
                ("objectId", "1"),
            ],
            Some(json!({"house": "20", "floor": "9"})),
        )],
    );

    let card = api.delete_address(SAMPLE_CLIENT, &new.id).await.unwrap();
    assert_eq!(
        card.addresses
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>(),
        [SAMPLE_ADDRESS]
    );
    assert_log(
        &sandbox,
        &[req(
            "DELETE",
            "Clients/Addresses",
            &[
                ("clientId", SAMPLE_CLIENT),
                ("contactId", &new.id),
                ("objectId", "1"),
            ],
            None,
        )],
    );
}

#[tokio::test]
async fn base_url_with_or_without_trailing_slash_joins_with_one_slash() {
    let sandbox = fresh_sandbox().await;
    let base = sandbox.base_url();
    assert!(base.ends_with("/api/v1/crm/"), "{base}");
    let bare = base.trim_end_matches('/').to_owned();
    for url in [
        base.clone(),
        bare,
        format!("{base}/"),
        format!("  {base}  "),
    ] {
        let api = client_with(options(&url, "1", "demo"));
        api.countries()
            .await
            .unwrap_or_else(|e| panic!("{url}: {e}"));
        api.add_contact(
            SAMPLE_CLIENT,
            &NewContact {
                type_id: "4".into(),
                value: "a@b.c".into(),
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{url}: {e}"));
        let paths: Vec<String> = sandbox.requests().into_iter().map(|r| r.path).collect();
        assert_eq!(paths, ["Countries", "Clients/Contacts"], "{url:?}");
        sandbox.clear_requests();
    }

    // What a double slash would get: the sandbox does not know "/Countries".
    let answer = reqwest::Client::new()
        .get(format!("{base}/Countries?objectId=1"))
        .header("sid", "demo")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 404);
    let json: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(
        (&json["status"], &json["errors"][0]["code"]),
        (&json!("Err"), &json!("DLW-0000"))
    );
}

/// Names that break a careless URL or JSON builder.
const AWKWARD_NAMES: [&str; 5] = [
    "Нижний Новгород",
    "A&B=C #1 + 50% ?x",
    "\"Кавычки\" и 'апострофы'",
    "back\\slash / slash",
    "tab\tи ёЁ 🚀",
];

#[tokio::test]
async fn awkward_names_round_trip_through_bodies() {
    let sandbox = fresh_sandbox().await;
    let api = client(&sandbox);
    let city = api.create_city(RUSSIA, "временный").await.unwrap();
    for name in AWKWARD_NAMES {
        // Sent as typed; what comes back is cleaned of control characters
        // as it is decoded (the tab becomes a space).
        let back = crmcard::text::sanitize(name);
        sandbox.clear_requests();
        let created = api.create_city(RUSSIA, name).await.unwrap();
        assert_eq!(created.name, back);
        assert_eq!(sandbox.requests()[0].body, Some(json!({ "Name": name })));

        let renamed = api.rename_city(&city.id, name).await.unwrap();
        assert_eq!(renamed.name, back);
        let cities = api.cities(RUSSIA).await.unwrap();
        assert!(cities.contains(&entry(&city.id, &back)), "{name:?}");

        let street = api.create_street(&city.id, name, "0 1&2").await.unwrap();
        assert_eq!(
            (street.name.as_str(), street.post_code.as_str()),
            (back.as_str(), "0 1&2")
        );
        let streets = api.streets(&city.id).await.unwrap();
        assert!(streets.contains(&street), "{name:?}");
    }
}

#[tokio::test]
async fn query_values_are_percent_encoded_not_injected() {
    let sandbox = fresh_sandbox().await;
    let api = client(&sandbox);

    let err = api.client("12 34&x=1").await.unwrap_err();
    assert_crm(&err, 404, "DLW-0010");
    // A 4xx is not retried: one request, with the literal value.
    assert_log(
        &sandbox,
        &[req(
            "GET",
            "Clients",
            &[("Id", "12 34&x=1"), ("objectId", "1")],
            None,
        )],
    );

    // An id that tries to name another object and another client.
    let err = api.cities("2&objectId=999").await.unwrap_err();
    assert_crm(&err, 404, "DLW-0010");
    assert_log(
        &sandbox,
        &[req(
            "GET",
            "Cities",
            &[("countryId", "2&objectId=999"), ("objectId", "1")],
            None,
        )],
    );
    let odd = format!("1#&clientId={SAMPLE_CLIENT}");
    let err = api
        .update_contact(&odd, SAMPLE_CONTACT, "333-injected")
        .await
        .unwrap_err();
    assert_crm(&err, 404, "DLW-0010");
    assert_log(
        &sandbox,
        &[req(
            "PUT",
            "Clients/Contacts",
            &[
                ("clientId", &odd),
                ("contactId", SAMPLE_CONTACT),
                ("objectId", "1"),
            ],
            Some(json!({"value": "333-injected"})),
        )],
    );
    let card = api.client(SAMPLE_CLIENT).await.unwrap();
    let sample = card
        .contacts
        .iter()
        .find(|c| c.id == SAMPLE_CONTACT)
        .unwrap();
    assert_eq!(sample.value, "333", "the sample client was not touched");

    // '+' and '%' in a value arrive as themselves.
    api.client("+1%20").await.unwrap_err();
    assert_eq!(sandbox.requests().last().unwrap().query[0].1, "+1%20");
}
