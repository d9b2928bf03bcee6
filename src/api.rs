//! The one client of the hub REST API. Every call returns a typed [`HubError`] on failure, gives
//! up after a timeout, and aborts its request when the caller stops waiting (a view that no longer
//! needs the answer drops the future, and the fetch is cancelled with it).

use futures_util::future::{select, Either};
use serde::de::DeserializeOwned;
use std::{fmt, future::Future, pin::Pin, sync::Arc};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
mod call;
mod org;
mod warm;

/// How long a preload's answers are good for (see `warm`).
pub(crate) use warm::{json_body, started, FRESH_MS as PRELOAD_FRESH_MS};

use call::{AbortOnDrop, Call};

use wayai_core::{
    org::{CredentialList, OrgCredential},
    paths, Catalog, Connection, ConnectionList, CreateConnection, ErrorBody, HubError, Lang,
    OauthFlow, OauthFlowStatus, StartOauthFlow, SyncResult, TestResult, ToolList, UpdateConnection,
};

/// The answer of a token source: the bearer token, possibly after an await (a refresh).
pub type TokenFuture = Pin<Box<dyn Future<Output = String>>>;

/// Where the bearer token comes from. It is asked before every request, so a host can rotate it,
/// and asked again with `refresh = true` after a 401, when the request is retried once.
#[derive(Clone)]
pub struct TokenSource(Arc<dyn Fn(bool) -> TokenFuture + Send + Sync>);

impl TokenSource {
    /// A token known at once (the same function answers a refresh).
    pub fn new(f: impl Fn() -> String + Send + Sync + 'static) -> Self {
        TokenSource(Arc::new(move |_| Box::pin(std::future::ready(f()))))
    }

    pub fn fixed(token: impl Into<String>) -> Self {
        let token = token.into();
        TokenSource::new(move || token.clone())
    }

    /// A token that may take an await, e.g. a host's refresh call; `refresh` says a 401 came back.
    pub fn refreshing<F, Fut>(f: F) -> Self
    where
        F: Fn(bool) -> Fut + 'static,
        Fut: Future<Output = String> + 'static,
    {
        // The page runs on the browser's one thread; the wrapper only satisfies Leptos' bounds.
        let f = send_wrapper::SendWrapper::new(f);
        TokenSource(Arc::new(move |refresh| Box::pin(f(refresh))))
    }

    fn get(&self, refresh: bool) -> TokenFuture {
        (self.0)(refresh)
    }

    /// A source that asks whichever source its [`TokenSlot`] holds: a page drawn ahead with a
    /// preload's token asks the token `mount` gave once it is mounted, and the preload's is
    /// dropped.
    pub(crate) fn slot(first: TokenSource) -> (TokenSource, TokenSlot) {
        let slot = TokenSlot(std::rc::Rc::new(std::cell::RefCell::new(first)));
        let held = send_wrapper::SendWrapper::new(slot.clone());
        let source = TokenSource(Arc::new(move |refresh| {
            let current = held.0.borrow().clone();
            current.get(refresh)
        }));
        (source, slot)
    }
}

/// Where a [`TokenSource::slot`] takes its token from.
#[derive(Clone)]
pub(crate) struct TokenSlot(std::rc::Rc<std::cell::RefCell<TokenSource>>);

impl TokenSlot {
    pub fn replace(&self, next: TokenSource) {
        *self.0.borrow_mut() = next;
    }
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never print the token.
        f.write_str("TokenSource(..)")
    }
}

/// How long a request may take before it is aborted and reported as a timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// Where the hub API is and how to authenticate to it.
#[derive(Clone)]
pub struct ApiClient {
    base: String,
    token: TokenSource,
    timeout_ms: u32,
    /// Told when a request is refused as unauthenticated even with a refreshed token.
    on_unauthorized: Option<Arc<dyn Fn() + Send + Sync>>,
}

impl fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiClient")
            .field("base", &self.base)
            .field("timeout_ms", &self.timeout_ms)
            .finish_non_exhaustive()
    }
}

impl ApiClient {
    /// `base` is the hub API's origin (empty for the page's own origin); `token` the bearer token.
    pub fn new(base: impl Into<String>, token: impl Into<String>) -> Self {
        Self::with_token_source(base, TokenSource::fixed(token))
    }

    pub fn with_token_source(base: impl Into<String>, token: TokenSource) -> Self {
        let mut base = base.into();
        while base.ends_with('/') {
            base.pop();
        }
        Self {
            base,
            token,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            on_unauthorized: None,
        }
    }

