//! What the hub does with an MCP server's grant once signed in: renews its tokens before they
//! run out (the rotated refresh token kept), learns which scopes the server asks for beyond it
//! (a step-up), and revokes it when the connection is deleted.

use super::{
    binding,
    mcp_auth::{manager_for, stored, tokens_of},
    mcp_probe::challenge_of,
    outbound::Outbound,
};
use crate::store::{McpGrant, Tokens};
use wayai_core::said::{Code, Said};

/// Renews the tokens of `grant` at its authorization server (the SDK sends the refresh token
/// and the `resource`); a rotated refresh token replaces the old one in what it answers.
pub async fn refresh(outbound: &Outbound, grant: &McpGrant) -> Result<(Tokens, McpGrant), Said> {
    let (manager, credentials) = manager_for(outbound, grant).await?;
    let response = manager
        .refresh_token()
        .await
        .map_err(|e| Said::new(Code::RefreshRefused).with("detail", e.to_string()))?;
    let mut renewed = grant.clone();
    renewed.credentials = stored(&credentials).await;
    Ok((tokens_of(&response), renewed))
}

/// How long before its expiry a token is renewed.
const REFRESH_MARGIN_SECONDS: i64 = 30;

/// `record` with tokens that are good for a while yet: renewed (and saved) when they expire
/// within the margin, or whatever their expiry when `force`d (the server refused them). `Err` (the record as saved): the authorization server refused, and the
/// connection's health says so; nothing should be asked of the server with the stale token.
pub async fn fresh(
    state: &crate::state::AppState,
    hub: uuid::Uuid,
    record: &crate::store::Record,
    force: bool,
) -> Result<Result<crate::store::Record, crate::store::Record>, crate::error::ApiError> {
    let (Some(grant), Some(tokens)) = (&record.mcp_grant, &record.tokens) else {
        return Ok(Ok(record.clone()));
    };
    if !force && tokens.expires_at_unix - crate::time::now_unix() > REFRESH_MARGIN_SECONDS {
        return Ok(Ok(record.clone()));
    }
    let renewed = refresh(&state.outbound, grant).await;
    let now = crate::time::now();
    let id = record.connection.id;
    let mut discarded = None;
    let saved = state.store.with(|tx| {
        let Some(mut current) = tx.connection(hub, id)? else {
            return Ok(None);
        };
        // The connection may have moved (or signed in again) while the renewal was under way:
        // tokens renewed for a grant it no longer holds are never kept, let alone sent.
        let still_held = current
            .mcp_grant
            .as_ref()
            .is_some_and(|g| g.resource == grant.resource && g.client_id == grant.client_id)
            && binding::points_at(&current, &grant.resource);
        match &renewed {
            Ok(fresh) if !still_held => discarded = Some(fresh.clone()),
            Ok((tokens, grant)) => {
                current.tokens = Some(tokens.clone());
                current.mcp_grant = Some(grant.clone());
                if let Some(oauth) = &mut current.connection.oauth {
                    oauth.expires_at = Some(crate::time::rfc3339(tokens.expires_at_unix));
                }
            }
            // A refusal of a grant it no longer holds says nothing about the connection.
            Err(_) if !still_held => {}
            Err(said) => {
                current.connection.health = crate::domain::credentials::health(
                    wayai_core::HealthStatus::TokenExpired,
                    said.clone(),
                    &now,
                );
            }
        }
        tx.update(hub, &current)?;
        Ok(Some(current))
    })?;
    if let Some((tokens, grant)) = discarded {
        // Live tokens nobody will use: ended at their authorization server (best effort; the
        // hub keeps them nowhere either way).
        let _ = revoke(&state.outbound, &grant, &tokens).await;
    }
    let saved = saved.ok_or_else(crate::error::ApiError::no_connection)?;
    let held = saved.mcp_grant.is_some() && binding::tokens(&saved).is_some();
    Ok(if renewed.is_ok() && held {
        Ok(saved)
    } else {
        Err(saved)
    })
}

/// Revokes the grants `record` was given for addresses it has left; those revoked are dropped
/// from the connection, those that could not be are kept for the delete to try again.
pub async fn revoke_retired(
    state: &crate::state::AppState,
    hub: uuid::Uuid,
    record: crate::store::Record,
) -> Result<crate::store::Record, crate::error::ApiError> {
    if record.retired.is_empty() {
        return Ok(record);
    }
    let mut ended = Vec::new();
    for retired in &record.retired {
        if revoke(&state.outbound, &retired.grant, &retired.tokens)
            .await
            .is_ok()
        {
            ended.push(retired.tokens.clone());
        }
    }
    let id = record.connection.id;
    let saved = state.store.with(|tx| {
        let Some(mut current) = tx.connection(hub, id)? else {
            return Ok(None);
        };
        current.retired.retain(|r| !ended.contains(&r.tokens));
        tx.update(hub, &current)?;
        Ok(Some(current))
    })?;
    saved.ok_or_else(crate::error::ApiError::no_connection)
}

/// Revokes a grant's refresh token (which ends its access tokens too) at the authorization
/// server's revocation endpoint (RFC 7009), when its metadata names one (else there is nothing
/// to ask). The SDK has no revocation call: this is the one form POST the RFC describes.
pub async fn revoke(outbound: &Outbound, grant: &McpGrant, tokens: &Tokens) -> Result<(), String> {
    let Some(endpoint) = grant.metadata["revocation_endpoint"].as_str() else {
        return Ok(());
    };
    // The rule for every request: the refresh token and the client secret go to no address it
    // refuses, whatever the metadata names.
    let endpoint = outbound
        .check(endpoint)
        .map_err(|refused| format!("its revocation endpoint cannot be used: {refused}."))?;
    let (token, hint) = if tokens.refresh_token.is_empty() {
        (&tokens.access_token, "access_token")
    } else {
        (&tokens.refresh_token, "refresh_token")
    };
    // Built in a block: the serializer is not `Send`, and must be gone before the await.
    let body = {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        form.append_pair("token", token)
            .append_pair("token_type_hint", hint)
            .append_pair("client_id", &grant.client_id);
        if let Some(secret) = &grant.client_secret {
            form.append_pair("client_secret", secret);
        }
        form.finish()
    };
    let answer = outbound
        .client()
        .post(endpoint.clone())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .timeout(std::time::Duration::from_secs(5))
        .send()
        .await
        .map_err(|_| format!("its revocation endpoint {endpoint} could not be reached."))?;
    if answer.status().is_success() {
        Ok(())
    } else {
        Err(format!(
            "its revocation endpoint {endpoint} answered {}.",
            answer.status()
        ))
    }
}

/// The scopes an MCP server says `token` lacks (its 403 with `insufficient_scope`, RFC 6750
/// §3.1), beyond those granted; `None` when it does not say so.
pub async fn missing_scopes(
    outbound: &Outbound,
    grant: &McpGrant,
    token: &str,
) -> Option<Vec<String>> {
    let challenge = challenge_of(outbound, &grant.resource, Some(token)).await?;
    if !challenge.insufficient_scope {
        return None;
    }
    let missing: Vec<String> = challenge
        .scope?
        .split_whitespace()
        .filter(|s| !grant.scopes.iter().any(|g| g == s))
        .map(String::from)
        .collect();
    (!missing.is_empty()).then_some(missing)
}
