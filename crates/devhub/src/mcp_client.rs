//! The MCP client: connects to a connection's MCP server with the official Rust SDK (`rmcp`,
//! Streamable HTTP), lists its tools, and says in the contract's terms why it could not.

use crate::{
    domain::{
        binding,
        credentials::{self, host_of},
        outbound::Outbound,
    },
    error::ApiError,
    store::Record,
};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use rmcp::{
    model::ClientConfig,
    service::{ClientInitializeError, ServiceError},
    transport::{
        streamable_http_client::{StreamableHttpClientTransportConfig, StreamableHttpError},
        DynamicTransportError, StreamableHttpClientTransport,
    },
    ServiceExt,
};
use std::time::Duration;
use wayai_core::said::Said;
use wayai_core::{
    codes::McpErrorCode, tools::from_mcp_json, FieldValue, Header, Health, HealthStatus, McpTool,
};

/// Where and how to reach an MCP server.
#[derive(Debug, Clone)]
pub struct McpTarget {
    pub url: String,
    pub bearer: Option<String>,
    pub headers: Vec<Header>,
}

/// The MCP target of a connection: its URL, and the credentials bound to that URL (see
/// `domain::binding`): its bearer token or OAuth access token, its headers.
pub fn target(record: &Record) -> McpTarget {
    let secrets = binding::secrets(record);
    let secret = |key: &str| secrets.as_ref().and_then(|s| s.get(key)).cloned();
    McpTarget {
        url: binding::destination(record).unwrap_or_default().to_string(),
        bearer: secret("bearer_token")
            .or_else(|| binding::tokens(record).map(|t| t.access_token.clone())),
        headers: match record.connection.config.get("headers") {
            Some(FieldValue::Headers(h)) => h.clone(),
            // Headers whose values are secrets are kept with the secrets.
            _ => secret("headers")
                .and_then(|rows| serde_json::from_str(&rows).ok())
                .unwrap_or_default(),
        },
    }
}

/// Why discovery failed, each with its own words and action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum McpFailure {
    /// Nothing answered (refused, DNS, TLS).
    Unreachable {
        host: String,
    },
    Timeout,
    /// 401 or 403 from the server.
    Unauthorized,
    /// It answered, but not as an MCP server (a web page, a 404).
    NotMcp,
    /// It spoke MCP wrongly.
    Protocol(String),
    /// 5xx or 429 from the server.
    ServerError(u16),
    /// A custom header the transport cannot send.
    BadHeader(String),
}

impl McpFailure {
    pub fn health(&self, now: &str) -> Health {
        let status = match self {
            McpFailure::Unreachable { .. } | McpFailure::Timeout | McpFailure::ServerError(_) => {
                HealthStatus::Unreachable
            }
            McpFailure::Unauthorized => HealthStatus::AuthFailed,
            McpFailure::NotMcp | McpFailure::Protocol(_) | McpFailure::BadHeader(_) => {
                HealthStatus::ConfigError
            }
        };
        credentials::health(status, self.said(), now)
    }

    /// What the failure says, with what the page needs to word it.
    pub fn said(&self) -> Said {
        let said = Said::new(self.code().said());
        match self {
            McpFailure::Unreachable { host } => said.with("host", host.as_str()),
            McpFailure::Protocol(detail) | McpFailure::BadHeader(detail) => {
                said.with("detail", detail.as_str())
            }
            McpFailure::ServerError(status) => said.with("status", *status),
            _ => said,
        }
    }

    /// The hub's answer when a sync fails: 424 Failed Dependency (the hub is fine; the admin's
    /// server is not, and the code says how), never a 5xx.
    pub fn api_error(&self) -> ApiError {
        ApiError::new(StatusCode::FAILED_DEPENDENCY, self.said())
    }

    /// The contract's code for this failure.
    pub fn code(&self) -> McpErrorCode {
        match self {
            McpFailure::Unreachable { .. } => McpErrorCode::Unreachable,
            McpFailure::Timeout => McpErrorCode::Timeout,
            McpFailure::Unauthorized => McpErrorCode::Unauthorized,
            McpFailure::NotMcp => McpErrorCode::NotMcp,
            McpFailure::Protocol(_) => McpErrorCode::Protocol,
            McpFailure::ServerError(_) => McpErrorCode::ServerError,
            McpFailure::BadHeader(_) => McpErrorCode::BadHeader,
        }
    }
}

