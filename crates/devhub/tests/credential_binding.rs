//! A credential goes only to the server it was issued for (issue 26), over real HTTP: each
//! attack points the hub at a loopback collector, directly, through a redirect, or as
//! `0.0.0.0` (which reaches loopback), and the collector must receive no credential.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn stats(hub: &Hub) -> Value {
    control(hub, Method::GET, "/dev/oauth-as/stats", None).await
}

fn connection_path(hub: &Hub, id: &str) -> String {
    hub.hub_path(&format!("/connections/{id}"))
}

/// The next `times` revocations at the demo authorization server fail (an outage).
async fn fail_revocations(hub: &Hub, times: u32) {
    let body = json!({ "times": times });
    control(
        hub,
        Method::PUT,
        "/dev/oauth-as/revocation-failures",
        Some(body),
    )
    .await;
}

/// Edits the connection's URL to an address on the collector (nothing to enter again: 200).
async fn move_to_collector(hub: &Hub, id: &str, collector: &Collector) {
    let url = format!("http://127.0.0.1:{}/mcp", collector.port);
    let (status, body) = exchange(hub.patch(
        &connection_path(hub, id),
        &json!({ "config": { "url": url } }),
    ))
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// Finding 1: a Reconnect started before the URL was edited finishes afterwards. Its grant was
/// issued for the old server, so it is not used (the flow fails and says to sign in for the new
/// address), it is revoked, and nothing reaches the new server.
#[tokio::test]
async fn a_reconnect_that_finishes_after_a_move_is_discarded() {
    let hub = Hub::start().await;
    let collector = Collector::start().await;
    let (_, id) = grant_mcp_oauth(&hub).await;
    let (status, flow) = start_flow(
        &hub,
        json!({ "connection_id": id, "opener_origin": ORIGIN }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    move_to_collector(&hub, &id, &collector).await;
    assert_eq!(
        stats(&hub).await["revocations"],
        1,
        "the old grant is revoked on the move"
    );

    let back = as_consent(flow["authorize_url"].as_str().unwrap(), "allow").await;
    let page = hub.client.get(back).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let done = flow_status(&hub, &flow).await;
    assert_eq!(done["status"], "failed", "{done}");
    assert_eq!(done["error"], "address_changed", "{done}");
    assert!(
        done["error_description"]
            .as_str()
            .unwrap()
            .contains("Reconnect to sign in for the new address"),
        "{done}"
    );
    assert_eq!(
        stats(&hub).await["revocations"],
        2,
        "the unused grant is revoked"
    );

    let _ = sync(&hub, &id).await;
    collector.assert_no_credential();
    let (_, after) = exchange(hub.get(&connection_path(&hub, &id))).await;
    assert_eq!(after["health"]["status"], "auth_failed", "{after}");
}

/// Finding 2: a refresh that takes seconds at the authorization server races an edit of the URL.
/// The renewed tokens are not written onto the moved connection, and the new server never
/// receives them, on that sync or a later one.
#[tokio::test]
async fn a_refresh_that_finishes_after_a_move_is_discarded() {
    let hub = Hub::start().await;
    let collector = Collector::start().await;
    // Ten-second tokens: inside the hub's margin, so a sync renews them first.
    control(
        &hub,
        Method::PUT,
        "/dev/oauth-as/lifetime",
        Some(json!({ "seconds": 10 })),
    )
    .await;
    let (_, id) = grant_mcp_oauth(&hub).await;
    control(
        &hub,
        Method::PUT,
        "/dev/oauth-as/token-delay",
        Some(json!({ "ms": 1500 })),
    )
    .await;

    let syncing = {
        let (client, url) = (hub.client.clone(), hub.url.clone());
        let path = hub.hub_path(&format!("/connections/{id}/sync"));
        tokio::spawn(async move {
            client
                .post(format!("{url}{path}"))
                .bearer_auth(DEV_TOKEN)
                .json(&json!({}))
                .send()
                .await
                .unwrap()
                .status()
        })
    };
    // The renewal is waiting at the authorization server: now the URL moves, while the
    // authorization server cannot revoke (so the renewal it is working on succeeds).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while stats(&hub).await["token_requests_waiting"] != 1 {
        assert!(
            std::time::Instant::now() < deadline,
            "the refresh never started"
        );
        tokio::task::yield_now().await;
    }
    fail_revocations(&hub, 1).await;
    move_to_collector(&hub, &id, &collector).await;
    let status = syncing.await.unwrap();
    assert_ne!(status, StatusCode::OK);
    control(
        &hub,
        Method::PUT,
        "/dev/oauth-as/token-delay",
        Some(json!({ "ms": 0 })),
    )
    .await;

    let _ = sync(&hub, &id).await;
    collector.assert_no_credential();
    let (_, after) = exchange(hub.get(&connection_path(&hub, &id))).await;
    assert_eq!(after["health"]["status"], "auth_failed", "{after}");
    // The renewed tokens nobody holds, once they came back (the old grant waits for the delete).
    assert_eq!(stats(&hub).await["revocations"], 1);
    let (status, _) = exchange(hub.delete(&connection_path(&hub, &id))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(stats(&hub).await["revocations"], 2);
}

/// Finding 3: the sign-in's probe of a server that redirects to `0.0.0.0` does not follow it.
#[tokio::test]
async fn the_sign_in_probe_follows_no_redirect_to_a_refused_address() {
    let hub = Hub::start().await;
    let collector = Collector::start().await;
    let redirect = redirector(format!("http://0.0.0.0:{}/mcp", collector.port)).await;
    let (status, body) = start_flow(
        &hub,
        json!({ "connector_id": MCP_OAUTH, "opener_origin": ORIGIN,
                "config": { "url": format!("{redirect}/mcp") } }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        collector.requests().is_empty(),
        "{:?}",
        collector.requests()
    );
}

/// Finding 3: an authorization server whose metadata names a revocation endpoint at `0.0.0.0`
/// is not sent the refresh token: the delete says the revocation could not be made.
#[tokio::test]
async fn revocation_goes_to_no_refused_address() {
    let hub = Hub::start().await;
    let collector = Collector::start().await;
    let endpoint = format!("http://0.0.0.0:{}/revoke", collector.port);
    control(
        &hub,
        Method::PUT,
        "/dev/oauth-as/revocation-endpoint",
        Some(json!({ "url": endpoint })),
    )
    .await;
    let (_, id) = grant_mcp_oauth(&hub).await;
    let (status, body) = exchange(hub.delete(&connection_path(&hub, &id))).await;
    assert_eq!(status, StatusCode::FAILED_DEPENDENCY, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("private, link-local or reserved"),
        "{body}"
    );
    assert!(
        collector.requests().is_empty(),
        "{:?}",
        collector.requests()
    );
    collector.assert_no_credential();
}

/// Finding 3: an MCP server that redirects its sync to another address is not followed there.
#[tokio::test]
async fn a_sync_follows_no_redirect() {
    let hub = Hub::start().await;
    let collector = Collector::start().await;
    let redirect = redirector(format!("http://127.0.0.1:{}/mcp", collector.port)).await;
    let (status, made) = hub
        .create(json!({ "connector_id": MCP_TOKEN, "name": "Redirected",
                        "config": { "url": format!("{redirect}/mcp"),
                                    "bearer_token": "sk-live-must-stay-home" } }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let _ = sync(&hub, made["id"].as_str().unwrap()).await;
    assert!(
        collector.requests().is_empty(),
        "{:?}",
        collector.requests()
    );
}

/// Finding 8: after a move the old grant is revoked at once; when its authorization server is
/// down then, the delete revokes it.
#[tokio::test]
async fn a_moved_connections_old_grant_is_revoked_on_the_move_or_on_delete() {
    let hub = Hub::start().await;
    let collector = Collector::start().await;
    let (_, id) = grant_mcp_oauth(&hub).await;
    fail_revocations(&hub, 1).await;
    move_to_collector(&hub, &id, &collector).await;
    assert_eq!(stats(&hub).await["revocations"], 0, "the outage refused it");
    let (status, body) = exchange(hub.delete(&connection_path(&hub, &id))).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(stats(&hub).await["revocations"], 1, "revoked on delete");
    collector.assert_no_credential();

    let (_, id) = grant_mcp_oauth(&hub).await;
    move_to_collector(&hub, &id, &collector).await;
    assert_eq!(stats(&hub).await["revocations"], 2, "revoked on the move");
    collector.assert_no_credential();
}

/// Finding 4 over HTTP: every spelling the attack found is refused as a connection's URL.
#[tokio::test]
async fn addresses_inside_ipv6_and_special_ranges_are_refused() {
    let hub = Hub::start().await;
    for host in [
        "[::a9fe:a9fe]",
        "[::10.0.0.1]",
        "[64:ff9b::a9fe:a9fe]",
        "[64:ff9b:1::a00:1]",
        "[2002:a9fe:a9fe::1]",
        "[::ffff:0:a9fe:a9fe]",
        "[fec0::1]",
        "[ff02::1]",
        "192.0.0.192",
        "198.18.0.1",
        "224.0.0.1",
        "255.255.255.255",
    ] {
        let (status, body) = hub
            .create(
                json!({ "connector_id": MCP_TOKEN, "name": format!("At {host}"),
                            "config": { "url": format!("https://{host}/mcp") } }),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{host}: {body}");
        assert_eq!(error_fields(&body), ["url"], "{host}: {body}");
    }
}

/// Finding 7: support disables the connector while the person is at the provider; the callback
/// connects nothing.
#[tokio::test]
async fn a_sign_in_finishing_after_its_connector_was_disabled_connects_nothing() {
    let hub = Hub::start().await;
    let (status, flow) = start_flow(
        &hub,
        json!({ "connector_id": GMAIL, "opener_origin": ORIGIN }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    let path = format!("/dev/hubs/{}/connectors/{GMAIL}/availability", hub.hub_id);
    let r = hub
        .send_json(Method::PUT, &path, &json!({ "available": false }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    consent(&hub, &flow, "allow", "ana@example.com").await;
    let done = flow_status(&hub, &flow).await;
    assert_eq!(done["status"], "failed", "{done}");
    let gmail = hub.connections().await;
    assert!(
        !gmail.iter().any(|c| c["connector_id"] == GMAIL),
        "{gmail:?}"
    );
}

/// The rows of `table` in the database at `path`, with what is sealed in them opened with the
/// key beside it (as the hub does).
fn stored_rows(path: &std::path::Path, table: &str) -> Vec<String> {
    let db = rusqlite::Connection::open(path).unwrap();
    let key = format!("{}.key", path.display());
    let vault = wayai_devhub::vault::Vault::open(Some(std::path::Path::new(&key))).unwrap();
    let mut rows = db.prepare(&format!("SELECT record FROM {table}")).unwrap();
    let found = rows
        .query_map([], |row| row.get::<_, String>(0))
        .unwrap()
        .map(|r| {
            let row: Value = serde_json::from_str(&r.unwrap()).unwrap();
            let opened = row["sealed"]
                .as_str()
                .map(|s| String::from_utf8(vault.unseal(s).unwrap()).unwrap())
                .unwrap_or_default();
            format!("{row}{opened}")
        })
        .collect();
    found
}

fn stored_flows(path: &std::path::Path) -> Vec<String> {
    stored_rows(path, "oauth_flows")
}

/// Every byte of the database's files (the write-ahead log included).
fn database_bytes(path: &std::path::Path) -> String {
    let mut all = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        if let Ok(bytes) = std::fs::read(format!("{}{suffix}", path.display())) {
            all.extend(bytes);
        }
    }
    String::from_utf8_lossy(&all).into_owned()
}

/// Finding 10: a database copied without its key reveals no secret (a typed key, a bearer
/// token, an MCP server's tokens), the idempotency table keeps keyed hashes, and the hub
/// started with another key refuses the database with words.
#[tokio::test]
async fn secrets_are_sealed_at_rest_with_a_key_kept_outside_the_database() {
    let dir = temp_dir();
    let data = dir.join("at-rest.db");
    let config = |key: Option<std::path::PathBuf>| wayai_devhub::Config {
        data: Some(data.clone()),
        key_file: key,
        ..wayai_devhub::Config::default()
    };
    let hub = Hub::start_with(config(None)).await;
    hub.create_ok(json!({ "connector_id": OPENAI, "name": "Kept", "config": { "api_key": "sk-at-rest-1234" } }))
        .await;
    hub.create_ok(
        json!({ "connector_id": MCP_TOKEN, "name": "Tokened", "config": {
        "url": format!("{}/dev/mcp-secured", hub.url), "bearer_token": "bearer-at-rest-5678" } }),
    )
    .await;
    let (_, _id) = grant_mcp_oauth(&hub).await;
    let raw = database_bytes(&data);
    for secret in [
        "sk-at-rest-1234",
        "bearer-at-rest-5678",
        "demo-at-",
        "demo-rt-",
    ] {
        assert!(!raw.contains(secret), "{secret} is in the database's files");
    }
    let opened = stored_rows(&data, "connections").concat();
    assert!(
        opened.contains("sk-at-rest-1234") && opened.contains("demo-rt-"),
        "sealed, not lost"
    );
    let key = std::fs::read_to_string(format!("{}.key", data.display())).unwrap();
    assert_eq!(key.len(), 64);

    // Another key does not open it: the hub says so and does not start.
    let other = dir.join("other.key");
    let Err(refused) = wayai_devhub::app(config(Some(other))) else {
        panic!("a hub with another key started on this database");
    };
    assert!(
        refused.to_string().contains("does not open this database"),
        "{refused}"
    );
}

/// Finding 9: a flow that ended keeps neither the client secret nor the PKCE verifier, and an
/// ended flow is deleted once its retention has passed (here none: at the next start).
#[tokio::test]
async fn ended_flows_keep_no_secret_and_are_deleted_after_their_retention() {
    let data = temp_dir().join("flows.db");
    let hub = Hub::start_with(wayai_devhub::Config {
        data: Some(data.clone()),
        flow_retention: std::time::Duration::ZERO,
        ..wayai_devhub::Config::default()
    })
    .await;
    let (status, flow) = start_flow(
        &hub,
        json!({ "connector_id": MCP_OAUTH, "opener_origin": ORIGIN,
                "config": { "url": format!("{}/dev/mcp-protected-no-registration", hub.url),
                            "client_id": "owner-given", "client_secret": "cs-must-go" } }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    let pending = stored_flows(&data).concat();
    assert!(
        pending.contains("cs-must-go") && pending.contains("pkce"),
        "kept while pending"
    );

    let path = hub.hub_path(&format!("/oauth/flows/{}", flow["id"].as_str().unwrap()));
    let (status, ended) = exchange(hub.delete(&path)).await;
    assert_eq!(status, StatusCode::OK, "{ended}");
    assert_eq!(ended["status"], "cancelled");
    let kept = stored_flows(&data).concat();
    assert!(!kept.contains("cs-must-go"), "{kept}");
    assert!(!kept.contains("pkce"), "{kept}");

    let (status, _) = start_flow(
        &hub,
        json!({ "connector_id": GMAIL, "opener_origin": ORIGIN }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = exchange(hub.get(&path)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the ended flow was deleted");
}

/// Finding 10: the client secret typed in the form is kept once (not again with the grant, not
/// on the ended flow), and the hub still uses it to renew the grant.
#[tokio::test]
async fn the_client_secret_is_kept_once() {
    let data = temp_dir().join("once.db");
    let hub = Hub::start_with(wayai_devhub::Config {
        data: Some(data.clone()),
        ..wayai_devhub::Config::default()
    })
    .await;
    // The server's owner registered the hub's client beforehand (its registration endpoint is
    // the owner's tool here); the form gives its ID and a secret.
    let (status, client) = exchange(hub.client.post(format!("{}/dev/oauth-as/register", hub.url)).json(
        &json!({ "client_name": "WayAI hub", "redirect_uris": [format!("{}/api/oauth/callback", hub.url)] }),
    ))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{client}");
    control(
        &hub,
        Method::PUT,
        "/dev/oauth-as/lifetime",
        Some(json!({ "seconds": 10 })),
    )
    .await;
    let (status, flow) = start_flow(
        &hub,
        json!({ "connector_id": MCP_OAUTH, "opener_origin": ORIGIN, "name": "Owner's client",
                "config": { "url": format!("{}/dev/mcp-protected-no-registration", hub.url),
                            "client_id": client["client_id"], "client_secret": "cs-kept-once-1234" } }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    let back = as_consent(flow["authorize_url"].as_str().unwrap(), "allow").await;
    hub.client.get(back).send().await.unwrap();
    let done = flow_status(&hub, &flow).await;
    assert_eq!(done["status"], "succeeded", "{done}");
    let id = done["connection_id"].as_str().unwrap();

    let kept = stored_rows(&data, "connections").concat() + &stored_flows(&data).concat();
    assert_eq!(kept.matches("cs-kept-once-1234").count(), 1, "{kept}");
    // Renewed with it (ten-second tokens are renewed before every use).
    let before = stats(&hub).await["refreshes"].as_u64().unwrap();
    let (status, body) = sync(&hub, id).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(stats(&hub).await["refreshes"].as_u64().unwrap() > before);
}
