//! The OAuth side, on oxide-auth: the authorization server (consent page, code grant with PKCE,
//! tokens and refresh), the metadata documents a client discovers it by, and the resource
//! server's check in front of the MCP endpoint.

use axum::{
    extract::{Request, State},
    http::{header, StatusCode},
    middleware::{self, Next},
    response::{Html, IntoResponse, Response},
    routing::get,
    Json, Router,
};
use oxide_auth::{
    endpoint::{
        AccessTokenFlow, AuthorizationFlow, Issuer, OwnerConsent, QueryParameter, RefreshFlow,
        Scope, Solicitation,
    },
    frontends::simple::{
        endpoint::{FnSolicitor, Generic, Vacant},
        extensions::{
            AddonList, AddonResult, AuthorizationAddon, AuthorizationRequest, Extended, Pkce,
        },
    },
    primitives::{
        authorizer::AuthMap,
        generator::RandomGenerator,
        grant::GrantExtension,
        issuer::TokenMap,
        registrar::{Client, ClientMap, ExactUrl, RegisteredUrl},
    },
};
use oxide_auth_axum::{OAuthRequest, OAuthResponse, WebError};
use rmcp::transport::streamable_http_server::{
    session::local::LocalSessionManager, StreamableHttpServerConfig, StreamableHttpService,
};
use serde_json::json;
use std::sync::{Arc, Mutex, MutexGuard};
use url::Url;

/// What reading the notes takes; the only scope this server grants.
const SCOPE: &str = "notes:read";

/// The one client this server's owner registered: the hub.
pub struct RegisteredClient {
    pub id: String,
    pub secret: Option<String>,
    pub redirect_uri: String,
}

/// Both servers' state: where they are, and oxide-auth's clients, codes and tokens.
pub struct Server {
    base: String,
    state: Mutex<Primitives>,
}

struct Primitives {
    clients: ClientMap,
    codes: AuthMap<RandomGenerator>,
    tokens: TokenMap<RandomGenerator>,
}

impl Server {
    pub fn new(base: &str, client: RegisteredClient) -> Server {
        let redirect = ExactUrl::new(client.redirect_uri).expect("--redirect-uri is a URL");
        let scope: Scope = SCOPE.parse().expect("a valid scope");
        let registered = match &client.secret {
            Some(secret) => Client::confidential(
                &client.id,
                RegisteredUrl::Exact(redirect),
                scope,
                secret.as_bytes(),
            ),
            None => Client::public(&client.id, RegisteredUrl::Exact(redirect), scope),
        };
        let mut clients = ClientMap::new();
        clients.register_client(registered);
        Server {
            base: base.to_string(),
            state: Mutex::new(Primitives {
                clients,
                codes: AuthMap::new(RandomGenerator::new(16)),
                tokens: TokenMap::new(RandomGenerator::new(24)),
            }),
        }
    }

    fn resource(&self) -> String {
        format!("{}/mcp", self.base)
    }

    fn primitives(&self) -> MutexGuard<'_, Primitives> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// RFC 8707: a code is only given for this server's own MCP endpoint.
struct ResourceIsOurs(String);

impl GrantExtension for ResourceIsOurs {
    fn identifier(&self) -> &'static str {
        "resource"
    }
}

impl AuthorizationAddon for ResourceIsOurs {
    fn execute(&self, request: &dyn AuthorizationRequest) -> AddonResult {
        match request.extension("resource") {
            Some(asked) if asked == self.0.as_str() => AddonResult::Ok,
            _ => AddonResult::Err,
        }
    }
}

/// The server's addons: PKCE, required and S256 only (plain is refused), and the resource.
fn addons(server: &Server) -> AddonList {
    let mut addons = AddonList::new();
    addons.push_code(Pkce::required());
    addons.push_authorization(ResourceIsOurs(server.resource()));
    addons
}

type Endpoint<'a, S> = Extended<
    Generic<
        &'a ClientMap,
        &'a mut AuthMap<RandomGenerator>,
        &'a mut TokenMap<RandomGenerator>,
        S,
        Vacant,
        Vacant,
    >,
    AddonList,
>;

fn endpoint<'a, S>(server: &Server, p: &'a mut Primitives, solicitor: S) -> Endpoint<'a, S> {
    Extended::extend_with(
        Generic {
            registrar: &p.clients,
            authorizer: &mut p.codes,
            issuer: &mut p.tokens,
            solicitor,
            scopes: Vacant,
            response: Vacant,
        },
        addons(server),
    )
}

fn refused(error: oxide_auth::frontends::simple::endpoint::Error<OAuthRequest>) -> Response {
    error.pack::<WebError>().into_response()
}

