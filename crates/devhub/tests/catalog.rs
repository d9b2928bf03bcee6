//! The connector catalog endpoint, over real HTTP.

mod common;

use common::Hub;
use reqwest::StatusCode;
use std::collections::HashMap;
use uuid::Uuid;
use wayai_core::{paths, AuthType, Catalog, Connector, ConnectorStatus, ConnectorType, ErrorBody};

fn hub_path() -> String {
    paths::connectors(Uuid::new_v4())
}

#[tokio::test]
async fn catalog_lists_the_21_seed_connectors_in_seven_types() {
    let hub = Hub::start().await;
    let response = hub.get(&hub_path()).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    let catalog: Catalog = response.json().await.unwrap();
    assert_eq!(catalog.connectors.len(), 21);
    for t in ConnectorType::ALL {
        assert!(
            catalog.connectors.iter().any(|c| c.connector_type == t),
            "no connector of type {t:?}"
        );
    }
    let mut slugs: Vec<_> = catalog.connectors.iter().map(|c| &c.slug).collect();
    slugs.sort();
    slugs.dedup();
    assert_eq!(slugs.len(), 21, "slugs are unique");
}

/// The catalog is the seed document's: every row of its tables, with the exact ids, names, types,
/// auth kinds, statuses and descriptions.
#[tokio::test]
async fn catalog_matches_the_seed_document() {
    // `shared/` sits beside the project's clone; `WAYAI_SEED` names the document elsewhere.
    let seed_path = std::env::var_os("WAYAI_SEED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            let project = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
            let beside = project
                .canonicalize()
                .unwrap_or(project)
                .join("../shared/seed/connections.md");
            // The path as a person would type it, without `..`.
            match beside.parent().and_then(|p| p.canonicalize().ok()) {
                Some(dir) => dir.join("connections.md"),
                None => beside,
            }
        });
    let seed = std::fs::read_to_string(&seed_path).unwrap_or_else(|e| {
        panic!(
            "the catalog is checked against the seed document, {}, which could not be read ({e}); \
             put the project's shared/ folder beside this clone, or set WAYAI_SEED to the document",
            seed_path.display()
        )
    });

    let hub = Hub::start().await;
    let catalog: Catalog = hub
        .get(&hub_path())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let by_id: HashMap<String, _> = catalog
        .connectors
        .iter()
        .map(|c| (c.id.to_string(), c))
        .collect();

    let mut quick_reference_rows = 0;
    let mut description_rows = 0;
    for line in seed.lines() {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().trim_matches('*').trim_matches('`'))
            .collect();
        if cells.len() < 4 || Uuid::parse_str(cells[1]).is_err() {
            continue;
        }
        let c = by_id
            .get(cells[1])
            .unwrap_or_else(|| panic!("seed connector {} ({}) missing", cells[0], cells[1]));
        assert_eq!(c.name, cells[0]);
        let is_quick_reference = cells.len() == 5 && type_label(cells[2]).is_some();
        if is_quick_reference {
            quick_reference_rows += 1;
            assert_eq!(Some(c.connector_type), type_label(cells[2]), "{}", c.name);
            assert_auth(cells[3], c);
            assert_eq!(status_label(cells[4]), c.status, "{}", c.name);
        } else {
            description_rows += 1;
            assert_auth(cells[2], c);
            assert_eq!(&c.description, cells.last().unwrap(), "{}", c.name);
            if cells.len() == 5 {
                assert_eq!(status_label(cells[3]), c.status, "{}", c.name);
            }
        }
    }
    assert_eq!(quick_reference_rows, 21);
    assert_eq!(description_rows, 21);
}

fn type_label(label: &str) -> Option<ConnectorType> {
    Some(match label {
        "Agent" => ConnectorType::Agent,
        "Channel" => ConnectorType::Channel,
        "Tool - Native" => ConnectorType::ToolNative,
        "Tool - User" => ConnectorType::ToolUser,
        "Tool - MCP" => ConnectorType::ToolMcp,
        "STT" => ConnectorType::Stt,
        "TTS" => ConnectorType::Tts,
        _ => return None,
    })
}

/// The seed's auth column is the connector's one authentication type; "Bearer/None" is a bearer
/// type whose token may be left out.
fn assert_auth(label: &str, c: &Connector) {
    let kind = match label {
        "API Key" => AuthType::ApiKey,
        "OAuth" => AuthType::Oauth,
        "Basic Auth" => AuthType::BasicAuth,
        "Bearer/None" => AuthType::Bearer,
        "None" => AuthType::None,
        other => panic!("unknown auth label {other:?}"),
    };
    let kinds: Vec<AuthType> = c.authentication_types.iter().map(|a| a.kind).collect();
    assert_eq!(kinds, [kind], "{}", c.name);
    if label == "Bearer/None" {
        assert!(
            c.authentication_types[0].fields.iter().all(|f| !f.required),
            "{}",
            c.name
        );
    }
}

fn status_label(label: &str) -> ConnectorStatus {
    match label {
        "Enabled" => ConnectorStatus::Enabled,
        "Disabled" => ConnectorStatus::Disabled,
        "Auto-enabled" => ConnectorStatus::AutoEnabled,
        other => panic!("unknown status label {other:?}"),
    }
}

#[tokio::test]
async fn requests_without_the_bearer_token_get_401_in_the_error_shape() {
    let hub = Hub::start().await;
    let url = format!("{}{}", hub.url, hub_path());
    for request in [
        hub.client.get(&url),
        hub.client.get(&url).bearer_auth("not-the-token"),
        hub.client.get(&url).header("authorization", "dev-token"),
    ] {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(response.headers()["www-authenticate"], "Bearer");
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.code, "unauthorized");
        assert!(!body.message.is_empty());
    }
}

#[tokio::test]
async fn a_hub_id_that_is_not_a_uuid_is_a_400() {
    let hub = Hub::start().await;
    let response = hub
        .get("/api/hubs/not-a-uuid/connectors")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: ErrorBody = response.json().await.unwrap();
    assert_eq!(body.code, "bad_request");
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404() {
    let hub = Hub::start().await;
    let response = hub.get("/api/nothing/here").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: ErrorBody = response.json().await.unwrap();
    assert_eq!(body.code, "not_found");
}
