//! OAuth flows with a simulated provider, so popup flows run for real in a browser:
//! `POST …/oauth/flows` → the popup opens `/dev/oauth/authorize` (choose an account, Allow or
//! Deny) → a real redirect to `/api/oauth/callback?code=…&state=…` (or `error=access_denied`) →
//! the callback page posts the result to the opener's exact origin and on a BroadcastChannel,
//! then closes. `GET …/oauth/flows/{id}` tells the page the outcome when the popup went quiet.

use crate::{
    connections::{self, ensure_hub, hub_id, json_body},
    credentials,
    error::ApiError,
    parse_id,
    store::{Record, Tokens},
    time, AppState,
};
use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    Form, Json,
};
use serde::{Deserialize, Serialize};
use std::{collections::BTreeMap, sync::Arc};
use uuid::Uuid;
use wayai_core::{
    view::percent_encode, AuthKind, ConnectorStatus, FieldValue, FlowStatus, HealthStatus,
    OauthAccount, OauthFlow, OauthFlowStatus, OauthProvider, StartOauthFlow,
};

/// How long a started flow may take.
const FLOW_SECONDS: i64 = 600;
/// Access tokens of the simulated provider live this long (Gmail's refresh interval).
const TOKEN_SECONDS: i64 = 3600;
/// The account whose consent issues an already-expired token, to show Reconnect.
pub const EXPIRED_ACCOUNT: &str = "expired@example.com";
const ACCOUNTS: [&str; 3] = ["ada@example.com", "grace@example.com", EXPIRED_ACCOUNT];

/// Everything the hub keeps about a flow.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FlowRecord {
    pub id: Uuid,
    pub hub_id: Uuid,
    pub state: String,
    pub connector_id: Uuid,
    /// Set for Reconnect: the connection whose tokens the flow renews.
    pub connection_id: Option<Uuid>,
    pub name: Option<String>,
    pub config: BTreeMap<String, FieldValue>,
    pub secrets: BTreeMap<String, String>,
    pub opener_origin: String,
    pub expires_unix: i64,
    pub status: FlowStatus,
    /// The account chosen on the consent page, behind the authorization code.
    pub code: Option<String>,
    pub account: Option<String>,
    pub result_connection: Option<Uuid>,
    pub error: Option<String>,
    pub error_description: Option<String>,
    /// Full-page mode: the page URL the callback redirects back to.
    #[serde(default)]
    pub return_to: Option<String>,
    /// Set by a scripted consent that severs the opener: the callback page then cannot reach it.
    #[serde(default)]
    pub opener_severed: bool,
}

/// How the consent page behaves for a hub's flows (`PUT /dev/hubs/{hub}/oauth-consent`), so that
/// browser tests run the real popup, redirects and callback page without clicking inside a
/// cross-origin window.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentScript {
    /// `allow` or `deny`, submitted by the page itself; absent: wait for a person.
    #[serde(default)]
    pub decision: Option<String>,
    #[serde(default)]
    pub account: Option<String>,
    /// Serve the consent page with `Cross-Origin-Opener-Policy: same-origin`, as real providers
    /// do: the browser severs `window.opener`, so the opener reads the popup as closed and the
    /// callback page cannot post to it.
    #[serde(default)]
    pub sever_opener: bool,
    /// Delay before the scripted decision, in milliseconds.
    #[serde(default)]
    pub delay_ms: u64,
}

impl FlowRecord {
    fn status(&self) -> OauthFlowStatus {
        OauthFlowStatus {
            id: self.id,
            state: self.state.clone(),
            status: self.status,
            connection_id: self.result_connection,
            error: self.error.clone(),
            error_description: self.error_description.clone(),
        }
    }

    /// A pending flow past its deadline is expired.
    fn expire_if_due(&mut self) -> bool {
        if self.status == FlowStatus::Pending && time::now_unix() >= self.expires_unix {
            self.status = FlowStatus::Expired;
            self.error = Some("expired".into());
            self.error_description = Some("The sign-in took too long.".into());
            return true;
        }
        false
    }
}

