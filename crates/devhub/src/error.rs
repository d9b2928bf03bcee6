//! The one error shape every endpoint answers with.

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use wayai_core::{validate::Problem, ErrorBody, FieldError};

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

    pub fn not_found(message: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
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

/// The hub's English wording of a validation finding.
pub fn problem_message(problem: &Problem) -> String {
    match problem {
        Problem::Required => "This field is required.".into(),
        Problem::TooLong { max } => format!("Use at most {max} characters."),
        Problem::NotUrl => "Enter a full URL, like https://api.example.com.".into(),
        Problem::InsecureUrl => "Use https:// (http:// is only allowed for localhost).".into(),
        Problem::BadHeaderName { name } => format!("\"{name}\" is not a valid header name."),
        Problem::BadHeaderValue { name } => {
            format!("The value of \"{name}\" cannot contain line breaks.")
        }
        Problem::DuplicateHeader { name } => format!("The header \"{name}\" appears twice."),
        Problem::TooManyHeaders { max } => format!("Use at most {max} headers."),
        Problem::WrongType => "This value has the wrong type.".into(),
        Problem::NotANumber => "Enter a number.".into(),
        Problem::NotAnOption => "Choose one of the listed options.".into(),
        Problem::UnknownField => "This connector has no such field.".into(),
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
