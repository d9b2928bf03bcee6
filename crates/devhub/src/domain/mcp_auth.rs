//! Signing in to an OAuth-protected MCP server, as the MCP authorization specification says,
//! with the official SDK's OAuth client (rmcp's `auth`): discovery (the server's Protected
//! Resource Metadata, then its authorization server's metadata), the client (the form's
//! pre-registered one, else Dynamic Client Registration), PKCE (S256) and the `resource`
//! parameter, then the code exchange at the authorization server's token endpoint.
//!
//! What the start leaves for the callback ([`McpAuthStart`]) is kept with the flow in SQLite, so
//! a restart between the two loses nothing.

use super::{
    mcp_probe::{probe, undiscovered},
    outbound::Outbound,
};
use crate::store::{McpGrant, Tokens};
use rmcp::transport::auth::{
    AuthError, AuthorizationManager, AuthorizationMetadata, AuthorizationRequest,
    AuthorizationSession, CredentialStore, InMemoryCredentialStore, InMemoryStateStore,
    OAuthClientConfig, OAuthTokenResponse, StateStore, StoredAuthorizationState,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wayai_core::said::{Code, Said};
use wayai_core::FieldValue;

type Config = BTreeMap<String, FieldValue>;
type Secrets = BTreeMap<String, String>;

/// What the callback needs of a started sign-in.
#[derive(Clone, Serialize, Deserialize)]
pub struct McpAuthStart {
    /// The MCP server's URL: the protected resource.
    pub resource: String,
    pub metadata: AuthorizationMetadata,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: Option<String>,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    /// The `state` of the authorization request, and the PKCE verifier behind it.
    pub csrf: String,
    pub pending: StoredAuthorizationState,
}

impl std::fmt::Debug for McpAuthStart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The verifier and a client secret are not for logs.
        f.debug_struct("McpAuthStart")
            .field("resource", &self.resource)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// Tokens the authorization server granted, and what refreshing them takes.
pub struct Granted {
    pub tokens: Tokens,
    pub grant: McpGrant,
    /// Who granted them (the authorization server's issuer).
    pub issuer: String,
}

/// Starts a sign-in at the MCP server at `url`: the authorization URL to open and what the
/// callback needs; else why not, in words (which step, which address). `document`: the hub's
/// Client ID Metadata Document URL, when it has one.
pub async fn start(
    outbound: &Outbound,
    url: &str,
    redirect_uri: &str,
    client: (Option<&str>, Option<&str>),
    document: Option<String>,
    scopes: Vec<String>,
) -> Result<(String, McpAuthStart), Said> {
    let (client_id, client_secret) = client;
    let mut manager = manager_at(outbound, url).await?;
    // The server's own 401 says where its metadata is and which scope to ask for first.
    let probed = probe(outbound, url, None).await;
    let reached = probed.is_ok();
    let challenge = probed.ok().flatten();
    let scopes = match (
        scopes.is_empty(),
        challenge.as_ref().and_then(|c| c.scope.as_ref()),
    ) {
        (true, Some(asked)) => asked.split_whitespace().map(String::from).collect(),
        _ => scopes,
    };
    // Only what the server published counts (not the 2025-03-26 default endpoints the SDK
    // makes up when it finds nothing).
    let header = challenge.map(|c| c.header);
    let metadata = match manager
        .resolve_metadata_from_challenge(header.as_deref())
        .await
    {
        Ok(resolved) if resolved.source.is_discovered() => resolved.metadata,
        _ => return Err(undiscovered(url, reached)),
    };
    refuse_unsafe(&metadata, client_id, document.is_some())?;
    manager.set_metadata(metadata.clone());
    let states = InMemoryStateStore::new();
    manager.set_state_store(states.clone());
    let mut request = authorization_request(redirect_uri, scopes, client_id, client_secret);
    if let Some(document) = document {
        request = request.with_client_metadata_url(document);
    }
    let session = AuthorizationSession::new(manager, request)
        .await
        .map_err(|(_, e)| registration_words(&e))?;
    let authorize_url = session.get_authorization_url().to_string();
    let query = |key: &str| {
        url::Url::parse(&authorize_url).ok().and_then(|u| {
            u.query_pairs()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.into_owned())
        })
    };
    let failed = |detail: &str| Said::new(Code::SignInFailed).with("detail", detail);
    let csrf = query("state").ok_or_else(|| failed("the authorization URL has no state"))?;
    let pending = states
        .load(&csrf)
        .await
        .ok()
        .flatten()
        .ok_or_else(|| failed("the PKCE state was not kept"))?;
    let (client_id, _) = session
        .get_credentials()
        .await
        .map_err(|e| failed(&format!("the client is not configured: {e}")))?;
    let scopes = query("scope")
        .map(|s| s.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    let start = McpAuthStart {
        resource: url.to_string(),
        metadata,
        client_id,
        client_secret: client_secret.filter(|s| !s.is_empty()).map(String::from),
        redirect_uri: redirect_uri.to_string(),
        scopes,
        csrf,
        pending,
    };
    Ok((authorize_url, start))
}

/// The SDK's request: the hub's name for registration, the scopes, and the form's client.
fn authorization_request(
    redirect_uri: &str,
    scopes: Vec<String>,
    client_id: Option<&str>,
    client_secret: Option<&str>,
) -> AuthorizationRequest {
    let mut request = AuthorizationRequest::new(redirect_uri).with_client_name("WayAI hub");
    if !scopes.is_empty() {
        request = request.with_scopes(scopes);
    }
    if let Some(id) = client_id.filter(|id| !id.is_empty()) {
        request = request.with_preregistered_client(id);
        if let Some(secret) = client_secret.filter(|s| !s.is_empty()) {
            request = request.with_client_secret(secret);
        }
    }
    request
}

/// What the hub will not sign in without: PKCE with S256 (the MCP specification requires it),
/// and a client (registration, a client ID metadata document, or a client ID from the form).
fn refuse_unsafe(
    metadata: &AuthorizationMetadata,
    client_id: Option<&str>,
    has_document: bool,
) -> Result<(), Said> {
    let s256 = metadata
        .code_challenge_methods_supported
        .as_ref()
        .is_some_and(|m| m.iter().any(|x| x == "S256"));
    if !s256 {
        return Err(Said::new(Code::NoPkce));
    }
    let registers = metadata.registration_endpoint.is_some()
        || has_document
            && metadata
                .additional_fields
                .get("client_id_metadata_document_supported")
                .is_some_and(|v| v == true);
    if !registers && client_id.is_none_or(str::is_empty) {
        return Err(Said::new(Code::NoRegistration));
    }
    Ok(())
}

fn registration_words(e: &AuthError) -> Said {
    match e {
        AuthError::RegistrationFailed(why) => {
            Said::new(Code::RegistrationRefused).with("detail", why.as_str())
        }
        other => Said::new(Code::SignInFailed).with("detail", other.to_string()),
    }
}

/// The code exchange at the authorization server's token endpoint (PKCE verifier and
/// `resource` included by the SDK).
pub async fn exchange(
    outbound: &Outbound,
    start: &McpAuthStart,
    code: &str,
    issuer: Option<&str>,
) -> Result<Granted, Said> {
    let mut grant = McpGrant {
        resource: start.resource.clone(),
        metadata: serde_json::to_value(&start.metadata).unwrap_or_default(),
        client_id: start.client_id.clone(),
        client_secret: start.client_secret.clone(),
        redirect_uri: start.redirect_uri.clone(),
        scopes: start.scopes.clone(),
        credentials: serde_json::Value::Null,
        needed_scopes: Vec::new(),
    };
    let (mut manager, credentials) = manager_for(outbound, &grant).await?;
    let states = InMemoryStateStore::new();
    let _ = states.save(&start.csrf, start.pending.clone()).await;
    manager.set_state_store(states);
    let response = manager
        .exchange_code_for_token_with_issuer(code, &start.csrf, issuer)
        .await
        .map_err(|e| Said::new(Code::TokenExchangeFailed).with("detail", e.to_string()))?;
    grant.credentials = stored(&credentials).await;
    Ok(Granted {
        tokens: tokens_of(&response),
        grant,
        issuer: start
            .metadata
            .issuer
            .clone()
            .unwrap_or_else(|| start.metadata.token_endpoint.clone()),
    })
}

/// For an MCP connector's flow (a new connection's values, or the reconnected connection's):
/// starts the sign-in at the server's own authorization server, or says under the URL field why
/// it cannot.
pub async fn begin(
    state: &crate::state::AppState,
    hub: uuid::Uuid,
    connection_id: Option<uuid::Uuid>,
    values: (&Config, &Secrets),
    redirect_uri: &str,
) -> Result<(String, McpAuthStart), crate::error::ApiError> {
    let text = |v: Option<&FieldValue>| match v {
        Some(FieldValue::Text(t)) => Some(t.clone()),
        _ => None,
    };
    // A new connection's values are on the flow; a reconnect's on its connection.
    // A reconnect asks again for what was granted and what the server asked for since.
    let (config, secrets, scopes) = match connection_id {
        Some(id) => {
            let record = state
                .store
                .with(|tx| tx.connection(hub, id))?
                .ok_or_else(crate::error::ApiError::no_connection)?;
            let scopes = record.mcp_grant.map_or_else(Vec::new, |g| {
                let mut all = g.scopes;
                for s in g.needed_scopes {
                    if !all.contains(&s) {
                        all.push(s);
                    }
                }
                all
            });
            (record.connection.config, record.secrets, scopes)
        }
        None => (values.0.clone(), values.1.clone(), Vec::new()),
    };
    let Some(url) = text(config.get("url")) else {
        return Err(crate::error::ApiError::field(
            "url",
            Said::new(Code::McpUrlRequired),
        ));
    };
    let client_id = text(config.get("client_id"));
    let secret = secrets.get("client_secret").cloned();
    start(
        &state.outbound,
        &url,
        redirect_uri,
        (client_id.as_deref(), secret.as_deref()),
        super::hub_client::document_url(state.base_url()),
        scopes,
    )
    .await
    .map_err(|said| crate::error::ApiError::field("url", said))
}

/// A manager for `grant`'s server and client, with a credential store the caller can read.
pub(super) async fn manager_for(
    outbound: &Outbound,
    grant: &McpGrant,
) -> Result<(AuthorizationManager, InMemoryCredentialStore), Said> {
    let mut manager = manager_at(outbound, &grant.resource).await?;
    let metadata: AuthorizationMetadata =
        serde_json::from_value(grant.metadata.clone()).map_err(|e| {
            Said::new(Code::SignInFailed).with("detail", format!("the metadata was not kept: {e}"))
        })?;
    manager.set_metadata(metadata);
    let mut config = OAuthClientConfig::new(&grant.client_id, &grant.redirect_uri)
        .with_scopes(grant.scopes.clone());
    if let Some(secret) = &grant.client_secret {
        config = config.with_client_secret(secret);
    }
    manager.configure_client(config).map_err(|e| {
        Said::new(Code::SignInFailed)
            .with("detail", format!("the client could not be configured: {e}"))
    })?;
    let credentials = InMemoryCredentialStore::new();
    if let Ok(saved) = serde_json::from_value(grant.credentials.clone()) {
        let _ = credentials.save(saved).await;
    }
    manager.set_credential_store(credentials.clone());
    Ok((manager, credentials))
}

pub(super) async fn stored(credentials: &InMemoryCredentialStore) -> serde_json::Value {
    match credentials.load().await {
        Ok(Some(saved)) => serde_json::to_value(saved).unwrap_or_default(),
        _ => serde_json::Value::Null,
    }
}

pub(super) fn tokens_of(response: &OAuthTokenResponse) -> Tokens {
    use oauth2::TokenResponse;
    let now = crate::time::now_unix();
    Tokens {
        access_token: response.access_token().secret().clone(),
        refresh_token: response
            .refresh_token()
            .map(|t| t.secret().clone())
            .unwrap_or_default(),
        expires_at_unix: response
            .expires_in()
            .map_or(now + 3600, |d| now + d.as_secs() as i64),
    }
}

/// The SDK's manager for the server at `url`, sending every request through the hub's one
/// outbound client (the address rule on every request and hop, bounded answers).
async fn manager_at(outbound: &Outbound, url: &str) -> Result<AuthorizationManager, Said> {
    let unusable = |detail: String| Said::new(Code::AddressUnusable).with("detail", detail);
    outbound
        .check(url)
        .map_err(|refused| unusable(refused.to_string()))?;
    AuthorizationManager::new_with_oauth_http_client(url, outbound.oauth())
        .await
        .map_err(|e| unusable(e.to_string()))
}
