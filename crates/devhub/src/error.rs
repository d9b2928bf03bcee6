//! The one error shape every endpoint answers with.

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use wayai_core::{
    codes::Missing,
    said::{Code, Said},
    validate::Problem,
    ErrorBody, FieldError, Lang,
};

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
}

impl ApiError {
    /// An error that says `said` (its English words are the message; `speech` words it in the
    /// request's language).
    pub fn new(status: StatusCode, said: Said) -> Self {
        Self {
            status,
            body: ErrorBody {
                code: said.code.as_str().to_string(),
                message: said.words(Lang::En),
                params: said.params,
                fields: Vec::new(),
            },
        }
    }

    pub fn bad_request(said: Said) -> Self {
        Self::new(StatusCode::BAD_REQUEST, said)
    }

    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, Said::new(Code::Unauthorized))
    }

    /// 404, with a code that says what is missing (the page words each differently).
    pub fn not_found(missing: Missing) -> Self {
        Self::new(StatusCode::NOT_FOUND, Said::new(missing.said()))
    }

    /// 404 for a connection of this hub that is not there (never was, or deleted meanwhile).
    pub fn no_connection() -> Self {
        Self::not_found(Missing::Connection)
    }

    /// 422 with the fields at fault.
    pub fn validation(fields: Vec<FieldError>) -> Self {
        let mut e = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Said::new(Code::ValidationFailed),
        );
        e.body.fields = fields;
        e
    }

    /// 422 naming one field and what is wrong with it.
    pub fn field(field: &str, said: Said) -> Self {
        Self::validation(vec![field_said(field, said)])
    }

    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, Said::new(Code::Internal))
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
    field_said(field, problem.said())
}

/// A field error that says `said`.
pub fn field_said(field: &str, said: Said) -> FieldError {
    FieldError {
        field: field.to_string(),
        message: said.words(Lang::En),
        code: said.code.as_str().to_string(),
        params: said.params,
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
