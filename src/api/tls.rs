//! TLS for an `https` CRM: the system's root certificates, read once.
//!
//! The system store is what corporate CAs are installed into, so it stays
//! the one trusted: `SSL_CERT_FILE` and `SSL_CERT_DIR` when set (as OpenSSL
//! does), otherwise the distribution's bundle file, and only when there is
//! no bundle, its certificate directory. (The platform verifier reqwest
//! would use reads the bundle and then every file of the directory, which
//! holds the same certificates again.)
//!
//! Nothing here runs for a plain `http` base URL, and for an `https` one it
//! runs with the first request, off the path to the first frame.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

/// Bundle files of the common distributions, first found wins.
const BUNDLES: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/ca-bundle.pem",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/ssl/cert.pem",
    "/usr/local/etc/openssl/cert.pem",
];

/// Certificate directories, used only when there is no bundle.
const DIRS: &[&str] = &["/etc/ssl/certs", "/etc/pki/tls/certs"];

/// The rustls configuration for an `https` CRM: the system's roots, the
/// ring provider, HTTP/2 and 1.1 offered.
pub(crate) fn https_config() -> Result<rustls::ClientConfig, String> {
    let roots = system_roots();
    if roots.is_empty() {
        return Err(
            "no root certificates were found in the system store (set SSL_CERT_FILE)".to_owned(),
        );
    }
    config_with(roots)
}

/// A configuration that trusts nothing: for a plain `http` CRM, where TLS
/// is never used, so that no certificate is read at all.
pub(crate) fn no_roots_config() -> Result<rustls::ClientConfig, String> {
    config_with(RootCertStore::empty())
}

fn config_with(roots: RootCertStore) -> Result<rustls::ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

/// The system's root certificates, each source read once.
pub(crate) fn system_roots() -> RootCertStore {
    let mut store = RootCertStore::empty();
    let env_file = std::env::var_os("SSL_CERT_FILE").map(PathBuf::from);
    let env_dir = std::env::var_os("SSL_CERT_DIR").map(PathBuf::from);
    if env_file.is_some() || env_dir.is_some() {
        if let Some(file) = env_file {
            add_file(&mut store, &file);
        }
        if let Some(dirs) = env_dir {
            for dir in std::env::split_paths(&dirs) {
                add_dir(&mut store, &dir);
            }
        }
        return store;
    }
    if let Some(bundle) = BUNDLES.iter().map(Path::new).find(|p| p.is_file()) {
        add_file(&mut store, bundle);
    } else if let Some(dir) = DIRS.iter().map(Path::new).find(|p| p.is_dir()) {
        add_dir(&mut store, dir);
    }
    tracing::debug!(roots = store.len(), "root certificates loaded");
    store
}

fn add_file(store: &mut RootCertStore, path: &Path) {
    match CertificateDer::pem_file_iter(path) {
        Ok(certs) => {
            let (added, ignored) = store.add_parsable_certificates(certs.flatten());
            tracing::debug!(path = %path.display(), added, ignored, "root certificates");
        }
        Err(e) => tracing::warn!(path = %path.display(), error = %e, "cannot read certificates"),
    }
}

fn add_dir(store: &mut RootCertStore, dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_file() {
            add_file(store, &path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_http_config_reads_no_certificate() {
        let config = no_roots_config().expect("config");
        assert_eq!(config.alpn_protocols.len(), 2);
    }

    #[test]
    fn a_file_of_garbage_adds_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("bundle.pem");
        std::fs::write(&path, "not a certificate\n").expect("write");
        let mut store = RootCertStore::empty();
        add_file(&mut store, &path);
        add_dir(&mut store, dir.path());
        assert!(store.is_empty());
    }

    /// A server whose certificate no system store holds (self-signed, made
    /// for this test only): the error says it is the certificate, not the
    /// network, and it is not retried.
    #[tokio::test]
    async fn an_unknown_ca_is_a_certificate_error_not_no_connection() {
        use std::io::Read;

        use rustls::pki_types::PrivateKeyDer;

        use crate::api::{ApiError, Client, ClientOptions, Sid};

        let certs: Vec<CertificateDer<'static>> =
            CertificateDer::pem_slice_iter(include_bytes!("testdata/self_signed.crt"))
                .collect::<Result<_, _>>()
                .expect("the test certificate");
        let key = PrivateKeyDer::from_pem_slice(include_bytes!("testdata/self_signed.key"))
            .expect("the test key");
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let server = Arc::new(
            rustls::ServerConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .expect("TLS versions")
                .with_no_client_auth()
                .with_single_cert(certs, key)
                .expect("a server config"),
        );
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(3).flatten() {
                if let Ok(conn) = rustls::ServerConnection::new(server.clone()) {
                    let mut tls = rustls::StreamOwned::new(conn, stream);
                    let _ = tls.read(&mut [0u8; 1]);
                }
            }
        });
        let base = format!("https://127.0.0.1:{port}/api/v1/crm/");
        let client =
            Client::new(ClientOptions::new(base, "1", Sid::new("demo-key"))).expect("client");
        let error = client
            .countries()
            .await
            .expect_err("an untrusted certificate");
        assert!(matches!(error, ApiError::Certificate { .. }), "{error:?}");
        assert!(!error.is_transient());
        assert!(error.to_string().contains("certificate"), "{error}");
    }
}