/// Lists the tools of the server at `target`, through the hub's one outbound client (an address
/// the rule refuses is not connected to, and no redirect is followed).
pub async fn discover(
    outbound: &Outbound,
    target: &McpTarget,
    timeout: Duration,
) -> Result<Vec<McpTool>, McpFailure> {
    let host = host_of(&target.url).unwrap_or_else(|| target.url.clone());
    if outbound.check(&target.url).is_err() {
        return Err(McpFailure::Unreachable { host });
    }
    let mut config = StreamableHttpClientTransportConfig::with_uri(target.url.clone());
    if let Some(token) = &target.bearer {
        config = config.auth_header(token.clone());
    }
    for h in &target.headers {
        let name = HeaderName::from_bytes(h.name.as_bytes())
            .map_err(|e| McpFailure::BadHeader(e.to_string()))?;
        let value =
            HeaderValue::from_str(&h.value).map_err(|e| McpFailure::BadHeader(e.to_string()))?;
        config.custom_headers.insert(name, value);
    }
    let work = async {
        let transport =
            StreamableHttpClientTransport::with_client(outbound.client().clone(), config);
        let client = ClientConfig::default()
            .serve(transport)
            .await
            .map_err(|e| match &e {
                ClientInitializeError::TransportError { error, .. } => classify(error, &host),
                ClientInitializeError::JsonRpcError(data) => {
                    McpFailure::Protocol(data.message.to_string())
                }
                other => classify(other, &host),
            })?;
        let tools = client.list_all_tools().await.map_err(|e| match &e {
            ServiceError::McpError(data) => McpFailure::Protocol(data.message.to_string()),
            other => classify(other, &host),
        });
        let _ = client.cancel().await;
        tools
    };
    let tools = tokio::time::timeout(timeout, work)
        .await
        .map_err(|_| McpFailure::Timeout)??;
    Ok(tools.iter().map(from_rmcp).collect())
}

/// A tool as rmcp lists it, in the hub's type: through the MCP wire shape core reads.
fn from_rmcp(tool: &rmcp::model::Tool) -> McpTool {
    serde_json::to_value(tool)
        .and_then(from_mcp_json)
        .expect("an rmcp tool has the MCP wire shape")
}

/// Finds the cause of a client error along its source chain.
fn classify(error: &(dyn std::error::Error + 'static), host: &str) -> McpFailure {
    let mut current = Some(error);
    while let Some(mut e) = current {
        // rmcp keeps the transport's own error boxed inside; look at it rather than the wrapper.
        if let Some(dynamic) = e.downcast_ref::<DynamicTransportError>() {
            e = dynamic.error.as_ref();
        }
        if let Some(http) = e.downcast_ref::<StreamableHttpError<reqwest::Error>>() {
            match http {
                StreamableHttpError::AuthRequired(_)
                | StreamableHttpError::InsufficientScope(_) => return McpFailure::Unauthorized,
                StreamableHttpError::HttpStatus(s) => return from_status(s.status),
                StreamableHttpError::UnexpectedContentType(_) => return McpFailure::NotMcp,
                StreamableHttpError::ReservedHeaderConflict(name) => {
                    return McpFailure::BadHeader(format!("{name} is set by the hub itself"))
                }
                StreamableHttpError::Client(inner) => return from_reqwest(inner, host),
                // An answer that is neither JSON-RPC nor a challenge: rmcp says
                // "HTTP <status> <reason>: <body>"; only that leading status counts, never digits
                // elsewhere in the text.
                StreamableHttpError::UnexpectedServerResponse(message) => {
                    if let Some(status) = leading_status(message) {
                        return from_status(status);
                    }
                }
                _ => {}
            }
        }
        if let Some(inner) = e.downcast_ref::<reqwest::Error>() {
            return from_reqwest(inner, host);
        }
        current = e.source();
    }
    McpFailure::Protocol(error.to_string())
}

/// The status of an "HTTP 404 Not Found: …" message.
fn leading_status(message: &str) -> Option<u16> {
    let rest = message.strip_prefix("HTTP ")?;
    let digits = rest.get(..3)?;
    let after = rest[3..].chars().next();
    if digits.bytes().all(|b| b.is_ascii_digit()) && after.is_none_or(|c| !c.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    }
}

fn from_status(status: u16) -> McpFailure {
    match status {
        401 | 403 => McpFailure::Unauthorized,
        404 | 405 => McpFailure::NotMcp,
        429 | 500..=599 => McpFailure::ServerError(status),
        _ => McpFailure::Protocol(format!("unexpected HTTP status {status}")),
    }
}

fn from_reqwest(e: &reqwest::Error, host: &str) -> McpFailure {
    if e.is_timeout() {
        McpFailure::Timeout
    } else if let Some(status) = e.status() {
        from_status(status.as_u16())
    } else {
        McpFailure::Unreachable {
            host: host.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn unexpected(message: &'static str) -> McpFailure {
        let error =
            StreamableHttpError::<reqwest::Error>::UnexpectedServerResponse(Cow::Borrowed(message));
        classify(&error, "example.com")
    }

    #[test]
    fn only_the_answers_own_status_classifies_it() {
        assert_eq!(
            unexpected("HTTP 401 Unauthorized: no"),
            McpFailure::Unauthorized
        );
        assert_eq!(unexpected("HTTP 404 Not Found: <html>"), McpFailure::NotMcp);
        assert_eq!(
            unexpected("HTTP 503 Service Unavailable: busy"),
            McpFailure::ServerError(503)
        );
        // Digits in a body or a message say nothing about the answer.
        assert!(matches!(
            unexpected("HTTP 400 Bad Request: token 401 not found (404)"),
            McpFailure::Protocol(_)
        ));
        assert!(matches!(
            unexpected("expected JSON-RPC, got 404 bytes of text/401"),
            McpFailure::Protocol(_)
        ));
    }

    #[test]
    fn leading_statuses_are_three_digits() {
        assert_eq!(leading_status("HTTP 404 Not Found: x"), Some(404));
        assert_eq!(leading_status("HTTP 4040: x"), None);
        assert_eq!(leading_status("HTTP 40"), None);
        assert_eq!(leading_status("got HTTP 404"), None);
    }
}