/// Whether an access token from the simulated provider is still valid (`dev-at.<expiry>.<id>`).
pub fn access_token_is_valid(token: &str) -> bool {
    let mut parts = token.splitn(3, '.');
    parts.next() == Some("dev-at")
        && parts
            .next()
            .and_then(|e| e.parse::<i64>().ok())
            .is_some_and(|expiry| expiry > time::now_unix())
}

/// `http(s)://host[:port]` and nothing more.
fn is_origin(origin: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
    else {
        return false;
    };
    !rest.is_empty()
        && !rest.contains(['/', '?', '#', '@', ' '])
        && wayai_core::validate::check_url(origin).is_ok()
}

/// The hub's own base URL as the caller reached it.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.public_url {
        return url.clone();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8787");
    format!("http://{host}")
}

pub async fn start(
    State(state): State<Arc<AppState>>,
    Path(hub): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let hub = hub_id(&hub)?;
    let request: StartOauthFlow = json_body(&headers, &body)?;
    ensure_hub(&state, hub)?;
    if !is_origin(&request.opener_origin) {
        return Err(ApiError::field(
            "opener_origin",
            "Give the page's origin, like https://app.example.com.",
        ));
    }
    let (connector, connection_id) = match (request.connector_id, request.connection_id) {
        (Some(id), None) => (
            state.connector(hub, id).ok_or_else(|| {
                ApiError::field("connector_id", "There is no connector with this id.")
            })?,
            None,
        ),
        (None, Some(id)) => {
            let record = state
                .store
                .with(|tx| tx.connection(hub, id))?
                .ok_or_else(|| ApiError::not_found("There is no such connection in this hub."))?;
            (
                state
                    .connector(hub, record.connection.connector_id)
                    .ok_or_else(|| ApiError::not_found("This connection's connector is gone."))?,
                Some(id),
            )
        }
        _ => return Err(ApiError::field(
            "connector_id",
            "Give either connector_id (a new connection) or connection_id (reconnect), not both.",
        )),
    };
    if connector.auth != AuthKind::Oauth {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "not_oauth",
            format!("{} does not use OAuth.", connector.name),
        ));
    }
    if connector.status == ConnectorStatus::Disabled {
        return Err(connections::connector_disabled(&connector));
    }
    if let Some(back) = &request.return_to {
        let same_origin = back
            .strip_prefix(request.opener_origin.as_str())
            .is_some_and(|path| path.starts_with('/'));
        if !same_origin
            || back.len() > 2048
            || back.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(ApiError::field(
                "return_to",
                "Give a page URL on the opener's origin to come back to.",
            ));
        }
    }
    let mut config = BTreeMap::new();
    let mut secrets = BTreeMap::new();
    if connection_id.is_none() {
        // A new connection: the form's values (MCP OAuth's URL and client) are validated now.
        let draft = wayai_core::CreateConnection {
            connector_id: connector.id,
            name: request
                .name
                .clone()
                .unwrap_or_else(|| connector.name.clone()),
            config: request.config,
        };
        let checked = connections::validate_fields(&connector, draft)?;
        config = checked.0;
        secrets = checked.1;
    }
    let now = time::now_unix();
    let flow = FlowRecord {
        id: Uuid::new_v4(),
        hub_id: hub,
        state: Uuid::new_v4().simple().to_string(),
        connector_id: connector.id,
        connection_id,
        name: request
            .name
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        config,
        secrets,
        opener_origin: request.opener_origin,
        expires_unix: now + FLOW_SECONDS,
        status: FlowStatus::Pending,
        code: None,
        account: None,
        result_connection: None,
        error: None,
        error_description: None,
        return_to: request.return_to,
        opener_severed: false,
    };
    state
        .store
        .with(|tx| tx.save_flow(flow.id, &flow.state, &flow))?;
    let base = base_url(&state, &headers);
    let provider = connector
        .oauth
        .as_ref()
        .map_or(OauthProvider::Google, |o| o.provider);
    let body = OauthFlow {
        id: flow.id,
        state: flow.state.clone(),
        authorize_url: format!(
            "{base}/dev/oauth/authorize?response_type=code&client_id=wayai-dev-hub&state={}&provider={}&redirect_uri={}",
            flow.state,
            provider_slug(provider),
            percent_encode(&format!("{base}/api/oauth/callback")),
        ),
        expires_at: time::rfc3339(flow.expires_unix),
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub async fn status(
    State(state): State<Arc<AppState>>,
    Path((hub, id)): Path<(String, String)>,
) -> Result<Json<OauthFlowStatus>, ApiError> {
    with_flow(&state, &hub, &id, |_| {})
}

/// `DELETE …/oauth/flows/{id}`: the page gave up. A pending flow becomes cancelled, so a consent
/// given later connects nothing; a flow that already ended keeps its outcome. Either way the
/// answer is the flow's final status, so a success that raced the cancel is not lost.
pub async fn cancel(
    State(state): State<Arc<AppState>>,
    Path((hub, id)): Path<(String, String)>,
) -> Result<Json<OauthFlowStatus>, ApiError> {
    with_flow(&state, &hub, &id, |flow| {
        if flow.status == FlowStatus::Pending {
            flow.status = FlowStatus::Cancelled;
            flow.error = Some("cancelled".into());
            flow.error_description = Some("The sign-in was cancelled.".into());
        }
    })
}

/// A flow of this hub, expired if due and then changed by `change`, saved, and answered.
fn with_flow(
    state: &AppState,
    hub: &str,
    id: &str,
    change: impl FnOnce(&mut FlowRecord),
) -> Result<Json<OauthFlowStatus>, ApiError> {
    let hub = hub_id(hub)?;
    let id = parse_id(id, "The flow id must be a UUID.")?;
    let flow = state.store.with(|tx| {
        let Some(mut flow) = tx.flow::<FlowRecord>(id)? else {
            return Ok(None);
        };
        if flow.hub_id != hub {
            return Ok(None);
        }
        flow.expire_if_due();
        change(&mut flow);
        tx.save_flow(flow.id, &flow.state, &flow)?;
        Ok(Some(flow))
    })?;
    flow.map(|f| Json(f.status()))
        .ok_or_else(|| ApiError::not_found("There is no such OAuth flow in this hub."))
}

/// `PUT /dev/hubs/{hub}/oauth-consent`: scripts the consent page for this hub's flows.
pub async fn script_consent(
    State(state): State<Arc<AppState>>,
    Path(hub): Path<String>,
    Json(script): Json<ConsentScript>,
) -> Result<StatusCode, ApiError> {
    let hub = hub_id(&hub)?;
    if script
        .decision
        .as_deref()
        .is_some_and(|d| d != "allow" && d != "deny")
    {
        return Err(ApiError::field("decision", "Use allow or deny."));
    }
    state
        .consent
        .lock()
        .expect("consent scripts")
        .insert(hub, script);
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /dev/hubs/{hub}/oauth-consent`: back to waiting for a person.
pub async fn unscript_consent(
    State(state): State<Arc<AppState>>,
    Path(hub): Path<String>,
) -> Result<StatusCode, ApiError> {
    let hub = hub_id(&hub)?;
    state.consent.lock().expect("consent scripts").remove(&hub);
    Ok(StatusCode::NO_CONTENT)
}

fn provider_slug(p: OauthProvider) -> &'static str {
    match p {
        OauthProvider::Google => "google",
        OauthProvider::Meta => "meta",
        OauthProvider::Mcp => "mcp",
    }
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[derive(Deserialize)]
pub struct AuthorizeQuery {
    state: String,
    #[serde(default)]
    provider: String,
}

/// The simulated provider's consent page.
pub async fn authorize(
    State(state): State<Arc<AppState>>,
    Query(q): Query<AuthorizeQuery>,
) -> Result<Response, ApiError> {
    // The hub's consent script, if the flow is known and its hub has one.
    let script = state.store.with(|tx| {
        let Some(mut flow) = tx.flow_by_state::<FlowRecord>(&q.state)? else {
            return Ok(None);
        };
        let script = state
            .consent
            .lock()
            .expect("consent scripts")
            .get(&flow.hub_id)
            .cloned();
        if let Some(script) = &script {
            if script.sever_opener && !flow.opener_severed {
                flow.opener_severed = true;
                tx.save_flow(flow.id, &flow.state, &flow)?;
            }
        }
        Ok(script)
    })?;
    let script = script.unwrap_or_default();
    let provider = match q.provider.as_str() {
        "meta" => "Meta",
        "mcp" => "the MCP server",
        _ => "Google",
    };
    let accounts: String = ACCOUNTS
        .iter()
        .enumerate()
        .map(|(i, a)| {
            format!(
                r#"<label><input type="radio" name="account" value="{a}"{}> {a}</label><br>"#,
                if i == 0 { " checked" } else { "" }
            )
        })
        .collect();
    let auto = match &script.decision {
        Some(decision) => {
            let account = script
                .account
                .as_deref()
                .filter(|a| ACCOUNTS.contains(a))
                .unwrap_or(ACCOUNTS[0]);
            format!(
                r#"<script>setTimeout(() => {{
document.querySelector('input[value="{account}"]').checked = true;
document.querySelector('button[value="{decision}"]').click();
}}, {delay});</script>"#,
                decision = if decision == "allow" { "allow" } else { "deny" },
                delay = script.delay_ms,
            )
        }
        None => String::new(),
    };
    let page = Html(format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in with {provider} (simulated)</title>
<style>body{{font-family:system-ui,sans-serif;max-width:420px;margin:40px auto;padding:0 16px}}button{{font:inherit;padding:6px 16px;margin-right:8px}}</style></head>
<body><h1>Sign in with {provider}</h1><p>This is the dev hub's simulated consent page.</p>
<p>WayAI wants to access your account.</p>
<form method="post" action="/dev/oauth/decide"><input type="hidden" name="state" value="{state}">
<fieldset><legend>Choose an account</legend>{accounts}</fieldset><p>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button></p></form>{auto}</body></html>"#,
        state = escape_html(&q.state),
    ));
    Ok(if script.sever_opener {
        (
            [(
                header::HeaderName::from_static("cross-origin-opener-policy"),
                "same-origin",
            )],
            page,
        )
            .into_response()
    } else {
        page.into_response()
    })
}

#[derive(Deserialize)]
pub struct Decision {
    state: String,
    decision: String,
    #[serde(default)]
    account: String,
}

/// Allow or Deny: redirects to the callback as a real provider would.
pub async fn decide(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Form(d): Form<Decision>,
) -> Result<Redirect, ApiError> {
    let callback = format!("{}/api/oauth/callback", base_url(&state, &headers));
    let s = percent_encode(&d.state);
    if d.decision != "allow" {
        return Ok(Redirect::to(&format!(
            "{callback}?error=access_denied&error_description={}&state={s}",
            percent_encode("The user denied access.")
        )));
    }
    let account = if ACCOUNTS.contains(&d.account.as_str()) {
        d.account
    } else {
        ACCOUNTS[0].to_string()
    };
    let code = Uuid::new_v4().simple().to_string();
    let found = state.store.with(|tx| {
        let Some(mut flow) = tx.flow_by_state::<FlowRecord>(&d.state)? else {
            return Ok(false);
        };
        flow.code = Some(code.clone());
        flow.account = Some(account.clone());
        tx.save_flow(flow.id, &flow.state, &flow)?;
        Ok(true)
    })?;
    if !found {
        return Ok(Redirect::to(&format!(
            "{callback}?error=invalid_request&error_description={}&state={s}",
            percent_encode("Unknown sign-in request.")
        )));
    }
    Ok(Redirect::to(&format!("{callback}?code={code}&state={s}")))
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    #[serde(default)]
    state: String,
    code: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// The redirect target: completes the flow and renders the page that reports to the opener.
pub async fn callback(
    State(state): State<Arc<AppState>>,
    Query(q): Query<CallbackQuery>,
) -> Result<Response, ApiError> {
    let Some(mut flow) = state
        .store
        .with(|tx| tx.flow_by_state::<FlowRecord>(&q.state))?
    else {
        return Ok(result_page(
            None,
            "This sign-in link is unknown or was already used.",
        ));
    };
    if flow.status != FlowStatus::Pending || flow.expire_if_due() {
        if flow.status == FlowStatus::Expired {
            state
                .store
                .with(|tx| tx.save_flow(flow.id, &flow.state, &flow))?;
        }
        return Ok(report(&flow, "This sign-in has already ended."));
    }
    match (q.error, q.code) {
        (Some(error), _) => {
            flow.status = FlowStatus::Failed;
            flow.error = Some(error);
            flow.error_description = q.error_description;
        }
        (None, Some(code)) if flow.code.as_deref() == Some(code.as_str()) => {
            let account = flow
                .account
                .clone()
                .unwrap_or_else(|| ACCOUNTS[0].to_string());
            match complete(&state, &flow, &account).await {
                Ok(id) => {
                    flow.status = FlowStatus::Succeeded;
                    flow.result_connection = Some(id);
                }
                Err(e) => {
                    flow.status = FlowStatus::Failed;
                    flow.error = Some(e.body.code);
                    flow.error_description = Some(e.body.message);
                }
            }
        }
        _ => {
            flow.status = FlowStatus::Failed;
            flow.error = Some("invalid_grant".into());
            flow.error_description = Some("The authorization code is not valid.".into());
        }
    }
    state
        .store
        .with(|tx| tx.save_flow(flow.id, &flow.state, &flow))?;
    let words = match flow.status {
        FlowStatus::Succeeded => "Connected. You can close this window.",
        _ => "The sign-in did not complete. You can close this window.",
    };
    Ok(report(&flow, words))
}

/// A finished flow's answer to the browser: back to the page for a full-page flow, else the
/// page that reports to the popup's opener.
fn report(flow: &FlowRecord, words: &str) -> Response {
    if let Some(back) = &flow.return_to {
        return (
            [(header::CACHE_CONTROL, "no-store")],
            Redirect::to(&wayai_core::oauth::with_returned_flow(back, flow.id)),
        )
            .into_response();
    }
    let opener = (!flow.opener_severed).then_some(flow.opener_origin.as_str());
    result_page(Some((opener, &flow.status())), words)
}

/// Creates the connection (or renews a reconnected one) for a granted flow.
async fn complete(state: &AppState, flow: &FlowRecord, account: &str) -> Result<Uuid, ApiError> {
    let connector = state
        .connector(flow.hub_id, flow.connector_id)
        .ok_or_else(|| ApiError::not_found("The connector of this sign-in is gone."))?;
    let now_unix = time::now_unix();
    let now = time::rfc3339(now_unix);
    let expires = if account == EXPIRED_ACCOUNT {
        now_unix - 60
    } else {
        now_unix + TOKEN_SECONDS
    };
    let tokens = Tokens {
        access_token: format!("dev-at.{expires}.{}", Uuid::new_v4().simple()),
        refresh_token: format!("dev-rt.{}", Uuid::new_v4().simple()),
        expires_at_unix: expires,
    };
    let oauth = OauthAccount {
        account: account.to_string(),
        expires_at: Some(time::rfc3339(expires)),
    };
    let healthy = |record: &mut Record| {
        record.connection.health = if expires <= now_unix {
            credentials::health(
                HealthStatus::TokenExpired,
                "The provider's token expired. Reconnect to sign in again.",
                &now,
            )
        } else {
            credentials::health(HealthStatus::Ok, &format!("Connected as {account}."), &now)
        };
    };
    let hub = flow.hub_id;
    let id = state.store.with(|tx| {
        if let Some(id) = flow.connection_id {
            let Some(mut record) = tx.connection(hub, id)? else {
                return Ok(Err(ApiError::not_found(
                    "The connection to reconnect was deleted.",
                )));
            };
            record.tokens = Some(tokens.clone());
            record.connection.oauth = Some(oauth.clone());
            record.connection.updated_at = now.clone();
            healthy(&mut record);
            tx.update(hub, &record)?;
            return Ok(Ok(id));
        }
        let existing = tx.connections(hub)?;
        let base = flow
            .name
            .clone()
            .unwrap_or_else(|| format!("{} ({account})", connector.name));
        let mut name = base.clone();
        let mut n = 2;
        while existing
            .iter()
            .any(|r| r.connection.name.eq_ignore_ascii_case(&name))
        {
            name = format!("{base} {n}");
            n += 1;
        }
        let mut record = connections::new_record(&connector, name, &now);
        record.connection.config = flow.config.clone();
        record.secrets = flow.secrets.clone();
        record.connection.secrets = connections::hints(&record.secrets);
        record.tokens = Some(tokens.clone());
        record.connection.oauth = Some(oauth.clone());
        healthy(&mut record);
        tx.insert(hub, &record)?;
        Ok(Ok(record.connection.id))
    })??;
    if connections::is_mcp(&connector) {
        // MCP OAuth: discovery follows the grant, with the new access token.
        if let Some(record) = state.store.with(|tx| tx.connection(hub, id))? {
            let outcome = state.discover(&record).await;
            connections::save_discovery(state, hub, id, outcome)?;
        }
    }
    Ok(id)
}

/// The page the popup lands on: posts the flow's status to the opener (exact origin only) and on
/// a BroadcastChannel (same-origin deployments, and openers severed by COOP), then closes.
fn result_page(report: Option<(Option<&str>, &OauthFlowStatus)>, words: &str) -> Response {
    let script = match report {
        Some((origin, status)) => {
            let mut payload = serde_json::to_value(status).expect("status serializes");
            payload["type"] = "wayai:oauth".into();
            // Escaped for a <script> context: no "</script>" can appear in JSON strings this way.
            let payload = payload.to_string().replace('<', "\\u003c");
            // A severed opener (see `ConsentScript::sever_opener`) is not posted to.
            let origin = serde_json::to_string(&origin)
                .expect("origin serializes")
                .replace('<', "\\u003c");
            format!(
                r#"<script>
const payload = {payload};
const origin = {origin};
try {{ if (origin && window.opener) window.opener.postMessage(payload, origin); }} catch (e) {{}}
try {{ const c = new BroadcastChannel("wayai-oauth"); c.postMessage(payload); c.close(); }} catch (e) {{}}
setTimeout(() => window.close(), 50);
</script>"#
            )
        }
        None => String::new(),
    };
    (
        [(header::CACHE_CONTROL, "no-store")],
        Html(format!(
            r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>WayAI</title></head><body><p>{}</p>{script}</body></html>"#,
            escape_html(words)
        )),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        assert!(is_origin("http://127.0.0.1:8080"));
        assert!(is_origin("https://app.example.com"));
        assert!(!is_origin("https://app.example.com/"));
        assert!(!is_origin("http://app.example.com"));
        assert!(!is_origin("*"));
        assert!(!is_origin("https://a.com@b.com"));
    }

    #[test]
    fn access_tokens_carry_their_expiry() {
        let future = time::now_unix() + 100;
        assert!(access_token_is_valid(&format!("dev-at.{future}.abc")));
        assert!(!access_token_is_valid(&format!(
            "dev-at.{}.abc",
            time::now_unix() - 1
        )));
        assert!(!access_token_is_valid("demo-mcp-token"));
    }
}
