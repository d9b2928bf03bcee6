//! Cross-origin access and serving the built page, over real HTTP.

mod common;

use common::{temp_dir, Hub};
use reqwest::{Method, StatusCode};
use wayai_devhub::Config;

async fn preflight(hub: &Hub, origin: &str) -> reqwest::Response {
    hub.client
        .request(
            Method::OPTIONS,
            format!(
                "{}/api/hubs/5a1e0000-0000-4000-8000-00000000b001/connectors",
                hub.url
            ),
        )
        .header("origin", origin)
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", "authorization")
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn loopback_origins_pass_the_cors_preflight_without_a_token() {
    let hub = Hub::start().await;
    for origin in ["http://127.0.0.1:41234", "http://localhost:8080"] {
        let response = preflight(&hub, origin).await;
        assert!(
            response.status().is_success(),
            "{origin}: {}",
            response.status()
        );
        assert_eq!(response.headers()["access-control-allow-origin"], origin);
        let headers = response.headers()["access-control-allow-headers"]
            .to_str()
            .unwrap()
            .to_ascii_lowercase();
        assert!(headers.contains("authorization"), "{headers}");
    }
}

#[tokio::test]
async fn other_origins_get_no_cors_grant() {
    let hub = Hub::start().await;
    let response = preflight(&hub, "https://evil.example").await;
    assert!(response
        .headers()
        .get("access-control-allow-origin")
        .is_none());
}

/// A hub serving a built page of two files (`index.html`, `app.js`) from a fresh folder.
async fn serving_a_page() -> (Hub, std::path::PathBuf) {
    let dir = temp_dir();
    std::fs::write(dir.join("index.html"), "<!DOCTYPE html><title>page</title>").unwrap();
    std::fs::write(dir.join("app.js"), "console.log(1)").unwrap();
    let hub = Hub::start_with(Config {
        static_dir: Some(dir.clone()),
        ..Config::default()
    })
    .await;
    (hub, dir)
}

#[tokio::test]
async fn the_built_page_is_served_with_a_fallback_for_deep_links() {
    let (hub, dir) = serving_a_page().await;

    let deep = hub
        .client
        .get(format!("{}{}", hub.url, wayai_devhub::demo_page_path()))
        .send()
        .await
        .unwrap();
    assert_eq!(deep.status(), StatusCode::OK);
    assert!(deep.text().await.unwrap().contains("<title>page</title>"));

    let asset = hub
        .client
        .get(format!("{}/app.js", hub.url))
        .send()
        .await
        .unwrap();
    assert_eq!(asset.text().await.unwrap(), "console.log(1)");

    // The API keeps its own 404s rather than falling back to the page.
    let api = hub.get("/api/unknown").send().await.unwrap();
    assert_eq!(api.status(), StatusCode::NOT_FOUND);
    assert!(api.text().await.unwrap().contains("not_found"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn responses_are_compressed_when_the_client_accepts_it() {
    let hub = Hub::start().await;
    let response = hub
        .get("/api/hubs/5a1e0000-0000-4000-8000-00000000b001/connectors")
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-encoding"], "br");
}

#[tokio::test]
async fn built_assets_go_out_precompressed_and_hashed_ones_are_cached_for_a_year() {
    let dir = temp_dir();
    let wasm = "app-0123456789abcdef_bg.wasm";
    std::fs::write(dir.join("index.html"), "<!DOCTYPE html><title>page</title>").unwrap();
    std::fs::write(dir.join("index.html.br"), "brotli index").unwrap();
    std::fs::write(dir.join(wasm), "raw wasm").unwrap();
    std::fs::write(dir.join(format!("{wasm}.br")), "brotli wasm").unwrap();
    std::fs::write(dir.join(format!("{wasm}.gz")), "gzip wasm").unwrap();
    let hub = Hub::start_with(Config {
        static_dir: Some(dir.clone()),
        ..Config::default()
    })
    .await;
    let get = |path: String, encoding: &'static str| {
        hub.client
            .get(format!("{}{path}", hub.url))
            .header("accept-encoding", encoding)
            .send()
    };

    // The copy written at build time, as it is: no compression at request time.
    let asset = get(format!("/{wasm}"), "gzip, br").await.unwrap();
    assert_eq!(asset.headers()["content-encoding"], "br");
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(asset.headers()["vary"], "accept-encoding");
    assert_eq!(asset.bytes().await.unwrap().as_ref(), b"brotli wasm");
    let gzip = get(format!("/{wasm}"), "gzip").await.unwrap();
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    assert_eq!(gzip.bytes().await.unwrap().as_ref(), b"gzip wasm");

    // The page itself (and every deep link to it) is revalidated, so a new build shows at once.
    for path in ["/".to_string(), wayai_devhub::demo_page_path()] {
        let page = get(path, "br").await.unwrap();
        assert_eq!(page.headers()["cache-control"], "no-cache");
        assert_eq!(page.headers()["content-encoding"], "br");
        assert_eq!(page.bytes().await.unwrap().as_ref(), b"brotli index");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// Issue 26, finding 13: the page is served with a strict Content-Security-Policy (no inline
/// script or style), no referrer, and an opener policy that keeps its sign-in popups able to
/// report; every answer says not to sniff its type.
#[tokio::test]
async fn the_page_is_served_with_a_strict_content_security_policy() {
    let (hub, dir) = serving_a_page().await;
    for path in ["/".to_string(), wayai_devhub::demo_page_path()] {
        let page = hub
            .client
            .get(format!("{}{path}", hub.url))
            .send()
            .await
            .unwrap();
        let header = |name: &str| page.headers()[name].to_str().unwrap().to_string();
        assert_eq!(
            header("content-security-policy"),
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
            "{path}"
        );
        assert_eq!(header("referrer-policy"), "no-referrer");
        assert_eq!(
            header("cross-origin-opener-policy"),
            "same-origin-allow-popups"
        );
        assert_eq!(header("x-content-type-options"), "nosniff");
    }
    let asset = hub
        .client
        .get(format!("{}/app.js", hub.url))
        .send()
        .await
        .unwrap();
    assert_eq!(asset.headers()["x-content-type-options"], "nosniff");
    let api = hub.get(&hub.hub_path("/connections")).send().await.unwrap();
    assert_eq!(api.headers()["x-content-type-options"], "nosniff");
    std::fs::remove_dir_all(dir).unwrap();
}