    /// The same client, calling `f` when the hub still answers 401 after a token refresh.
    pub fn on_unauthorized(mut self, f: impl Fn() + Send + Sync + 'static) -> Self {
        self.on_unauthorized = Some(Arc::new(f));
        self
    }

    /// The same client with another time limit per request.
    pub fn with_timeout_ms(mut self, timeout_ms: u32) -> Self {
        self.timeout_ms = timeout_ms;
        self
    }

    /// The connector catalog of a hub, its text in `lang` where the hub has it (the hub falls
    /// back to a connector's own text).
    pub async fn catalog(&self, hub_id: Uuid, lang: Lang) -> Result<Catalog, HubError> {
        if let Some(catalog) = warm::catalog(&self.base, hub_id, lang).await {
            return Ok(catalog);
        }
        self.ask_catalog(hub_id, lang).await
    }

    /// Starts the page's two requests for `hub_id` now, for a page mounted later to take (a
    /// warm start; see `warm`).
    pub fn preload(&self, hub_id: Uuid, lang: Lang) {
        warm::start(self, hub_id, lang);
    }

    /// Whether this client's preload for `hub_id` is fresh and both its answers came as
    /// successes (waits for them; takes nothing).
    pub(crate) async fn preload_answered(&self, hub_id: Uuid) -> bool {
        warm::answered(&self.base, hub_id).await
    }

    async fn ask_catalog(&self, hub_id: Uuid, lang: Lang) -> Result<Catalog, HubError> {
        self.send(
            self.get(&paths::connectors(hub_id))
                .header("Accept-Language", lang.code()),
        )
        .await
    }

    /// The hub's connections.
    pub async fn connections(&self, hub_id: Uuid) -> Result<ConnectionList, HubError> {
        if let Some(connections) = warm::connections(&self.base, hub_id).await {
            return Ok(connections);
        }
        self.ask_connections(hub_id).await
    }

    async fn ask_connections(&self, hub_id: Uuid) -> Result<ConnectionList, HubError> {
        self.send(self.get(&paths::connections(hub_id))).await
    }

    /// The origin the hub's pages (the OAuth callback) are served from: the API base's origin, or
    /// the page's own when the API shares it.
    pub fn origin(&self) -> String {
        wayai_core::oauth::origin_of(&self.base)
            .or_else(|| web_sys::window().and_then(|w| w.location().origin().ok()))
            .unwrap_or_default()
    }

    pub async fn connection(&self, hub_id: Uuid, id: Uuid) -> Result<Connection, HubError> {
        self.send(self.get(&paths::connection(hub_id, id))).await
    }

    /// The organization credentials the hub may bind (hints only).
    pub async fn usable_credentials(&self, hub_id: Uuid) -> Result<Vec<OrgCredential>, HubError> {
        let list: CredentialList = self.send(self.get(&paths::hub_credentials(hub_id))).await?;
        Ok(list.credentials)
    }

    /// An MCP connection's tools, as last discovered.
    pub async fn tools(&self, hub_id: Uuid, id: Uuid) -> Result<ToolList, HubError> {
        self.send(self.get(&paths::tools(hub_id, id))).await
    }

    /// Discovers an MCP connection's tools again; the answer says what changed.
    pub async fn sync(&self, hub_id: Uuid, id: Uuid) -> Result<SyncResult, HubError> {
        self.send(self.post(&paths::sync(hub_id, id))).await
    }

    /// Starts an OAuth flow: the answer says where to point the popup.
    pub async fn start_oauth(
        &self,
        hub_id: Uuid,
        body: &StartOauthFlow,
    ) -> Result<OauthFlow, HubError> {
        self.send(self.post(&paths::oauth_flows(hub_id)).json(body)?)
            .await
    }

    pub async fn oauth_status(
        &self,
        hub_id: Uuid,
        flow_id: Uuid,
    ) -> Result<OauthFlowStatus, HubError> {
        self.send(self.get(&paths::oauth_flow(hub_id, flow_id)))
            .await
    }

    /// Cancels a pending flow; the answer is its final status (a success that raced it included).
    pub async fn cancel_oauth(
        &self,
        hub_id: Uuid,
        flow_id: Uuid,
    ) -> Result<OauthFlowStatus, HubError> {
        self.send(self.call("DELETE", &paths::oauth_flow(hub_id, flow_id)))
            .await
    }

    /// Creates a connection. `idempotency_key` must be the same for retries of one user action,
    /// so that a double submit or a retry after a lost answer makes one connection.
    pub async fn create(
        &self,
        hub_id: Uuid,
        body: &CreateConnection,
        idempotency_key: &str,
    ) -> Result<Connection, HubError> {
        let call = self.post(&paths::connections(hub_id));
        self.send(call.header("Idempotency-Key", idempotency_key).json(body)?)
            .await
    }

