//! One request to the hub and the abort that goes with it.

use wayai_core::HubError;

/// One request to the hub, sent with the browser's `fetch` (an HTTP library would add its own
/// types and tables to the bundle for what four setters do).
pub(super) struct Call {
    pub(super) method: &'static str,
    pub(super) url: String,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) body: Option<String>,
}

impl Call {
    pub(super) fn header(mut self, name: &'static str, value: &str) -> Call {
        self.headers.push((name, value.to_string()));
        self
    }

    pub(super) fn json(mut self, body: &impl serde::Serialize) -> Result<Call, HubError> {
        self.body = Some(serde_json::to_string(body).map_err(|_| HubError::BadResponse)?);
        Ok(self.header("Content-Type", "application/json"))
    }

    /// The `fetch` options of one attempt, with `token`.
    pub(super) fn init(
        &self,
        token: &str,
        signal: Option<&web_sys::AbortSignal>,
    ) -> Result<web_sys::RequestInit, HubError> {
        let headers = web_sys::Headers::new().map_err(|_| HubError::Network)?;
        let bearer = format!("Bearer {token}");
        let fixed = [
            ("Authorization", bearer.as_str()),
            ("Accept", "application/json"),
        ];
        let own = self.headers.iter().map(|(k, v)| (*k, v.as_str()));
        for (name, value) in fixed.into_iter().chain(own) {
            // A token or value a header cannot carry fails here as the request would.
            headers.set(name, value).map_err(|_| HubError::Network)?;
        }
        let init = web_sys::RequestInit::new();
        init.set_method(self.method);
        init.set_headers(&headers);
        if let Some(body) = &self.body {
            init.set_body(&wasm_bindgen::JsValue::from_str(body));
        }
        init.set_signal(signal);
        Ok(init)
    }
}

/// Aborts its request when dropped: when the caller gave up, timed out, or finished (a no-op then).
pub(super) struct AbortOnDrop(Option<web_sys::AbortController>);

impl AbortOnDrop {
    pub(super) fn new() -> Self {
        AbortOnDrop(web_sys::AbortController::new().ok())
    }

    pub(super) fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.0.as_ref().map(|c| c.signal())
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}
