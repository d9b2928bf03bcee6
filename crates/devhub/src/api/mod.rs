//! The hub API under `/api`, one module per area; every route but the provider's callback needs
//! the bearer token.

mod catalog;
mod checks;
mod connections;
mod oauth;
mod org;
mod org_tags;
mod production;
mod speech;
mod tools;

use crate::{error::ApiError, state::AppState};
use axum::{
    extract::{Request, State},
    http::{header, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, post, put},
    Router,
};
use std::sync::Arc;
use wayai_core::said::{Code, Said};

/// The API contract, served at `/api/openapi.yaml`.
pub const OPENAPI: &str = include_str!("../../openapi.yaml");

/// The routes under `/api`.
pub fn routes(state: Arc<AppState>) -> Router {
    let hub = "/hubs/{hub_id}";
    let connection = format!("{hub}/connections/{{id}}");
    let authenticated = Router::new()
        .route(&format!("{hub}/connectors"), get(catalog::list))
        .route(
            &format!("{hub}/connections"),
            get(connections::list).post(connections::create),
        )
        .route(
            &format!("{hub}/connections/test"),
            post(checks::test_unsaved),
        )
        .route(
            &connection,
            get(connections::get)
                .patch(connections::update)
                .delete(connections::delete),
        )
        .route(&format!("{connection}/test"), post(checks::test))
        .route(
            &format!("{connection}/production-credential"),
            put(production::set_credential),
        )
        .route(&format!("{connection}/tools"), get(tools::tools))
        .route(&format!("{connection}/sync"), post(tools::sync))
        .route(&format!("{hub}/credentials"), get(org::hub_list))
        .route(&format!("{hub}/credentials/{{id}}"), get(org::hub_get))
        .merge(organization_routes())
        .route(&format!("{hub}/oauth/flows"), post(oauth::start))
        .route(
            &format!("{hub}/oauth/flows/{{flow_id}}"),
            get(oauth::status).delete(oauth::cancel),
        )
        // Inner: it runs after the bearer check.
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            production::read_only,
        ))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            require_bearer,
        ));
    Router::new()
        // Reached by the browser's redirect from the provider, so it carries no bearer token.
        .route("/oauth/callback", get(oauth::callback))
        // Fetched by authorization servers, which have no token of the hub's.
        .route("/oauth/client-metadata.json", get(oauth::client_document))
        .route("/openapi.yaml", get(openapi))
        .merge(authenticated)
        .fallback(|| async { ApiError::not_found(wayai_core::codes::Missing::Other) })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                Said::new(Code::MethodNotAllowed),
            )
        })
        .layer(middleware::from_fn(speech::speak))
        .with_state(state)
}

/// An organization's credentials and tags.
fn organization_routes() -> Router<Arc<AppState>> {
    let organization = "/organizations/{org_id}";
    Router::new()
        .route(
            &format!("{organization}/credentials"),
            get(org::list).post(org::create),
        )
        .route(
            &format!("{organization}/credentials/{{id}}"),
            get(org::get).patch(org::update).delete(org::delete),
        )
        .route(
            &format!("{organization}/credentials/{{id}}/rotate"),
            post(org::rotate),
        )
        .route(
            &format!("{organization}/credentials/{{id}}/usage"),
            get(org::usage),
        )
        .route(
            &format!("{organization}/tags"),
            get(org_tags::list).post(org_tags::create),
        )
        .route(
            &format!("{organization}/tags/{{slug}}"),
            get(org_tags::get)
                .patch(org_tags::update)
                .delete(org_tags::delete),
        )
}

/// Lets through a request with the hub's bearer token (the scheme's case does not matter, as
/// HTTP says); answers 401 in the error shape otherwise.
pub(crate) async fn require_bearer(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let token = given.and_then(|v| {
        let (scheme, token) = v.split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
    });
    match (given, token) {
        (_, Some(token)) if token == state.token => next.run(request).await,
        (Some(_), _) => ApiError::unauthorized().into_response(),
        (None, _) => ApiError::unauthorized().into_response(),
    }
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/yaml")], OPENAPI)
}
