//! The sandbox CRM against the vendor's documentation: every endpoint with
//! the vendor's field names, the envelope, the errors.

use crate::support::{Answer, Probe, SAMPLE_CLIENT, by_id, names};
use crmcard::api::model::ClientCard;
use crmcard::sandbox::SandboxConfig;
use reqwest::Method;
use serde_json::{Value, json};

/// `GET Clients` of the vendor's documentation, its two typos mended.
const VENDOR_CARD: &str = r#"{
    "id": "10000000009188", "lastname": "Безногов", "firstname": "Сергей",
    "middlename": "Витальевич", "birthday": "1971-10-18T00:00:00", "note": "лояльный клиент",
    "contacts": [
        {"id": "10000000008064", "typeId": "1", "typeName": "Телефон домашний", "value": "333"},
        {"id": "10000000008066", "typeId": "2", "typeName": "Телефон рабочий", "value": "+79998887766"}
    ],
    "addresses": [{
        "id": "10000000003276", "typeId": "1", "typeName": "Домашний", "countryId": "2",
        "country": "Россия", "zip": "111111", "region": "", "cityId": "10000000000002",
        "city": "Москва", "streetId": "10000000000031", "street": "10-я Текстильщиков",
        "house": "10", "building": "", "entry": "", "floor": "", "apartments": "7",
        "entryCode": "", "dopInfo": "", "lat": "", "lng": "", "metroStationId": "3",
        "metroStation": "Академическая", "readOnly": false
    }],
    "accounts": [{
        "accountNumber": "03.00011.00010593.0001", "status": "Active", "accountTypeID": 11,
        "accountTypeName": "тестовый дебетовый", "accountDebitEnabled": false,
        "accountCreditEnabled": false, "dateCreate": "2020-02-13T00:00:00", "balance": 0.00,
        "accountCode": null
    }],
    "cards": [{
        "cardCode": "112232213", "isVirtualCard": false, "isConfirmManager": false,
        "status": "Active", "dateOffered": "2019-12-25T00:00:00",
        "dateExpired": "2021-12-25T00:00:00", "groupID": 3, "groupName": "основная"
    }]
}"#;

/// The body of `POST Clients` in the vendor's documentation.
fn vendor_new_client() -> Value {
    json!({
        "lastname": "Васильев", "firstname": "Иван", "middlename": "Петрович",
        "birthday": "1999-01-01", "note": "новый клиент",
        "contacts": [{"typeId": "1", "value": "987765"}, {"typeId": "4", "value": "v4@com.com"}],
        "addresses": [{
            "typeId": "1", "countryId": "4", "zip": "555", "region": "юго-западный",
            "cityId": "10000000000016", "streetId": "10000000016629", "house": "10",
            "building": "10", "entry": "5", "floor": "4", "apartments": "3", "entryCode": "2",
            "dopInfo": "лифта нет"
        }]
    })
}

/// A call of a table-driven test: method, path, query, body.
type CallSpec<'a> = (Method, &'a str, &'a [(&'a str, &'a str)], Option<Value>);

fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

fn assert_envelope(a: &Answer) {
    assert_eq!(a.json["ver"], "1.3.0.32");
    assert!(is_timestamp(a.json["timestamp"].as_str().unwrap()), "{a:?}");
    let id = a.json["requestId"].as_str().unwrap();
    assert_eq!(id.len(), 32);
    assert!(
        id.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')),
        "{id}"
    );
    assert!(a.content_type.starts_with("application/json"), "{a:?}");
}

