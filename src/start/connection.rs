//! The CRM connection of this run as the client's options and as the
//! header's label.

use std::time::Duration;

use crate::api::ClientOptions;
use crate::config::Connection;
use crate::i18n::Lang;

pub(super) fn client_options(c: &Connection) -> ClientOptions {
    let mut options = ClientOptions::new(&c.base_url, &c.object_id, c.sid.clone());
    options.connect_timeout = Duration::from_secs(c.timeouts.connect_seconds);
    options.request_timeout = Duration::from_secs(c.timeouts.request_seconds);
    options
}

/// "demo" or "dlv.ucs.ru · object 123 · profile main".
pub(super) fn connection_label(c: &Connection, demo: bool, lang: Lang) -> String {
    let t = lang.texts();
    if demo {
        return t.demo_label.to_owned();
    }
    let host = url_host(&c.base_url);
    let mut label = format!("{host} · {} {}", t.object, c.object_id);
    if let Some(profile) = &c.profile {
        label.push_str(&format!(" · {profile}"));
    }
    crate::text::sanitize(&label)
}

/// The host (and port) of a URL, without the scheme, a user or a path:
/// `dlv.ucs.ru:8443` for `https://user@dlv.ucs.ru:8443/api/v1/crm/`; the
/// text itself when it is not a URL.
pub(super) fn url_host(url: &str) -> String {
    let Ok(parsed) = reqwest::Url::parse(url.trim()) else {
        return url.to_owned();
    };
    match (parsed.host_str(), parsed.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        (None, _) => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Sid;
    use crate::config;

    #[test]
    fn the_label_shows_the_host_only() {
        for (url, host) in [
            ("https://dlv.ucs.ru/api/v1/crm/", "dlv.ucs.ru"),
            ("HTTPS://DLV.UCS.RU/api/", "dlv.ucs.ru"),
            (
                "https://op:secret@dlv.ucs.ru:8443/api/v1/crm/",
                "dlv.ucs.ru:8443",
            ),
            ("http://127.0.0.1:8080/api/v1/crm/", "127.0.0.1:8080"),
            ("http://[::1]:8080/", "[::1]:8080"),
            ("https://crm.example/?sid=x#y", "crm.example"),
        ] {
            assert_eq!(url_host(url), host, "{url}");
        }
        let connection = Connection {
            base_url: "https://op:secret@dlv.ucs.ru/api/v1/crm/".to_owned(),
            object_id: "123".to_owned(),
            sid: Sid::new("k"),
            profile: Some("main".to_owned()),
            timeouts: config::Timeouts::default(),
        };
        assert_eq!(
            connection_label(&connection, false, Lang::En),
            "dlv.ucs.ru · object 123 · main"
        );
    }
}
