//! What can go wrong talking to the hub, as the page sees it.

use crate::{
    codes::Missing,
    said::Told,
    wire::{ErrorBody, FieldError},
};

/// A failed hub call, typed so that the UI can turn each case into words and an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HubError {
    /// The request never got an answer (offline, DNS, CORS, connection refused or dropped).
    Network,
    /// No answer within the client's time limit (the request was aborted).
    Timeout,
    /// 401: the host must supply a valid token.
    Unauthorized,
    /// 403: the token is valid but may not do this.
    Forbidden,
    /// 404, with what the hub says is missing.
    NotFound(Missing),
    /// 409, with what the hub told.
    Conflict(Told),
    /// 422 (or 400 with field errors), with the fields the hub named.
    Validation { told: Told, fields: Vec<FieldError> },
    /// 400 without field errors: a bug on our side rather than the user's.
    BadRequest(Told),
    /// 424: something the hub depends on for this request failed (an MCP server), with the
    /// hub's code (`mcp_unreachable`, `mcp_timeout`, …), its parameters and message.
    Dependency(Told),
    /// 429, with the seconds the hub asked to wait (`Retry-After`), when it said.
    RateLimited { retry_after_s: Option<u32> },
    /// 5xx: the hub failed.
    Server(u16),
    /// A 2xx whose body did not parse, or a status we do not know.
    BadResponse,
}

impl HubError {
    /// Classifies a non-2xx answer with its `Retry-After` header (delta-seconds; an HTTP date
    /// is not relied on, clocks differ).
    pub fn from_response(status: u16, body: Option<ErrorBody>, retry_after: Option<&str>) -> Self {
        match HubError::from_status(status, body) {
            HubError::RateLimited { .. } => HubError::RateLimited {
                retry_after_s: retry_after.and_then(|v| v.trim().parse().ok()),
            },
            other => other,
        }
    }

    /// Classifies a non-2xx answer; `body` is the hub's error JSON when it sent one.
    pub fn from_status(status: u16, body: Option<ErrorBody>) -> Self {
        let told = body.as_ref().map_or_else(Told::default, |b| Told {
            code: b.code.clone(),
            params: b.params.clone(),
            message: b.message.clone(),
        });
        match status {
            401 => HubError::Unauthorized,
            403 => HubError::Forbidden,
            404 => HubError::NotFound(Missing::from_code(
                body.as_ref().map(|b| b.code.as_str()).unwrap_or_default(),
            )),
            409 => HubError::Conflict(told),
            422 => HubError::Validation {
                told,
                fields: body.map(|b| b.fields).unwrap_or_default(),
            },
            400 => match body {
                Some(b) if !b.fields.is_empty() => HubError::Validation {
                    told,
                    fields: b.fields,
                },
                _ => HubError::BadRequest(told),
            },
            424 => HubError::Dependency(told),
            429 => HubError::RateLimited {
                retry_after_s: None,
            },
            500..=599 => HubError::Server(status),
            _ => HubError::BadResponse,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(fields: Vec<FieldError>) -> Option<ErrorBody> {
        Some(ErrorBody {
            code: "c".into(),
            message: "msg".into(),
            params: Default::default(),
            fields,
        })
    }

    fn told() -> Told {
        Told {
            code: "c".into(),
            params: Default::default(),
            message: "msg".into(),
        }
    }

    #[test]
    fn statuses_map_to_their_cases() {
        assert_eq!(HubError::from_status(401, None), HubError::Unauthorized);
        assert_eq!(
            HubError::from_status(403, body(vec![])),
            HubError::Forbidden
        );
        assert_eq!(
            HubError::from_status(404, None),
            HubError::NotFound(Missing::Other)
        );
        let gone = ErrorBody {
            code: "connection_not_found".into(),
            message: "m".into(),
            params: Default::default(),
            fields: vec![],
        };
        assert_eq!(
            HubError::from_status(404, Some(gone)),
            HubError::NotFound(Missing::Connection)
        );
        assert_eq!(
            HubError::from_status(409, body(vec![])),
            HubError::Conflict(told())
        );
        assert_eq!(
            HubError::from_status(429, None),
            HubError::RateLimited {
                retry_after_s: None
            }
        );
        assert_eq!(
            HubError::from_response(429, None, Some(" 3")),
            HubError::RateLimited {
                retry_after_s: Some(3)
            }
        );
        assert_eq!(
            HubError::from_response(429, None, Some("Wed, 21 Oct 2026 07:28:00 GMT")),
            HubError::RateLimited {
                retry_after_s: None
            }
        );
        assert_eq!(
            HubError::from_response(503, None, Some("3")),
            HubError::Server(503)
        );
        assert_eq!(
            HubError::from_status(424, body(vec![])),
            HubError::Dependency(told())
        );
        assert_eq!(HubError::from_status(500, None), HubError::Server(500));
        assert_eq!(HubError::from_status(503, None), HubError::Server(503));
        assert_eq!(HubError::from_status(302, None), HubError::BadResponse);
    }

    #[test]
    fn field_errors_survive_on_422_and_400() {
        let f = vec![FieldError {
            field: "url".into(),
            message: "bad".into(),
            code: String::new(),
            params: Default::default(),
        }];
        for status in [400, 422] {
            match HubError::from_status(status, body(f.clone())) {
                HubError::Validation { fields, told: t } => {
                    assert_eq!(fields, f);
                    assert_eq!(t, told());
                }
                other => panic!("{status}: {other:?}"),
            }
        }
        assert_eq!(
            HubError::from_status(400, body(vec![])),
            HubError::BadRequest(told())
        );
    }
}
