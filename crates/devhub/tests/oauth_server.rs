//! The dev hub's spec-shaped OAuth-protected MCP server, driven by the official Rust SDK's OAuth
//! client (rmcp's `auth`) over real HTTP: discovery from the 401, registration, PKCE with the
//! `resource`, the code exchange, refresh with rotation, and revocation.

mod common;

use common::{control, exchange, sync, Hub};
use oauth2::TokenResponse;
use reqwest::{redirect::Policy, StatusCode};
use rmcp::transport::auth::{AuthorizationManager, AuthorizationRequest, AuthorizationSession};
use serde_json::{json, Value};

const CALLBACK: &str = "http://127.0.0.1:9/callback";

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
}

fn initialize() -> Value {
    json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {},
        "clientInfo": { "name": "test", "version": "1" } } })
}

/// An MCP `initialize` at the protected server with `token`: its status and challenge.
async fn call(hub: &Hub, token: Option<&str>) -> (StatusCode, String) {
    let mut request = hub
        .client
        .post(format!("{}/dev/mcp-protected", hub.url))
        .header("Accept", "application/json, text/event-stream")
        .json(&initialize());
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let challenge = response
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (response.status(), challenge)
}

/// Discovery, registration and the authorization URL, as the SDK does them.
async fn session(hub: &Hub) -> AuthorizationSession {
    let mut manager = AuthorizationManager::new(format!("{}/dev/mcp-protected", hub.url))
        .await
        .unwrap();
    let resolved = manager.resolve_metadata().await.unwrap();
    manager.set_metadata(resolved.metadata);
    let request = AuthorizationRequest::new(CALLBACK)
        .with_client_name("WayAI hub")
        .with_scopes(["tools:read"]);
    AuthorizationSession::new(manager, request)
        .await
        .map_err(|(_, e)| e)
        .unwrap()
}

