//! Fault injection for tests and demos, off by default: added latency, a forced status, or a
//! dropped connection, for API requests matching a method and a path pattern.
//!
//! `PUT /dev/faults` with `{"rules": [{"method": "GET", "path": "/api/hubs/*/connectors",
//! "status": 503, "delay_ms": 0, "drop": false, "drop_after": false, "times": 1}]}`
//! (`drop_after` runs the request and cuts its answer short; with `status`, `code` and
//! `message` answer as a newer hub would, with a code the page may not know); `DELETE
//! /dev/faults` clears them.
//! In a path, `*` matches one segment and a trailing `**` any rest.

use crate::error::ApiError;
use axum::{
    body::Body,
    extract::{OriginalUri, Request, State},
    http::StatusCode,
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use std::{
    sync::{Arc, Mutex},
    time::Duration,
};
use wayai_core::said::{Code, Said};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FaultRule {
    /// Any method when absent.
    #[serde(default)]
    pub method: Option<String>,
    pub path: String,
    /// Answer with this status (and the error shape) instead of running the request.
    #[serde(default)]
    pub status: Option<u16>,
    /// Wait this long first.
    #[serde(default)]
    pub delay_ms: u64,
    /// Close the connection without an answer.
    #[serde(default)]
    pub drop: bool,
    /// Run the request, send the head of its answer, then cut the connection before the body
    /// ends (a lost response). Cutting before the head would not do: browsers silently resend a
    /// request whose reused connection closed without a byte.
    #[serde(default)]
    pub drop_after: bool,
    /// With `status`: this code and message in the error body instead of `injected_fault`'s.
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    /// With `status`: a `Retry-After` header of this many seconds.
    #[serde(default)]
    pub retry_after: Option<u64>,
    /// Apply this many times, then retire the rule; forever when absent.
    #[serde(default)]
    pub times: Option<u32>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct FaultRules {
    pub rules: Vec<FaultRule>,
}

#[derive(Default)]
pub struct Faults(Mutex<Vec<FaultRule>>);

impl Faults {
    /// The first rule matching the request, consuming one of its `times`.
    fn take(&self, method: &str, path: &str) -> Option<FaultRule> {
        let mut rules = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let i = rules.iter().position(|r| {
            r.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
                && path_matches(&r.path, path)
        })?;
        let rule = rules[i].clone();
        match &mut rules[i].times {
            Some(1) => {
                rules.remove(i);
            }
            Some(n) => *n -= 1,
            None => {}
        }
        Some(rule)
    }
}

fn path_matches(pattern: &str, path: &str) -> bool {
    let mut p = pattern.trim_end_matches('/').split('/');
    let mut s = path.trim_end_matches('/').split('/');
    loop {
        match (p.next(), s.next()) {
            (Some("**"), _) => return true,
            (Some("*"), Some(_)) => {}
            (Some(a), Some(b)) if a == b => {}
            (None, None) => return true,
            _ => return false,
        }
    }
}

pub async fn inject(State(faults): State<Arc<Faults>>, request: Request, next: Next) -> Response {
    // Inside `nest("/api", …)` the URI has lost its prefix; rules are written with full paths.
    let path = request.extensions().get::<OriginalUri>().map_or_else(
        || request.uri().path().to_string(),
        |uri| uri.path().to_string(),
    );
    let Some(rule) = faults.take(request.method().as_str(), &path) else {
        return next.run(request).await;
    };
    if rule.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(rule.delay_ms)).await;
    }
    if rule.drop_after {
        let (mut parts, _) = next.run(request).await.into_parts();
        parts.headers.remove(axum::http::header::CONTENT_LENGTH);
        // The pause lets the head and first byte leave before the cut; without it the server
        // would drop them unsent along with the rest.
        let cut = futures_util::StreamExt::chain(
            futures_util::stream::iter([Ok(axum::body::Bytes::from_static(b"{"))]),
            futures_util::stream::once(async {
                tokio::time::sleep(Duration::from_millis(50)).await;
                Err(std::io::Error::other("fault injection: answer lost"))
            }),
        );
        return Response::from_parts(parts, Body::from_stream(cut));
    }
    if rule.drop {
        return dropped();
    }
    match rule.status.and_then(|s| StatusCode::from_u16(s).ok()) {
        Some(status) => {
            let mut error = ApiError::new(
                status,
                Said::new(Code::InjectedFault).with("status", status.as_u16()),
            );
            if let Some(code) = rule.code {
                error.body.code = code;
                error.body.params.clear();
                error.body.message = rule.message.unwrap_or_default();
            }
            let mut response = error.into_response();
            if let Some(seconds) = rule.retry_after {
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, seconds.into());
            }
            response
        }
        None => next.run(request).await,
    }
}

/// A body that fails before its first byte makes the server close the connection without
/// sending the head: the client sees a network error, as with a dropped link.
fn dropped() -> Response {
    let failing = futures_util::stream::once(async {
        Err::<axum::body::Bytes, _>(std::io::Error::other("fault injection: dropped connection"))
    });
    Response::new(Body::from_stream(failing))
}

/// `PUT /dev/faults`: the rules, each checked (a status is an HTTP error status: a fault that
/// would answer 0, 600 or 1000 is refused in words rather than ignored or sent).
pub async fn set(
    State(faults): State<Arc<Faults>>,
    crate::extract::ApiJson(rules): crate::extract::ApiJson<FaultRules>,
) -> Result<StatusCode, crate::error::ApiError> {
    let errors: Vec<wayai_core::FieldError> = rules
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.status.is_some_and(|s| !(400..=599).contains(&s)))
        .map(|(i, _)| {
            crate::error::field_said(
                &format!("rules[{i}].status"),
                Said::new(Code::BadFaultStatus),
            )
        })
        .collect();
    if !errors.is_empty() {
        return Err(crate::error::ApiError::validation(errors));
    }
    *faults.0.lock().unwrap_or_else(|e| e.into_inner()) = rules.rules;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn clear(State(faults): State<Arc<Faults>>) -> StatusCode {
    faults.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    StatusCode::NO_CONTENT
}

#[cfg(test)]
mod tests {
    use super::path_matches;

    #[test]
    fn patterns_match_segments() {
        assert!(path_matches(
            "/api/hubs/*/connectors",
            "/api/hubs/abc/connectors"
        ));
        assert!(!path_matches(
            "/api/hubs/*/connectors",
            "/api/hubs/abc/connections"
        ));
        assert!(path_matches("/api/**", "/api/hubs/abc/connections/x"));
        assert!(!path_matches("/api/hubs/*", "/api/hubs/abc/connections"));
        assert!(path_matches(
            "/api/hubs/*/connections/",
            "/api/hubs/x/connections"
        ));
    }
}
