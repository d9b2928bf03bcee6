//! The application: the API under `/api`, the dev-only endpoints under `/dev`, the built page
//! (if configured) everywhere else; and serving it.

use crate::{api, dev, error::ApiError, origins::Origins, state::AppState, store::Store, Config};
use axum::{
    extract::{Request, State},
    http::{header, Method, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    Router,
};
use std::sync::Arc;
use tower_http::{
    compression::CompressionLayer,
    cors::{AllowOrigin, CorsLayer},
    services::{ServeDir, ServeFile},
};
use wayai_core::said::{Code, Said};

/// The database and the key that seals its secrets, each checked, each named when it fails.
fn open_store(config: &Config) -> std::io::Result<Store> {
    // The key beside a database file unless another place is given (a `file:` URI names no
    // plain file to put it beside).
    let key_file = config.key_file.clone().or_else(|| {
        let data = config.data.as_deref()?;
        let text = data.to_string_lossy();
        (!text.starts_with("file:")).then(|| std::path::PathBuf::from(format!("{text}.key")))
    });
    let vault = crate::vault::Vault::open(key_file.as_deref()).map_err(|e| {
        let place = key_file.as_deref().map(|p| p.display().to_string());
        std::io::Error::other(format!(
            "cannot use the key file {}: {e}",
            place.unwrap_or_default()
        ))
    })?;
    let store = Store::open(config.data.as_deref(), vault).map_err(|e| {
        let place = config
            .data
            .as_deref()
            .map_or_else(|| "in memory".to_string(), |p| p.display().to_string());
        std::io::Error::other(format!("cannot use the database {place}: {e}"))
    })?;
    if !store
        .key_opens()
        .map_err(|e| std::io::Error::other(format!("cannot read the database: {e}")))?
    {
        let place = key_file.as_deref().map(|p| p.display().to_string());
        return Err(std::io::Error::other(format!(
            "the key file {} does not open this database's secrets: give the key it was written with (--key-file)",
            place.unwrap_or_default()
        )));
    }
    Ok(store)
}

/// The whole application, as the binary serves it and the tests drive it.
pub fn app(config: Config) -> std::io::Result<Router> {
    let served = match &config.catalog {
        Some(path) => crate::domain::catalog::load(path).map_err(std::io::Error::other)?,
        None => crate::domain::catalog::Served::seed(),
    };
    let store = open_store(&config)?;
    let availability = store
        .with(|tx| tx.availability())
        .map_err(|e| std::io::Error::other(format!("cannot read the database: {e}")))?
        .into_iter()
        .map(|(hub, connector, available)| ((hub, connector), available))
        .collect();
    let origins = Arc::new(Origins::new(
        config.addr,
        config.public_url.as_deref(),
        &config.page_origins,
    ));
    let reach = crate::domain::config::Reach {
        private_addresses: config.allow_private_addresses,
    };
    // The simulated providers' token endpoint is the one part the hub is given from the
    // simulations around it.
    let codes = Arc::new(dev::tokens::Codes::default());
    let state = Arc::new(AppState {
        token: config.token.clone(),
        extra_connectors: Default::default(),
        availability: std::sync::Mutex::new(availability),
        store,
        providers: codes.clone(),
        mcp_timeout: config.mcp_timeout,
        flow_retention: config.flow_retention,
        origins: origins.clone(),
        reach,
        outbound: crate::domain::outbound::Outbound::new(reach),
        served: Arc::new(served),
        logos: config
            .logos
            .clone()
            .map(|d| Arc::new(crate::logos::Logos::new(d))),
        hub_catalogs: Default::default(),
    });
    let logos = state.logos.clone();
    let dev = Arc::new(dev::Dev::new(state.clone(), codes));
    let mut router = Router::new()
        .nest("/api", dev::with_faults(api::routes(state), &dev))
        .merge(dev::routes(dev));
    if let Some(logos) = logos {
        router = router.merge(crate::logos::routes(logos));
    }
    // The page's inline scripts are allowed by their hashes, read from the page served.
    let index_html = config
        .static_dir
        .as_ref()
        .and_then(|dir| std::fs::read_to_string(dir.join("index.html")).ok());
    let page = Arc::new(crate::page_policy::PagePolicy::new(index_html.as_deref()));
    if let Some(dir) = config.static_dir {
        // Assets compressed at build time (scripts/precompress.mjs) are sent as they are; the
        // page's deep links all answer with index.html.
        let index = ServeFile::new(dir.join("index.html"))
            .precompressed_br()
            .precompressed_gzip();
        router = router
            .fallback_service(
                ServeDir::new(dir)
                    .precompressed_br()
                    .precompressed_gzip()
                    .fallback(index),
            )
            .layer(middleware::from_fn(credentials_page));
    }
    Ok(router
        .layer(middleware::from_fn_with_state(page, cache_policy))
        // Only what is not already compressed (the API's answers; assets built without copies).
        .layer(CompressionLayer::new())
        // Before the bearer check, so that preflight requests are answered.
        .layer(cors(origins.clone()))
        // Outermost: a request for another host name gets nothing else.
        .layer(middleware::from_fn_with_state(origins, check_host)))
}

/// The organization's credentials view is a page of its own, with its own bundle
/// (`credentials.html`): its address is answered with it.
async fn credentials_page(mut request: Request, next: Next) -> Response {
    if wayai_core::view::credentials_page(request.uri().path()).is_some() {
        *request.uri_mut() = axum::http::Uri::from_static("/credentials.html");
    }
    next.run(request).await
}

/// How long a browser keeps the page's files: a file whose name carries its content's hash
/// never changes, so it is kept a year; anything else (index.html, the deep links) is checked
/// each time, so a new build is seen at once.
async fn cache_policy(
    State(page): State<Arc<crate::page_policy::PagePolicy>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    if path.starts_with("/api/") || path.starts_with("/dev/") || !response.status().is_success() {
        return response;
    }
    let policy = if is_hashed(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    let headers = response.headers_mut();
    if html {
        for (name, value) in page.headers() {
            headers.insert(name, value.clone());
        }
    }
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static(policy),
    );
    headers.insert(
        header::VARY,
        header::HeaderValue::from_static("accept-encoding"),
    );
    response
}

/// Whether a file name carries Trunk's content hash: `name-<hash>.<ext>` or `name-<hash>_bg.wasm`.
/// Trunk writes its 64-bit hash in hex without leading zeros, so one build in 16 has a hash of
/// 15 digits or fewer; 8 is the least taken, so that a word of hex letters (`logo-face.svg`) is
/// not read as a hash (a hash that short is one build in 2^32).
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    name.split('-').skip(1).any(|part| {
        let hash = part.split(['.', '_']).next().unwrap_or_default();
        (8..=16).contains(&hash.len())
            && part.len() > hash.len()
            && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// Serves until Ctrl-C, at the listener's own address.
pub async fn serve(listener: tokio::net::TcpListener, mut config: Config) -> std::io::Result<()> {
    config.addr = listener.local_addr()?;
    run(listener, app(config)?).await
}

/// Most headers a request may carry; more are refused in the API's error shape.
const HEADERS_MAX: usize = 100;
/// What the HTTP server itself reads before refusing without words (its own 431): far above
/// [`HEADERS_MAX`], so the hub's refusal is the one a client meets.
const HEADERS_READ: usize = 1000;

/// Serves a built application until Ctrl-C (hyper's server, as `axum::serve` is, with the
/// header limit raised to [`HEADERS_READ`]).
pub async fn run(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    use hyper_util::{
        rt::{TokioExecutor, TokioIo},
        server::{conn::auto::Builder, graceful::GracefulShutdown},
        service::TowerToHyperService,
    };
    let mut builder = Builder::new(TokioExecutor::new());
    builder.http1().max_headers(HEADERS_READ);
    let graceful = GracefulShutdown::new();
    let stop = tokio::signal::ctrl_c();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                // A failed accept (a connection reset before it was taken) ends nothing else.
                let Ok((stream, _)) = accepted else { continue };
                let service = TowerToHyperService::new(app.clone());
                let connection = builder
                    .serve_connection_with_upgrades(TokioIo::new(stream), service)
                    .into_owned();
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    let _ = connection.await;
                });
            }
            _ = &mut stop => break,
        }
    }
    graceful.shutdown().await;
    Ok(())
}

