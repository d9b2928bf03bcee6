//! Connections that bind organization credentials, over real HTTP: the id travels, never a
//! secret; the hub lends the secret at the moment of use, so a rotation reaches every bound
//! connection in every hub (each re-tested); a credential in use is not deleted; a hub that
//! loses sight of a credential says so; a moved address needs the binding chosen again.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;
use wayai_devhub::dev::DEMO_MCP_TOKEN;

/// A hub `hub_id` of `org`, placed with `tags`.
async fn place(hub: &Hub, hub_id: Uuid, org: Uuid, tags: &[&str]) {
    control(
        hub,
        Method::PUT,
        &format!("/dev/hubs/{hub_id}/placement"),
        Some(json!({ "organization_id": org, "tags": tags, "environment": "preview" })),
    )
    .await;
}

async fn credential(hub: &Hub, org: Uuid, kind: &str, values: Value, tags: &[&str]) -> String {
    let body = json!({ "name": format!("{kind} {}", Uuid::new_v4()), "credential_type": kind,
        "values": values, "tags": tags });
    let (status, made) = exchange(
        hub.post(&format!("/api/organizations/{org}/credentials"), &body)
            .header("idempotency-key", Uuid::new_v4().to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    made["id"].as_str().unwrap().to_string()
}

/// A fresh organization with the test hub in it and an API key credential: (org, its id).
async fn org_with_key(hub: &Hub) -> (Uuid, String) {
    let org = Uuid::new_v4();
    place(hub, hub.hub_id, org, &[]).await;
    let key = json!({ "api_key": "sk-proj-org-key-1234" });
    (org, credential(hub, org, "api_key", key, &[]).await)
}

async fn create_in(hub: &Hub, hub_id: Uuid, body: Value) -> (StatusCode, Value) {
    exchange(
        hub.post(&format!("/api/hubs/{hub_id}/connections"), &body)
            .header("idempotency-key", Uuid::new_v4().to_string()),
    )
    .await
}

async fn bound_openai(hub: &Hub, hub_id: Uuid, credential: &str) -> Value {
    let body = json!({ "connector_id": OPENAI, "name": "Team OpenAI",
        "bindings": { "api_key": credential } });
    let (status, made) = create_in(hub, hub_id, body).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    made
}

async fn health(hub: &Hub, hub_id: Uuid, id: &str) -> Value {
    let (_, c) = exchange(hub.get(&format!("/api/hubs/{hub_id}/connections/{id}"))).await;
    c["health"].clone()
}

#[tokio::test]
async fn a_bound_connection_holds_the_id_and_uses_the_credentials_secret() {
    let hub = Hub::start().await;
    let (org, id) = org_with_key(&hub).await;
    let made = bound_openai(&hub, hub.hub_id, &id).await;
    assert_eq!(made["bindings"]["api_key"], id);
    assert!(made["secrets"].get("api_key").is_none(), "{made}");
    let path = hub.hub_path(&format!(
        "/connections/{}/test",
        made["id"].as_str().unwrap()
    ));
    let (_, tested) = exchange(hub.post(&path, &json!({}))).await;
    assert_eq!(tested["ok"], true, "{tested}");

    // Used by one connection: listed with its hub, and not deleted while it is.
    let org_path = format!("/api/organizations/{org}/credentials/{id}");
    let (_, shown) = exchange(hub.get(&org_path)).await;
    assert_eq!(shown["used_by"], 1);
    let (_, usage) = exchange(hub.get(&format!("{org_path}/usage"))).await;
    assert_eq!(
        usage["connections"],
        json!([{ "hub_id": hub.hub_id, "connection_id": made["id"], "name": "Team OpenAI" }])
    );
    let (status, refused) = exchange(hub.delete(&org_path)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        (&refused["code"], &refused["params"]["count"]),
        (&json!("credential_in_use"), &json!(1))
    );

    // Unbinding needs the field's own value in the same change.
    let connection = hub.hub_path(&format!("/connections/{}", made["id"].as_str().unwrap()));
    let (status, body) =
        exchange(hub.patch(&connection, &json!({ "bindings": { "api_key": null } }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["api_key"]);
    let direct =
        json!({ "bindings": { "api_key": null }, "config": { "api_key": "sk-proj-own-key-5678" } });
    let (status, unbound) = exchange(hub.patch(&connection, &direct)).await;
    assert_eq!(status, StatusCode::OK, "{unbound}");
    assert!(unbound.get("bindings").is_none(), "{unbound}");
    assert_eq!(unbound["secrets"]["api_key"]["hint"], "••••5678");
    let (status, _) = exchange(hub.delete(&org_path)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_rotation_retests_every_bound_connection_in_every_hub() {
    let hub = Hub::start().await;
    let org = Uuid::new_v4();
    let (first, second) = (Uuid::new_v4(), Uuid::new_v4());
    place(&hub, first, org, &[]).await;
    place(&hub, second, org, &[]).await;
    let id = credential(
        &hub,
        org,
        "api_key",
        json!({ "api_key": "sk-proj-good-key-1234" }),
        &[],
    )
    .await;
    let a = bound_openai(&hub, first, &id).await;
    let b = bound_openai(&hub, second, &id).await;
    let (a, b) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());
    let rotate = format!("/api/organizations/{org}/credentials/{id}/rotate");

    // A key the provider refuses: both connections say so at once, without a test of their own.
    let refused = json!({ "values": { "api_key": "sk-proj-invalid-key-9999" } });
    let (status, _) = exchange(hub.post(&rotate, &refused)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health(&hub, first, a).await["status"], "auth_failed");
    assert_eq!(health(&hub, second, b).await["status"], "auth_failed");
    let good = json!({ "values": { "api_key": "sk-proj-good-key-5678" } });
    exchange(hub.post(&rotate, &good)).await;
    assert_eq!(health(&hub, first, a).await["code"], "credentials_accepted");
    assert_eq!(
        health(&hub, second, b).await["code"],
        "credentials_accepted"
    );
}

#[tokio::test]
async fn a_hub_that_loses_sight_of_a_credential_says_so() {
    let hub = Hub::start().await;
    let (org, id) = org_with_key(&hub).await;
    let made = bound_openai(&hub, hub.hub_id, &id).await;
    let connection = made["id"].as_str().unwrap();
    // Tagged now, the hub no longer sees the untagged credential.
    exchange(
        hub.post(
            &format!("/api/organizations/{org}/tags"),
            &json!({ "slug": "eu" }),
        )
        .header("idempotency-key", "eu"),
    )
    .await;
    place(&hub, hub.hub_id, org, &["eu"]).await;
    let shown = health(&hub, hub.hub_id, connection).await;
    assert_eq!(
        (&shown["status"], &shown["code"]),
        (&json!("config_error"), &json!("credential_unavailable"))
    );
    let listed = hub.connections().await;
    let row = listed.iter().find(|c| c["id"] == made["id"]).unwrap();
    assert_eq!(row["health"]["code"], "credential_unavailable");
    let path = hub.hub_path(&format!("/connections/{connection}/test"));
    let (_, tested) = exchange(hub.post(&path, &json!({}))).await;
    assert_eq!(
        (&tested["ok"], &tested["health"]["code"]),
        (&json!(false), &json!("credential_unavailable"))
    );
}

#[tokio::test]
async fn a_binding_is_checked_against_the_hub_and_the_field() {
    let hub = Hub::start().await;
    let org = Uuid::new_v4();
    place(&hub, hub.hub_id, org, &[]).await;
    exchange(
        hub.post(
            &format!("/api/organizations/{org}/tags"),
            &json!({ "slug": "us" }),
        )
        .header("idempotency-key", "us"),
    )
    .await;
    let hidden = credential(
        &hub,
        org,
        "api_key",
        json!({ "api_key": "sk-proj-us-key-1234" }),
        &["us"],
    )
    .await;
    let bearer = credential(
        &hub,
        org,
        "bearer",
        json!({ "token": "tok-1234567890" }),
        &[],
    )
    .await;
    let elsewhere = credential(
        &hub,
        Uuid::new_v4(),
        "api_key",
        json!({ "api_key": "sk-proj-x-1234" }),
        &[],
    )
    .await;
    for (bindings, code) in [
        (json!({ "api_key": hidden }), "credential_not_found"),
        (json!({ "api_key": elsewhere }), "credential_not_found"),
        (json!({ "api_key": bearer }), "not_an_option"),
        (json!({ "model": bearer }), "unknown_field"),
    ] {
        let body = json!({ "connector_id": OPENAI, "name": "Bound", "bindings": bindings });
        let (status, answer) = create_in(&hub, hub.hub_id, body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        let codes: Vec<&Value> = answer["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| &f["code"])
            .collect();
        assert!(codes.contains(&&json!(code)), "{answer}");
    }
    let usable = credential(
        &hub,
        org,
        "api_key",
        json!({ "api_key": "sk-proj-ok-1234" }),
        &[],
    )
    .await;
    let both = json!({ "connector_id": OPENAI, "name": "Both", "bindings": { "api_key": usable },
        "config": { "api_key": "sk-proj-typed-1234" } });
    let (status, answer) = create_in(&hub, hub.hub_id, both).await;
    assert_eq!(
        (status, &answer["fields"][0]["code"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("bound_and_typed"))
    );
}

#[tokio::test]
async fn an_mcp_server_gets_the_bound_token_and_a_move_needs_the_binding_again() {
    let hub = Hub::start().await;
    let org = Uuid::new_v4();
    place(&hub, hub.hub_id, org, &[]).await;
    let token = credential(&hub, org, "bearer", json!({ "token": DEMO_MCP_TOKEN }), &[]).await;
    let body = json!({ "connector_id": MCP_TOKEN, "name": "Secured",
        "config": { "url": format!("{}/dev/mcp-secured", hub.url) },
        "bindings": { "bearer_token": token } });
    let (status, made) = create_in(&hub, hub.hub_id, body).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    // The server took the organization's token: its tools were found.
    assert_eq!(made["health"]["status"], "ok", "{made}");

    let collector = Collector::start().await;
    let path = hub.hub_path(&format!("/connections/{}", made["id"].as_str().unwrap()));
    let moved = json!({ "config": { "url": collector.url } });
    let (status, body) = exchange(hub.patch(&path, &moved)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["field"], "bindings.bearer_token");
    assert_eq!(body["fields"][0]["code"], "confirm_binding");
    assert!(collector.requests().is_empty());
    // Chosen again, the move is made (and the new address gets the credential: it was asked).
    let confirmed =
        json!({ "config": { "url": collector.url }, "bindings": { "bearer_token": token } });
    let (status, _) = exchange(hub.patch(&path, &confirmed)).await;
    assert_eq!(status, StatusCode::OK);
}

/// A basic credential holds the username and the password: a Basic Auth connection bound to it
/// takes neither of its own, and the hub lends both when it uses the connection.
#[tokio::test]
async fn a_basic_credential_lends_its_username_and_password() {
    let hub = Hub::start().await;
    let org = Uuid::new_v4();
    place(&hub, hub.hub_id, org, &[]).await;
    let values = json!({ "username": "billing-invalid-user", "password": "pw-billing-1234" });
    let basic = credential(&hub, org, "basic_auth", values, &[]).await;
    let body = json!({ "connector_id": USER_TOOL_BASIC, "name": "Billing",
        "config": { "base_url": "https://billing.example.com" },
        "bindings": { "password": basic } });
    let (status, made) = create_in(&hub, hub.hub_id, body).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert!(made["config"].get("username").is_none(), "{made}");
    let id = made["id"].as_str().unwrap();
    let path = hub.hub_path(&format!("/connections/{id}/test"));
    let (_, tested) = exchange(hub.post(&path, &json!({}))).await;
    // The simulated provider refuses a credential containing "invalid": here only the
    // username, which reached it from the organization's credential.
    assert_eq!(tested["health"]["status"], "auth_failed", "{tested}");
    assert_eq!(health(&hub, hub.hub_id, id).await["status"], "auth_failed");
    // Without a binding, the username is the form's own again.
    let body = json!({ "connector_id": USER_TOOL_BASIC, "name": "Typed",
        "config": { "password": "pw-typed-5678" } });
    let (status, refused) = create_in(&hub, hub.hub_id, body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["fields"][0]["field"], "username", "{refused}");
}
