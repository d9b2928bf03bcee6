//! OAuth flows through the simulated provider, over real HTTP and real redirects.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn allow_creates_a_connection_named_from_the_account() {
    let hub = Hub::start().await;
    let (status, flow) = start_flow(
        &hub,
        json!({ "connector_id": GMAIL, "opener_origin": ORIGIN }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    assert_eq!(flow_status(&hub, &flow).await["status"], "pending");

    let page = consent(&hub, &flow, "allow", "grace@example.com").await;
    // The page reports to the opener at its exact origin and on the BroadcastChannel.
    assert!(
        page.contains(&format!("const origin = \"{ORIGIN}\";")),
        "{page}"
    );
    assert!(page.contains("BroadcastChannel(\"wayai-oauth\")"));
    assert!(page.contains(flow["state"].as_str().unwrap()));
    assert!(page.contains("window.close()"));

    let status = flow_status(&hub, &flow).await;
    assert_eq!(status["status"], "succeeded");
    let id = status["connection_id"].as_str().unwrap();
    let (_, connection) = exchange(hub.get(&hub.hub_path(&format!("/connections/{id}")))).await;
    assert_eq!(connection["name"], "Gmail (grace@example.com)");
    assert_eq!(connection["oauth"]["account"], "grace@example.com");
    assert!(connection["oauth"]["expires_at"].is_string());
    assert_eq!(connection["health"]["status"], "ok");
    assert!(
        !connection.to_string().contains("dev-at."),
        "tokens are never returned"
    );

    // The state is single use: the same callback again creates nothing more.
    let again = consent(&hub, &flow, "allow", "grace@example.com").await;
    assert!(again.contains("already ended"), "{again}");
    assert_eq!(hub.connections().await.len(), 2);
}

#[tokio::test]
async fn deny_reports_access_denied_and_creates_nothing() {
    let hub = Hub::start().await;
    let (_, flow) = start_flow(
        &hub,
        json!({ "connector_id": GMAIL, "opener_origin": ORIGIN }),
    )
    .await;
    let page = consent(&hub, &flow, "deny", "").await;
    assert!(page.contains("access_denied"), "{page}");
    let status = flow_status(&hub, &flow).await;
    assert_eq!(status["status"], "failed");
    assert_eq!(status["error"], "access_denied");
    assert_eq!(status["error_description"], "The user denied access.");
    assert_eq!(hub.connections().await.len(), 1);
}

#[tokio::test]
async fn reconnect_renews_the_same_connection() {
    let hub = Hub::start().await;
    let (_, flow) = start_flow(
        &hub,
        json!({ "connector_id": GMAIL, "opener_origin": ORIGIN }),
    )
    .await;
    consent(&hub, &flow, "allow", wayai_devhub::dev::EXPIRED_ACCOUNT).await;
    let id = flow_status(&hub, &flow).await["connection_id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = hub.hub_path(&format!("/connections/{id}"));
    let (_, expired) = exchange(hub.get(&path)).await;
    assert_eq!(expired["health"]["status"], "token_expired");
    let (_, tested) = exchange(hub.post(&format!("{path}/test"), &json!({}))).await;
    assert_eq!(tested["health"]["status"], "token_expired");

    let (status, again) = start_flow(
        &hub,
        json!({ "connection_id": id, "opener_origin": ORIGIN }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{again}");
    consent(&hub, &again, "allow", "ada@example.com").await;
    let done = flow_status(&hub, &again).await;
    assert_eq!(done["status"], "succeeded");
    assert_eq!(
        done["connection_id"],
        id.as_str(),
        "Reconnect keeps the connection id"
    );
    let (_, renewed) = exchange(hub.get(&path)).await;
    assert_eq!(renewed["health"]["status"], "ok");
    assert_eq!(renewed["oauth"]["account"], "ada@example.com");
    assert_eq!(hub.connections().await.len(), 2);
}

#[tokio::test]
async fn mcp_oauth_connects_then_discovers_tools_with_the_granted_token() {
    let hub = Hub::start().await;
    let (flow, id) = grant_mcp_oauth(&hub).await;
    assert!(flow["authorize_url"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{}/dev/oauth-as/authorize?", hub.url)));
    let (_, connection) = exchange(hub.get(&hub.hub_path(&format!("/connections/{id}")))).await;
    assert_eq!(connection["name"], "Docs MCP");
    assert_eq!(connection["health"]["status"], "ok", "{connection}");
    assert_eq!(connection["mcp"]["tool_count"], 3);
}

#[tokio::test]
async fn bad_flow_requests_are_refused_with_reasons() {
    let hub = Hub::start().await;
    for (body, status, code) in [
        (
            json!({ "connector_id": GMAIL, "opener_origin": "*" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        ),
        (
            json!({ "connector_id": GMAIL, "opener_origin": "https://app.example.com/path" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        ),
        (
            json!({ "opener_origin": ORIGIN }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        ),
        (
            json!({ "connector_id": OPENAI, "opener_origin": ORIGIN }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "not_oauth",
        ),
        (
            json!({ "connector_id": WHATSAPP, "opener_origin": ORIGIN }),
            StatusCode::FORBIDDEN,
            "connector_disabled",
        ),
        (
            json!({ "connection_id": "00000000-0000-4000-8000-000000000000", "opener_origin": ORIGIN }),
            StatusCode::NOT_FOUND,
            "connection_not_found",
        ),
        (
            json!({ "connector_id": MCP_OAUTH, "opener_origin": ORIGIN, "config": { "url": "http://example.com" } }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        ),
    ] {
        let (got, answer) = start_flow(&hub, body.clone()).await;
        assert_eq!(
            (got, answer["code"].as_str().unwrap()),
            (status, code),
            "{body}: {answer}"
        );
    }
    let (status, answer) =
        exchange(hub.get(&hub.hub_path("/oauth/flows/00000000-0000-4000-8000-000000000000"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(answer["code"], "oauth_flow_not_found");
}

#[tokio::test]
async fn an_unknown_state_at_the_callback_posts_nothing() {
    let hub = Hub::start().await;
    let page = hub
        .client
        .get(format!(
            "{}/api/oauth/callback?code=x&state=forged",
            hub.url
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("unknown"), "{page}");
    assert!(!page.contains("postMessage"));
}

/// Sends the browser's callback request (the provider's redirect) without walking the consent
/// page: returns the callback's response.
async fn decide(hub: &Hub, flow: &Value, decision: &str) -> reqwest::Response {
    let redirect = post_decision(hub, flow, decision, "ada@example.com").await;
    let location = redirect.headers()["location"].to_str().unwrap().to_string();
    hub.client.get(location).send().await.unwrap()
}

#[tokio::test]
async fn a_cancelled_flow_connects_nothing_even_if_consent_comes_later() {
    let hub = Hub::start().await;
    let (_, flow) = start_flow(
        &hub,
        json!({ "connector_id": GMAIL, "opener_origin": ORIGIN }),
    )
    .await;
    let path = hub.hub_path(&format!("/oauth/flows/{}", flow["id"].as_str().unwrap()));
    let (status, cancelled) = exchange(hub.delete(&path)).await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["error"], "cancelled");

    let page = decide(&hub, &flow, "allow").await.text().await.unwrap();
    assert!(page.contains("already ended"), "{page}");
    assert_eq!(flow_status(&hub, &flow).await["status"], "cancelled");
    assert_eq!(
        hub.connections().await.len(),
        1,
        "only the Wayai connection"
    );
}

#[tokio::test]
async fn cancelling_a_flow_that_already_succeeded_returns_its_success() {
    let hub = Hub::start().await;
    let (_, flow) = start_flow(
        &hub,
        json!({ "connector_id": GMAIL, "opener_origin": ORIGIN }),
    )
    .await;
    decide(&hub, &flow, "allow").await;
    let path = hub.hub_path(&format!("/oauth/flows/{}", flow["id"].as_str().unwrap()));
    let (status, answer) = exchange(hub.delete(&path)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        answer["status"], "succeeded",
        "a success that raced the cancel is kept"
    );
    assert!(answer["connection_id"].is_string());
    assert_eq!(hub.connections().await.len(), 2);
}

#[tokio::test]
async fn a_full_page_flow_returns_to_the_page_with_its_flow_id() {
    let hub = Hub::start().await;
    let back = format!("{ORIGIN}/settings/connections/new?connector=gmail#form");
    let (status, flow) = start_flow(
        &hub,
        json!({ "connector_id": GMAIL, "opener_origin": ORIGIN, "return_to": back }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    let callback = decide(&hub, &flow, "deny").await;
    assert_eq!(callback.status(), StatusCode::SEE_OTHER);
    let id = flow["id"].as_str().unwrap();
    assert_eq!(
        callback.headers()["location"].to_str().unwrap(),
        format!("{ORIGIN}/settings/connections/new?connector=gmail&wc_oauth_flow={id}#form")
    );
    assert_eq!(flow_status(&hub, &flow).await["error"], "access_denied");

    for bad in [
        "http://127.0.0.1:9999/settings",
        "http://127.0.0.1:8080.evil.example/x",
        "http://127.0.0.1:8080",
        "//evil.example/x",
        "http://127.0.0.1:8080/a b",
    ] {
        let (status, answer) = start_flow(
            &hub,
            json!({ "connector_id": GMAIL, "opener_origin": ORIGIN, "return_to": bad }),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {answer}");
        assert_eq!(error_fields(&answer), ["return_to"], "{bad}");
    }
}

#[tokio::test]
async fn scripted_consent_decides_by_itself_and_can_sever_the_opener() {
    let hub = Hub::start().await;
    let script = format!("{}/dev/hubs/{}/oauth-consent", hub.url, hub.hub_id);
    let put = hub
        .client
        .put(&script)
        .bearer_auth(DEV_TOKEN)
        .json(&json!({ "decision": "deny", "sever_opener": true, "delay_ms": 20 }))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), StatusCode::NO_CONTENT);
    let (_, flow) = start_flow(
        &hub,
        json!({ "connector_id": GMAIL, "opener_origin": ORIGIN }),
    )
    .await;
    let page = hub
        .client
        .get(flow["authorize_url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(page.headers()["cross-origin-opener-policy"], "same-origin");
    let html = page.text().await.unwrap();
    assert!(
        html.contains(r#"button[value="deny"]"#) && html.contains("20);"),
        "{html}"
    );

    // The callback page of a severed flow does not post to the opener; the channel remains.
    let callback = decide(&hub, &flow, "deny").await.text().await.unwrap();
    assert!(callback.contains("const origin = null;"), "{callback}");
    assert!(callback.contains("BroadcastChannel"));

    // Without a script the consent page waits for a person again.
    let undone = hub
        .client
        .delete(&script)
        .bearer_auth(DEV_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(undone.status(), StatusCode::NO_CONTENT);
    let (_, flow) = start_flow(
        &hub,
        json!({ "connector_id": GMAIL, "opener_origin": ORIGIN }),
    )
    .await;
    let page = hub
        .client
        .get(flow["authorize_url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert!(page.headers().get("cross-origin-opener-policy").is_none());
    assert!(!page.text().await.unwrap().contains("<script>"));
    let bad = hub
        .client
        .put(&script)
        .bearer_auth(DEV_TOKEN)
        .json(&json!({ "decision": "maybe" }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
