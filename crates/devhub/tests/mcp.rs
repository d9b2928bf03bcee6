//! MCP discovery and sync against the dev hub's own demo servers, with the real rmcp client.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn mcp_connection(hub: &Hub, path: &str, token: Option<&str>) -> Value {
    let mut config = json!({ "url": format!("{}{path}", hub.url) });
    if let Some(t) = token {
        config["bearer_token"] = json!(t);
    }
    hub.create_ok(json!({ "connector_id": MCP_TOKEN, "name": format!("MCP {path} {token:?}"), "config": config }))
        .await
}

fn tool_names(tools: &Value) -> Vec<String> {
    let mut names: Vec<String> = tools
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn saving_a_token_connection_discovers_its_tools() {
    let hub = Hub::start().await;
    let created = mcp_connection(&hub, "/dev/mcp", None).await;
    assert_eq!(created["health"]["status"], "ok", "{created}");
    assert_eq!(created["mcp"]["tool_count"], 3);
    assert!(created["mcp"]["last_sync_at"].is_string());

    let path = hub.hub_path(&format!(
        "/connections/{}/tools",
        created["id"].as_str().unwrap()
    ));
    let (status, list) = exchange(hub.get(&path)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        tool_names(&list["tools"]),
        ["create_ticket", "delete_ticket", "search_docs"]
    );
    let search = list["tools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "search_docs")
        .unwrap();
    assert_eq!(search["title"], "Search documentation");
    assert_eq!(search["input_schema"]["required"], json!(["query"]));
    assert_eq!(search["annotations"]["read_only_hint"], true);
}

#[tokio::test]
async fn a_bearer_token_reaches_the_server() {
    let hub = Hub::start().await;
    let ok = mcp_connection(
        &hub,
        "/dev/mcp-secured",
        Some(wayai_devhub::dev::DEMO_MCP_TOKEN),
    )
    .await;
    assert_eq!(ok["health"]["status"], "ok", "{ok}");
    let refused = mcp_connection(&hub, "/dev/mcp-secured", Some("wrong-token")).await;
    assert_eq!(refused["health"]["status"], "auth_failed");
}

#[tokio::test]
async fn custom_headers_are_sent() {
    let hub = Hub::start().await;
    // The secured server takes its token from an X-Api-Key header as well.
    let created = hub
        .create_ok(
            json!({ "connector_id": MCP_TOKEN, "name": "Headers", "config": {
                "url": format!("{}/dev/mcp-secured", hub.url),
                "headers": [{ "name": "X-Api-Key", "value": wayai_devhub::dev::DEMO_MCP_TOKEN }]
            }}),
        )
        .await;
    assert_eq!(created["health"]["status"], "ok", "{created}");
}

#[tokio::test]
async fn sync_reports_exactly_what_was_added_removed_and_changed() {
    let hub = Hub::start().await;
    let created = mcp_connection(&hub, "/dev/mcp", None).await;
    let base = hub.hub_path(&format!("/connections/{}", created["id"].as_str().unwrap()));

    let (status, unchanged) = exchange(hub.post(&format!("{base}/sync"), &json!({}))).await;
    assert_eq!(status, StatusCode::OK, "{unchanged}");
    assert_eq!(
        (
            unchanged["added"].clone(),
            unchanged["removed"].clone(),
            unchanged["changed"].clone()
        ),
        (json!([]), json!([]), json!([]))
    );

    let (_, current) = exchange(hub.get(&format!("{base}/tools"))).await;
    let mut tools: Vec<Value> = current["tools"].as_array().unwrap().clone();
    tools.retain(|t| t["name"] != "delete_ticket");
    for t in &mut tools {
        if t["name"] == "search_docs" {
            t["input_schema"]["properties"]["lang"] = json!({ "type": "string" });
        }
    }
    tools.push(json!({ "name": "close_ticket", "description": "Closes a ticket.", "input_schema": { "type": "object" } }));
    hub.set_demo_tools(Value::Array(tools)).await;

    let (status, diff) = exchange(hub.post(&format!("{base}/sync"), &json!({}))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(diff["added"], json!(["close_ticket"]));
    assert_eq!(diff["removed"], json!(["delete_ticket"]));
    assert_eq!(diff["changed"], json!(["search_docs"]));
    assert_eq!(
        tool_names(&diff["tools"]),
        ["close_ticket", "create_ticket", "search_docs"]
    );
    let (_, after) = exchange(hub.get(&base)).await;
    assert_eq!(after["mcp"]["tool_count"], 3);
    assert_eq!(after["mcp"]["last_sync_at"], diff["synced_at"]);
}

#[tokio::test]
async fn named_tool_sets_are_separate_servers() {
    let hub = Hub::start().await;
    hub.set_demo_tool_set(
        "one",
        json!([{ "name": "only_tool", "input_schema": { "type": "object" } }]),
    )
    .await;
    let one = hub
        .create_ok(json!({ "connector_id": MCP_TOKEN, "name": "One",
                           "config": { "url": format!("{}/dev/mcp?set=one", hub.url) } }))
        .await;
    let fresh = hub
        .create_ok(json!({ "connector_id": MCP_TOKEN, "name": "Fresh",
                           "config": { "url": format!("{}/dev/mcp?set=fresh", hub.url) } }))
        .await;
    assert_eq!(one["mcp"]["tool_count"], 1);
    assert_eq!(
        fresh["mcp"]["tool_count"], 3,
        "a set never written is the default"
    );
    let plain = hub
        .create_ok(json!({ "connector_id": MCP_TOKEN, "name": "Plain",
                           "config": { "url": format!("{}/dev/mcp", hub.url) } }))
        .await;
    assert_eq!(
        plain["mcp"]["tool_count"], 3,
        "the plain server is unaffected"
    );
}

#[tokio::test]
async fn each_failure_mode_has_its_own_error_never_a_5xx() {
    let hub = Hub::start().await;
    for (path, health, status, code) in [
        (
            "http://127.0.0.1:9/mcp",
            "unreachable",
            StatusCode::FAILED_DEPENDENCY,
            "mcp_unreachable",
        ),
        (
            "/dev/mcp-unauthorized",
            "auth_failed",
            StatusCode::FAILED_DEPENDENCY,
            "mcp_unauthorized",
        ),
        (
            "/dev/mcp-slow",
            "unreachable",
            StatusCode::FAILED_DEPENDENCY,
            "mcp_timeout",
        ),
        (
            "/dev/not-mcp",
            "config_error",
            StatusCode::FAILED_DEPENDENCY,
            "mcp_not_mcp",
        ),
    ] {
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", hub.url)
        };
        let created = hub
            .create_ok(json!({ "connector_id": MCP_TOKEN, "name": path, "config": { "url": url } }))
            .await;
        assert_eq!(created["health"]["status"], health, "{path}: {created}");
        assert_eq!(
            created["mcp"]["tool_count"], 0,
            "the connection is kept without tools"
        );
        let base = hub.hub_path(&format!("/connections/{}", created["id"].as_str().unwrap()));
        let (got, body) = exchange(hub.post(&format!("{base}/sync"), &json!({}))).await;
        assert_eq!(
            (got, body["code"].as_str().unwrap()),
            (status, code),
            "{path}: {body}"
        );
        assert!(!body["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn a_failed_sync_marks_the_connection_instead_of_showing_it_connected() {
    let hub = Hub::start().await;
    let created = mcp_connection(
        &hub,
        "/dev/mcp-secured",
        Some(wayai_devhub::dev::DEMO_MCP_TOKEN),
    )
    .await;
    let base = hub.hub_path(&format!("/connections/{}", created["id"].as_str().unwrap()));
    // The token is replaced by a wrong one: the next sync must say so and keep the old tools.
    let (status, _) = exchange(hub.patch(
        &base,
        &json!({ "config": { "bearer_token": "revoked-token" } }),
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = exchange(hub.post(&format!("{base}/sync"), &json!({}))).await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::FAILED_DEPENDENCY, json!("mcp_unauthorized"))
    );
    let (_, after) = exchange(hub.get(&base)).await;
    assert_eq!(after["health"]["status"], "auth_failed");
    assert_eq!(after["mcp"]["tool_count"], 3);
}

#[tokio::test]
async fn tools_and_sync_are_only_for_mcp_connections() {
    let hub = Hub::start().await;
    let created = hub
        .create_ok(
            json!({ "connector_id": OPENAI, "name": "Not MCP", "config": { "api_key": "k" } }),
        )
        .await;
    let base = hub.hub_path(&format!("/connections/{}", created["id"].as_str().unwrap()));
    for request in [
        hub.get(&format!("{base}/tools")),
        hub.post(&format!("{base}/sync"), &json!({})),
    ] {
        let (status, body) = exchange(request).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(body["code"], "not_an_mcp_connection");
    }
}
