//! A spec-shaped OAuth-protected MCP server, standing for a third party on loopback: the MCP
//! authorization specification's resource server and its authorization server.
//!
//! | path | what |
//! | --- | --- |
//! | `/dev/mcp-protected` | the demo MCP server; without a valid token, 401 with `WWW-Authenticate: Bearer resource_metadata=…, scope=…` |
//! | `/.well-known/oauth-protected-resource/dev/mcp-protected` | Protected Resource Metadata (RFC 9728) |
//! | `/.well-known/oauth-authorization-server/dev/oauth-as` | authorization server metadata (RFC 8414): S256 only, a registration and a revocation endpoint |
//! | `/dev/oauth-as/register` | Dynamic Client Registration (RFC 7591), public clients |
//! | `/dev/oauth-as/authorize` | the consent page: PKCE S256 and the `resource` (RFC 8707) are required |
//! | `/dev/oauth-as/token` | the code exchange (PKCE and `resource` checked) and refresh with rotation |
//! | `/dev/oauth-as/revoke` | revocation (RFC 7009) |
//!
//! The variants (see [`VARIANTS`]) differ in one thing each: no registration, no PKCE, no
//! metadata named in the 401, or Client ID Metadata Documents in place of registration (only
//! advertised: its consent page knows registered clients only, since a CIMD client ID is an
//! HTTPS URL that a test on loopback cannot serve).
//!
//! Access tokens live [`ACCESS_SECONDS`], so that refresh happens in tests. Nothing here shares
//! code with the hub's OAuth client: it is the other party.

mod grants;
mod metadata;
mod registry;

use crate::dev::mcp_servers::DemoTools;
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
pub use registry::Registry;
use std::sync::Arc;

/// How long an access token of the demo authorization server is valid.
pub const ACCESS_SECONDS: i64 = 60;
/// What reading the demo server's tools takes.
pub const READ_SCOPE: &str = "tools:read";
/// Every scope the demo authorization server grants.
pub const SCOPES: [&str; 2] = [READ_SCOPE, "tools:admin"];

pub const RESOURCE_PATH: &str = "/dev/mcp-protected";
pub const ISSUER_PATH: &str = "/dev/oauth-as";

/// A demo resource: where it is, which authorization server it names, and whether its 401 says
/// where its metadata is. The first is the faithful one; the others are tests' variants.
#[derive(Clone, Copy)]
pub struct Variant {
    pub path: &'static str,
    pub issuer: &'static str,
    pub advertised: bool,
}

pub const VARIANTS: [Variant; 5] = [
    Variant {
        path: RESOURCE_PATH,
        issuer: ISSUER_PATH,
        advertised: true,
    },
    // Its authorization server takes no registrations: a client ID must be given.
    Variant {
        path: "/dev/mcp-protected-no-registration",
        issuer: "/dev/oauth-as/no-registration",
        advertised: true,
    },
    // Its authorization server does not advertise PKCE: the hub refuses it.
    Variant {
        path: "/dev/mcp-protected-no-pkce",
        issuer: "/dev/oauth-as/no-pkce",
        advertised: true,
    },
    // Its 401 names no metadata: the metadata is only at the well-known path.
    Variant {
        path: "/dev/mcp-protected-well-known-only",
        issuer: ISSUER_PATH,
        advertised: false,
    },
    // Its authorization server takes Client ID Metadata Documents, not registrations.
    Variant {
        path: "/dev/mcp-protected-cimd",
        issuer: "/dev/oauth-as/cimd",
        advertised: true,
    },
];

/// The origin a request reached this hub at (`http://127.0.0.1:18787`): the demo server names
/// its own URLs with it, as a real server names its public ones.
fn origin(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}

/// The routes of the demo resource server and its authorization server.
pub fn routes(registry: Arc<Registry>, tools: DemoTools) -> Router {
    let mut router = Router::new();
    for variant in VARIANTS {
        let protected = Router::new()
            .fallback_service(crate::dev::mcp_servers::demo_service(tools.clone()))
            .layer(middleware::from_fn_with_state(
                (registry.clone(), variant),
                require_token,
            ));
        router = router
            .route(
                &format!("/.well-known/oauth-protected-resource{}", variant.path),
                get(move |headers: HeaderMap| metadata::protected_resource(headers, variant)),
            )
            .nest_service(variant.path, protected);
    }
    for issuer in [
        VARIANTS[0].issuer,
        VARIANTS[1].issuer,
        VARIANTS[2].issuer,
        VARIANTS[4].issuer,
    ] {
        let registry = registry.clone();
        router = router.route(
            &format!("/.well-known/oauth-authorization-server{issuer}"),
            get(move |headers: HeaderMap| {
                metadata::authorization_server(headers, issuer, registry.revocation_endpoint())
            }),
        );
    }
    router
        .route(&format!("{ISSUER_PATH}/register"), post(grants::register))
        .route(
            &format!("{ISSUER_PATH}/authorize"),
            get(grants::authorize).post(grants::decide),
        )
        .route(&format!("{ISSUER_PATH}/token"), post(grants::token))
        .route(&format!("{ISSUER_PATH}/revoke"), post(grants::revoke))
        .with_state(registry)
}

