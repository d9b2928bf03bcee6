//! Secrets stay bound to where they were entered for: moving a connection's address asks for its
//! secrets again, and nothing stored ever reaches the new address. A collector on loopback plays
//! the address an attacker (or a typo) would point the connection at.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use wayai_devhub::dev::DEMO_MCP_TOKEN;

fn field_names(body: &Value) -> Vec<String> {
    let mut names = error_fields(body);
    names.sort();
    names
}

#[tokio::test]
async fn moving_an_mcp_url_needs_the_token_again_and_the_old_one_never_leaves() {
    let hub = Hub::start().await;
    let collector = Collector::start().await;
    let created = hub
        .create_ok(
            json!({ "connector_id": MCP_TOKEN, "name": "Secured", "config": {
            "url": format!("{}/dev/mcp-secured", hub.url), "bearer_token": DEMO_MCP_TOKEN } }),
        )
        .await;
    assert_eq!(created["health"]["status"], "ok", "{created}");
    let path = hub.hub_path(&format!("/connections/{}", created["id"].as_str().unwrap()));

    // The URL alone: refused, naming the secret to enter again; nothing was sent anywhere.
    let (status, body) =
        exchange(hub.patch(&path, &json!({ "config": { "url": collector.url } }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(field_names(&body), ["bearer_token"]);
    assert!(collector.requests().is_empty());
    let (_, unchanged) = exchange(hub.get(&path)).await;
    assert_eq!(unchanged["config"]["url"], created["config"]["url"]);

    // Sending the same URL again is no move.
    let (status, _) = exchange(hub.patch(
        &path,
        &json!({ "config": { "url": format!(" {}/dev/mcp-secured ", hub.url) } }),
    ))
    .await;
    assert_eq!(status, StatusCode::OK);

    // The URL with a token entered for it: the new address gets that token, never the old one.
    let (status, moved) = exchange(hub.patch(
        &path,
        &json!({ "config": { "url": collector.url, "bearer_token": "entered-for-the-collector" } }),
    ))
    .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert!(collector.saw("entered-for-the-collector"));
    assert!(
        !collector.saw(DEMO_MCP_TOKEN),
        "the old token reached the new address"
    );
}

#[tokio::test]
async fn moving_a_base_url_needs_every_stored_secret_again() {
    let hub = Hub::start().await;
    let created = hub
        .create_ok(
            json!({ "connector_id": USER_TOOL_API_KEY, "name": "Billing", "config": {
            "base_url": "https://api.example.com", "api_key": "key-1234567890",
            "access_token": "token-1234567890" } }),
        )
        .await;
    let path = hub.hub_path(&format!("/connections/{}", created["id"].as_str().unwrap()));
    let (status, body) = exchange(hub.patch(
        &path,
        &json!({ "config": { "base_url": "https://elsewhere.example.com", "api_key": "new-key-123" } }),
    ))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(field_names(&body), ["access_token"]);
    // Clearing an optional secret while moving is allowed: nothing stored goes along.
    let (status, moved) = exchange(hub.patch(
        &path,
        &json!({ "config": { "base_url": "https://elsewhere.example.com", "api_key": "new-key-123",
                              "access_token": null } }),
    ))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{moved}");
    let (status, moved) = exchange(hub.patch(
        &path,
        &json!({ "config": { "base_url": "https://elsewhere.example.com", "api_key": "new-key-123",
                              "access_token": "new-token-123" } }),
    ))
    .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["config"]["base_url"], "https://elsewhere.example.com");
}

#[tokio::test]
async fn moving_an_oauth_mcp_url_drops_the_granted_tokens() {
    let hub = Hub::start().await;
    let collector = Collector::start().await;
    let (_, id) = grant_mcp_oauth(&hub).await;
    let path = hub.hub_path(&format!("/connections/{id}"));
    let (status, moved) =
        exchange(hub.patch(&path, &json!({ "config": { "url": collector.url } }))).await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    // Nothing signs in to the new address yet, so nothing is sent there: the connection asks
    // for a Reconnect.
    assert_eq!(moved["health"]["status"], "auth_failed", "{moved}");
    assert!(
        collector.requests().is_empty(),
        "{:?}",
        collector.requests()
    );
}

#[tokio::test]
async fn dev_control_endpoints_need_the_token_and_never_give_out_a_secret() {
    let hub = Hub::start().await;
    let created = hub
        .create_ok(
            json!({ "connector_id": OPENAI, "name": "Checked", "config": {
            "api_key": "pw12" } }),
        )
        .await;
    let id = created["id"].as_str().unwrap();
    let check = format!("/dev/hubs/{}/connections/{id}/secret-check", hub.hub_id);
    let control: [(reqwest::Method, String, Value); 6] = [
        (
            reqwest::Method::PUT,
            "/dev/faults".into(),
            json!({ "rules": [] }),
        ),
        (
            reqwest::Method::PUT,
            format!("/dev/hubs/{}/catalog-extra", hub.hub_id),
            json!({ "connectors": [] }),
        ),
        (
            reqwest::Method::PUT,
            format!("/dev/hubs/{}/oauth-consent", hub.hub_id),
            json!({}),
        ),
        (
            reqwest::Method::PUT,
            "/dev/mcp-tools?set=x".into(),
            json!({ "tools": [] }),
        ),
        (
            reqwest::Method::POST,
            "/dev/mcp-seen?set=x".into(),
            json!({ "bearer": "x" }),
        ),
        (
            reqwest::Method::POST,
            check.clone(),
            json!({ "key": "api_key", "value": "pw12" }),
        ),
    ];
    for (method, path, body) in control {
        let anonymous = hub
            .client
            .request(method.clone(), format!("{}{path}", hub.url))
            .json(&body)
            .send()
            .await
            .unwrap();
        let (status, answer) = json(anonymous).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path}");
        assert_eq!(answer["code"], "unauthorized");
    }
    // With the token: only a yes or no about a secret, in any case of the scheme.
    let ask = |value: &'static str| {
        hub.client
            .post(format!("{}{check}", hub.url))
            .header("authorization", format!("bearer {DEV_TOKEN}"))
            .json(&json!({ "key": "api_key", "value": value }))
            .send()
    };
    let (status, yes) = json(ask("pw12").await.unwrap()).await;
    assert_eq!((status, yes), (StatusCode::OK, json!({ "matches": true })));
    let (_, no) = json(ask("pw13").await.unwrap()).await;
    assert_eq!(no, json!({ "matches": false }));
    // The old digest endpoint is gone.
    let (status, _) = exchange(hub.get(&format!(
        "/dev/hubs/{}/connections/{id}/secret-digests",
        hub.hub_id
    )))
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