/// The consent page, repeating the request in its form's address so the answer is checked again.
fn consent_page(
    request: &mut OAuthRequest,
    solicitation: Solicitation,
) -> OwnerConsent<OAuthResponse> {
    const ASKED: [&str; 8] = [
        "response_type",
        "client_id",
        "redirect_uri",
        "scope",
        "state",
        "code_challenge",
        "code_challenge_method",
        "resource",
    ];
    let grant = solicitation.pre_grant();
    let mut action = Url::parse("http://notes.invalid/authorize").expect("a URL");
    if let Some(query) = request.query() {
        let mut pairs = action.query_pairs_mut();
        for key in ASKED {
            if let Some(value) = query.unique_value(key) {
                pairs.append_pair(key, &value);
            }
        }
    }
    // The path and query only: the form posts back to this same server.
    let action = &action[url::Position::BeforePath..];
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Team notes · Sign in</title></head>\
         <body><main><h1>Allow access to Team notes?</h1>\
         <p>The application <code>{client}</code> asks to read your team's notes (<code>{scope}</code>).</p>\
         <form method=\"post\" action=\"{action}\">\
         <button type=\"submit\" name=\"decision\" value=\"allow\">Allow access</button> \
         <button type=\"submit\" name=\"decision\" value=\"deny\">Cancel</button></form></main></body></html>",
        client = escape(&grant.client_id),
        scope = escape(&grant.scope.to_string()),
        action = escape(action),
    );
    let page = OAuthResponse::default()
        .content_type("text/html; charset=utf-8")
        .map(|r| r.body(&html));
    match page {
        Ok(page) => OwnerConsent::InProgress(page),
        Err(e) => OwnerConsent::Error(e),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn authorize_page(State(server): State<Arc<Server>>, request: OAuthRequest) -> Response {
    let mut p = server.primitives();
    let flow = AuthorizationFlow::prepare(endpoint(&server, &mut p, FnSolicitor(consent_page)));
    match flow.map(|mut f| f.execute(request)) {
        Ok(Ok(response)) => response.into_response(),
        Ok(Err(e)) | Err(e) => refused(e),
    }
}

/// The consent form's answer: the person's decision.
async fn authorize_answer(State(server): State<Arc<Server>>, request: OAuthRequest) -> Response {
    let decide = |request: &mut OAuthRequest, _: Solicitation| {
        let allowed = request
            .body()
            .and_then(|b| b.unique_value("decision"))
            .is_some_and(|d| d == "allow");
        if allowed {
            OwnerConsent::Authorized("team-member".into())
        } else {
            OwnerConsent::Denied
        }
    };
    let mut p = server.primitives();
    let flow = AuthorizationFlow::prepare(endpoint(&server, &mut p, FnSolicitor(decide)));
    match flow.map(|mut f| f.execute(request)) {
        Ok(Ok(response)) => response.into_response(),
        Ok(Err(e)) | Err(e) => refused(e),
    }
}

/// The token endpoint: a code (its PKCE verifier checked) or a refresh token.
async fn token(State(server): State<Arc<Server>>, request: OAuthRequest) -> Response {
    let refresh = request
        .body()
        .and_then(|b| b.unique_value("grant_type"))
        .is_some_and(|g| g == "refresh_token");
    let mut p = server.primitives();
    let answer = if refresh {
        RefreshFlow::prepare(endpoint(&server, &mut p, Vacant)).map(|mut f| f.execute(request))
    } else {
        AccessTokenFlow::prepare(endpoint(&server, &mut p, Vacant)).map(|mut f| f.execute(request))
    };
    match answer {
        Ok(Ok(response)) => response.into_response(),
        Ok(Err(e)) | Err(e) => refused(e),
    }
}

/// Authorization server metadata (RFC 8414): no registration endpoint, so a client ID is needed.
async fn authorization_server(State(server): State<Arc<Server>>) -> Json<serde_json::Value> {
    let base = &server.base;
    Json(json!({
        "issuer": base,
        "authorization_endpoint": format!("{base}/authorize"),
        "token_endpoint": format!("{base}/token"),
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "none"],
        "scopes_supported": [SCOPE],
    }))
}

/// Protected Resource Metadata (RFC 9728) of the MCP endpoint.
async fn protected_resource(State(server): State<Arc<Server>>) -> Json<serde_json::Value> {
    Json(json!({
        "resource": server.resource(),
        "authorization_servers": [server.base],
        "scopes_supported": [SCOPE],
        "bearer_methods_supported": ["header"],
    }))
}

/// The resource server's check: a live token with the notes scope, else a 401 naming the
/// metadata and the scope (RFC 9728 §5.1).
async fn require_token(
    State(server): State<Arc<Server>>,
    request: Request,
    next: Next,
) -> Response {
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    let needed: Scope = SCOPE.parse().expect("a valid scope");
    let live = bearer.as_deref().is_some_and(|token| {
        let p = server.primitives();
        matches!(p.tokens.recover_token(token), Ok(Some(grant))
            if grant.until > chrono::Utc::now() && needed.allow_access(&grant.scope))
    });
    if live {
        return next.run(request).await;
    }
    let error = if bearer.is_some() {
        ", error=\"invalid_token\""
    } else {
        ""
    };
    let challenge = format!(
        "Bearer resource_metadata=\"{}/.well-known/oauth-protected-resource/mcp\", scope=\"{SCOPE}\"{error}",
        server.base
    );
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, challenge)],
        "sign in first",
    )
        .into_response()
}

pub fn router(server: Arc<Server>) -> Router {
    let mcp = StreamableHttpService::new(
        || Ok(crate::notes::Notes),
        Arc::new(LocalSessionManager::default()),
        StreamableHttpServerConfig::default().with_sse_keep_alive(None),
    );
    Router::new()
        .route("/authorize", get(authorize_page).post(authorize_answer))
        .route("/token", axum::routing::post(token))
        .route(
            "/.well-known/oauth-authorization-server",
            get(authorization_server),
        )
        .route(
            "/.well-known/oauth-protected-resource/mcp",
            get(protected_resource),
        )
        .nest_service(
            "/mcp",
            Router::new()
                .fallback_service(mcp)
                .layer(middleware::from_fn_with_state(
                    server.clone(),
                    require_token,
                )),
        )
        .route(
            "/",
            get(|| async {
                Html("<!doctype html><title>Team notes</title><p>An MCP server at /mcp.</p>")
            }),
        )
        .with_state(server)
}
