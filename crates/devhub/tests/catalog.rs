//! The connector catalog endpoint, over real HTTP.

mod common;

use common::{error_fields, exchange, temp_dir, Hub};
use reqwest::StatusCode;
use serde_json::{json, Value};
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
    assert_eq!(body.code, "bad_id");
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404() {
    let hub = Hub::start().await;
    let response = hub.get("/api/nothing/here").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: ErrorBody = response.json().await.unwrap();
    assert_eq!(body.code, "not_found");
}

/// A catalog shaped unlike the seed's: five groups, one with three variants, with its own words
/// in Portuguese and Spanish (`tests/fixtures/five_groups.json` at the project's root).
const FIVE_GROUPS: &str = include_str!("../../../tests/fixtures/five_groups.json");

fn written(text: &str) -> std::path::PathBuf {
    let path = temp_dir().join("catalog.json");
    std::fs::write(&path, text).unwrap();
    path
}

async fn catalog_in(hub: &Hub, lang: &str) -> Value {
    let (status, body) = exchange(
        hub.get(&hub.hub_path("/connectors"))
            .header("accept-language", lang),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// `--catalog FILE`: every hub is served that catalog, its groups and variants in the language
/// asked for, and connections are made of its connectors.
#[tokio::test]
async fn a_whole_catalog_from_a_file_is_served_in_every_language() {
    let hub = Hub::start_with(wayai_devhub::Config {
        catalog: Some(written(FIVE_GROUPS)),
        ..wayai_devhub::Config::default()
    })
    .await;
    let en = catalog_in(&hub, "en").await;
    let titles: Vec<&str> = en["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Agent", "Channel", "Tool", "STT", "TTS"]);
    assert_eq!(en["groups"][2]["variants"][2]["title"], "MCP servers");
    assert_eq!(en["connectors"].as_array().unwrap().len(), 7);
    let pt = catalog_in(&hub, "pt-BR").await;
    assert_eq!(pt["groups"][2]["title"], "Ferramenta");
    assert_eq!(
        pt["groups"][2]["variants"][0]["title"],
        "Ferramentas nativas"
    );
    let es = catalog_in(&hub, "es").await;
    assert_eq!(
        es["groups"][0]["description"],
        "Los modelos con los que piensan tus agentes."
    );
    // No Wayai connection: this catalog has no connector the hub creates itself.
    assert!(hub.connections().await.is_empty());
    let made = hub
        .create_ok(
            json!({ "connector_id": "5e1f0000-0000-4000-8000-000000000006", "name": "Transcripts",
                           "config": { "account_id": "acct-42", "api_key": "dg-key-12345678" } }),
        )
        .await;
    assert_eq!(made["config"]["account_id"], "acct-42");
    let (status, body) = hub
        .create(
            json!({ "connector_id": "5e1f0000-0000-4000-8000-000000000006", "name": "Missing",
                        "config": { "api_key": "dg-key-12345678" } }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["account_id"]);
}

/// A bad catalog file is named with its place and its problem, and the hub does not start; the
/// binary exits 1 before it listens.
#[tokio::test]
async fn a_bad_catalog_file_is_named_and_nothing_starts() {
    let cases = [
        ("{ \"connectors\": [ }", "line 1 column"),
        ("{ \"connectors\": [] }", "the catalog has no connectors"),
        (
            &FIVE_GROUPS.replace("\"group\": \"stt\"", "\"group\": \"speech\"") as &str,
            "its group speech is not in groups",
        ),
        (
            &FIVE_GROUPS.replace("\"variant\": \"rest\"", "\"variant\": \"soap\"") as &str,
            "its variant soap is not one of group tool's",
        ),
    ];
    for (text, problem) in cases {
        let path = written(text);
        let config = wayai_devhub::Config {
            catalog: Some(path.clone()),
            ..wayai_devhub::Config::default()
        };
        let Err(refused) = wayai_devhub::app(config) else {
            panic!("a bad catalog was served: {problem}");
        };
        let words = refused.to_string();
        assert!(
            words.contains(&path.display().to_string()) && words.contains(problem),
            "{words}"
        );
    }
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_wayai-devhub"))
        .args(["--addr", "127.0.0.1:0", "--data", ":memory:", "--catalog"])
        .arg(written("{ \"connectors\": [] }"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("listening"), "{stdout}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("the catalog has no connectors"));
}

/// A test replaces one hub's whole catalog (`PUT /dev/hubs/{hub}/catalog`); other hubs keep
/// theirs; a bad one is refused in words.
#[tokio::test]
async fn one_hubs_whole_catalog_can_be_replaced() {
    let hub = Hub::start().await;
    let path = format!("/dev/hubs/{}/catalog", hub.hub_id);
    let body: Value = serde_json::from_str(FIVE_GROUPS).unwrap();
    let (status, _) = exchange(hub.send_json(reqwest::Method::PUT, &path, &body)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(catalog_in(&hub, "pt").await["groups"][1]["title"], "Canal");
    let mut other = Hub::start().await;
    other.url.clone_from(&hub.url);
    assert_eq!(
        catalog_in(&other, "en").await["connectors"]
            .as_array()
            .unwrap()
            .len(),
        21
    );
    let (status, answer) =
        exchange(hub.send_json(reqwest::Method::PUT, &path, &json!({ "connectors": [] }))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("no connectors"),
        "{answer}"
    );
    let (status, _) = exchange(hub.delete(&path)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        catalog_in(&hub, "en").await["groups"]
            .as_array()
            .unwrap()
            .len(),
        7
    );
}

/// Every authentication type of the seed's catalog carries its display label, in the language
/// asked for (issue 27).
#[tokio::test]
async fn authentication_types_carry_their_labels_in_each_language() {
    let hub = Hub::start().await;
    for (lang, api_key, optional_bearer) in [
        ("en", "API Key", "Bearer/None"),
        ("pt", "Chave de API", "Bearer/Nenhuma"),
        ("es", "Clave de API", "Bearer/Ninguna"),
    ] {
        let catalog = catalog_in(&hub, lang).await;
        let types: Vec<&Value> = catalog["connectors"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["authentication_types"].as_array().unwrap())
            .collect();
        assert!(types.iter().all(|t| t["label"].is_string()), "{lang}");
        let label = |kind: &str| {
            types
                .iter()
                .find(|t| t["type"] == kind)
                .map(|t| t["label"].as_str().unwrap().to_string())
                .unwrap()
        };
        assert_eq!(label("api_key"), api_key, "{lang}");
        assert_eq!(label("bearer"), optional_bearer, "{lang}");
    }
}

/// Logos (issue 27): with a folder of brand icons, a connector whose brand is there names its
/// logo, served as SVG with colours for both themes; one without a brand has none; nothing
/// outside the folder is served.
#[tokio::test]
async fn logos_are_named_where_the_folder_has_the_brand_and_served_from_it() {
    let icons = temp_dir();
    std::fs::write(
        icons.join("anthropic.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=\"M0 0h1\"/></svg>",
    )
    .unwrap();
    let hub = Hub::start_with(wayai_devhub::Config {
        logos: Some(icons),
        ..wayai_devhub::Config::default()
    })
    .await;
    let catalog = catalog_in(&hub, "en").await;
    let logo = |slug: &str| {
        catalog["connectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["slug"] == slug)
            .unwrap()["logo"]
            .clone()
    };
    assert_eq!(
        logo("anthropic"),
        format!("{}/logos/anthropic.svg", hub.url)
    );
    assert!(logo("openai").is_null());
    let svg = hub
        .client
        .get(format!("{}/logos/anthropic.svg", hub.url))
        .send()
        .await
        .unwrap();
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    let body = svg.text().await.unwrap();
    assert!(
        body.contains("prefers-color-scheme:dark") && body.contains("<path"),
        "{body}"
    );
    for path in [
        "/logos/openai.svg",
        "/logos/..%2Fsecret.svg",
        "/logos/anthropic.txt",
    ] {
        let answer = hub
            .client
            .get(format!("{}{path}", hub.url))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{path}");
    }
}
