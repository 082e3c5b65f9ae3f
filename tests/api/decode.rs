//! Every vendor sample decodes into the model; hostile bodies become typed
//! errors, never panics.

use crmcard::api::ApiError;
use crmcard::api::decode::{decode, decode_card};
use crmcard::api::model::{
    AddressFields, CityBody, ClientCard, ContactType, ContactValue, Deleted, DictEntry, MainData,
    NewClient, NewContact, Street, StreetBody,
};
use serde::de::DeserializeOwned;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/vendor/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn answer<T: DeserializeOwned>(name: &str) -> T {
    decode(200, &fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn body<T: DeserializeOwned>(name: &str) -> T {
    serde_json::from_slice(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn dictionaries_decode() {
    let types: Vec<ContactType> = answer("types_contacts");
    assert_eq!(types.len(), 6);
    let home = types.iter().find(|t| t.id == "1").expect("type 1");
    assert_eq!(home.name, "Телефон домашний");
    assert!(home.is_phone && !home.is_email && !home.mailing);
    assert!(types.iter().find(|t| t.id == "4").expect("e-mail").is_email);

    let addresses: Vec<DictEntry> = answer("types_addresses");
    assert_eq!(addresses[1].name, "Рабочий");
    let countries: Vec<DictEntry> = answer("countries");
    assert_eq!(countries.len(), 3);
    let cities: Vec<DictEntry> = answer("cities");
    assert_eq!(cities[0].id, "10000000000024");
    let metro: Vec<DictEntry> = answer("metro_stations");
    assert_eq!(metro[2].name, "Академическая");
    let streets: Vec<Street> = answer("streets");
    assert_eq!(streets[1].post_code, "44");
}

#[test]
fn dictionary_writes_decode() {
    let city: DictEntry = answer("create_city");
    assert_eq!(
        (city.id.as_str(), city.name.as_str()),
        ("10000000000034", "Таганрог")
    );
    let renamed: DictEntry = answer("rename_city");
    assert_eq!(renamed.name, "Таганрог 2");
    let deleted: Deleted = answer("delete_city");
    assert_eq!(deleted.id, "10000000000034");
    let street: Street = answer("create_street");
    assert_eq!(street.post_code, "ХХХ");
    let updated: Street = answer("update_street");
    assert_eq!(updated.name, "Ленина");
    let deleted: Deleted = answer("delete_street");
    assert_eq!(deleted.id, "10000000016623");
    let deleted: Deleted = answer("delete_client");
    assert_eq!(deleted.id, "10000000009263");
}

#[test]
fn the_sample_card_decodes_field_by_field() {
    let card: ClientCard = answer("client");
    assert_eq!(card.id, "10000000009188");
    assert_eq!(card.lastname, "Безногов");
    assert_eq!(card.middlename, "Витальевич");
    assert_eq!(card.birthday, "1971-10-18T00:00:00");
    assert_eq!(card.note, "лояльный клиент");
    assert_eq!(card.contacts.len(), 2);
    assert_eq!(card.contacts[1].value, "+79998887766");
    let a = &card.addresses[0];
    assert_eq!(a.street, "10-я Текстильщиков");
    assert_eq!(a.zip, "111111");
    assert_eq!(a.apartments, "7");
    assert_eq!(a.metro_station, "Академическая");
    assert!(!a.read_only);
    let acc = &card.accounts[0];
    assert_eq!(acc.account_number, "03.00011.00010593.0001");
    assert_eq!(acc.account_type_id, 11);
    assert_eq!(acc.account_code, None);
    assert!(acc.balance.abs() < f64::EPSILON);
    let c = &card.cards[0];
    assert_eq!(c.card_code, "112232213");
    assert_eq!(c.group_id, 3);
    assert_eq!(c.date_expired, "2021-12-25T00:00:00");
}

#[test]
fn request_bodies_round_trip() {
    let new: NewClient = body("create_client_body");
    assert_eq!(new.birthday.as_deref(), Some("1999-01-01"));
    assert_eq!(new.contacts[1].value, "v4@com.com");
    assert_eq!(new.addresses[0].dop_info.as_deref(), Some("лифта нет"));
    let again: serde_json::Value = serde_json::to_value(&new).expect("serialise");
    let original: serde_json::Value = body("create_client_body");
    assert_eq!(
        again, original,
        "POST Clients body must serialise as the vendor's"
    );

    let main: MainData = body("update_client_body");
    let sent = serde_json::to_value(&main).expect("serialise");
    assert_eq!(sent, body::<serde_json::Value>("update_client_body"));

    let contact: NewContact = body("add_contact_body");
    assert_eq!(contact.type_id, "1");
    let value: ContactValue = body("update_contact_body");
    assert_eq!(value.value, "test@ru.ru");

    let changes: AddressFields = body("update_address_body");
    let sent = serde_json::to_value(&changes).expect("serialise");
    assert_eq!(sent, serde_json::json!({"region": "Речной", "house": "20"}));
    let full: AddressFields = body("add_address_body");
    assert_eq!(
        serde_json::to_value(&full).expect("serialise"),
        body::<serde_json::Value>("add_address_body")
    );

    let city: CityBody = body("create_city_body");
    assert_eq!(
        serde_json::to_string(&city).expect("json"),
        r#"{"Name":"Таганрог"}"#
    );
    let street: StreetBody = body("create_street_body");
    assert_eq!(
        serde_json::to_string(&street).expect("json"),
        r#"{"Name":"Комсомольцев","PostCode":"ХХХ"}"#
    );
}

#[test]
fn tolerant_of_numbers_nulls_and_unknown_fields() {
    let body = br#"{"status":"Ok","requestId":"x","data":{
        "id": 10000000009188, "lastname": null, "firstname": "", "birthday": null,
        "somethingNew": {"nested": [1, 2]},
        "contacts": [{"id": 5, "typeId": 1, "typeName": null, "value": 79161234567}],
        "addresses": null,
        "accounts": [{"accountNumber": "1", "accountTypeID": "7", "balance": "1234,5",
                      "accountCode": "", "accountDebitEnabled": 1}],
        "cards": [{"cardCode": 42, "groupID": null, "isVirtualCard": "true"}]}}"#;
    let card: ClientCard = decode(200, body).expect("tolerant decode");
    assert_eq!(card.id, "10000000009188");
    assert_eq!(card.lastname, "");
    assert_eq!(card.contacts[0].id, "5");
    assert_eq!(card.contacts[0].value, "79161234567");
    assert!(card.addresses.is_empty());
    assert_eq!(card.accounts[0].account_type_id, 7);
    assert!((card.accounts[0].balance - 1234.5).abs() < 1e-9);
    assert_eq!(card.accounts[0].account_code, None);
    assert!(card.accounts[0].account_debit_enabled);
    assert_eq!(card.cards[0].card_code, "42");
    assert!(card.cards[0].is_virtual_card);
}

#[test]
fn err_envelope_becomes_a_crm_error() {
    let body =
        br#"{"errors":[{"code":"DLW-0005","text":"Authentication error","details":"bad key"}],
        "ver":"1.3.0.32","timestamp":"2020-02-12T13:15:34","status":"Err",
        "requestId":"c98e26da9b9046d3bbb862e02d27bc25"}"#;
    let err = decode::<ClientCard>(401, body).expect_err("error");
    assert!(err.is_auth());
    assert_eq!(err.request_id(), Some("c98e26da9b9046d3bbb862e02d27bc25"));
    let crm = err.crm().expect("crm error");
    assert_eq!(crm.code(), "DLW-0005");
    assert_eq!(crm.errors[0].details, "bad key");
    assert!(!err.is_transient());
    // An Err envelope on 200 is an error too.
    assert!(
        decode::<ClientCard>(200, body)
            .expect_err("error")
            .is_auth()
    );
}

#[test]
fn unknown_codes_are_kept_as_they_come() {
    let body = r#"{"status":"Err","errors":[{"code":"DLW-0999","text":"Новая ошибка"}]}"#;
    let err = decode::<Deleted>(200, body.as_bytes()).expect_err("error");
    assert_eq!(err.crm().expect("crm").code(), "DLW-0999");
    assert!(err.to_string().contains("Новая ошибка"));
    assert_eq!(crmcard::api::error::dlw_meaning("DLW-0999"), None);
    assert!(crmcard::api::error::dlw_meaning("DLW-0011").is_some());
}

#[test]
fn html_error_page_is_an_http_status_error() {
    let body = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    match decode::<ClientCard>(502, body) {
        Err(ApiError::HttpStatus { status, excerpt }) => {
            assert_eq!(status, 502);
            assert!(excerpt.contains("502 Bad Gateway"));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        decode::<ClientCard>(502, body)
            .expect_err("e")
            .is_transient()
    );
}

#[test]
fn html_with_status_200_is_malformed() {
    let err = decode::<ClientCard>(200, b"<html>Maintenance</html>").expect_err("e");
    assert!(
        matches!(err, ApiError::Malformed { ref reason, .. } if reason == "not JSON"),
        "{err:?}"
    );
    assert!(!err.is_transient());
}

#[test]
fn truncated_json_is_malformed() {
    let err = decode::<ClientCard>(200, r#"{"data":{"id":"1","lastname":"Ива"#.as_bytes())
        .expect_err("e");
    assert!(
        matches!(err, ApiError::Malformed { ref reason, .. } if reason.contains("cut off")),
        "{err:?}"
    );
}

#[test]
fn empty_body_is_malformed_or_status() {
    assert!(matches!(
        decode::<ClientCard>(200, b""),
        Err(ApiError::Malformed { .. })
    ));
    assert!(matches!(
        decode::<ClientCard>(503, b"  "),
        Err(ApiError::HttpStatus { status: 503, .. })
    ));
}

#[test]
fn wrong_shapes_are_malformed() {
    for body in [
        &br#"{"status":"Ok","data":[1,2,3]}"#[..],
        br#"{"status":"Maybe","data":{}}"#,
        br#"{"status":"Ok","data":{"lastname":"x"}}"#,
        br#"{"status":"Ok","data":"text"}"#,
        br#"[1,2]"#,
        br#""just a string""#,
    ] {
        let err = decode_card(200, body).expect_err("must fail");
        assert!(matches!(err, ApiError::Malformed { .. }), "{err:?}");
    }
}

#[test]
fn excerpts_are_short_and_free_of_control_characters() {
    let mut body = String::from("<html>\x1b]0;owned\x07");
    body.push_str(&"x".repeat(5000));
    let err = decode::<ClientCard>(500, body.as_bytes()).expect_err("e");
    let ApiError::HttpStatus { excerpt, .. } = err else {
        panic!("{err:?}")
    };
    assert!(excerpt.chars().count() <= 161);
    assert!(!excerpt.chars().any(char::is_control));
}

#[test]
fn an_ok_answer_without_a_card_means_no_such_client() {
    for body in [
        &br#"{"status":"Ok"}"#[..],
        br#"{"status":"Ok","data":null}"#,
        br#"{"status":"Ok","data":{}}"#,
    ] {
        let err = decode_card(200, body).expect_err("must fail");
        assert_eq!(err, ApiError::NotFound, "{}", String::from_utf8_lossy(body));
        assert!(!err.is_transient());
    }
    // Elsewhere a missing `data` is an unreadable answer.
    assert!(matches!(
        decode::<Deleted>(200, br#"{"status":"Ok"}"#),
        Err(ApiError::Malformed { .. })
    ));
}
