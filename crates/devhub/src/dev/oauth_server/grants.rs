//! The demo authorization server's endpoints: registration, the consent page, the token
//! endpoint and revocation.

use super::{
    origin,
    registry::{Client, Issued, Registry},
    ISSUER_PATH, SCOPES,
};
use crate::html::escape_html;
use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    Form, Json,
};
use serde::Deserialize;
use serde_json::{json, Value};
use std::{collections::BTreeMap, sync::Arc};

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = json!({ "error": error, "error_description": description });
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

/// Dynamic Client Registration (RFC 7591): public clients with their redirect URIs.
pub async fn register(
    State(registry): State<Arc<Registry>>,
    Json(metadata): Json<Value>,
) -> Response {
    let uris: Vec<String> = metadata["redirect_uris"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|u| u.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let valid =
        |u: &String| url::Url::parse(u).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
    if uris.is_empty() || !uris.iter().all(valid) {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_redirect_uri",
            "Give one or more http(s) redirect URIs.",
        );
    }
    let name = metadata["client_name"]
        .as_str()
        .unwrap_or("MCP client")
        .to_string();
    let id = registry.register(Client {
        name: name.clone(),
        redirect_uris: uris.clone(),
    });
    let body = json!({
        "client_id": id,
        "client_id_issued_at": crate::time::now_unix(),
        "client_name": name,
        "redirect_uris": uris,
        "token_endpoint_auth_method": "none",
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
    });
    (StatusCode::CREATED, Json(body)).into_response()
}

/// The parameters of an authorization request (and of the consent form that repeats them).
#[derive(Deserialize)]
pub struct AuthorizeParams {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    state: Option<String>,
    scope: Option<String>,
    resource: Option<String>,
    /// The consent form's button: `allow` or `deny`.
    decision: Option<String>,
}

/// What an authorization request asks for, once checked.
struct Asked {
    client: Client,
    client_id: String,
    redirect_uri: String,
    challenge: String,
    scopes: Vec<String>,
    resource: String,
}

/// Checks a request. Without a known client and one of its redirect URIs nothing is redirected
/// (a page says so); other mistakes go back to the client as `error=…`.
/// (The refusal is boxed: a `Response` is large, and most checks pass.)
fn check(registry: &Registry, p: &AuthorizeParams) -> Result<Asked, Box<Response>> {
    let client_id = p.client_id.clone().unwrap_or_default();
    let redirect_uri = p.redirect_uri.clone().unwrap_or_default();
    let Some(client) = registry.client(&client_id) else {
        return Err(Box::new(page(
            StatusCode::BAD_REQUEST,
            "Unknown client",
            "This client is not registered here.",
        )));
    };
    if !client.redirect_uris.contains(&redirect_uri) {
        return Err(Box::new(page(
            StatusCode::BAD_REQUEST,
            "Unknown redirect URI",
            "This client did not register that redirect URI.",
        )));
    }
    let back = |error: &str, description: &str| {
        Err(Box::new(redirect_with(
            &redirect_uri,
            &[("error", error), ("error_description", description)],
            p.state.as_deref(),
        )))
    };
    if p.response_type.as_deref() != Some("code") {
        return back(
            "unsupported_response_type",
            "Only the code flow is supported.",
        );
    }
    let challenge = p.code_challenge.clone().unwrap_or_default();
    if challenge.is_empty() || p.code_challenge_method.as_deref() != Some("S256") {
        return back("invalid_request", "PKCE with S256 is required.");
    }
    let Some(resource) = p.resource.clone().filter(|r| !r.is_empty()) else {
        return back("invalid_target", "Name the resource (RFC 8707).");
    };
    let scopes: Vec<String> = p
        .scope
        .as_deref()
        .unwrap_or(super::READ_SCOPE)
        .split_whitespace()
        .map(String::from)
        .collect();
    if !scopes.iter().all(|s| SCOPES.contains(&s.as_str())) {
        return back("invalid_scope", "A requested scope is not offered.");
    }
    Ok(Asked {
        client,
        client_id,
        redirect_uri,
        challenge,
        scopes,
        resource,
    })
}

