//! Connections over real HTTP: create, idempotency, validation, update, secrets, delete, test.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn openai(name: &str, key: &str) -> Value {
    json!({ "connector_id": OPENAI, "name": name, "config": { "api_key": key } })
}

#[tokio::test]
async fn a_new_hub_has_its_wayai_connection_which_cannot_be_deleted() {
    let hub = Hub::start().await;
    let list = hub.connections().await;
    assert_eq!(list.len(), 1);
    let wayai = &list[0];
    assert_eq!(wayai["connector_id"], WAYAI);
    assert_eq!(wayai["deletable"], false);
    assert_eq!(wayai["health"]["status"], "ok");
    let id = wayai["id"].as_str().unwrap();
    let (status, body) = exchange(hub.delete(&hub.hub_path(&format!("/connections/{id}")))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "not_deletable");
    let (status, body) = hub
        .create(json!({ "connector_id": WAYAI, "name": "Second" }))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(hub.connections().await.len(), 1);
}

#[tokio::test]
async fn create_returns_hints_never_the_secret_and_get_and_list_agree() {
    let hub = Hub::start().await;
    let created = hub
        .create_ok(openai("  Production OpenAI ", "sk-proj-abcdefgh1234"))
        .await;
    assert_eq!(created["name"], "Production OpenAI");
    assert_eq!(created["secrets"]["api_key"]["hint"], "••••1234");
    assert_eq!(created["config"], json!({}));
    assert_eq!(created["enabled"], true);
    assert_eq!(created["health"]["status"], "unknown");
    assert!(!created.to_string().contains("sk-proj"));

    let id = created["id"].as_str().unwrap();
    let (status, got) = exchange(hub.get(&hub.hub_path(&format!("/connections/{id}")))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(got, created);
    assert!(hub.connections().await.contains(&created));
}

#[tokio::test]
async fn create_needs_an_idempotency_key() {
    let hub = Hub::start().await;
    let (status, body) =
        exchange(hub.post(&hub.hub_path("/connections"), &openai("A", "sk-1"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "idempotency_key_required");
}

#[tokio::test]
async fn two_creates_with_one_key_make_one_connection_even_at_once() {
    let hub = Hub::start().await;
    let send = || {
        hub.post(
            &hub.hub_path("/connections"),
            &openai("Once", "sk-proj-abcdefgh1234"),
        )
        .header("idempotency-key", "key-1")
        .send()
    };
    let (a, b) = tokio::join!(send(), send());
    let (a, b) = (json(a.unwrap()).await, json(b.unwrap()).await);
    assert_eq!(a.0, StatusCode::CREATED);
    assert_eq!(b.0, StatusCode::CREATED);
    assert_eq!(a.1["id"], b.1["id"]);
    let (c_status, c) = json(send().await.unwrap()).await;
    assert_eq!(c_status, StatusCode::CREATED);
    assert_eq!(c["id"], a.1["id"]);
    let named: Vec<_> = hub
        .connections()
        .await
        .into_iter()
        .filter(|c| c["name"] == "Once")
        .collect();
    assert_eq!(named.len(), 1);

    // The same key for a different request is a conflict, not a second connection.
    let (status, body) = exchange(
        hub.post(&hub.hub_path("/connections"), &openai("Other", "sk-2"))
            .header("idempotency-key", "key-1"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "idempotency_key_reused");
    assert_eq!(hub.connections().await.len(), 2);
}

#[tokio::test]
async fn a_create_and_its_replay_say_where_the_connection_lives() {
    let hub = Hub::start().await;
    let send = || {
        hub.post(&hub.hub_path("/connections"), &openai("Located", "sk-1"))
            .header("idempotency-key", "where-key")
            .send()
    };
    for attempt in ["first", "replay"] {
        let response = send().await.unwrap();
        let location = response
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_string());
        let (status, created) = json(response).await;
        assert_eq!(status, StatusCode::CREATED, "{attempt}");
        let path = hub.hub_path(&format!("/connections/{}", created["id"].as_str().unwrap()));
        assert_eq!(location.as_deref(), Some(path.as_str()), "{attempt}");
        // The path answers with that connection.
        let (status, read) = exchange(hub.get(&path)).await;
        assert_eq!((status, &read["id"]), (StatusCode::OK, &created["id"]));
    }
}

#[tokio::test]
async fn replaying_a_create_whose_connection_was_deleted_is_a_conflict_not_a_phantom() {
    let hub = Hub::start().await;
    let send = || {
        hub.post(
            &hub.hub_path("/connections"),
            &openai("Short-lived", "sk-1"),
        )
        .header("idempotency-key", "gone-key")
        .send()
    };
    let (status, created) = json(send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED);
    let path = hub.hub_path(&format!("/connections/{}", created["id"].as_str().unwrap()));
    assert_eq!(
        hub.delete(&path).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let (status, body) = json(send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "idempotent_resource_deleted");
    assert_eq!(hub.connections().await.len(), 1);
}

#[tokio::test]
async fn validation_names_every_field_at_fault() {
    let hub = Hub::start().await;
    let (status, body) = hub
        .create(
            json!({ "connector_id": USER_TOOL_BASIC, "name": " ", "config": {
                "base_url": "http://api.example.com",
                "password": "pw",
                "headers": [{ "name": "X-A", "value": "1" }, { "name": "x-a", "value": "2" }],
                "colour": "blue"
            }}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "validation_failed");
    assert_eq!(
        error_fields(&body),
        ["name", "base_url", "username", "headers", "colour"]
    );
    let messages: Vec<&str> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(messages[1].contains("https://"), "{}", messages[1]);
    assert!(messages[3].contains("appears twice"), "{}", messages[3]);

    let (status, body) = hub
        .create(
            json!({ "connector_id": USER_TOOL_API_KEY, "name": "Bad header", "config": {
                "api_key": "k", "headers": [{ "name": "Bad Name", "value": "1" }]
            }}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["headers"]);

    let (status, body) = hub
        .create(json!({ "connector_id": OPENAI, "name": "x".repeat(101), "config": {} }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["name", "api_key"]);
    assert_eq!(hub.connections().await.len(), 1, "nothing was created");
}

#[tokio::test]
async fn connectors_that_cannot_be_created_here_say_why() {
    let hub = Hub::start().await;
    let (status, body) = hub.create(json!({ "connector_id": WHATSAPP_TOKEN, "name": "W", "config": { "access_token": "t" } })).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "connector_disabled");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("Contact support"));

    let (status, body) = hub
        .create(json!({ "connector_id": GMAIL, "name": "G" }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "oauth_required");

    let (status, body) = hub
        .create(json!({ "connector_id": "00000000-0000-4000-8000-000000000000", "name": "U" }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["connector_id"]);
}

#[tokio::test]
async fn names_are_unique_within_a_hub_ignoring_case() {
    let hub = Hub::start().await;
    hub.create_ok(openai("Main", "sk-1")).await;
    let (status, body) = hub.create(openai("MAIN", "sk-2")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["name"]);
}

#[tokio::test]
async fn malformed_requests_are_400_or_415_in_the_error_shape() {
    let hub = Hub::start().await;
    let url = format!("{}{}", hub.url, hub.hub_path("/connections"));
    let (status, body) = hub.create_raw("{not json".into()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "bad_json");

    let text = hub
        .client
        .post(&url)
        .bearer_auth("dev-token")
        .header("idempotency-key", "k")
        .body("name=x")
        .send()
        .await
        .unwrap();
    assert_eq!(json(text).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let (status, body) = exchange(hub.get(&hub.hub_path("/connections/not-a-uuid"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "bad_id");
    assert_eq!(body["params"]["name"], "id", "{body}");
    let (status, body) =
        exchange(hub.get(&hub.hub_path("/connections/00000000-0000-4000-8000-000000000000"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["code"], "connection_not_found",
        "a 404 says what is missing"
    );
    let (status, body) = exchange(hub.delete(&hub.hub_path("/connectors"))).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body["code"], "method_not_allowed");
}

#[tokio::test]
async fn update_renames_toggles_and_keeps_the_secret_unless_replaced() {
    let hub = Hub::start().await;
    let created = hub
        .create_ok(openai("Before", "sk-proj-abcdefgh1234"))
        .await;
    let path = hub.hub_path(&format!("/connections/{}", created["id"].as_str().unwrap()));

    let (status, renamed) =
        exchange(hub.patch(&path, &json!({ "name": "After", "enabled": false }))).await;
    assert_eq!(status, StatusCode::OK, "{renamed}");
    assert_eq!(renamed["name"], "After");
    assert_eq!(renamed["enabled"], false);
    assert_eq!(
        renamed["secrets"], created["secrets"],
        "an untouched secret is kept"
    );
    assert_eq!(renamed["created_at"], created["created_at"]);

    // Sending the hint back as if it were the key is refused, not stored.
    let (status, body) =
        exchange(hub.patch(&path, &json!({ "config": { "api_key": "••••1234" } }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["api_key"]);

    let (status, replaced) = exchange(hub.patch(
        &path,
        &json!({ "config": { "api_key": "sk-proj-zyxwvuts9876" } }),
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(replaced["secrets"]["api_key"]["hint"], "••••9876");

    // A required secret cannot be cleared; unknown members are refused outright.
    let (status, body) =
        exchange(hub.patch(&path, &json!({ "config": { "api_key": null } }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["api_key"]);
    let (status, _) = exchange(hub.patch(&path, &json!({ "secrets": {} }))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, body) = exchange(hub.patch(
        &hub.hub_path("/connections/00000000-0000-4000-8000-000000000000"),
        &json!({ "name": "x" }),
    ))
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
}

#[tokio::test]
async fn optional_fields_and_secrets_can_be_set_and_cleared() {
    let hub = Hub::start().await;
    let created = hub
        .create_ok(
            json!({ "connector_id": USER_TOOL_API_KEY, "name": "Tool", "config": {
                "api_key": "key-aaaaaaaa1111",
                "access_token": "token-bbbbbbbb2222",
                "base_url": "https://api.example.com",
                "headers": [{ "name": "X-Team", "value": "core" }]
            }}),
        )
        .await;
    assert_eq!(created["config"]["base_url"], "https://api.example.com");
    // Header values are secrets here: never returned, each name shown with its value's hint.
    assert!(created["config"].get("headers").is_none(), "{created}");
    assert_eq!(created["secrets"]["headers"]["hint"], "X-Team: ••••••••");
    assert!(!created.to_string().contains("core"));
    assert_eq!(created["secrets"]["access_token"]["hint"], "••••2222");
    let path = hub.hub_path(&format!("/connections/{}", created["id"].as_str().unwrap()));
    let (status, cleared) = exchange(hub.patch(
        &path,
        &json!({ "config": { "access_token": null, "base_url": null, "headers": [] } }),
    ))
    .await;
    assert_eq!(status, StatusCode::OK, "{cleared}");
    assert!(cleared["secrets"].get("access_token").is_none());
    assert!(cleared["secrets"].get("headers").is_none());
    assert_eq!(cleared["secrets"]["api_key"]["hint"], "••••1111");
    assert_eq!(cleared["config"], json!({}));
}

#[tokio::test]
async fn delete_removes_the_connection() {
    let hub = Hub::start().await;
    let created = hub.create_ok(openai("Gone", "sk-1")).await;
    let path = hub.hub_path(&format!("/connections/{}", created["id"].as_str().unwrap()));
    let response = hub.delete(&path).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        hub.get(&path).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        hub.delete(&path).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(hub.connections().await.len(), 1);
}

#[tokio::test]
async fn testing_credentials_follows_the_documented_rule_and_records_health() {
    let hub = Hub::start().await;
    for (key, status) in [
        ("sk-proj-abcdefgh1234", "ok"),
        ("sk-invalid-abcdefgh", "auth_failed"),
        ("sk-quota-abcdefgh", "quota"),
    ] {
        let created = hub.create_ok(openai(key, key)).await;
        let path = hub.hub_path(&format!("/connections/{}", created["id"].as_str().unwrap()));
        let (code, result) = exchange(hub.post(&format!("{path}/test"), &json!({}))).await;
        assert_eq!(code, StatusCode::OK);
        assert_eq!(result["health"]["status"], status, "{key}");
        assert_eq!(result["ok"], status == "ok");
        let (_, stored) = exchange(hub.get(&path)).await;
        assert_eq!(
            stored["health"], result["health"],
            "the outcome is recorded"
        );
    }

    // Unsaved credentials from a form: tested, nothing stored.
    let before = hub.connections().await.len();
    let (code, result) = exchange(hub.post(
        &hub.hub_path("/connections/test"),
        &json!({ "connector_id": EXTERNAL_RESOURCES, "name": "Files", "config": {
            "storage_api_url": "https://storage.down.invalid/api", "api_key": "k-1"
        }}),
    ))
    .await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(result["health"]["status"], "unreachable");
    assert_eq!(hub.connections().await.len(), before);
}

/// No response of any endpoint ever contains a stored secret.
#[tokio::test]
async fn no_endpoint_ever_returns_a_stored_secret() {
    let hub = Hub::start().await;
    let marker = "SECRET-MARKER-7f3a9c";
    let mut bodies: Vec<String> = Vec::new();
    let record = |bodies: &mut Vec<String>, v: &Value| bodies.push(v.to_string());

    let created = hub
        .create_ok(openai("Secretive", &format!("{marker}-a")))
        .await;
    record(&mut bodies, &created);
    let tool = hub
        .create_ok(
            json!({ "connector_id": USER_TOOL_BASIC, "name": "Basic", "config": {
                "username": "ada", "password": format!("{marker}-b")
            }}),
        )
        .await;
    record(&mut bodies, &tool);
    let mcp = hub
        .create_ok(
            json!({ "connector_id": MCP_TOKEN, "name": "MCP", "config": {
                "url": format!("{}/dev/mcp-secured", hub.url), "bearer_token": format!("{marker}-c")
            }}),
        )
        .await;
    record(&mut bodies, &mcp);

    // A failed create and an idempotent replay must not echo the secret either.
    let (_, failed) = hub.create(json!({ "connector_id": OPENAI, "name": "", "config": { "api_key": format!("{marker}-d") } })).await;
    record(&mut bodies, &failed);
    let replay_body = openai("Replay", &format!("{marker}-e"));
    for _ in 0..2 {
        let r = hub
            .post(&hub.hub_path("/connections"), &replay_body)
            .header("idempotency-key", "replay-key")
            .send()
            .await
            .unwrap();
        bodies.push(r.text().await.unwrap());
    }

    for id in [&created["id"], &tool["id"], &mcp["id"]] {
        let path = hub.hub_path(&format!("/connections/{}", id.as_str().unwrap()));
        for request in [
            hub.get(&path),
            hub.post(&format!("{path}/test"), &json!({})),
            hub.get(&format!("{path}/tools")),
            hub.post(&format!("{path}/sync"), &json!({})),
            hub.patch(
                &path,
                &json!({ "name": format!("Renamed {}", id.as_str().unwrap()) }),
            ),
        ] {
            bodies.push(request.send().await.unwrap().text().await.unwrap());
        }
    }
    bodies.push(
        hub.get(&hub.hub_path("/connections"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    bodies.push(
        hub.get(&hub.hub_path("/connectors"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    let (_, list) = exchange(hub.get(&hub.hub_path("/connections"))).await;
    assert_eq!(list["connections"].as_array().unwrap().len(), 5);

    assert!(bodies.len() >= 20);
    for body in &bodies {
        assert!(!body.contains(marker), "a response leaked a secret: {body}");
    }
}

/// A connector added to a hub's catalog is validated and stored like a seed one.
#[tokio::test]
async fn a_connector_added_at_run_time_takes_connections_with_every_field_kind() {
    let hub = Hub::start().await;
    let id = "0f0f0f0f-0000-4000-8000-000000000001";
    let added = hub
        .client
        .put(format!("{}/dev/hubs/{}/catalog-extra", hub.url, hub.hub_id))
        .bearer_auth(DEV_TOKEN)
        .json(&json!({ "connectors": [{
            "id": id, "slug": "weather", "type": "tool_user", "name": "Weather API",
            "description": "Forecasts.", "authentication_types": [{ "type": "api_key" }], "status": "enabled",
            "fields": [
                { "key": "units", "label": "Units", "kind": "select", "required": true,
                  "options": [{ "value": "metric", "label": "Metric" }, { "value": "imperial", "label": "Imperial" }] },
                { "key": "days", "label": "Days", "kind": "number", "required": false },
                { "key": "alerts", "label": "Alerts", "kind": "boolean", "required": false },
                { "key": "token", "label": "Token", "kind": "secret", "required": true }
            ]
        }]}))
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), StatusCode::NO_CONTENT);
    let (_, catalog) = exchange(hub.get(&hub.hub_path("/connectors"))).await;
    assert_eq!(catalog["connectors"].as_array().unwrap().len(), 22);

    let (status, body) = hub
        .create(json!({ "connector_id": id, "name": "W", "config": { "units": "kelvin", "days": "3", "token": "t" } }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["units", "days"]);
    let created = hub
        .create_ok(json!({ "connector_id": id, "name": "W", "config": { "units": "metric", "days": 3, "alerts": true, "token": "t" } }))
        .await;
    assert_eq!(
        created["config"],
        json!({ "units": "metric", "days": 3.0, "alerts": true })
    );
}
