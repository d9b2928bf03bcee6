//! Preview and production hubs over real HTTP: publishing copies a connection's credential into
//! production unless the connection says not to; production keeps its own credential apart (set
//! only there, surviving a sync); a production hub refuses every configuration write, whatever
//! the route; no secret crosses from one hub to the other where the flag says no.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

const PREVIEW_KEY: &str = "sk-proj-preview-key-1111";
const KEPT_KEY: &str = "sk-proj-preview-kept-2222";
const PRODUCTION_KEY: &str = "sk-proj-production-3333";

/// A preview with two OpenAI connections: "Synced" (the default) and "Kept apart" (not syncing
/// credentials). Their ids.
async fn preview_with_two(hub: &Hub) -> (String, String) {
    let synced = hub
        .create_ok(json!({ "connector_id": OPENAI, "name": "Synced",
            "config": { "api_key": PREVIEW_KEY } }))
        .await;
    let kept = hub
        .create_ok(json!({ "connector_id": OPENAI, "name": "Kept apart",
            "config": { "api_key": KEPT_KEY }, "sync_credentials_to_production": false }))
        .await;
    assert_eq!(synced["sync_credentials_to_production"], true, "{synced}");
    assert_eq!(kept["sync_credentials_to_production"], false, "{kept}");
    (id(&synced), id(&kept))
}

fn id(connection: &Value) -> String {
    connection["id"].as_str().unwrap().to_string()
}

async fn release(hub: &Hub, what: &str) -> (StatusCode, Value) {
    exchange(hub.post(&format!("/dev/hubs/{}/{what}", hub.hub_id), &json!({}))).await
}

async fn publish(hub: &Hub) -> (Uuid, Value) {
    let (status, body) = release(hub, "publish").await;
    assert!(status.is_success(), "{status} {body}");
    (
        body["production_hub_id"].as_str().unwrap().parse().unwrap(),
        body,
    )
}

async fn list(hub: &Hub, hub_id: Uuid) -> Value {
    let (status, body) = exchange(hub.get(&format!("/api/hubs/{hub_id}/connections"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn named<'a>(list: &'a Value, name: &str) -> &'a Value {
    list["connections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {list}"))
}

/// Whether the hub holds `value` as the connection's secret `key` (a yes or no, never the value).
async fn holds(hub: &Hub, hub_id: Uuid, connection: &Value, key: &str, value: &str) -> bool {
    let path = format!(
        "/dev/hubs/{hub_id}/connections/{}/secret-check",
        id(connection)
    );
    let answer = control(
        hub,
        Method::POST,
        &path,
        Some(json!({ "key": key, "value": value })),
    )
    .await;
    answer["matches"].as_bool().unwrap()
}

async fn set_credential(hub: &Hub, hub_id: Uuid, id: &str, body: Value) -> (StatusCode, Value) {
    let path = format!("/api/hubs/{hub_id}/connections/{id}/production-credential");
    exchange(hub.send_json(Method::PUT, &path, &body)).await
}

#[tokio::test]
async fn publishing_copies_credentials_only_where_the_flag_allows() {
    let hub = Hub::start().await;
    preview_with_two(&hub).await;
    let (production, published) = publish(&hub).await;
    // The Wayai connection comes with every hub: production's own is its copy.
    assert_eq!(published["created"], 2, "{published}");

    let preview = list(&hub, hub.hub_id).await;
    assert_eq!(preview["hub"]["environment"], "preview", "{preview}");
    let live = list(&hub, production).await;
    assert_eq!(live["hub"]["environment"], "production", "{live}");
    assert_eq!(live["hub"]["published_from"], json!([hub.hub_id]), "{live}");
    assert_eq!(live["connections"].as_array().unwrap().len(), 3, "{live}");

    let synced = named(&live, "Synced");
    assert!(holds(&hub, production, synced, "api_key", PREVIEW_KEY).await);
    assert_eq!(
        synced["health"],
        named(&preview, "Synced")["health"],
        "the preview's"
    );
    assert!(
        synced.get("production_credential_set").is_none(),
        "{synced}"
    );

    let kept = named(&live, "Kept apart");
    assert!(!holds(&hub, production, kept, "api_key", KEPT_KEY).await);
    assert_eq!(
        kept["secrets"],
        json!({}),
        "no hint of the preview's: {kept}"
    );
    assert_eq!(kept["production_credential_set"], false, "{kept}");
    assert_eq!(kept["health"]["status"], "production_credential_missing");
    assert_eq!(kept["health"]["code"], "production_credential_missing");

    // Again: the same production hub, nothing to change.
    let (status, again) = release(&hub, "publish").await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["production_hub_id"], published["production_hub_id"]);
    assert_eq!(
        (&again["created"], &again["updated"], &again["removed"]),
        (&json!(0), &json!(0), &json!(0)),
        "{again}"
    );
    assert_eq!(
        list(&hub, production).await["connections"],
        live["connections"]
    );
}