fn redirect_with(uri: &str, params: &[(&str, &str)], state: Option<&str>) -> Response {
    let mut url = match url::Url::parse(uri) {
        Ok(u) => u,
        Err(_) => {
            return page(
                StatusCode::BAD_REQUEST,
                "Bad redirect URI",
                "The redirect URI does not parse.",
            )
        }
    };
    {
        let mut query = url.query_pairs_mut();
        params.iter().for_each(|(k, v)| {
            query.append_pair(k, v);
        });
        if let Some(state) = state {
            query.append_pair("state", state);
        }
    }
    Redirect::to(url.as_str()).into_response()
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\
         <body><main><h1>{t}</h1><p>{b}</p></main></body></html>",
        t = escape_html(title),
        b = escape_html(body)
    );
    (status, [(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

/// The consent page: who asks, for what, with Allow and Deny. A decision a test scripted
/// answers at once, as a server that remembers an earlier consent does.
pub async fn authorize(
    State(registry): State<Arc<Registry>>,
    headers: HeaderMap,
    Query(params): Query<AuthorizeParams>,
) -> Response {
    let asked = match check(&registry, &params) {
        Ok(asked) => asked,
        Err(response) => return *response,
    };
    if let Some(decision) = registry.take_scripted_decision() {
        return answer(
            &registry,
            &headers,
            asked,
            params.state.as_deref(),
            &decision,
        );
    }
    let hidden: BTreeMap<&str, &str> = [
        ("response_type", "code"),
        ("client_id", asked.client_id.as_str()),
        ("redirect_uri", asked.redirect_uri.as_str()),
        ("code_challenge", asked.challenge.as_str()),
        ("code_challenge_method", "S256"),
        ("state", params.state.as_deref().unwrap_or("")),
        (
            "scope",
            params.scope.as_deref().unwrap_or(super::READ_SCOPE),
        ),
        ("resource", asked.resource.as_str()),
    ]
    .into_iter()
    .collect();
    let fields: String = hidden
        .iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{k}\" value=\"{}\">",
                escape_html(v)
            )
        })
        .collect();
    let scopes: String = asked
        .scopes
        .iter()
        .map(|s| format!("<li><code>{}</code></li>", escape_html(s)))
        .collect();
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Authorize access</title></head>\
         <body><main><h1>Authorize {client}</h1>\
         <p>{client} asks to use the demo MCP server at <code>{resource}</code> with:</p><ul>{scopes}</ul>\
         <form method=\"post\" action=\"{ISSUER_PATH}/authorize\">{fields}\
         <button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button> \
         <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form></main></body></html>",
        client = escape_html(&asked.client.name),
        resource = escape_html(&asked.resource),
    );
    (
        StatusCode::OK,
        [(header::CACHE_CONTROL, "no-store")],
        Html(html),
    )
        .into_response()
}

/// The consent form's answer: a code, or `access_denied`, back at the client's redirect URI.
pub async fn decide(
    State(registry): State<Arc<Registry>>,
    headers: HeaderMap,
    Form(params): Form<AuthorizeParams>,
) -> Response {
    let asked = match check(&registry, &params) {
        Ok(asked) => asked,
        Err(response) => return *response,
    };
    let decision = params.decision.as_deref().unwrap_or_default();
    answer(
        &registry,
        &headers,
        asked,
        params.state.as_deref(),
        decision,
    )
}

/// A decision on a checked request, back at the client's redirect URI.
fn answer(
    registry: &Registry,
    headers: &HeaderMap,
    asked: Asked,
    state: Option<&str>,
    decision: &str,
) -> Response {
    let state = state.filter(|s| !s.is_empty());
    if decision != "allow" {
        let denied = [
            ("error", "access_denied"),
            ("error_description", "The person denied access."),
        ];
        return redirect_with(&asked.redirect_uri, &denied, state);
    }
    let code = registry.issue_code(
        &asked.client_id,
        &asked.redirect_uri,
        &asked.challenge,
        asked.scopes,
        &asked.resource,
    );
    // The issuer of the resource's own authorization server (RFC 9207): the variants share
    // these endpoints but each names its issuer.
    let origin = origin(headers);
    let issuer_path = super::VARIANTS
        .iter()
        .find(|v| asked.resource == format!("{origin}{}", v.path))
        .map_or(ISSUER_PATH, |v| v.issuer);
    let issuer = format!("{origin}{issuer_path}");
    redirect_with(
        &asked.redirect_uri,
        &[("code", &code), ("iss", &issuer)],
        state,
    )
}

/// The token endpoint: `authorization_code` (PKCE and resource checked) and `refresh_token`
/// (rotated). The client is named by `client_id` in the form (public clients).
pub async fn token(
    State(registry): State<Arc<Registry>>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Response {
    // A slow authorization server (a test's): the answer waits, and says it is waiting.
    let delay = registry.token_delay();
    if delay > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
        registry.answered();
    }
    let get = |k: &str| form.get(k).map(String::as_str);
    let client_id = get("client_id").unwrap_or_default();
    if registry.client(client_id).is_none() {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Unknown client.",
        );
    }
    let issued = match get("grant_type") {
        Some("authorization_code") => registry.redeem(
            get("code").unwrap_or_default(),
            client_id,
            get("redirect_uri").unwrap_or_default(),
            get("code_verifier").unwrap_or_default(),
            get("resource"),
        ),
        Some("refresh_token") => registry.refresh(
            get("refresh_token").unwrap_or_default(),
            client_id,
            get("resource"),
            get("scope").map(|s| s.split_whitespace().map(String::from).collect()),
        ),
        _ => Err("unsupported_grant_type"),
    };
    match issued {
        Ok(Issued {
            access_token,
            refresh_token,
            expires_in,
            scope,
        }) => (
            [(header::CACHE_CONTROL, "no-store")],
            Json(json!({
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": expires_in,
                "refresh_token": refresh_token,
                "scope": scope,
            })),
        )
            .into_response(),
        Err(error) => oauth_error(StatusCode::BAD_REQUEST, error, "The grant was refused."),
    }
}

/// Revocation (RFC 7009): 200 whether the token was known or not; 503 while a test's outage lasts.
pub async fn revoke(
    State(registry): State<Arc<Registry>>,
    Form(form): Form<BTreeMap<String, String>>,
) -> StatusCode {
    if registry.revocation_fails() {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    if let Some(token) = form.get("token") {
        registry.revoke(token);
    }
    StatusCode::OK
}
