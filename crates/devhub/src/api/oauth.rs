//! `…/oauth/flows`: start a sign-in, ask for its status, cancel it; and `/api/oauth/callback`,
//! where the provider sends the browser back.

use crate::{
    domain::{
        completion,
        flows::{self, FlowRecord},
        hub_client, mcp_auth,
        providers::ProviderGrant,
        records::ensure_hub,
    },
    error::ApiError,
    extract::{ApiJson, FlowPath, HubPath},
    html::escape_html,
    state::Shared,
};
use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    Json,
};
use serde::Deserialize;
use wayai_core::said::{Code, Said};
use wayai_core::{
    oauth, view::percent_encode, FlowStatus, OauthFlow, OauthFlowStatus, OauthProvider,
    StartOauthFlow,
};

pub async fn start(
    State(state): Shared,
    HubPath(hub): HubPath,
    ApiJson(request): ApiJson<StartOauthFlow>,
) -> Result<Response, ApiError> {
    ensure_hub(&state, hub)?;
    let (mut flow, connector) = flows::begin(&state, hub, request)?;
    let base = state.base_url();
    let facts = connector.oauth_facts();
    let provider = facts.map_or(OauthProvider::Google, |o| o.provider);
    let callback = format!("{base}{}", hub_client::CALLBACK_PATH);
    let redirect = percent_encode(&callback);
    // An MCP server is signed in to at its own authorization server; the request's `state` is
    // the SDK's, and the flow is found by it at the callback.
    let authorize_url = if provider == OauthProvider::Mcp {
        let values = (&flow.config, &flow.secrets);
        let (url, pending) =
            mcp_auth::begin(&state, hub, flow.connection_id, values, &callback).await?;
        flow.state = pending.csrf.clone();
        flow.mcp_auth = Some(pending);
        url
    } else if facts.is_some_and(|o| o.embedded_signup) {
        // Meta's embedded signup is its own dialog, with the configuration that names the setup.
        format!(
            "{base}/dev/meta/signup?response_type=code&client_id=wayai-dev-hub&config_id=wayai-whatsapp&state={}&redirect_uri={redirect}",
            flow.state,
        )
    } else {
        format!(
            "{base}/dev/oauth/authorize?response_type=code&client_id=wayai-dev-hub&state={}&provider={}&redirect_uri={redirect}",
            flow.state,
            provider.as_str(),
        )
    };
    // Flows whose deadline passed longer ago than the retention are deleted as new ones start.
    let cutoff = crate::time::now_unix() - state.flow_retention.as_secs() as i64;
    state.store.with(|tx| {
        tx.purge_flows(cutoff)?;
        flow.save(tx)
    })?;
    let body = OauthFlow {
        id: flow.id,
        state: flow.state.clone(),
        authorize_url,
        expires_at: crate::time::rfc3339(flow.expires_unix),
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub async fn status(
    State(state): Shared,
    path: FlowPath,
) -> Result<Json<OauthFlowStatus>, ApiError> {
    Ok(Json(
        flows::update(&state, path.hub, path.id, |_| {})?.status(),
    ))
}

/// `DELETE …/oauth/flows/{id}`: the page gave up. A pending flow becomes cancelled, so a consent
/// given later connects nothing; a flow that already ended keeps its outcome. Either way the
/// answer is the flow's final status, so a success that raced the cancel is not lost.
pub async fn cancel(
    State(state): Shared,
    path: FlowPath,
) -> Result<Json<OauthFlowStatus>, ApiError> {
    let flow = flows::update(&state, path.hub, path.id, |flow| {
        if flow.status == FlowStatus::Pending {
            flow.status = FlowStatus::Cancelled;
            flow.error = Some("cancelled".into());
            flow.error_description = Some("The sign-in was cancelled.".into());
        }
    })?;
    Ok(Json(flow.status()))
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    #[serde(default)]
    state: String,
    code: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
    /// The authorization server that answers (RFC 9207).
    iss: Option<String>,
}

/// The redirect target: completes the flow and renders the page that reports to the opener.
pub async fn callback(
    State(state): Shared,
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
            state.store.with(|tx| flow.save(tx))?;
        }
        return Ok(report(&flow, "This sign-in has already ended."));
    }
    match (q.error, q.code) {
        (Some(error), _) => {
            flow.status = FlowStatus::Failed;
            flow.error = Some(error);
            flow.error_description = q.error_description;
        }
        (None, Some(code)) if flow.mcp_auth.is_some() => {
            let pending = flow.mcp_auth.clone().expect("checked");
            let granted =
                mcp_auth::exchange(&state.outbound, &pending, &code, q.iss.as_deref()).await;
            let done = match granted {
                Ok(g) => {
                    let given = ProviderGrant {
                        account: g.issuer,
                        tokens: g.tokens,
                        whatsapp: None,
                    };
                    completion::complete(&state, &flow, given, Some(g.grant)).await
                }
                Err(said) => Err(ApiError::new(StatusCode::BAD_GATEWAY, said)),
            };
            settle(&mut flow, done);
        }
        // The code is exchanged at the provider's token endpoint, which knows its own codes.
        (None, Some(code)) => match state.providers.exchange(&flow.state, &code) {
            Some(given) => {
                let done = completion::complete(&state, &flow, given, None).await;
                settle(&mut flow, done);
            }
            None => settle(&mut flow, Err(invalid_code())),
        },
        (None, None) => settle(&mut flow, Err(invalid_code())),
    }
    state.store.with(|tx| flow.save(tx))?;
    let words = match flow.status {
        FlowStatus::Succeeded => "Connected. You can close this window.",
        _ => "The sign-in did not complete. You can close this window.",
    };
    Ok(report(&flow, words))
}