#[tokio::test]
async fn a_production_hub_refuses_every_configuration_write() {
    let hub = Hub::start().await;
    let (synced, _) = preview_with_two(&hub).await;
    let (production, _) = publish(&hub).await;
    let live = list(&hub, production).await;
    let copy = id(named(&live, "Synced"));
    let at = |rest: &str| format!("/api/hubs/{production}{rest}");
    let new = json!({ "connector_id": OPENAI, "name": "Sneaky",
        "config": { "api_key": "sk-proj-sneaky-9999" } });
    let writes = [
        (Method::POST, at("/connections"), new.clone()),
        (Method::POST, at("/connections/test"), new),
        (
            Method::PATCH,
            at(&format!("/connections/{copy}")),
            json!({ "name": "Renamed" }),
        ),
        (
            Method::PATCH,
            at(&format!("/connections/{copy}")),
            json!({ "enabled": false }),
        ),
        (
            Method::PATCH,
            at(&format!("/connections/{copy}")),
            json!({ "config": { "api_key": "sk-proj-sneaky-9999" } }),
        ),
        (
            Method::DELETE,
            at(&format!("/connections/{copy}")),
            json!({}),
        ),
        (
            Method::POST,
            at("/oauth/flows"),
            json!({ "connector_id": GMAIL, "opener_origin": ORIGIN }),
        ),
    ];
    for (method, path, body) in writes {
        let request = hub
            .send_json(method.clone(), &path, &body)
            .header("idempotency-key", Uuid::new_v4().to_string());
        let (status, answer) = exchange(request).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path}: {answer}");
        assert_eq!(answer["code"], "hub_read_only", "{method} {path}");
    }
    let after = list(&hub, production).await;
    assert_eq!(after["connections"], live["connections"], "nothing changed");
    assert!(
        holds(
            &hub,
            production,
            named(&after, "Synced"),
            "api_key",
            PREVIEW_KEY
        )
        .await
    );

    // What reads or changes no configuration is allowed.
    let (status, tested) =
        exchange(hub.post(&at(&format!("/connections/{copy}/test")), &json!({}))).await;
    assert_eq!(status, StatusCode::OK, "{tested}");
    // A connection that takes its preview's credential has no production credential to set.
    let (status, answer) = set_credential(
        &hub,
        production,
        &copy,
        json!({ "config": { "api_key": PRODUCTION_KEY } }),
    )
    .await;
    assert_eq!(
        (status, &answer["code"]),
        (StatusCode::CONFLICT, &json!("credential_synced"))
    );
    // Nor has a preview's connection.
    let (status, answer) = set_credential(
        &hub,
        hub.hub_id,
        &synced,
        json!({ "config": { "api_key": PRODUCTION_KEY } }),
    )
    .await;
    assert_eq!(
        (status, &answer["code"]),
        (StatusCode::CONFLICT, &json!("not_production"))
    );
    // The preview stays editable.
    let (status, _) = exchange(hub.patch(
        &hub.hub_path(&format!("/connections/{synced}")),
        &json!({ "name": "Renamed" }),
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_production_credential_is_set_on_production_only_and_survives_a_sync() {
    let hub = Hub::start().await;
    let (synced, kept) = preview_with_two(&hub).await;
    let (production, _) = publish(&hub).await;
    let live = list(&hub, production).await;
    let copy = id(named(&live, "Kept apart"));

    // Missing values are named; a non-secret field is not taken here.
    let (status, answer) = set_credential(&hub, production, &copy, json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(error_fields(&answer), ["api_key"]);
    let (status, answer) = set_credential(
        &hub,
        production,
        &copy,
        json!({ "config": { "api_key": PRODUCTION_KEY, "base_url": "https://elsewhere.example" } }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(error_fields(&answer), ["base_url"]);

    let (status, set) = set_credential(
        &hub,
        production,
        &copy,
        json!({ "config": { "api_key": PRODUCTION_KEY } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{set}");
    assert_eq!(set["production_credential_set"], true, "{set}");
    assert_eq!(set["health"]["status"], "ok", "{set}");
    assert_eq!(set["secrets"]["api_key"]["hint"], "••••3333", "{set}");
    assert!(!set.to_string().contains(PRODUCTION_KEY));
    assert!(holds(&hub, production, &set, "api_key", PRODUCTION_KEY).await);
    // The preview's own is untouched, and production's never reached it.
    let preview = list(&hub, hub.hub_id).await;
    let preview_kept = named(&preview, "Kept apart");
    assert!(holds(&hub, hub.hub_id, preview_kept, "api_key", KEPT_KEY).await);
    assert!(!holds(&hub, hub.hub_id, preview_kept, "api_key", PRODUCTION_KEY).await);

    // The preview changes: both renamed, the synced one's key replaced, a third one removed.
    let other = hub
        .create_ok(json!({ "connector_id": OPENAI, "name": "Short-lived",
            "config": { "api_key": "sk-proj-short-lived-4444" } }))
        .await;
    let (_, made) = release(&hub, "sync").await;
    assert_eq!(made["created"], 1, "{made}");
    for (id, body) in [
        (
            &synced,
            json!({ "name": "Synced 2", "config": { "api_key": "sk-proj-preview-new-5555" } }),
        ),
        (
            &kept,
            json!({ "name": "Kept apart 2", "config": { "api_key": "sk-proj-preview-new-6666" } }),
        ),
    ] {
        let (status, answer) =
            exchange(hub.patch(&hub.hub_path(&format!("/connections/{id}")), &body)).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }
    let (status, _) =
        exchange(hub.delete(&hub.hub_path(&format!("/connections/{}", id(&other))))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, synced_now) = release(&hub, "sync").await;
    assert_eq!(status, StatusCode::OK, "{synced_now}");
    assert_eq!(
        (&synced_now["updated"], &synced_now["removed"]),
        (&json!(2), &json!(1)),
        "{synced_now}"
    );

    let live = list(&hub, production).await;
    assert_eq!(live["connections"].as_array().unwrap().len(), 3, "{live}");
    let synced_copy = named(&live, "Synced 2");
    assert!(
        holds(
            &hub,
            production,
            synced_copy,
            "api_key",
            "sk-proj-preview-new-5555"
        )
        .await
    );
    let kept_copy = named(&live, "Kept apart 2");
    assert_eq!(
        kept_copy["id"],
        json!(copy),
        "the same connection in production"
    );
    assert!(holds(&hub, production, kept_copy, "api_key", PRODUCTION_KEY).await);
    assert!(
        !holds(
            &hub,
            production,
            kept_copy,
            "api_key",
            "sk-proj-preview-new-6666"
        )
        .await
    );
    assert_eq!(kept_copy["production_credential_set"], true);
    assert_eq!(kept_copy["health"]["status"], "ok");

    // Turned on in the preview, production takes the preview's; off again, it asks anew.
    for (sync, holds_preview) in [(true, true), (false, false)] {
        let body = json!({ "sync_credentials_to_production": sync });
        let (status, _) =
            exchange(hub.patch(&hub.hub_path(&format!("/connections/{kept}")), &body)).await;
        assert_eq!(status, StatusCode::OK);
        release(&hub, "sync").await;
        let live = list(&hub, production).await;
        let copy = named(&live, "Kept apart 2");
        assert_eq!(
            holds(
                &hub,
                production,
                copy,
                "api_key",
                "sk-proj-preview-new-6666"
            )
            .await,
            holds_preview
        );
        assert!(!holds(&hub, production, copy, "api_key", PRODUCTION_KEY).await);
        // The preview's health comes along with its credential (its key was changed, not tested).
        let missing = copy["health"]["status"] == "production_credential_missing";
        assert_eq!(missing, !sync, "{copy}");
    }
}

#[tokio::test]
async fn a_production_credential_may_be_an_organization_credential() {
    let hub = Hub::start().await;
    preview_with_two(&hub).await;
    let (production, _) = publish(&hub).await;
    let copy = id(named(&list(&hub, production).await, "Kept apart"));
    let org = wayai_devhub::DEMO_ORG_ID;
    let body = json!({ "name": format!("Live key {}", Uuid::new_v4()), "credential_type": "api_key",
        "values": { "api_key": "sk-proj-org-live-7777" }, "environment": "production" });
    let (status, made) = exchange(
        hub.post(&format!("/api/organizations/{org}/credentials"), &body)
            .header("idempotency-key", Uuid::new_v4().to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let credential = made["id"].clone();
    let (status, set) = set_credential(
        &hub,
        production,
        &copy,
        json!({ "bindings": { "api_key": credential } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{set}");
    assert_eq!(set["bindings"]["api_key"], credential, "{set}");
    assert_eq!(set["health"]["status"], "ok", "{set}");
    assert_eq!(set["production_credential_set"], true);
}

#[tokio::test]
async fn sync_needs_a_publish_and_a_production_hub_is_not_published() {
    let hub = Hub::start().await;
    let (status, answer) = release(&hub, "sync").await;
    assert_eq!(
        (status, &answer["code"]),
        (StatusCode::CONFLICT, &json!("not_published"))
    );
    let (production, _) = publish(&hub).await;
    let (status, answer) =
        exchange(hub.post(&format!("/dev/hubs/{production}/publish"), &json!({}))).await;
    assert_eq!(
        (status, &answer["code"]),
        (StatusCode::CONFLICT, &json!("hub_read_only"))
    );
}

/// The dev provider signs everyone in as Ada.
const GMAIL_NAME: &str = "Gmail (ada@example.com)";

#[tokio::test]
async fn a_production_connection_signs_in_again_there_and_syncs_its_tools() {
    let hub = Hub::start().await;
    // A sign-in in the preview that production does not share.
    let body = json!({ "connector_id": GMAIL, "opener_origin": ORIGIN,
        "sync_credentials_to_production": false });
    let (status, flow) = start_flow(&hub, body).await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    consent(&hub, &flow, "allow", "preview@example.com").await;
    let preview = list(&hub, hub.hub_id).await;
    let gmail = named(&preview, GMAIL_NAME).clone();
    assert_eq!(gmail["sync_credentials_to_production"], false, "{gmail}");

    let (production, _) = publish(&hub).await;
    let copy = named(&list(&hub, production).await, GMAIL_NAME).clone();
    assert!(
        copy.get("oauth").is_none(),
        "the preview's sign-in stays there: {copy}"
    );
    assert_eq!(copy["health"]["status"], "production_credential_missing");

    // Reconnect, on production: its own grant.
    let production_hub = Hub {
        hub_id: production,
        url: hub.url.clone(),
        client: hub.client.clone(),
    };
    let body = json!({ "connection_id": copy["id"], "opener_origin": ORIGIN });
    let (status, flow) = start_flow(&production_hub, body).await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    consent(&production_hub, &flow, "allow", "live@example.com").await;
    let signed = named(&list(&hub, production).await, GMAIL_NAME).clone();
    assert!(
        signed["oauth"]["expires_at"].is_string(),
        "signed in: {signed}"
    );
    assert_eq!(signed["production_credential_set"], true, "{signed}");
    assert_ne!(signed["health"]["status"], "production_credential_missing");
    // A sync keeps it; the preview's account is still the preview's.
    release(&hub, "sync").await;
    let synced = named(&list(&hub, production).await, GMAIL_NAME).clone();
    assert_eq!(
        synced["oauth"], signed["oauth"],
        "production's own sign-in: {synced}"
    );
    let preview = list(&hub, hub.hub_id).await;
    assert_eq!(
        named(&preview, GMAIL_NAME)["oauth"],
        gmail["oauth"],
        "the preview's own"
    );

    // Syncing an MCP server's tools reads: the guard lets it through (this one is no MCP server).
    let path = format!(
        "/api/hubs/{production}/connections/{}/sync",
        copy["id"].as_str().unwrap()
    );
    let (status, answer) = exchange(hub.post(&path, &json!({}))).await;
    assert_eq!(
        (status, &answer["code"]),
        (StatusCode::CONFLICT, &json!("not_an_mcp_connection"))
    );
}
