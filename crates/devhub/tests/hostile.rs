//! The hub's answers to requests an attacker shapes: another Host (DNS rebinding), a page origin
//! it does not serve, a sign-in result aimed elsewhere.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn another_host_name_gets_nothing() {
    let hub = Hub::start().await;
    let port = hub.url.rsplit(':').next().unwrap().to_string();
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "127.0.0.1.evil.example",
    ] {
        let (status, body) =
            exchange(hub.get(&hub.hub_path("/connections")).header("host", host)).await;
        assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{host}");
        assert_eq!(body["code"], "unknown_host", "{host}");
        assert!(body.get("connections").is_none());
    }
    // Loopback names, with or without a port (Trunk's proxy sends none).
    // Loopback names, with or without a port (Trunk's proxy sends none).
    for host in [
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "127.0.0.1".into(),
    ] {
        let (status, _) =
            exchange(hub.get(&hub.hub_path("/connections")).header("host", &host)).await;
        assert_eq!(status, StatusCode::OK, "{host}");
    }
}

#[tokio::test]
async fn sign_in_urls_come_from_the_hubs_own_address_not_the_host_sent() {
    let hub = Hub::start().await;
    let port = hub.url.rsplit(':').next().unwrap().to_string();
    let (status, flow) = exchange(
        hub.post(
            &hub.hub_path("/oauth/flows"),
            &json!({ "connector_id": GMAIL, "opener_origin": ORIGIN }),
        )
        .header("host", format!("localhost:{port}")),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    let authorize = flow["authorize_url"].as_str().unwrap();
    assert!(
        authorize.starts_with(&format!("{}/dev/oauth/authorize?", hub.url)),
        "{authorize}"
    );
    assert!(authorize.contains(&format!(
        "redirect_uri={}",
        wayai_core::view::percent_encode(&format!("{}/api/oauth/callback", hub.url))
    )));
}

#[tokio::test]
async fn sign_in_results_go_only_to_pages_the_hub_serves() {
    let hub = Hub::start().await;
    for (body, field) in [
        (
            json!({ "connector_id": GMAIL, "opener_origin": "https://evil.example" }),
            "opener_origin",
        ),
        (
            json!({ "connector_id": GMAIL, "opener_origin": "https://evil.example",
                    "return_to": "https://evil.example/steal" }),
            "opener_origin",
        ),
        (
            json!({ "connector_id": GMAIL, "opener_origin": ORIGIN,
                    "return_to": "https://evil.example/steal" }),
            "return_to",
        ),
    ] {
        let (status, answer) = exchange(hub.post(&hub.hub_path("/oauth/flows"), &body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {answer}");
        assert_eq!(error_fields(&answer), [field], "{body}: {answer}");
    }
    // CORS answers only pages the hub serves.
    let preflight = |origin: &'static str| {
        hub.client
            .request(
                reqwest::Method::OPTIONS,
                format!("{}{}", hub.url, hub.hub_path("/connections")),
            )
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .send()
    };
    let allowed = preflight("http://127.0.0.1:5173").await.unwrap();
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "http://127.0.0.1:5173"
    );
    let refused = preflight("https://evil.example").await.unwrap();
    assert!(refused
        .headers()
        .get("access-control-allow-origin")
        .is_none());
}

#[tokio::test]
async fn a_configured_page_origin_is_served_and_others_are_not() {
    let hub = Hub::start_with(wayai_devhub::Config {
        page_origins: vec!["https://app.example.com".into()],
        ..wayai_devhub::Config::default()
    })
    .await;
    let (status, flow) = exchange(hub.post(
        &hub.hub_path("/oauth/flows"),
        &json!({ "connector_id": GMAIL, "opener_origin": "https://app.example.com",
                 "return_to": "https://app.example.com/settings" }),
    ))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    let (status, _) = exchange(hub.post(
        &hub.hub_path("/oauth/flows"),
        &json!({ "connector_id": GMAIL, "opener_origin": "https://app.example.com.evil.example" }),
    ))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn errors_never_echo_what_was_sent() {
    let hub = Hub::start().await;
    let marker = "MARKER<script>alert(1)</script>";
    let path = format!("/connections/{}", wayai_core::view::percent_encode(marker));
    let (status, body) = exchange(hub.get(&hub.hub_path(&path))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!body.to_string().contains("MARKER"), "{body}");
    for raw in [
        format!(r#"{{"connector_id": "{marker}", "name": "x"}}"#),
        format!(r#"{{"name": "x", "{marker}": 1}}"#),
        format!(r#"{{"name": "{marker}"#),
    ] {
        let (status, body) = hub.create_raw(raw.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{raw}");
        assert_eq!(body["code"], "bad_json");
        assert!(!body.to_string().contains("MARKER"), "{raw}: {body}");
    }
}

#[tokio::test]
async fn hostile_names_headers_and_hints_are_refused() {
    let hub = Hub::start().await;
    for (body, field) in [
        (openai_with_name("Pay\u{202E}lanimreT"), "name"),
        (openai_with_name("\u{200B}\u{200D}"), "name"),
        (openai_with_name("nul\u{0}"), "name"),
        (openai_with_name("W\u{0430}yai"), "name"),
        (openai_with_name("Ｗａｙａｉ"), "name"),
        (
            json!({ "connector_id": USER_TOOL_API_KEY, "name": "Tool", "config": {
                "api_key": "key-1234", "headers": [{ "name": "Host", "value": "evil.example" }] } }),
            "headers",
        ),
        (
            json!({ "connector_id": MCP_TOKEN, "name": "Tool", "config": {
                "url": "https://mcp.example.com/mcp",
                "headers": [{ "name": "authorization", "value": "Bearer stolen" }] } }),
            "headers",
        ),
        (
            json!({ "connector_id": USER_TOOL_API_KEY, "name": "Tool", "config": {
                "api_key": "key-1234", "headers": [{ "name": "X-A", "value": "a\u{7}b" }] } }),
            "headers",
        ),
    ] {
        let (status, answer) = hub.create(body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {answer}");
        assert_eq!(error_fields(&answer), [field], "{body}: {answer}");
    }
    // A hint sent back with a space in front is still a hint, not a secret.
    let created = hub
        .create_ok(json!({ "connector_id": OPENAI, "name": "Kept", "config": { "api_key": "sk-abcdefgh1234" } }))
        .await;
    let hint = created["secrets"]["api_key"]["hint"].as_str().unwrap();
    let path = hub.hub_path(&format!("/connections/{}", created["id"].as_str().unwrap()));
    let (status, answer) = exchange(hub.patch(
        &path,
        &json!({ "config": { "api_key": format!(" {hint}") } }),
    ))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(error_fields(&answer), ["api_key"]);
    // The same for header values that are secrets.
    let tool = hub
        .create_ok(json!({ "connector_id": USER_TOOL_API_KEY, "name": "Keyed", "config": {
            "api_key": "key-1234567890", "headers": [{ "name": "X-Key", "value": "header-key-12345" }] } }))
        .await;
    let path = hub.hub_path(&format!("/connections/{}", tool["id"].as_str().unwrap()));
    let (status, answer) = exchange(hub.patch(
        &path,
        &json!({ "config": { "headers": [{ "name": "X-Key", "value": "••••2345" }] } }),
    ))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(error_fields(&answer), ["headers"]);
    // The auth scheme is case-insensitive.
    let response = hub
        .client
        .get(format!("{}{}", hub.url, hub.hub_path("/connections")))
        .header("authorization", format!("BEARER {DEV_TOKEN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

fn openai_with_name(name: &str) -> serde_json::Value {
    json!({ "connector_id": OPENAI, "name": name, "config": { "api_key": "sk-abcdefgh1234" } })
}

#[tokio::test]
async fn urls_on_private_networks_are_refused_unless_allowed() {
    let hub = Hub::start().await;
    // Never contacted: refused before anything is sent (an MCP connection would discover).
    for url in [
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.5/mcp",
        "https://[fd00::1]/mcp",
        "https://[::ffff:192.168.1.1]/mcp",
    ] {
        let (status, answer) = hub
            .create(
                json!({ "connector_id": MCP_TOKEN, "name": "Inside", "config": { "url": url } }),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{url}: {answer}");
        assert_eq!(error_fields(&answer), ["url"], "{url}");
        assert!(answer.to_string().contains("private"), "{answer}");
    }
    // Loopback stays allowed for local development.
    hub.create_ok(json!({ "connector_id": MCP_TOKEN, "name": "Local",
                          "config": { "url": format!("{}/dev/mcp", hub.url) } }))
        .await;

    // With the flag, a private address is accepted (a tool's base URL: nothing is contacted).
    let open = Hub::start_with(wayai_devhub::Config {
        allow_private_addresses: true,
        ..wayai_devhub::Config::default()
    })
    .await;
    open.create_ok(
        json!({ "connector_id": USER_TOOL_API_KEY, "name": "Intranet", "config": {
        "base_url": "https://10.1.2.3/api", "api_key": "key-1234567890" } }),
    )
    .await;
}

#[tokio::test]
async fn too_long_an_address_or_body_is_answered_in_the_error_shape() {
    let hub = Hub::start().await;
    let long = "a".repeat(10_000);
    let (status, body) =
        exchange(hub.get(&format!("{}?q={long}", hub.hub_path("/connections")))).await;
    assert_eq!(status, StatusCode::URI_TOO_LONG);
    assert_eq!(body["code"], "uri_too_long");
    let big = format!(r#"{{"name": "{}"}}"#, "b".repeat(3 * 1024 * 1024));
    let (status, body) = hub.create_raw(big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["code"], "payload_too_large");
}

/// Names that read as the hub's own connection, however they are spelled (issue 26, finding
/// 5): look-alike letters of other scripts, small capitals, turned letters, accents, "vv".
#[tokio::test]
async fn look_alikes_of_the_hubs_own_name_are_refused() {
    let hub = Hub::start().await;
    for name in [
        "ᴡayai", "Ꮃayai", "Wayaɩ", "ʍayai", "Waỵai", "Wayaí", "Wáyai", "Waŷai", "Vvayai",
    ] {
        let (status, body) = hub
            .create(json!({ "connector_id": OPENAI, "name": name, "config": { "api_key": "sk-test-1234" } }))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {body}");
        assert_eq!(error_fields(&body), ["name"], "{name}: {body}");
    }
}

/// Issue 26, finding 12: more headers than the hub reads is refused in the API's error shape,
/// not by the HTTP server's empty 431.
#[tokio::test]
async fn too_many_headers_are_refused_in_words() {
    let hub = Hub::start().await;
    let mut request = hub.get(&hub.hub_path("/connections"));
    for i in 0..101 {
        request = request.header(format!("x-filler-{i}"), "1");
    }
    let (status, body) = exchange(request).await;
    assert_eq!(status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    assert_eq!(body["code"], "too_many_headers", "{body}");
}

/// Finding 12: a fault's status is an HTTP error status; anything else is refused in words.
#[tokio::test]
async fn a_fault_with_a_status_that_is_no_error_is_refused() {
    let hub = Hub::start().await;
    for status in [0, 99, 200, 600, 1000] {
        let (answer, body) = exchange(hub.send_json(
            reqwest::Method::PUT,
            "/dev/faults",
            &json!({ "rules": [{ "path": "/api/**", "status": status }] }),
        ))
        .await;
        assert_eq!(answer, StatusCode::UNPROCESSABLE_ENTITY, "{status}: {body}");
        assert_eq!(error_fields(&body), ["rules[0].status"], "{status}: {body}");
    }
    let (answer, _) = exchange(hub.send_json(
        reqwest::Method::PUT,
        "/dev/faults",
        &json!({ "rules": [{ "path": "/api/nothing", "status": 503 }] }),
    ))
    .await;
    assert_eq!(answer, StatusCode::NO_CONTENT);
}

/// Finding 12: a Host header that cannot be read is no host, even when the request line names
/// the hub's own address (absolute form).
#[tokio::test]
async fn an_unreadable_host_is_not_replaced_by_the_request_lines_address() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let hub = Hub::start().await;
    let address = hub.url.trim_start_matches("http://").to_string();
    let mut socket = tokio::net::TcpStream::connect(&address).await.unwrap();
    let mut request = format!(
        "GET {}{} HTTP/1.1\r\nAuthorization: Bearer {DEV_TOKEN}\r\nConnection: close\r\nHost: ",
        hub.url,
        hub.hub_path("/connections")
    )
    .into_bytes();
    request.extend_from_slice(b"\xffevil.example\r\n\r\n");
    socket.write_all(&request).await.unwrap();
    let mut answer = Vec::new();
    socket.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
    assert!(answer.contains("unknown_host"), "{answer}");
}
