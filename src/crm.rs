//! Which CRM a piece of local or shared data describes.
//!
//! A client id means something only inside one CRM: the directory, the
//! drafts and the call log are kept per CRM, keyed by the normalised API
//! base URL and the restaurant's `objectId` ([`CrmKey`]). Two profiles that
//! spell the same URL differently (`HTTPS://Host:443/api/v1/crm` and
//! `https://host/api/v1/crm/`) name the same CRM.

use std::fmt;

/// The CRM a client id belongs to: the normalised base URL and `objectId`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CrmKey {
    base_url: String,
    object_id: String,
}

impl CrmKey {
    /// The key of the CRM at `base_url` for object `object_id`. The URL's
    /// scheme and host are lower-cased, a default port (80 for http, 443 for
    /// https) is dropped, a query or fragment is dropped, and the path ends
    /// with one `/`; a text that is not a URL is kept trimmed, lower-cased.
    pub fn new(base_url: &str, object_id: &str) -> Self {
        Self {
            base_url: normalise_url(base_url),
            object_id: object_id.trim().to_owned(),
        }
    }

    /// The demo's CRM (`crmcard --demo`): its sandbox listens on a new port
    /// every run, so its data is keyed by this fixed name instead of a URL.
    pub fn demo() -> Self {
        Self::new("demo", "1")
    }

    /// The normalised base URL.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The object number as given (trimmed).
    pub fn object_id(&self) -> &str {
        &self.object_id
    }

    /// The key as one text, `URL#objectId`: what the shared tables store.
    pub fn as_text(&self) -> String {
        format!("{}#{}", self.base_url, self.object_id)
    }

    /// A name for files and folders of this CRM: the host (letters, digits,
    /// `.` and `-` only), the object id's digits and letters, and a hash of
    /// the whole key, e.g. `dlv.ucs.ru-123-9f3c2a4b1d0e8f76`. Stable across
    /// versions (FNV-1a, not the standard library's hasher).
    pub fn file_slug(&self) -> String {
        let host = self
            .base_url
            .split("://")
            .nth(1)
            .unwrap_or(&self.base_url)
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default();
        let host: String = safe_chars(host, |c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        let object: String = safe_chars(&self.object_id, |c| c.is_ascii_alphanumeric());
        format!("{host}-{object}-{:016x}", fnv1a(self.as_text().as_bytes()))
    }
}

impl fmt::Display for CrmKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (objectId {})", self.base_url, self.object_id)
    }
}

fn safe_chars(text: &str, keep: impl Fn(char) -> bool) -> String {
    text.chars()
        .filter(|&c| keep(c))
        .take(40)
        .collect::<String>()
        .to_ascii_lowercase()
}

fn normalise_url(url: &str) -> String {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_lowercase();
    };
    let scheme = scheme.to_ascii_lowercase();
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut authority = authority.to_lowercase();
    let default_port = match scheme.as_str() {
        "http" => Some(":80"),
        "https" => Some(":443"),
        _ => None,
    };
    if let Some(port) = default_port
        && authority.ends_with(port)
    {
        authority.truncate(authority.len() - port.len());
    }
    let path = path.trim_end_matches('/');
    format!("{scheme}://{authority}{path}/")
}

/// 64-bit FNV-1a: small, stable, good enough to tell keys apart in names.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_url_are_one_crm() {
        let a = CrmKey::new("HTTPS://DLV.ucs.ru:443/api/v1/crm", "123");
        let b = CrmKey::new(" https://dlv.ucs.ru/api/v1/crm/ ", " 123 ");
        let c = CrmKey::new("https://dlv.ucs.ru/api/v1/crm//?x=1#frag", "123");
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a.base_url(), "https://dlv.ucs.ru/api/v1/crm/");
        assert_eq!(a.as_text(), "https://dlv.ucs.ru/api/v1/crm/#123");
        assert_eq!(a.file_slug(), b.file_slug());
    }

    #[test]
    fn another_object_port_or_path_is_another_crm() {
        let base = CrmKey::new("http://127.0.0.1:8080/api/v1/crm/", "1");
        for other in [
            CrmKey::new("http://127.0.0.1:8080/api/v1/crm/", "2"),
            CrmKey::new("http://127.0.0.1:8081/api/v1/crm/", "1"),
            CrmKey::new("http://127.0.0.1:8080/api/v2/crm/", "1"),
            CrmKey::new("https://127.0.0.1:8080/api/v1/crm/", "1"),
        ] {
            assert_ne!(base, other);
            assert_ne!(base.file_slug(), other.file_slug());
        }
    }

    #[test]
    fn the_file_slug_is_safe_and_stable() {
        let key = CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "123");
        let slug = key.file_slug();
        let hash = slug.strip_prefix("dlv.ucs.ru-123-").expect(&slug);
        assert_eq!(hash.len(), 16);
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit()));
        let hostile = CrmKey::new("http://../../etc/passwd/", "../1; rm");
        let slug = hostile.file_slug();
        assert!(
            slug.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'),
            "{slug}"
        );
        assert!(!slug.contains('/'));
    }

    #[test]
    fn the_demo_is_a_crm_of_its_own() {
        let demo = CrmKey::demo();
        assert_eq!(demo, CrmKey::demo());
        assert_ne!(demo, CrmKey::new("http://127.0.0.1:8080/api/v1/crm/", "1"));
        assert!(
            demo.file_slug().starts_with("demo-1-"),
            "{}",
            demo.file_slug()
        );
    }

    #[test]
    fn the_hash_is_fnv1a() {
        // The published FNV-1a 64 test vectors: the slug must not change
        // between versions, or a desk would lose its files.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
