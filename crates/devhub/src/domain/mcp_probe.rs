//! Asking an MCP server how to sign in: an `initialize` sent with no token (or the one held),
//! and the `WWW-Authenticate` challenge it answers with, parsed by the SDK; and the words when
//! it says nothing.

use super::outbound::Outbound;
use wayai_core::said::{Code, Said};

/// An MCP server's `WWW-Authenticate` challenge, as it answers an `initialize` (with `token`,
/// or none), parsed by the SDK.
pub(super) struct Challenge {
    pub header: String,
    pub scope: Option<String>,
    pub insufficient_scope: bool,
}

pub(super) async fn challenge_of(
    outbound: &Outbound,
    url: &str,
    token: Option<&str>,
) -> Option<Challenge> {
    probe(outbound, url, token).await.ok().flatten()
}

/// Asks the server at `url` (an MCP `initialize`): `Err` when nothing answered, else its
/// challenge if it sent one.
pub(super) async fn probe(
    outbound: &Outbound,
    url: &str,
    token: Option<&str>,
) -> Result<Option<Challenge>, ()> {
    // No redirect is followed: a 3xx answers with no challenge.
    let base = outbound.check(url).map_err(|_| ())?;
    let mut request = outbound
        .client()
        .post(base.clone())
        .header("accept", "application/json, text/event-stream")
        .header("content-type", "application/json")
        .body(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"WayAI hub","version":"1"}}}"#)
        .timeout(std::time::Duration::from_secs(5));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let answer = request.send().await.map_err(|_| ())?;
    let Some(header) = answer
        .headers()
        .get("www-authenticate")
        .and_then(|h| h.to_str().ok())
    else {
        return Ok(None);
    };
    let params = rmcp::transport::auth::WWWAuthenticateParams::parse(header, &base);
    Ok(Some(Challenge {
        header: header.to_string(),
        insufficient_scope: params.is_insufficient_scope(),
        scope: params.scope,
    }))
}

/// Why no sign-in could start at `url`, in words that name the step and the address.
pub(super) fn undiscovered(url: &str, reached: bool) -> Said {
    if !reached {
        return Said::new(Code::SignInUnreachable).with("url", url);
    }
    let well_known = url::Url::parse(url).map_or_else(
        |_| String::new(),
        |u| {
            format!(
                "{}/.well-known/oauth-protected-resource{}",
                u.origin().ascii_serialization(),
                u.path().trim_end_matches('/')
            )
        },
    );
    Said::new(Code::SignInUndiscovered)
        .with("url", url)
        .with("well_known", well_known)
}
