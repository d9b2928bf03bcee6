//! Starts a dev hub on a free loopback port, in-process, for tests over real HTTP.
#![allow(dead_code)] // each test binary uses a different part

use reqwest::{Response, StatusCode};
use serde_json::Value;
use std::{path::PathBuf, time::Duration};
use uuid::Uuid;
use wayai_devhub::Config;
pub use wayai_devhub::DEV_TOKEN;

pub const OPENAI: &str = "0cd6a292-895b-4667-b89e-dd298628c272";
pub const EXTERNAL_RESOURCES: &str = "e8f9a0b1-2c3d-4e5f-6789-0abcdef12345";
pub const USER_TOOL_API_KEY: &str = "b15fb991-63e1-4a79-a174-d10aa66f4414";
pub const USER_TOOL_BASIC: &str = "c25fb992-63e1-4a79-a174-d10aa66f4415";
pub const MCP_TOKEN: &str = "f1a2b3c4-d5e6-7890-abcd-ef1234567890";
pub const MCP_OAUTH: &str = "a2b3c4d5-e6f7-8901-bcde-f12345678901";
pub const GMAIL: &str = "e12d4567-89ab-4cef-9012-3456789abcde";
pub const WHATSAPP: &str = "5fb214cb-aaa8-4b3d-8c65-c9370b3e7c85";
pub const WHATSAPP_TOKEN: &str = "1f754913-d935-45cb-a7d9-fb537b081852";
pub const WAYAI: &str = "b17d9f3a-4e1b-46c9-b648-a2f0c3611aa4";

pub struct Hub {
    pub url: String,
    pub client: reqwest::Client,
    /// A fresh hub id per test hub, so tests never see each other's connections.
    pub hub_id: Uuid,
}

impl Hub {
    pub async fn start() -> Hub {
        Hub::start_with(Config {
            mcp_timeout: Duration::from_millis(1500),
            ..Config::default()
        })
        .await
    }

    pub async fn start_with(config: Config) -> Hub {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(wayai_devhub::serve(listener, config));
        Hub {
            url,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            hub_id: Uuid::new_v4(),
        }
    }

