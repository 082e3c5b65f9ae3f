//! A probe of the sandbox CRM written from the vendor's documentation: plain
//! HTTP with reqwest, the `sid` header and `objectId` on every call.

use std::time::Duration;

use crmcard::sandbox::{Sandbox, SandboxConfig, start};
use reqwest::Method;
use serde_json::Value;

/// The sample client of the vendor's documentation.
pub const SAMPLE_CLIENT: &str = "10000000009188";

/// One answer: the HTTP status, the raw text, and the JSON if it is JSON.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub text: String,
    pub json: Value,
}

impl Answer {
    /// `data` of an `Ok` envelope; panics with the whole answer otherwise.
    pub fn data(&self) -> &Value {
        assert_eq!(self.status, 200, "{self:#?}");
        assert_eq!(self.json["status"], "Ok", "{self:#?}");
        &self.json["data"]
    }

    /// The first error code of an `Err` envelope.
    pub fn code(&self) -> &str {
        assert_eq!(self.json["status"], "Err", "{self:#?}");
        assert!(self.json.get("data").is_none(), "{self:#?}");
        self.json["errors"][0]["code"].as_str().unwrap()
    }

    pub fn error_text(&self) -> String {
        format!(
            "{} {}",
            self.json["errors"][0]["text"].as_str().unwrap_or(""),
            self.json["errors"][0]["details"].as_str().unwrap_or("")
        )
    }
}

pub struct Probe {
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
    pub sid: String,
    pub object_id: String,
}

impl Probe {
    pub async fn start(config: SandboxConfig) -> Probe {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let (sid, object_id) = (config.sid.clone(), config.object_id.clone());
        let sandbox = start(config, "127.0.0.1:0".parse().unwrap()).await.unwrap();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .build()
            .unwrap();
        Probe {
            sandbox,
            http,
            sid,
            object_id,
        }
    }

    /// A sandbox that does not cache, so that reads see writes at once.
    pub async fn fresh() -> Probe {
        Probe::start(SandboxConfig {
            cache_ttl: Duration::ZERO,
            ..SandboxConfig::default()
        })
        .await
    }

    /// A call as the vendor documents it: `sid` header, `objectId` last.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<Value>,
    ) -> Answer {
        let mut query = query.to_vec();
        query.push(("objectId", &self.object_id));
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.sandbox.base_url()))
            .header("sid", &self.sid)
            .query(&query);
        if let Some(body) = body {
            request = request.json(&body);
        }
        answer(request).await
    }

    pub async fn get(&self, path: &str, query: &[(&str, &str)]) -> Answer {
        self.call(Method::GET, path, query, None).await
    }

    pub async fn post(&self, path: &str, query: &[(&str, &str)], body: Value) -> Answer {
        self.call(Method::POST, path, query, Some(body)).await
    }

    pub async fn put(&self, path: &str, query: &[(&str, &str)], body: Value) -> Answer {
        self.call(Method::PUT, path, query, Some(body)).await
    }

    pub async fn delete(&self, path: &str, query: &[(&str, &str)]) -> Answer {
        self.call(Method::DELETE, path, query, None).await
    }

    /// A request built by hand: any URL, headers and body.
    pub fn raw(&self, method: Method, url: &str) -> reqwest::RequestBuilder {
        self.http.request(method, url)
    }

    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.sandbox.base_url())
    }

    pub async fn card(&self, id: &str) -> Value {
        self.get("Clients", &[("Id", id)]).await.data().clone()
    }
}

pub async fn answer(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let text = response.text().await.unwrap();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer {
        status,
        content_type,
        text,
        json,
    }
}

/// The names in a dictionary list.
pub fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

/// The entry of a list with this id.
pub fn by_id<'a>(list: &'a Value, id: &str) -> Option<&'a Value> {
    list.as_array().unwrap().iter().find(|e| e["id"] == id)
}