/// Pages the hub serves may call it cross-origin (Trunk, the wasm-bindgen test runner on a
/// random loopback port, configured page origins).
fn cors(origins: Arc<Origins>) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, _| {
            origin.to_str().is_ok_and(|o| origins.serves_page(o))
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
        // So that a page on another origin can honour the hub's wait.
        .expose_headers([header::RETRY_AFTER])
}

/// Longest address (path and query) the hub reads; a longer one is a 414 in the error shape.
/// (Beyond the HTTP server's own limit, far larger, the connection is refused before this.)
const URI_MAX: usize = 8 * 1024;

/// Refuses a request whose Host is not this hub's (DNS rebinding: a page on another name that
/// resolves to loopback must not read the API).
async fn check_host(State(origins): State<Arc<Origins>>, request: Request, next: Next) -> Response {
    // HTTP/2 names the host in the URI; a Host header that is there but unreadable is no host,
    // not a reason to look elsewhere.
    let host = match request.headers().get(header::HOST) {
        Some(h) => h.to_str().ok(),
        None => request.uri().authority().map(|a| a.as_str()),
    };
    let address = request
        .uri()
        .path_and_query()
        .map_or(0, |pq| pq.as_str().len());
    if request.headers().len() > HEADERS_MAX {
        return ApiError::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            Said::new(Code::TooManyHeaders).with("max", HEADERS_MAX),
        )
        .into_response();
    }
    if address > URI_MAX {
        return ApiError::new(StatusCode::URI_TOO_LONG, Said::new(Code::UriTooLong))
            .into_response();
    }
    let mut response = match host {
        Some(host) if origins.is_own_host(host) => next.run(request).await,
        _ => ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            Said::new(Code::UnknownHost),
        )
        .into_response(),
    };
    // Every answer is read as the type it says it is, never sniffed into another.
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        header::HeaderValue::from_static("nosniff"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn hashed_names_are_trunks() {
        assert!(is_hashed("/wayai-connections-422a6a7d9f5e267f_bg.wasm"));
        assert!(is_hashed("/wayai-connections-422a6a7d9f5e267f.js"));
        assert!(is_hashed("/app-0123456789abcdef_bg.wasm"));
        // Trunk's hash without its leading zeros (the case of one build in 16).
        assert!(is_hashed("/connections-a70394fad4e668.css"));
        assert!(is_hashed("/wayai-credentials-3f0e2a1b9c8d7e_bg.wasm"));
        assert!(!is_hashed("/logo-face.svg"));
        assert!(!is_hashed(
            "/connections/0a1b2c3d-0000-4000-8000-00000000beef"
        ));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/settings/organizations/x/hubs/y/connections"));
        assert!(!is_hashed("/bench-static-first-load.html"));
    }
}