    /// `/api/hubs/{hub_id}` followed by `rest`.
    pub fn hub_path(&self, rest: &str) -> String {
        format!("/api/hubs/{}{rest}", self.hub_id)
    }

    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .get(format!("{}{path}", self.url))
            .bearer_auth(DEV_TOKEN)
    }

    pub fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &Value,
    ) -> reqwest::RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.url))
            .bearer_auth(DEV_TOKEN)
            .json(body)
    }

    pub fn post(&self, path: &str, body: &Value) -> reqwest::RequestBuilder {
        self.send_json(reqwest::Method::POST, path, body)
    }

    pub fn patch(&self, path: &str, body: &Value) -> reqwest::RequestBuilder {
        self.send_json(reqwest::Method::PATCH, path, body)
    }

    pub fn delete(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .delete(format!("{}{path}", self.url))
            .bearer_auth(DEV_TOKEN)
    }

    /// Creates a connection with a fresh idempotency key; returns the status and JSON body.
    pub async fn create(&self, body: Value) -> (StatusCode, Value) {
        json(
            self.post(&self.hub_path("/connections"), &body)
                .header("idempotency-key", Uuid::new_v4().to_string())
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// Sends `body` as it is (any text, as any client may) to create a connection, as JSON with
    /// a fixed idempotency key; returns the status and JSON body.
    pub async fn create_raw(&self, body: String) -> (StatusCode, Value) {
        exchange(
            self.client
                .post(format!("{}{}", self.url, self.hub_path("/connections")))
                .bearer_auth(DEV_TOKEN)
                .header("idempotency-key", "k")
                .header("content-type", "application/json")
                .body(body),
        )
        .await
    }

    /// Creates a connection that must succeed; returns it.
    pub async fn create_ok(&self, body: Value) -> Value {
        let (status, body) = self.create(body).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body
    }

    pub async fn connections(&self) -> Vec<Value> {
        let (status, body) = json(
            self.get(&self.hub_path("/connections"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        body["connections"].as_array().unwrap().clone()
    }

    /// Sets the demo MCP server's tools.
    pub async fn set_demo_tools(&self, tools: Value) {
        self.set_demo_tool_set("", tools).await;
    }

    /// Sets the tools of a named demo tool set (`/dev/mcp?set=<name>`).
    pub async fn set_demo_tool_set(&self, set: &str, tools: Value) {
        let r = self
            .client
            .put(format!("{}/dev/mcp-tools?set={set}", self.url))
            .bearer_auth(DEV_TOKEN)
            .json(&serde_json::json!({ "tools": tools }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }
}

/// Sends `request`: the status and JSON body of its response.
pub async fn exchange(request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    json(request.send().await.unwrap()).await
}

/// Status and JSON body of a response (Null for an empty body).
pub async fn json(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    };
    (status, body)
}

/// The field names of a 422 body, in order.
pub fn error_fields(body: &Value) -> Vec<String> {
    body["fields"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .map(|f| f["field"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// A fresh empty directory under the system temp dir.
pub fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wayai-devhub-test-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---- OAuth flows through the simulated provider ----

/// The page origin the tests start flows from.
pub const ORIGIN: &str = "http://127.0.0.1:8080";

pub async fn start_flow(hub: &Hub, body: Value) -> (StatusCode, Value) {
    exchange(hub.post(&hub.hub_path("/oauth/flows"), &body)).await
}

/// Walks the consent page: opens the authorize URL, submits the decision, follows the redirect to
/// the callback. Returns the callback page's HTML.
pub async fn consent(hub: &Hub, flow: &Value, decision: &str, account: &str) -> String {
    let authorize = flow["authorize_url"].as_str().unwrap();
    let page = hub.client.get(authorize).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Allow") && html.contains("Deny"), "{html}");
    let state = flow["state"].as_str().unwrap();
    let redirect = post_decision(hub, flow, decision, account).await;
    assert!(redirect.status().is_redirection(), "{}", redirect.status());
    let location = redirect.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with(&format!("{}/api/oauth/callback?", hub.url)),
        "{location}"
    );
    assert!(location.contains(&format!("state={state}")));
    let callback = hub.client.get(location).send().await.unwrap();
    assert_eq!(callback.status(), StatusCode::OK);
    callback.text().await.unwrap()
}

/// Submits the consent page's form (as the browser does): the provider's redirect.
pub async fn post_decision(
    hub: &Hub,
    flow: &Value,
    decision: &str,
    account: &str,
) -> reqwest::Response {
    let state = flow["state"].as_str().unwrap();
    hub.client
        .post(format!("{}/dev/oauth/decide", hub.url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "state={state}&decision={decision}&account={}",
            account.replace('@', "%40")
        ))
        .send()
        .await
        .unwrap()
}

pub async fn flow_status(hub: &Hub, flow: &Value) -> Value {
    let (status, body) =
        exchange(hub.get(&hub.hub_path(&format!("/oauth/flows/{}", flow["id"].as_str().unwrap()))))
            .await;
    assert_eq!(status, StatusCode::OK);
    body
}

/// The person's answer on the dev hub's demo authorization server's consent page: where it
/// sends the browser.
pub async fn as_consent(authorize_url: &str, decision: &str) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = client.get(authorize_url).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Authorize WayAI hub"));
    let url = url::Url::parse(authorize_url).unwrap();
    let mut form: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    form.push(("decision".into(), decision.into()));
    let answer = client
        .post(url.as_str().split('?').next().unwrap())
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    answer.headers()["location"].to_str().unwrap().to_string()
}

/// An MCP Server - OAuth connection named "Docs MCP" to the dev hub's OAuth-protected demo
/// server, allowed on its authorization server's consent page: the flow and the connection's id.
pub async fn grant_mcp_oauth(hub: &Hub) -> (Value, String) {
    let (status, flow) = start_flow(
        hub,
        serde_json::json!({ "connector_id": MCP_OAUTH, "name": "Docs MCP", "opener_origin": ORIGIN,
                            "config": { "url": format!("{}/dev/mcp-protected", hub.url) } }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    let back = as_consent(flow["authorize_url"].as_str().unwrap(), "allow").await;
    let callback = hub.client.get(back).send().await.unwrap();
    assert_eq!(callback.status(), StatusCode::OK);
    let id = flow_status(hub, &flow).await["connection_id"]
        .as_str()
        .unwrap()
        .to_string();
    (flow, id)
}

// ---- A server that must receive no credential ----

/// A loopback server that records every request it is sent and answers 404: a test points the
/// hub at it (directly, through a redirect, or as `0.0.0.0`, which reaches loopback) and then
/// checks that no credential arrived.
pub struct Collector {
    pub port: u16,
    /// An address on it: `http://127.0.0.1:{port}/collect`.
    pub url: String,
    seen: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Collector {
    pub async fn start() -> Collector {
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let record = seen.clone();
        let app = axum::Router::new().fallback(move |request: axum::extract::Request| {
            let record = record.clone();
            async move {
                let (parts, body) = request.into_parts();
                let body = axum::body::to_bytes(body, 1 << 20)
                    .await
                    .unwrap_or_default();
                let headers: Vec<String> = parts
                    .headers
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", v.to_str().unwrap_or("?")))
                    .collect();
                record.lock().unwrap().push(format!(
                    "{} {}\n{}\n\n{}",
                    parts.method,
                    parts.uri,
                    headers.join("\n"),
                    String::from_utf8_lossy(&body)
                ));
                StatusCode::NOT_FOUND
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move { axum::serve(listener, app).await });
        let url = format!("http://127.0.0.1:{port}/collect");
        Collector { port, url, seen }
    }

    /// Whether any request it received contains `needle`.
    pub fn saw(&self, needle: &str) -> bool {
        self.requests().iter().any(|r| r.contains(needle))
    }

    /// Every request it received, as text (request line, headers, body).
    pub fn requests(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }

    /// Fails the test if any request carried a credential: an `Authorization` header, or a
    /// token, refresh token or client secret in its body.
    pub fn assert_no_credential(&self) {
        for request in self.requests() {
            let lower = request.to_ascii_lowercase();
            for sign in [
                "authorization:",
                "token=",
                "client_secret",
                "demo-at-",
                "demo-rt-",
            ] {
                assert!(
                    !lower.contains(sign),
                    "a credential arrived ({sign}):\n{request}"
                );
            }
        }
    }
}

/// A loopback server that answers every request with a 307 to `location`.
pub async fn redirector(location: String) -> String {
    let app = axum::Router::new().fallback(move || {
        let location = location.clone();
        async move {
            (
                StatusCode::TEMPORARY_REDIRECT,
                [(reqwest::header::LOCATION, location)],
            )
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

/// `POST …/connections/{id}/sync`: the status and JSON body.
pub async fn sync(hub: &Hub, id: &str) -> (StatusCode, Value) {
    exchange(hub.post(
        &hub.hub_path(&format!("/connections/{id}/sync")),
        &serde_json::json!({}),
    ))
    .await
}

/// A dev-only control of the hub (behind its token), which must succeed: its JSON answer.
pub async fn control(hub: &Hub, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
    let mut request = hub
        .client
        .request(method, format!("{}{path}", hub.url))
        .bearer_auth(DEV_TOKEN);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    response.json().await.unwrap_or(Value::Null)
}
