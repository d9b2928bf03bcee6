//! The application: the API under `/api`, the dev-only endpoints under `/dev`, the built page
//! (if configured) everywhere else; and serving it.

use crate::{api, dev, state::AppState, store::Store, Config};
use axum::{
    http::{header, Method},
    Router,
};
use std::sync::Arc;
use tower_http::{
    compression::CompressionLayer,
    cors::{AllowOrigin, CorsLayer},
    services::{ServeDir, ServeFile},
};

/// The whole application, as the binary serves it and the tests drive it.
pub fn app(config: Config) -> std::io::Result<Router> {
    let store = Store::open(config.data.as_deref()).map_err(std::io::Error::other)?;
    let state = Arc::new(AppState {
        token: config.token.clone(),
        extra_connectors: Default::default(),
        consent: Default::default(),
        store,
        faults: Default::default(),
        demo_tools: Default::default(),
        mcp_timeout: config.mcp_timeout,
        public_url: config
            .public_url
            .map(|u| u.trim_end_matches('/').to_string()),
    });
    let mut router = Router::new()
        .nest("/api", api::routes(state.clone()))
        .merge(dev::routes(state));
    if let Some(dir) = config.static_dir {
        let index = dir.join("index.html");
        router = router.fallback_service(ServeDir::new(dir).fallback(ServeFile::new(index)));
    }
    Ok(router
        .layer(CompressionLayer::new())
        // Outermost, so that preflight requests are answered before the bearer check.
        .layer(cors()))
}

/// Serves until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    axum::serve(listener, app(config)?)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// The page may be served from another local origin (Trunk, the wasm-bindgen test runner on a
/// random port), so any loopback origin may call the API.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(|origin, _| {
            origin.to_str().is_ok_and(is_local_origin)
        }))
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::HeaderName::from_static("idempotency-key"),
        ])
}

fn is_local_origin(origin: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    let host = match rest.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => rest,
    };
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

#[cfg(test)]
mod tests {
    use super::is_local_origin;

    #[test]
    fn only_loopback_origins_are_local() {
        for ok in [
            "http://localhost:8080",
            "http://127.0.0.1:34567",
            "http://[::1]:1",
            "http://localhost",
            "https://127.0.0.1",
        ] {
            assert!(is_local_origin(ok), "{ok}");
        }
        for bad in [
            "http://example.com",
            "http://localhost.evil.com",
            "http://127.0.0.1.evil.com:80",
            "file://localhost",
            "null",
            "http://localhost:80x",
        ] {
            assert!(!is_local_origin(bad), "{bad}");
        }
    }
}