async fn token_request(hub: &Hub, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let response = hub
        .client
        .post(format!("{}/dev/oauth-as/token", hub.url))
        .form(form)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

#[tokio::test]
async fn the_401_names_the_resource_metadata_and_the_scope() {
    let hub = Hub::start().await;
    let (status, challenge) = call(&hub, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let metadata = format!(
        "{}/.well-known/oauth-protected-resource/dev/mcp-protected",
        hub.url
    );
    assert_eq!(
        challenge,
        format!("Bearer resource_metadata=\"{metadata}\", scope=\"tools:read\"")
    );
    let (_, prm) = exchange(hub.client.get(&metadata)).await;
    assert_eq!(prm["resource"], format!("{}/dev/mcp-protected", hub.url));
    let issuer = prm["authorization_servers"][0]
        .as_str()
        .unwrap()
        .to_string();
    let as_path = issuer.trim_start_matches(&hub.url);
    let asm_url = format!(
        "{}/.well-known/oauth-authorization-server{as_path}",
        hub.url
    );
    let (_, asm) = exchange(hub.client.get(asm_url)).await;
    assert_eq!(asm["issuer"], issuer);
    assert_eq!(asm["code_challenge_methods_supported"], json!(["S256"]));
    assert!(asm["registration_endpoint"].is_string());
    assert!(asm["revocation_endpoint"].is_string());
    let (status, challenge) = call(&hub, Some("demo-at-made-up")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        challenge.ends_with("error=\"invalid_token\""),
        "{challenge}"
    );
}

#[tokio::test]
async fn the_sdk_registers_signs_in_with_pkce_and_the_resource_and_reads_the_tools() {
    let hub = Hub::start().await;
    let session = session(&hub).await;
    let url = url::Url::parse(session.get_authorization_url()).unwrap();
    let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(query["code_challenge_method"], "S256");
    assert_eq!(query["resource"], format!("{}/dev/mcp-protected", hub.url));
    assert!(
        query["client_id"].starts_with("demo-client-"),
        "registered dynamically"
    );

    let back = common::as_consent(session.get_authorization_url(), "allow").await;
    assert!(back.starts_with(CALLBACK), "{back}");
    let tokens = session.handle_callback_url(&back).await.unwrap();
    let access = tokens.access_token().secret().clone();
    assert_eq!(call(&hub, Some(&access)).await.0, StatusCode::OK);

    // The code is good once.
    let code = url::Url::parse(&back)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .to_string();
    let (status, body) = token_request(
        &hub,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", &query["client_id"]),
            ("redirect_uri", CALLBACK),
            ("code_verifier", "x"),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn a_refresh_rotates_the_refresh_token_and_revocation_ends_the_grant() {
    let hub = Hub::start().await;
    let session = session(&hub).await;
    let back = common::as_consent(session.get_authorization_url(), "allow").await;
    let first = session.handle_callback_url(&back).await.unwrap();
    let old_refresh = first.refresh_token().unwrap().secret().clone();
    let (client_id, _) = session.get_credentials().await.unwrap();

    let fresh = session.auth_manager.refresh_token().await.unwrap();
    let new_refresh = fresh.refresh_token().unwrap().secret().clone();
    assert_ne!(new_refresh, old_refresh);
    assert_eq!(
        call(&hub, Some(fresh.access_token().secret())).await.0,
        StatusCode::OK
    );
    // The spent refresh token is refused.
    let (status, body) = token_request(
        &hub,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &old_refresh),
            ("client_id", &client_id),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );

    // Revoking the refresh token ends the grant: its access token stops working too.
    let revoked = hub
        .client
        .post(format!("{}/dev/oauth-as/revoke", hub.url))
        .form(&[
            ("token", new_refresh.as_str()),
            ("client_id", client_id.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::OK);
    assert_eq!(
        call(&hub, Some(fresh.access_token().secret())).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn requests_without_pkce_or_the_resource_and_a_denial_go_back_with_an_error() {
    let hub = Hub::start().await;
    let session = session(&hub).await;
    let url = url::Url::parse(session.get_authorization_url()).unwrap();
    let without = |drop: &str| {
        let mut u = url.clone();
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .into_owned()
            .filter(|(k, _)| k != drop)
            .collect();
        u.query_pairs_mut().clear().extend_pairs(kept);
        u.to_string()
    };
    for (dropped, error) in [
        ("code_challenge", "invalid_request"),
        ("resource", "invalid_target"),
    ] {
        let answer = no_redirects().get(without(dropped)).send().await.unwrap();
        assert_eq!(answer.status(), StatusCode::SEE_OTHER, "{dropped}");
        let location = answer.headers()["location"].to_str().unwrap().to_string();
        assert!(
            location.contains(&format!("error={error}")),
            "{dropped}: {location}"
        );
        assert!(
            location.contains("state="),
            "the state goes back: {location}"
        );
    }
    let denied = common::as_consent(session.get_authorization_url(), "deny").await;
    assert!(denied.contains("error=access_denied"), "{denied}");
    // An unknown redirect URI is never redirected to.
    let mut elsewhere = url.clone();
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .into_owned()
        .map(|(k, v)| {
            if k == "redirect_uri" {
                (k, "https://attacker.example/cb".into())
            } else {
                (k, v)
            }
        })
        .collect();
    elsewhere.query_pairs_mut().clear().extend_pairs(kept);
    let answer = no_redirects().get(elsewhere.as_str()).send().await.unwrap();
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
}

/// Connects an MCP Server - OAuth connection to the protected server through the hub's flow,
/// checking what crosses the wire on the way; answers the connection as the API shows it.
async fn connect(hub: &Hub) -> Value {
    connect_at(hub, "/dev/mcp-protected").await
}

async fn connect_at(hub: &Hub, path: &str) -> Value {
    let url = format!("{}{path}", hub.url);
    let (status, flow) = common::start_flow(
        hub,
        json!({ "connector_id": common::MCP_OAUTH, "opener_origin": common::ORIGIN,
                "name": "Protected docs", "config": { "url": url } }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    let authorize = flow["authorize_url"].as_str().unwrap();
    assert!(
        authorize.starts_with(&format!("{}/dev/oauth-as/authorize?", hub.url)),
        "{authorize}"
    );
    let asked: std::collections::HashMap<_, _> = url::Url::parse(authorize)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect();
    assert_eq!(asked["resource"], url);
    assert_eq!(asked["code_challenge_method"], "S256");
    assert_eq!(asked["state"], flow["state"].as_str().unwrap());
    let back = common::as_consent(authorize, "allow").await;
    assert!(
        back.starts_with(&format!("{}/api/oauth/callback?", hub.url)),
        "{back}"
    );
    let page = hub.client.get(&back).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let done = common::flow_status(hub, &flow).await;
    assert_eq!(done["status"], "succeeded", "{done}");
    connection(hub, done["connection_id"].as_str().unwrap()).await
}

async fn connection(hub: &Hub, id: &str) -> Value {
    exchange(hub.get(&hub.hub_path(&format!("/connections/{id}"))))
        .await
        .1
}

async fn refreshes(hub: &Hub) -> u64 {
    control(hub, reqwest::Method::GET, "/dev/oauth-as/stats", None).await["refreshes"]
        .as_u64()
        .unwrap()
}

/// The hub's own MCP Server - OAuth flow against the protected server: the authorization URL is
/// the server's authorization server (registered dynamically, PKCE, resource); the callback
/// exchanges the code at its token endpoint; discovery then reads the tools with that token.
#[tokio::test]
async fn the_hubs_mcp_oauth_flow_signs_in_at_the_servers_own_authorization_server() {
    let hub = Hub::start().await;
    let connection = connect(&hub).await;
    assert_eq!(connection["name"], "Protected docs");
    assert_eq!(connection["health"]["status"], "ok", "{connection}");
    assert!(connection["mcp"]["tool_count"].as_u64().unwrap() > 0);
    assert_eq!(
        connection["oauth"]["account"],
        format!("{}/dev/oauth-as", hub.url)
    );
    assert!(
        !connection.to_string().contains("demo-at-"),
        "no token leaves the hub"
    );
    assert_eq!(refreshes(&hub).await, 0, "a fresh token is not renewed");
}

/// Tokens about to run out are renewed before the server is asked (the refresh token rotates);
/// when the authorization server refuses, the connection's health says so.
#[tokio::test]
async fn tokens_are_refreshed_before_they_expire_and_a_refused_refresh_asks_for_reconnect() {
    let hub = Hub::start().await;
    // Ten-second tokens: inside the hub's margin, so every use renews them first.
    control(
        &hub,
        reqwest::Method::PUT,
        "/dev/oauth-as/lifetime",
        Some(json!({ "seconds": 10 })),
    )
    .await;
    let connected = connect(&hub).await;
    let id = connected["id"].as_str().unwrap().to_string();
    assert_eq!(connected["health"]["status"], "ok", "{connected}");
    assert_eq!(refreshes(&hub).await, 1, "renewed before discovery");
    let (status, _) = sync(&hub, &id).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        refreshes(&hub).await,
        2,
        "renewed again with the rotated refresh token"
    );
    assert_eq!(connection(&hub, &id).await["health"]["status"], "ok");

    control(&hub, reqwest::Method::DELETE, "/dev/oauth-as/grants", None).await;
    let (status, body) = sync(&hub, &id).await;
    assert_eq!(status, StatusCode::FAILED_DEPENDENCY, "{body}");
    let after = connection(&hub, &id).await;
    assert_eq!(after["health"]["status"], "token_expired", "{after}");
    let words = after["health"]["message"].as_str().unwrap();
    assert!(
        words.contains("refused to renew") && words.contains("Reconnect"),
        "{words}"
    );
}

/// The hub restarts between the start of a sign-in and its callback: what the callback needs
/// (the PKCE verifier, the client, the authorization server) was kept with the flow in SQLite,
/// so the restarted hub completes it. The MCP server, a third party, keeps running.
#[tokio::test]
async fn a_hub_restarted_mid_flow_completes_the_sign_in() {
    let data = common::temp_dir().join("mcp-oauth-restart.db");
    let config = || wayai_devhub::Config {
        data: Some(data.clone()),
        mcp_timeout: std::time::Duration::from_millis(1500),
        ..wayai_devhub::Config::default()
    };
    let first = Hub::start_with(config()).await;
    let url = format!("{}/dev/mcp-protected", first.url);
    let (status, flow) = common::start_flow(
        &first,
        json!({ "connector_id": common::MCP_OAUTH, "opener_origin": common::ORIGIN,
                "name": "After restart", "config": { "url": url } }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    let back = common::as_consent(flow["authorize_url"].as_str().unwrap(), "allow").await;
    // The browser comes back to the hub, which is another process now.
    let mut second = Hub::start_with(config()).await;
    second.hub_id = first.hub_id;
    let query = back.split_once('?').unwrap().1;
    let page = second
        .client
        .get(format!("{}/api/oauth/callback?{query}", second.url))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let done = common::flow_status(&second, &flow).await;
    assert_eq!(done["status"], "succeeded", "{done}");
    let made = connection(&second, done["connection_id"].as_str().unwrap()).await;
    assert_eq!(made["name"], "After restart");
    assert_eq!(made["health"]["status"], "ok", "{made}");
}

/// Deleting the connection revokes its grant at the authorization server (RFC 7009).
#[tokio::test]
async fn deleting_the_connection_revokes_its_grant() {
    let hub = Hub::start().await;
    let made = connect(&hub).await;
    let stats = || control(&hub, reqwest::Method::GET, "/dev/oauth-as/stats", None);
    assert_eq!(stats().await["revocations"], 0);
    let id = made["id"].as_str().unwrap();
    let (status, _) = exchange(hub.delete(&hub.hub_path(&format!("/connections/{id}")))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(stats().await["revocations"], 1);
}

/// The authorization server does not answer the revocation: nothing is deleted and the answer
/// says so; the person may try again (which revokes) or delete without revoking.
#[tokio::test]
async fn a_failed_revocation_deletes_nothing_until_asked_to_delete_anyway() {
    let hub = Hub::start().await;
    let made = connect(&hub).await;
    let path = hub.hub_path(&format!("/connections/{}", made["id"].as_str().unwrap()));
    let stats = || control(&hub, reqwest::Method::GET, "/dev/oauth-as/stats", None);
    control(
        &hub,
        reqwest::Method::PUT,
        "/dev/oauth-as/revocation-failures",
        Some(json!({ "times": 2 })),
    )
    .await;
    let (status, body) = exchange(hub.delete(&path)).await;
    assert_eq!(status, StatusCode::FAILED_DEPENDENCY, "{body}");
    assert_eq!(body["code"], "revocation_failed");
    let words = body["message"].as_str().unwrap();
    assert!(
        words.contains("/dev/oauth-as/revoke answered 503")
            && words.contains("Nothing was deleted"),
        "{words}"
    );
    let (status, kept) = exchange(hub.get(&path)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kept["health"]["status"], "ok", "{kept}");

    // Still down: the second try fails alike; then deleting anyway asks nothing of the server.
    let (status, _) = exchange(hub.delete(&path)).await;
    assert_eq!(status, StatusCode::FAILED_DEPENDENCY);
    let (status, _) = exchange(hub.delete(&format!("{path}?revoke=false"))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(stats().await["revocations"], 0);
    let (status, _) = exchange(hub.get(&path)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Step-up: the server starts to require a scope the grant lacks (403 `insufficient_scope`).
/// The connection says which, and Reconnect asks for it as well; afterwards the tools read again.
#[tokio::test]
async fn a_missing_scope_is_named_and_reconnect_asks_for_it() {
    let hub = Hub::start().await;
    let made = connect(&hub).await;
    let id = made["id"].as_str().unwrap().to_string();
    control(
        &hub,
        reqwest::Method::PUT,
        "/dev/oauth-as/required-scopes",
        Some(json!({ "scopes": ["tools:admin"] })),
    )
    .await;
    let (status, body) = sync(&hub, &id).await;
    assert_eq!(status, StatusCode::FAILED_DEPENDENCY, "{body}");
    let after = connection(&hub, &id).await;
    assert_eq!(after["health"]["status"], "auth_failed");
    assert_eq!(
        after["health"]["message"],
        "The MCP server needs more permission: tools:admin. Reconnect to grant it."
    );

    let (status, flow) = common::start_flow(
        &hub,
        json!({ "connection_id": id, "opener_origin": common::ORIGIN }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    let authorize = flow["authorize_url"].as_str().unwrap();
    let asked: std::collections::HashMap<_, _> = url::Url::parse(authorize)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect();
    assert_eq!(asked["scope"], "tools:read tools:admin");
    let back = common::as_consent(authorize, "allow").await;
    assert_eq!(
        hub.client.get(&back).send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        common::flow_status(&hub, &flow).await["status"],
        "succeeded"
    );
    let renewed = connection(&hub, &id).await;
    assert_eq!(renewed["health"]["status"], "ok", "{renewed}");
    assert_eq!(
        renewed["oauth"]["scopes"],
        json!(["tools:read", "tools:admin"])
    );
}

/// A server whose 401 names no metadata: the hub finds it at the well-known path and signs in.
#[tokio::test]
async fn metadata_only_at_the_well_known_path_is_found_there() {
    let hub = Hub::start().await;
    let path = "/dev/mcp-protected-well-known-only";
    let response = hub
        .client
        .post(format!("{}{path}", hub.url))
        .json(&initialize())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.headers()["www-authenticate"],
        "Bearer scope=\"tools:read\""
    );
    let made = connect_at(&hub, path).await;
    assert_eq!(made["health"]["status"], "ok", "{made}");
}

/// The hub refuses an authorization server that does not advertise PKCE with S256, and asks for
/// a client ID where registration is closed; each in words under the URL field.
#[tokio::test]
async fn no_pkce_is_refused_and_closed_registration_asks_for_a_client_id() {
    let hub = Hub::start().await;
    let start = |path: &str, client_id: Option<&str>| {
        let mut config = json!({ "url": format!("{}{path}", hub.url) });
        if let Some(id) = client_id {
            config["client_id"] = json!(id);
        }
        common::start_flow(
            &hub,
            json!({ "connector_id": common::MCP_OAUTH, "opener_origin": common::ORIGIN, "config": config }),
        )
    };
    let words = |body: &Value| {
        body["fields"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let (status, body) = start("/dev/mcp-protected-no-pkce", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(common::error_fields(&body), ["url"]);
    assert!(words(&body).contains("PKCE with S256"), "{body}");

    let (status, body) = start("/dev/mcp-protected-no-registration", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(words(&body).contains("takes no registrations"), "{body}");

    let (status, flow) = start("/dev/mcp-protected-no-registration", Some("owner-given")).await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    assert!(flow["authorize_url"]
        .as_str()
        .unwrap()
        .contains("client_id=owner-given"));
}

/// An authorization server that takes Client ID Metadata Documents instead of registrations:
/// a hub reached over HTTPS is its own client ID (its document's URL, which it serves); a hub on
/// plain HTTP cannot be (a CIMD client ID is an HTTPS URL) and asks for a client ID instead.
#[tokio::test]
async fn client_id_metadata_documents_are_used_by_a_hub_reached_over_https() {
    async fn start(hub: &Hub) -> (StatusCode, Value) {
        common::start_flow(
            hub,
            json!({ "connector_id": common::MCP_OAUTH, "opener_origin": common::ORIGIN,
                    "config": { "url": format!("{}/dev/mcp-protected-cimd", hub.url) } }),
        )
        .await
    }
    let plain = Hub::start().await;
    let (status, body) = start(&plain).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.to_string().contains("takes no registrations"),
        "{body}"
    );

    let public = "https://hub.example.test";
    let hub = Hub::start_with(wayai_devhub::Config {
        public_url: Some(public.into()),
        ..wayai_devhub::Config::default()
    })
    .await;
    let stats = || control(&hub, reqwest::Method::GET, "/dev/oauth-as/stats", None);
    let (status, flow) = start(&hub).await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    let document_url = format!("{public}/api/oauth/client-metadata.json");
    let asked: std::collections::HashMap<_, _> =
        url::Url::parse(flow["authorize_url"].as_str().unwrap())
            .unwrap()
            .query_pairs()
            .into_owned()
            .collect();
    assert_eq!(asked["client_id"], document_url);
    assert_eq!(asked["code_challenge_method"], "S256");
    assert_eq!(stats().await["registrations"], 0, "nothing was registered");
    // The document the authorization server fetches: its own URL as the client ID.
    let document: Value = hub
        .client
        .get(format!("{}/api/oauth/client-metadata.json", hub.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(document["client_id"], document_url);
    assert_eq!(
        document["redirect_uris"],
        json!([format!("{public}/api/oauth/callback")])
    );
    assert_eq!(document["token_endpoint_auth_method"], "none");
}

/// A token refused before it ran out (revoked at the server) is renewed once and the server
/// asked again: the sync succeeds without the person doing anything.
#[tokio::test]
async fn a_token_refused_before_it_ran_out_is_renewed_and_the_call_made_again() {
    let hub = Hub::start().await;
    let made = connect(&hub).await;
    let id = made["id"].as_str().unwrap().to_string();
    assert_eq!(refreshes(&hub).await, 0);
    control(
        &hub,
        reqwest::Method::DELETE,
        "/dev/oauth-as/access-tokens",
        None,
    )
    .await;
    let (status, body) = sync(&hub, &id).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(refreshes(&hub).await, 1);
    assert_eq!(connection(&hub, &id).await["health"]["status"], "ok");
}

/// When no sign-in can start, the words say which step failed and at which address: a server
/// that answers without saying how to sign in, and one that does not answer.
#[tokio::test]
async fn a_server_that_says_nothing_or_is_unreachable_is_named_with_the_step() {
    let hub = Hub::start().await;
    let start = |url: String| {
        common::start_flow(
            &hub,
            json!({ "connector_id": common::MCP_OAUTH, "opener_origin": common::ORIGIN, "config": { "url": url } }),
        )
    };
    let open = format!("{}/dev/mcp", hub.url);
    let (status, body) = start(open.clone()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        body["fields"][0]["message"],
        format!("The MCP server at {open} does not say how to sign in: its answer names no OAuth metadata, and there is none at {}/.well-known/oauth-protected-resource/dev/mcp (RFC 9728).", hub.url)
    );
    let (status, body) = start("http://127.0.0.1:9/mcp".into()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        body["fields"][0]["message"],
        "The MCP server at http://127.0.0.1:9/mcp could not be reached to ask how to sign in. Check the URL."
    );
}