fn invalid_code() -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, Said::new(Code::InvalidGrant))
}

/// A flow after its code was exchanged: succeeded with its connection, or failed with why.
fn settle(flow: &mut FlowRecord, done: Result<uuid::Uuid, ApiError>) {
    match done {
        Ok(id) => {
            flow.status = FlowStatus::Succeeded;
            flow.result_connection = Some(id);
        }
        Err(e) => {
            flow.status = FlowStatus::Failed;
            flow.error = Some(e.body.code);
            flow.error_description = Some(e.body.message);
            flow.error_params = e.body.params;
        }
    }
}

/// A finished flow's answer to the browser: back to the page for a full-page flow, else the
/// page that reports to the popup's opener.
fn report(flow: &FlowRecord, words: &str) -> Response {
    if let Some(back) = &flow.return_to {
        return (
            [(header::CACHE_CONTROL, "no-store")],
            Redirect::to(&oauth::with_returned_flow(back, flow.id)),
        )
            .into_response();
    }
    let opener = (!flow.opener_severed).then_some(flow.opener_origin.as_str());
    result_page(Some((opener, &flow.status())), words)
}

/// The page the popup lands on: posts the flow's status to the opener (exact origin only) and on
/// a BroadcastChannel (same-origin deployments, and openers severed by COOP), then closes.
fn result_page(report: Option<(Option<&str>, &OauthFlowStatus)>, words: &str) -> Response {
    let script = match report {
        Some((origin, status)) => {
            let mut payload = serde_json::to_value(status).expect("status serializes");
            payload["type"] = oauth::MESSAGE_TYPE.into();
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
try {{ const c = new BroadcastChannel({channel}); c.postMessage(payload); c.close(); }} catch (e) {{}}
setTimeout(() => window.close(), 50);
</script>"#,
                channel = serde_json::to_string(oauth::CHANNEL).expect("name serializes"),
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

/// `GET /api/oauth/client-metadata.json`: the hub's Client ID Metadata Document, which an MCP
/// server's authorization server fetches when the hub's client ID is this URL.
pub async fn client_document(State(state): Shared) -> Response {
    (
        [(header::CACHE_CONTROL, "public, max-age=3600")],
        Json(hub_client::document(state.base_url())),
    )
        .into_response()
}