/// What tests do to the demo authorization server (behind the hub's token, see `dev::routes`):
/// `PUT /dev/oauth-as/lifetime {"seconds"}` sets the access tokens' lifetime, `GET
/// /dev/oauth-as/stats` says how many refreshes it honoured, revocations it was asked for and
/// clients registered, `DELETE /dev/oauth-as/grants`
/// forgets every grant (refreshes are refused from then on), `DELETE /dev/oauth-as/access-tokens`
/// only the access tokens (a live-looking token refused: the hub renews it), `PUT /dev/oauth-as/required-scopes
/// {"scopes"}` makes the resource require more than reading (a step-up), `PUT /dev/oauth-as/consent
/// {"decision"}` answers the next authorization request without its page (`allow` or `deny`),
/// `PUT /dev/oauth-as/revocation-failures {"times"}` makes the next revocations fail (503),
/// `PUT /dev/oauth-as/token-delay {"ms"}` slows the token endpoint (`stats` says how many token
/// requests wait), `PUT /dev/oauth-as/revocation-endpoint {"url"}` names another revocation
/// endpoint in the metadata (`null`: its own), as a hostile authorization server would.
pub fn control_routes(registry: Arc<Registry>) -> Router {
    Router::new()
        .route(
            "/dev/oauth-as/lifetime",
            axum::routing::put(
                |State(r): State<Arc<Registry>>, Json(body): Json<serde_json::Value>| async move {
                    r.set_lifetime(body["seconds"].as_i64().unwrap_or(ACCESS_SECONDS));
                    StatusCode::NO_CONTENT
                },
            ),
        )
        .route(
            "/dev/oauth-as/stats",
            get(|State(r): State<Arc<Registry>>| async move {
                let (refreshes, revocations) = r.counts();
                Json(
                    serde_json::json!({ "refreshes": refreshes, "revocations": revocations,
                                         "registrations": r.registrations(),
                                         "token_requests_waiting": r.tokens_waiting() }),
                )
            }),
        )
        .route(
            "/dev/oauth-as/required-scopes",
            axum::routing::put(
                |State(r): State<Arc<Registry>>, Json(body): Json<serde_json::Value>| async move {
                    let scopes = body["scopes"].as_array().map(|a| {
                        a.iter()
                            .filter_map(|s| s.as_str().map(String::from))
                            .collect()
                    });
                    r.require(scopes.unwrap_or_default());
                    StatusCode::NO_CONTENT
                },
            ),
        )
        .route(
            "/dev/oauth-as/consent",
            axum::routing::put(
                |State(r): State<Arc<Registry>>, Json(body): Json<serde_json::Value>| async move {
                    let decision = body["decision"].as_str().unwrap_or("allow");
                    r.script_decision(decision.to_string());
                    StatusCode::NO_CONTENT
                },
            ),
        )
        .merge(outage_routes())
        .with_state(registry)
}

/// The controls that make the authorization server misbehave as a third party might: failed
/// or redirected revocations, a slow token endpoint, grants forgotten.
fn outage_routes() -> Router<Arc<Registry>> {
    Router::new()
        .route(
            "/dev/oauth-as/revocation-failures",
            axum::routing::put(
                |State(r): State<Arc<Registry>>, Json(body): Json<serde_json::Value>| async move {
                    let times = body["times"].as_u64().unwrap_or(1);
                    r.fail_revocations(u32::try_from(times).unwrap_or(u32::MAX));
                    StatusCode::NO_CONTENT
                },
            ),
        )
        .route(
            "/dev/oauth-as/token-delay",
            axum::routing::put(
                |State(r): State<Arc<Registry>>, Json(body): Json<serde_json::Value>| async move {
                    r.set_token_delay(body["ms"].as_u64().unwrap_or(0).min(30_000));
                    StatusCode::NO_CONTENT
                },
            ),
        )
        .route(
            "/dev/oauth-as/revocation-endpoint",
            axum::routing::put(
                |State(r): State<Arc<Registry>>, Json(body): Json<serde_json::Value>| async move {
                    r.set_revocation_endpoint(body["url"].as_str().map(String::from));
                    StatusCode::NO_CONTENT
                },
            ),
        )
        .route(
            "/dev/oauth-as/access-tokens",
            axum::routing::delete(|State(r): State<Arc<Registry>>| async move {
                r.forget_access_tokens();
                StatusCode::NO_CONTENT
            }),
        )
        .route(
            "/dev/oauth-as/grants",
            axum::routing::delete(|State(r): State<Arc<Registry>>| async move {
                r.revoke_all();
                StatusCode::NO_CONTENT
            }),
        )
}

/// The resource server's check: a live access token issued for this resource with the read
/// scope; else 401 saying where its metadata is and what scope to ask for.
async fn require_token(
    State((registry, variant)): State<(Arc<Registry>, Variant)>,
    request: Request,
    next: Next,
) -> Response {
    let origin = origin(request.headers());
    let resource = format!("{origin}{}", variant.path);
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    // What it takes now: reading, and whatever a test raised it to.
    let mut needed = vec![READ_SCOPE.to_string()];
    needed.extend(registry.required());
    let metadata = variant.advertised.then(|| {
        format!(
            "{origin}/.well-known/oauth-protected-resource{}",
            variant.path
        )
    });
    let refuse = |status, error| challenge(metadata.as_deref(), status, error, &needed);
    match bearer.map(|t| registry.access(t, &resource)) {
        Some(Some(scopes)) if needed.iter().all(|n| scopes.contains(n)) => next.run(request).await,
        Some(Some(_)) => refuse(StatusCode::FORBIDDEN, Some("insufficient_scope")),
        Some(None) => refuse(StatusCode::UNAUTHORIZED, Some("invalid_token")),
        None => refuse(StatusCode::UNAUTHORIZED, None),
    }
}

fn challenge(
    metadata: Option<&str>,
    status: StatusCode,
    error: Option<&str>,
    scopes: &[String],
) -> Response {
    let metadata = metadata.map_or(String::new(), |m| format!("resource_metadata=\"{m}\", "));
    let error = error.map_or(String::new(), |e| format!(", error=\"{e}\""));
    let scope = scopes.join(" ");
    let value = format!("Bearer {metadata}scope=\"{scope}\"{error}");
    (status, [(header::WWW_AUTHENTICATE, value)], "unauthorized").into_response()
}