#[tokio::test]
async fn the_sample_client_equals_the_vendor_sample_field_by_field() {
    let probe = Probe::start(SandboxConfig::default()).await;
    let answer = probe.get("Clients", &[("Id", SAMPLE_CLIENT)]).await;
    let expected: Value = serde_json::from_str(VENDOR_CARD).unwrap();
    let got = answer.data();
    for key in keys(&expected) {
        assert_eq!(got[key], expected[key], "field {key}");
    }
    assert_eq!(keys(got), keys(&expected));
    // The vendor's order of fields, envelope first.
    assert!(
        answer
            .text
            .starts_with(r#"{"data":{"id":"10000000009188","lastname""#)
    );
    let order = [
        "\"birthday\"",
        "\"note\"",
        "\"contacts\"",
        "\"addresses\"",
        "\"accounts\"",
        "\"cards\"",
        "\"ver\"",
        "\"timestamp\"",
        "\"status\"",
        "\"requestId\"",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|k| answer.text.rfind(k).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{}", answer.text);
    // And through the shared model, as the client will read it.
    let got: ClientCard = serde_json::from_value(got.clone()).unwrap();
    let expected: ClientCard = serde_json::from_str(VENDOR_CARD).unwrap();
    assert_eq!(got, expected);
}

#[tokio::test]
async fn envelopes_look_like_the_vendors() {
    let probe = Probe::start(SandboxConfig::default()).await;
    let ok = probe.get("Countries", &[]).await;
    assert_envelope(&ok);
    assert_eq!(
        keys(&ok.json),
        ["data", "requestId", "status", "timestamp", "ver"]
    );
    let again = probe.get("Countries", &[]).await;
    assert_ne!(ok.json["requestId"], again.json["requestId"]);

    let err = probe.get("Clients", &[("Id", "1")]).await;
    assert_envelope(&err);
    assert_eq!(
        keys(&err.json),
        ["errors", "requestId", "status", "timestamp", "ver"]
    );
    assert_eq!(keys(&err.json["errors"][0]), ["code", "details", "text"]);
}

#[tokio::test]
async fn the_type_dictionaries_are_the_vendors_exactly() {
    let probe = Probe::start(SandboxConfig::default()).await;
    let types = probe.get("TypesContacts", &[]).await;
    let flags = |id: &str, name: &str, phone: bool, email: bool| {
        json!({"id": id, "name": name, "isPhone": phone, "isEmail": email, "isSkype": false,
               "isSocialNetwork": false, "mailing": false})
    };
    assert_eq!(
        *types.data(),
        json!([
            flags("4", "E-Mail", false, true),
            flags("6", "ICQ", false, false),
            flags("5", "Skype", false, false),
            flags("1", "Телефон домашний", true, false),
            flags("3", "Телефон мобильный", true, false),
            flags("2", "Телефон рабочий", true, false),
        ])
    );
    let types = probe.get("TypesAddresses", &[]).await;
    assert_eq!(
        *types.data(),
        json!([{"id": "1", "name": "Домашний"}, {"id": "2", "name": "Рабочий"}])
    );
}

#[tokio::test]
async fn the_geography_holds_the_vendors_samples() {
    let probe = Probe::start(SandboxConfig::default()).await;
    let countries = probe.get("Countries", &[]).await;
    for (id, name) in [("5", "Молдова"), ("2", "Россия"), ("4", "Узбекистан")]
    {
        assert_eq!(by_id(countries.data(), id).unwrap()["name"], name);
    }
    let cities = probe.get("Cities", &[("countryId", "2")]).await;
    assert_eq!(
        by_id(cities.data(), "10000000000024").unwrap()["name"],
        "Хабаровск"
    );
    assert!(
        by_id(cities.data(), "10000000000021").is_none(),
        "Кишинев is in Moldova"
    );

    let streets = probe.get("Streets", &[("cityId", "10000000000016")]).await;
    let street = by_id(streets.data(), "10000000016642").unwrap();
    assert_eq!(
        *street,
        json!({"id": "10000000016642", "name": "Восканова", "postCode": "5654"})
    );
    assert!(by_id(streets.data(), "10000000016629").is_some());

    let metro = probe
        .get("MetroStations", &[("cityId", "10000000000002")])
        .await;
    let three = names(metro.data());
    for name in ["Авиамоторная", "Автозаводская", "Академическая"]
    {
        assert!(three.contains(&name.to_owned()), "{three:?}");
    }
}

#[tokio::test]
async fn sid_and_object_id_are_checked() {
    let probe = Probe::start(SandboxConfig::default()).await;
    let url = probe.url("Countries?objectId=1");
    let no_sid = crate::support::answer(probe.raw(Method::GET, &url)).await;
    assert_eq!((no_sid.status, no_sid.code()), (401, "DLW-0005"));
    assert_eq!(no_sid.json["errors"][0]["text"], "Authentication error");

    let secret = "not-the-key-7f3a";
    let wrong = probe.raw(Method::GET, &url).header("sid", secret);
    let wrong = crate::support::answer(wrong).await;
    assert_eq!((wrong.status, wrong.code()), (401, "DLW-0005"));
    assert!(!wrong.text.contains(secret), "the sid must not be echoed");

    let no_object = probe
        .raw(Method::GET, &probe.url("Countries"))
        .header("sid", "demo");
    let no_object = crate::support::answer(no_object).await;
    assert_eq!((no_object.status, no_object.code()), (400, "DLW-0007"));

    let other = probe
        .raw(Method::GET, &probe.url("Countries?objectId=2"))
        .header("sid", "demo");
    let other = crate::support::answer(other).await;
    assert_eq!((other.status, other.code()), (403, "DLW-0006"));

    let log = format!("{:?}", probe.sandbox.requests());
    assert!(!log.contains(secret) && !log.contains("demo"), "{log}");
}

#[tokio::test]
async fn a_missing_parameter_is_dlw_0007() {
    let probe = Probe::fresh().await;
    let before = probe.card(SAMPLE_CLIENT).await;
    let calls: [CallSpec; 17] = [
        (Method::GET, "Cities", &[], None),
        (Method::POST, "Cities", &[], Some(json!({"Name": "X"}))),
        (Method::PUT, "Cities", &[], Some(json!({"Name": "X"}))),
        (Method::DELETE, "Cities", &[], None),
        (Method::GET, "MetroStations", &[], None),
        (Method::GET, "Streets", &[], None),
        (
            Method::POST,
            "Streets",
            &[],
            Some(json!({"Name": "X", "PostCode": "1"})),
        ),
        (
            Method::PUT,
            "Streets",
            &[("id", "10000000016642")],
            Some(json!({"Name": "X"})),
        ),
        (Method::DELETE, "Streets", &[], None),
        (Method::GET, "Clients", &[("clientId", SAMPLE_CLIENT)], None),
        (
            Method::PUT,
            "Clients",
            &[("Id", SAMPLE_CLIENT)],
            Some(json!({"lastname": "X"})),
        ),
        (Method::DELETE, "Clients", &[("Id", SAMPLE_CLIENT)], None),
        (
            Method::POST,
            "Clients/Contacts",
            &[],
            Some(json!({"typeId": "1", "value": "1"})),
        ),
        (
            Method::PUT,
            "Clients/Contacts",
            &[("clientId", SAMPLE_CLIENT)],
            Some(json!({"value": "1"})),
        ),
        (
            Method::DELETE,
            "Clients/Contacts",
            &[("contactId", "10000000008064")],
            None,
        ),
        (
            Method::PUT,
            "Clients/Addresses",
            &[("clientId", SAMPLE_CLIENT)],
            Some(json!({"house": "1"})),
        ),
        (
            Method::DELETE,
            "Clients/Addresses",
            &[("clientId", SAMPLE_CLIENT), ("addressId", "10000000003276")],
            None,
        ),
    ];
    for (method, path, query, body) in calls {
        let a = probe.call(method.clone(), path, query, body).await;
        assert_eq!(
            (a.status, a.code()),
            (400, "DLW-0007"),
            "{method} {path}: {a:?}"
        );
    }
    // Nothing was changed by the refused calls.
    assert_eq!(probe.card(SAMPLE_CLIENT).await, before);
}

#[tokio::test]
async fn unknown_ids_are_err_envelopes() {
    let probe = Probe::fresh().await;
    // Ids no seed row has (the seed's countries are 2..=254, so a small
    // number like 99 is a real country).
    let c = SAMPLE_CLIENT;
    let name = json!({"Name": "X"});
    let contact = json!({"typeId": "1", "value": "1"});
    let calls: [(CallSpec, &str); 13] = [
        (
            (Method::GET, "Clients", &[("Id", "99999999999999")], None),
            "Client 99999999999999 not found",
        ),
        (
            (Method::GET, "Clients", &[("Id", "abc")], None),
            "Client abc not found",
        ),
        (
            (
                Method::GET,
                "Cities",
                &[("countryId", "99999999999999")],
                None,
            ),
            "Country 99999999999999",
        ),
        (
            (
                Method::GET,
                "Streets",
                &[("cityId", "99999999999999")],
                None,
            ),
            "City 99999999999999",
        ),
        (
            (
                Method::GET,
                "MetroStations",
                &[("cityId", "99999999999999")],
                None,
            ),
            "City 99999999999999",
        ),
        (
            (
                Method::PUT,
                "Cities",
                &[("Id", "99999999999999")],
                Some(name),
            ),
            "City 99999999999999",
        ),
        (
            (Method::DELETE, "Streets", &[("Id", "99999999999999")], None),
            "Street 99999999999999",
        ),
        (
            (
                Method::PUT,
                "Clients",
                &[("clientId", "99999999999999")],
                Some(json!({})),
            ),
            "Client 99999999999999",
        ),
        (
            (
                Method::DELETE,
                "Clients",
                &[("clientId", "99999999999999")],
                None,
            ),
            "Client 99999999999999",
        ),
        (
            (
                Method::POST,
                "Clients/Contacts",
                &[("clientId", "99999999999999")],
                Some(contact),
            ),
            "Client 99999999999999",
        ),
        (
            (
                Method::PUT,
                "Clients/Contacts",
                &[("clientId", c), ("contactId", "99999999999999")],
                Some(json!({"value": "1"})),
            ),
            "Contact 99999999999999",
        ),
        (
            (
                Method::DELETE,
                "Clients/Addresses",
                &[("clientId", c), ("contactId", "99999999999999")],
                None,
            ),
            "Address 99999999999999",
        ),
        // A contact's id where the address id belongs.
        (
            (
                Method::DELETE,
                "Clients/Addresses",
                &[("clientId", c), ("contactId", "10000000008064")],
                None,
            ),
            "Address 10000000008064",
        ),
    ];
    for ((method, path, query, body), text) in calls {
        let a = probe.call(method.clone(), path, query, body).await;
        assert_eq!(
            (a.status, a.code()),
            (404, "DLW-0010"),
            "{method} {path}: {a:?}"
        );
        assert!(a.error_text().contains(text), "{method} {path}: {a:?}");
    }
}

#[tokio::test]
async fn malformed_bodies_are_dlw_0007_not_a_crash() {
    let probe = Probe::fresh().await;
    for (path, query, body) in [
        ("Clients", "", "{not json"),
        ("Clients", "", "[1, 2]"),
        ("Clients", "", ""),
        ("Clients", "clientId=10000000009188&", r#"{"lastname": 5}"#),
        ("Cities", "countryId=2&", "\"Таганрог\""),
        (
            "Clients/Contacts",
            "clientId=10000000009188&",
            r#"{"typeId": "1", "value": "1""#,
        ),
    ] {
        let method = if query.starts_with("clientId") && path == "Clients" {
            Method::PUT
        } else {
            Method::POST
        };
        let url = probe.url(&format!("{path}?{query}objectId=1"));
        let request = probe
            .raw(method, &url)
            .header("sid", "demo")
            .header("content-type", "application/json")
            .body(body);
        let a = crate::support::answer(request).await;
        assert_eq!(
            (a.status, a.code()),
            (400, "DLW-0007"),
            "{path} {body}: {a:?}"
        );
    }
    assert_eq!(probe.card(SAMPLE_CLIENT).await["lastname"], "Безногов");
}

#[tokio::test]
async fn unknown_paths_and_methods_are_err_envelopes() {
    let probe = Probe::start(SandboxConfig::default()).await;
    for url in [
        probe.url("/Clients?Id=10000000009188&objectId=1"), // a bad join: two slashes
        probe.url("clients?Id=10000000009188&objectId=1"),
        probe.url("Clients/?Id=10000000009188&objectId=1"),
        format!("http://{}/Clients?objectId=1", probe.sandbox.addr()),
    ] {
        let a = crate::support::answer(probe.raw(Method::GET, &url).header("sid", "demo")).await;
        assert_eq!((a.status, a.code()), (404, "DLW-0000"), "{url}: {a:?}");
    }
    let a = probe
        .call(
            Method::PATCH,
            "Clients",
            &[("clientId", SAMPLE_CLIENT)],
            None,
        )
        .await;
    assert_eq!((a.status, a.code()), (405, "DLW-0000"), "{a:?}");
    let a = probe
        .get("Clients/Contacts", &[("clientId", SAMPLE_CLIENT)])
        .await;
    assert_eq!((a.status, a.code()), (405, "DLW-0000"), "{a:?}");
}

#[tokio::test]
async fn cities_can_be_added_renamed_and_deleted() {
    let probe = Probe::fresh().await;
    let before = probe.get("Cities", &[("countryId", "2")]).await;
    let max = before.data().as_array().unwrap().iter();
    let max: u64 = max
        .map(|c| c["id"].as_str().unwrap().parse::<u64>().unwrap())
        .max()
        .unwrap();

    let added = probe
        .post("Cities", &[("countryId", "2")], json!({"Name": "Таганрог"}))
        .await;
    let id = added.data()["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 14);
    assert!(id.parse::<u64>().unwrap() > max);
    assert_eq!(*added.data(), json!({"id": id, "name": "Таганрог"}));
    let cities = probe.get("Cities", &[("countryId", "2")]).await;
    assert_eq!(by_id(cities.data(), &id).unwrap()["name"], "Таганрог");

    let renamed = probe
        .put("Cities", &[("Id", &id)], json!({"Name": "Таганрог 2"}))
        .await;
    assert_eq!(*renamed.data(), json!({"id": id, "name": "Таганрог 2"}));
    let empty = probe
        .put("Cities", &[("Id", &id)], json!({"Name": " "}))
        .await;
    assert_eq!((empty.status, empty.code()), (400, "DLW-0007"));

    let deleted = probe.delete("Cities", &[("Id", &id)]).await;
    assert_eq!(*deleted.data(), json!({"id": id}));
    let cities = probe.get("Cities", &[("countryId", "2")]).await;
    assert!(by_id(cities.data(), &id).is_none());

    // Moscow has the sample client's address: it stays.
    let used = probe.delete("Cities", &[("Id", "10000000000002")]).await;
    assert_eq!((used.status, used.code()), (409, "DLW-0010"), "{used:?}");
}

#[tokio::test]
async fn streets_can_be_added_changed_and_deleted() {
    let probe = Probe::fresh().await;
    let city = [("cityId", "10000000000016")];
    let added = probe
        .post(
            "Streets",
            &city,
            json!({"Name": "Комсомольцев", "PostCode": "ХХХ"}),
        )
        .await;
    let id = added.data()["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 14);
    assert_eq!(
        *added.data(),
        json!({"id": id, "name": "Комсомольцев", "postCode": "ХХХ"})
    );
    let streets = probe.get("Streets", &city).await;
    assert_eq!(
        streets.data()[0]["id"],
        id,
        "newest first, as in the sample"
    );

    let changed = probe
        .put(
            "Streets",
            &[("Id", &id)],
            json!({"Name": "Ленина", "PostCode": "ООО"}),
        )
        .await;
    assert_eq!(
        *changed.data(),
        json!({"id": id, "name": "Ленина", "postCode": "ООО"})
    );

    let deleted = probe.delete("Streets", &[("Id", &id)]).await;
    assert_eq!(*deleted.data(), json!({"id": id}));
    let streets = probe.get("Streets", &city).await;
    assert!(by_id(streets.data(), &id).is_none());

    let used = probe.delete("Streets", &[("Id", "10000000000031")]).await;
    assert_eq!((used.status, used.code()), (409, "DLW-0010"), "{used:?}");
}

#[tokio::test]
async fn a_new_client_gets_its_card_with_names_filled() {
    let probe = Probe::fresh().await;
    let answer = probe.post("Clients", &[], vendor_new_client()).await;
    let card = answer.data();
    let id = card["id"].as_str().unwrap();
    assert_eq!(id.len(), 14);
    assert!(id.parse::<u64>().unwrap() > SAMPLE_CLIENT.parse::<u64>().unwrap());
    assert_eq!(card["lastname"], "Васильев");
    assert_eq!(card["birthday"], "1999-01-01T00:00:00");
    assert_eq!(card["note"], "новый клиент");
    let contacts = card["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 2);
    assert_eq!(contacts[0]["typeName"], "Телефон домашний");
    assert_eq!(contacts[1]["typeName"], "E-Mail");
    assert_eq!(contacts[1]["value"], "v4@com.com");
    let address = &card["addresses"][0];
    assert_eq!(address["typeName"], "Домашний");
    assert_eq!(address["country"], "Узбекистан");
    assert_eq!(address["city"], "Ташкент");
    assert_eq!(address["street"], "Квартал 328");
    assert_eq!(address["dopInfo"], "лифта нет");
    assert_eq!(address["metroStationId"], "");
    assert_eq!(address["metroStation"], "");
    assert_eq!(address["lat"], "");
    assert_eq!(address["readOnly"], false);
    assert_eq!(card["accounts"], json!([]));
    assert_eq!(card["cards"], json!([]));
    assert_eq!(probe.card(id).await, *card);

    let nameless = probe.post("Clients", &[], json!({"note": "x"})).await;
    assert_eq!((nameless.status, nameless.code()), (400, "DLW-0007"));
    let mut bad = vendor_new_client();
    bad["addresses"][0]["streetId"] = json!("10000000000031"); // a Moscow street
    let a = probe.post("Clients", &[], bad).await;
    assert_eq!((a.status, a.code()), (400, "DLW-0007"), "{a:?}");
    let mut bad = vendor_new_client();
    bad["contacts"][1]["typeId"] = json!("9");
    let a = probe.post("Clients", &[], bad).await;
    assert_eq!((a.status, a.code()), (400, "DLW-0007"), "{a:?}");
    // The refused clients were not half-created.
    let next = (id.parse::<u64>().unwrap() + 1).to_string();
    let a = probe.get("Clients", &[("Id", &next)]).await;
    assert_eq!(a.status, 404, "{a:?}");
}

#[tokio::test]
async fn main_data_changes_only_what_is_sent() {
    let probe = Probe::fresh().await;
    let before = probe.card(SAMPLE_CLIENT).await;
    let c = [("clientId", SAMPLE_CLIENT)];
    let card = probe
        .put(
            "Clients",
            &c,
            json!({"lastname": "Иванов", "firstname": "Василий", "middlename": "Петрович"}),
        )
        .await;
    let card = card.data();
    assert_eq!(
        (&card["lastname"], &card["firstname"], &card["middlename"]),
        (&json!("Иванов"), &json!("Василий"), &json!("Петрович"))
    );
    assert_eq!(card["birthday"], "1971-10-18T00:00:00");
    assert_eq!(card["note"], "лояльный клиент");
    assert_eq!(card["contacts"], before["contacts"]);
    assert_eq!(card["addresses"], before["addresses"]);

    let card = probe
        .put(
            "Clients",
            &c,
            json!({"birthday": "1980-02-29", "note": "VIP"}),
        )
        .await;
    assert_eq!(card.data()["birthday"], "1980-02-29T00:00:00");
    assert_eq!(card.data()["note"], "VIP");
    assert_eq!(card.data()["lastname"], "Иванов");

    let card = probe.put("Clients", &c, json!({"birthday": ""})).await;
    assert_eq!(card.data()["birthday"], "");
    let bad = probe
        .put("Clients", &c, json!({"birthday": "29.02.1980"}))
        .await;
    assert_eq!((bad.status, bad.code()), (400, "DLW-0007"));
    assert_eq!(probe.card(SAMPLE_CLIENT).await["birthday"], "");
}

#[tokio::test]
async fn contacts_can_be_added_changed_and_deleted() {
    let probe = Probe::fresh().await;
    let before = probe.card(SAMPLE_CLIENT).await["contacts"].clone();
    let count = before.as_array().unwrap().len();
    let c = [("clientId", SAMPLE_CLIENT)];
    let card = probe
        .post(
            "Clients/Contacts",
            &c,
            json!({"typeId": "4", "value": "sample@com.com"}),
        )
        .await;
    let contacts = card.data()["contacts"].as_array().unwrap().clone();
    assert_eq!(contacts.len(), count + 1);
    let new = &contacts[count];
    assert_eq!(
        (&new["typeId"], &new["typeName"]),
        (&json!("4"), &json!("E-Mail"))
    );
    let id = new["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 14);

    let q = [("clientId", SAMPLE_CLIENT), ("contactId", id.as_str())];
    let card = probe
        .put(
            "Clients/Contacts",
            &q,
            json!({"value": "test@ru.ru", "typeId": "1"}),
        )
        .await;
    let changed = by_id(&card.data()["contacts"], &id).unwrap().clone();
    assert_eq!(changed["value"], "test@ru.ru");
    assert_eq!(changed["typeId"], "4", "PUT changes only the value");

    let card = probe.delete("Clients/Contacts", &q).await;
    assert!(by_id(&card.data()["contacts"], &id).is_none());
    assert_eq!(card.data()["contacts"], before);

    let bad = probe
        .post("Clients/Contacts", &c, json!({"typeId": "7", "value": "x"}))
        .await;
    assert_eq!((bad.status, bad.code()), (400, "DLW-0007"));
    let bad = probe
        .post("Clients/Contacts", &c, json!({"typeId": "1", "value": ""}))
        .await;
    assert_eq!((bad.status, bad.code()), (400, "DLW-0007"));
}

#[tokio::test]
async fn addresses_can_be_added_changed_in_part_and_deleted() {
    let probe = Probe::fresh().await;
    let before = probe.card(SAMPLE_CLIENT).await["addresses"].clone();
    let count = before.as_array().unwrap().len();
    let c = [("clientId", SAMPLE_CLIENT)];
    let body = json!({
        "typeId": "1", "countryId": "4", "zip": "777", "region": "Приморье",
        "cityId": "10000000000016", "streetId": "10000000016629", "house": "11",
        "building": "12", "entry": "5", "floor": "3", "apartments": "3", "entryCode": "2",
        "dopInfo": "долг 1000р."
    });
    let card = probe.post("Clients/Addresses", &c, body).await;
    let addresses = card.data()["addresses"].as_array().unwrap().clone();
    assert_eq!(addresses.len(), count + 1);
    let new = addresses[count].clone();
    let id = new["id"].as_str().unwrap().to_owned();
    assert_eq!(
        (&new["city"], &new["street"]),
        (&json!("Ташкент"), &json!("Квартал 328"))
    );

    let q = [("clientId", SAMPLE_CLIENT), ("contactId", id.as_str())];
    let card = probe
        .put(
            "Clients/Addresses",
            &q,
            json!({"region": "Речной", "house": "20"}),
        )
        .await;
    let changed = by_id(&card.data()["addresses"], &id).unwrap().clone();
    let mut expected = new.clone();
    expected["region"] = json!("Речной");
    expected["house"] = json!("20");
    assert_eq!(changed, expected, "only the fields sent change");

    // Moving to Moscow needs a Moscow street (or none) and may take a metro.
    let moved = json!({"countryId": "2", "cityId": "10000000000002", "streetId": "10000000000031", "metroStationId": "1"});
    let card = probe.put("Clients/Addresses", &q, moved).await;
    let changed = by_id(&card.data()["addresses"], &id).unwrap().clone();
    assert_eq!(
        (&changed["city"], &changed["metroStation"]),
        (&json!("Москва"), &json!("Авиамоторная"))
    );
    for bad in [
        json!({"cityId": "10000000000016"}), // the street stays in Moscow
        json!({"countryId": "5"}),           // Moscow is not in Moldova
        json!({"typeId": "3"}),
        json!({"metroStationId": "999"}),
        json!({"typeId": ""}),
    ] {
        let a = probe.put("Clients/Addresses", &q, bad.clone()).await;
        assert_eq!((a.status, a.code()), (400, "DLW-0007"), "{bad}: {a:?}");
    }
    let card = probe.put("Clients/Addresses", &q, json!({"countryId": "4", "cityId": "10000000000016", "streetId": "", "metroStationId": ""})).await;
    let changed = by_id(&card.data()["addresses"], &id).unwrap().clone();
    assert_eq!(
        (&changed["street"], &changed["streetId"]),
        (&json!(""), &json!(""))
    );
    assert_eq!(changed["country"], "Узбекистан", "{changed}");
    assert_eq!(changed["house"], "20", "{changed}");

    let card = probe.delete("Clients/Addresses", &q).await;
    assert_eq!(card.data()["addresses"], before);
}

#[tokio::test]
async fn a_client_can_be_deleted() {
    let probe = Probe::fresh().await;
    // A city and a street that only the sample client's new address uses
    // (the seed's Moscow is used by many clients' addresses).
    let city = probe
        .post("Cities", &[("countryId", "2")], json!({"Name": "Таганрог"}))
        .await;
    let city = city.data()["id"].as_str().unwrap().to_owned();
    let street = probe
        .post(
            "Streets",
            &[("cityId", &city)],
            json!({"Name": "Петровская", "PostCode": "347900"}),
        )
        .await;
    let street = street.data()["id"].as_str().unwrap().to_owned();
    let address = json!({"typeId": "1", "countryId": "2", "cityId": city, "streetId": street});
    let card = probe
        .post("Clients/Addresses", &[("clientId", SAMPLE_CLIENT)], address)
        .await;
    assert!(
        card.data()["addresses"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["cityId"] == city)
    );
    let used = probe.delete("Cities", &[("Id", &city)]).await;
    assert_eq!((used.status, used.code()), (409, "DLW-0010"), "{used:?}");
    let used = probe.delete("Streets", &[("Id", &street)]).await;
    assert_eq!((used.status, used.code()), (409, "DLW-0010"), "{used:?}");

    let deleted = probe
        .delete("Clients", &[("clientId", SAMPLE_CLIENT)])
        .await;
    assert_eq!(*deleted.data(), json!({"id": SAMPLE_CLIENT}));
    let gone = probe.get("Clients", &[("Id", SAMPLE_CLIENT)]).await;
    assert_eq!((gone.status, gone.code()), (404, "DLW-0010"));
    // Its addresses went with it: they no longer hold the street and city.
    let deleted = probe.delete("Streets", &[("Id", &street)]).await;
    assert_eq!(*deleted.data(), json!({"id": street}));
    let deleted = probe.delete("Cities", &[("Id", &city)]).await;
    assert_eq!(*deleted.data(), json!({"id": city}));
}

#[tokio::test]
async fn client_deletion_can_be_switched_off() {
    let probe = Probe::start(SandboxConfig {
        client_delete: false,
        cache_ttl: std::time::Duration::ZERO,
        ..SandboxConfig::default()
    })
    .await;
    let a = probe
        .delete("Clients", &[("clientId", SAMPLE_CLIENT)])
        .await;
    assert_eq!((a.status, a.code()), (501, "DLW-0011"));
    assert_eq!(a.json["errors"][0]["text"], "Not implemented");
    assert_eq!(probe.card(SAMPLE_CLIENT).await["id"], SAMPLE_CLIENT);
}
