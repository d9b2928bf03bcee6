//! What the hub says carries a code and its parameters (from `wayai_core::said`), and its own
//! message is in the language the request asks for.

mod common;

use common::*;
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use wayai_core::said::Code;

const ELEVENLABS: &str = "a1b2c3d4-e5f6-4789-a012-3456789abcde";

/// The code of a said object, checked: one the hub knows, with exactly its parameters.
fn checked(said: &Value) -> Code {
    let code = said["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no code: {said}"));
    let known = Code::from_code(code).unwrap_or_else(|| panic!("unknown code {code}: {said}"));
    let mut sent: Vec<&str> = said["params"]
        .as_object()
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default();
    sent.sort_unstable();
    let mut wanted = known.params().to_vec();
    wanted.sort_unstable();
    assert_eq!(sent, wanted, "{said}");
    assert!(
        !said["message"].as_str().unwrap_or_default().is_empty(),
        "{said}"
    );
    known
}

async fn tested(hub: &Hub, body: Value) -> Value {
    let (status, answer) = exchange(hub.post(&hub.hub_path("/connections/test"), &body)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer["health"].clone()
}

#[tokio::test]
async fn every_health_state_carries_a_code_that_says_what_to_do() {
    let hub = Hub::start().await;
    let key = |k: &str| json!({ "connector_id": OPENAI, "name": "k", "config": { "api_key": k } });
    let cases = [
        (key("sk-fine"), "ok", Code::CredentialsAccepted),
        (key("sk-invalid"), "auth_failed", Code::CredentialsRejected),
        (key("sk-quota"), "quota", Code::QuotaExceeded),
    ];
    for (body, status, code) in cases {
        let health = tested(&hub, body).await;
        assert_eq!(health["status"], status, "{health}");
        assert_eq!(checked(&health), code);
    }
    let rejected = tested(&hub, key("sk-invalid")).await;
    assert_eq!(
        rejected["params"],
        json!({ "provider": "OpenAI", "status": 401 })
    );
    assert!(rejected["message"]
        .as_str()
        .unwrap()
        .contains("Enter the key again"));
    let quota = tested(&hub, key("sk-quota")).await;
    assert_eq!(quota["params"]["status"], 429);
    assert!(quota["message"].as_str().unwrap().contains("will not help"));
    // A voice the provider does not have: the settings are at fault, not the key.
    let voice = json!({
        "connector_id": ELEVENLABS, "name": "v", "config": { "api_key": "xi-fine" },
        "settings": { "voice_id": "unsupported-voice" }
    });
    let refused = tested(&hub, voice).await;
    assert_eq!(refused["status"], "config_error", "{refused}");
    assert_eq!(checked(&refused), Code::SettingsRefused);
    assert_eq!(refused["params"]["status"], 400);
    // Every connection of a new hub, and one just created, too.
    let created = hub.create_ok(key("sk-created")).await;
    assert_eq!(checked(&created["health"]), Code::NotChecked);
    for connection in hub.connections().await {
        checked(&connection["health"]);
    }
}

#[tokio::test]
async fn every_error_carries_a_code_with_its_parameters() {
    let hub = Hub::start().await;
    hub.create_ok(
        json!({ "connector_id": OPENAI, "name": "Main", "config": { "api_key": "sk-1" } }),
    )
    .await;
    let wayai = hub.connections().await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let answers = [
        exchange(hub.get("/api/hubs/nope/connectors")).await,
        exchange(hub.get("/api/nothing")).await,
        exchange(hub.delete(&hub.hub_path(&format!("/connections/{wayai}")))).await,
        hub.create(
            json!({ "connector_id": OPENAI, "name": "main", "config": { "api_key": "sk-2" } }),
        )
        .await,
        hub.create(json!({ "connector_id": WAYAI, "name": "w", "config": {} }))
            .await,
        hub.create_raw("{nope".into()).await,
        exchange(hub.get(&hub.hub_path("/connections/00000000-0000-4000-8000-000000000000"))).await,
        exchange(hub.client.get(format!("{}/api/hubs/x/connectors", hub.url))).await,
    ];
    for (status, body) in answers {
        assert!(status.is_client_error(), "{status} {body}");
        checked(&body);
        for field in body["fields"].as_array().into_iter().flatten() {
            checked(field);
        }
    }
}

#[tokio::test]
async fn the_hub_answers_in_the_language_asked_for() {
    let hub = Hub::start().await;
    hub.create_ok(
        json!({ "connector_id": OPENAI, "name": "Main", "config": { "api_key": "sk-1" } }),
    )
    .await;
    let taken = json!({ "connector_id": OPENAI, "name": "main", "config": { "api_key": "sk-2" } });
    let words = [
        (
            "pt-BR,pt;q=0.9",
            "pt",
            "Outra conexão deste hub já tem este nome.",
            "recusou estas credenciais",
        ),
        (
            "es",
            "es",
            "Otra conexión de este hub ya tiene este nombre.",
            "rechazó estas credenciales",
        ),
        (
            "fr, en;q=0.5",
            "en",
            "Another connection of this hub already has this name.",
            "rejected these credentials",
        ),
    ];
    for (asked, served, taken_words, rejected_words) in words {
        let response = hub
            .post(&hub.hub_path("/connections"), &taken)
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
            .header(header::ACCEPT_LANGUAGE, asked)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()[header::CONTENT_LANGUAGE], served);
        let vary: Vec<_> = response.headers().get_all(header::VARY).iter().collect();
        assert!(
            vary.iter()
                .any(|v| v.to_str().unwrap().contains("Accept-Language")),
            "{vary:?}"
        );
        let (status, body) = json(response).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["fields"][0]["code"], "name_taken");
        assert_eq!(body["fields"][0]["message"], taken_words, "{asked}");
        let (_, answer) = exchange(
            hub.post(
                &hub.hub_path("/connections/test"),
                &json!({ "connector_id": OPENAI, "name": "k", "config": { "api_key": "sk-invalid" } }),
            )
            .header(header::ACCEPT_LANGUAGE, asked),
        )
        .await;
        let message = answer["health"]["message"].as_str().unwrap();
        assert!(
            message.contains(rejected_words) && message.contains("OpenAI"),
            "{asked}: {message}"
        );
    }
}