    pub async fn update(
        &self,
        hub_id: Uuid,
        id: Uuid,
        body: &UpdateConnection,
    ) -> Result<Connection, HubError> {
        self.send(
            self.call("PATCH", &paths::connection(hub_id, id))
                .json(body)?,
        )
        .await
    }

    /// Sets a production connection's own credential (the hub tests it before answering).
    pub async fn set_production_credential(
        &self,
        hub_id: Uuid,
        id: Uuid,
        body: &wayai_core::ProductionCredential,
    ) -> Result<Connection, HubError> {
        self.send(
            self.call("PUT", &paths::production_credential(hub_id, id))
                .json(body)?,
        )
        .await
    }

    /// Deletes a connection; with `revoke` false, without revoking its sign-in (the person chose
    /// to after the authorization server failed to).
    pub async fn delete(&self, hub_id: Uuid, id: Uuid, revoke: bool) -> Result<(), HubError> {
        let path = if revoke {
            paths::connection(hub_id, id)
        } else {
            paths::connection_without_revoking(hub_id, id)
        };
        self.exchange(self.call("DELETE", &path)).await.map(|_| ())
    }

    /// Tests a saved connection's credentials (the hub records the outcome as its health).
    pub async fn test(&self, hub_id: Uuid, id: Uuid) -> Result<TestResult, HubError> {
        self.send(self.post(&paths::test_connection(hub_id, id)))
            .await
    }

    /// Tests credentials from a form before saving them.
    pub async fn test_unsaved(
        &self,
        hub_id: Uuid,
        body: &CreateConnection,
    ) -> Result<TestResult, HubError> {
        self.send(self.post(&paths::test_credentials(hub_id)).json(body)?)
            .await
    }

    fn call(&self, method: &'static str, path: &str) -> Call {
        Call {
            method,
            url: format!("{}{path}", self.base),
            headers: Vec::new(),
            body: None,
        }
    }

    fn get(&self, path: &str) -> Call {
        self.call("GET", path)
    }

    fn post(&self, path: &str) -> Call {
        self.call("POST", path)
    }

    async fn send<T: DeserializeOwned>(&self, call: Call) -> Result<T, HubError> {
        let text = self.exchange(call).await?;
        serde_json::from_str(&text).map_err(|_| HubError::BadResponse)
    }

    /// Sends the request with the token; a 401 asks the token source for a fresh token and
    /// sends it once more. Still 401: the host is told, and the error is returned.
    async fn exchange(&self, call: Call) -> Result<String, HubError> {
        let token = self.token.get(false).await;
        match self.attempt(&call, &token).await {
            Err(HubError::Unauthorized) => {
                let fresh = self.token.get(true).await;
                let again = self.attempt(&call, &fresh).await;
                if again == Err(HubError::Unauthorized) {
                    if let Some(tell) = &self.on_unauthorized {
                        tell();
                    }
                }
                again
            }
            other => other,
        }
    }

    /// One request with a time limit and an abort signal, reading the whole answer inside them;
    /// a non-2xx answer is turned into its [`HubError`].
    async fn attempt(&self, call: &Call, token: &str) -> Result<String, HubError> {
        let abort = AbortOnDrop::new();
        let init = call.init(token, abort.signal().as_ref())?;
        let fetch = web_sys::window()
            .ok_or(HubError::Network)?
            .fetch_with_str_and_init(&call.url, &init);
        let exchange = Box::pin(async move {
            let response: web_sys::Response = JsFuture::from(fetch)
                .await
                .map_err(|_| HubError::Network)?
                .dyn_into()
                .map_err(|_| HubError::Network)?;
            // Read here: the abort signal fires when this call returns.
            let text = async {
                let text = JsFuture::from(response.text().map_err(|_| HubError::Network)?);
                text.await
                    .ok()
                    .and_then(|t| t.as_string())
                    .ok_or(HubError::Network)
            };
            if response.ok() {
                text.await
            } else {
                let retry_after = response.headers().get("retry-after").ok().flatten();
                let body = text
                    .await
                    .ok()
                    .and_then(|t| serde_json::from_str::<ErrorBody>(&t).ok());
                Err(HubError::from_response(
                    response.status(),
                    body,
                    retry_after.as_deref(),
                ))
            }
        });
        let deadline = gloo_timers::future::TimeoutFuture::new(self.timeout_ms);
        match select(exchange, deadline).await {
            Either::Left((result, _)) => result,
            // Dropping `abort` on return cancels the fetch still in flight.
            Either::Right(_) => Err(HubError::Timeout),
        }
    }
}
