//! The one error shape every endpoint answers with.

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use wayai_core::{codes::Missing, validate::Problem, ErrorBody, FieldError};

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            body: ErrorBody {
                code: code.to_string(),
                message: message.into(),
                fields: Vec::new(),
            },
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub fn unauthorized(message: &str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// 404, with a code that says what is missing (the page words each differently).
    pub fn not_found(missing: Missing, message: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, missing.as_str(), message)
    }

    /// 404 for a connection of this hub that is not there (never was, or deleted meanwhile).
    pub fn no_connection() -> Self {
        Self::not_found(
            Missing::Connection,
            "There is no such connection in this hub.",
        )
    }

    /// 422 with the fields at fault.
    pub fn validation(fields: Vec<FieldError>) -> Self {
        let mut e = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "Some fields need attention.",
        );
        e.body.fields = fields;
        e
    }

    /// 422 naming one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::validation(vec![FieldError {
            field: field.to_string(),
            message: message.into(),
        }])
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "The hub had an internal problem.",
        )
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        eprintln!("wayai-devhub: database error: {e}");
        ApiError::internal()
    }
}

/// A validation finding as a field error, in the one wording both sides use.
pub fn field_error(field: &str, problem: &Problem) -> FieldError {
    FieldError {
        field: field.to_string(),
        message: problem.message(),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}
