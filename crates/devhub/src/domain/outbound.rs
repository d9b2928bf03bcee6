//! The hub's one outbound HTTP client, for everything it sends on an admin's behalf: MCP
//! requests, OAuth discovery, registration, the code exchange, refresh and revocation.
//!
//! Every connection it opens goes to an address the rule in [`super::network`] allows: a URL's
//! literal address is checked before the request, a name is resolved here and only the
//! addresses the rule allows are connected to (so a name cannot resolve to the cloud metadata
//! service between a check and the connect), and a redirect is followed only by the OAuth
//! operations that ask for it, each hop checked the same way. Time and response sizes are
//! bounded.

use super::network::Reach;
use reqwest::{
    dns::{Addrs, Name, Resolve, Resolving},
    redirect::Policy,
};
use rmcp::transport::auth::{
    OAuthHttpClient, OAuthHttpClientError, OAuthHttpClientFuture, OAuthHttpRedirectPolicy,
    OAuthHttpRequest,
};
use std::{net::SocketAddr, sync::Arc, time::Duration};

/// The most an OAuth answer (metadata, a registration, tokens) may weigh.
const MAX_OAUTH_BODY: usize = 1024 * 1024;
/// The most redirects an OAuth operation that follows them may take.
const MAX_REDIRECTS: usize = 5;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// An address the rule refuses, named as the request named it.
#[derive(Debug, Clone)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the hub does not connect to {}: it is on a private, link-local or reserved network",
            self.0
        )
    }
}

impl std::error::Error for Refused {}

/// The outbound client: cheap to clone (its clients share their connection pools).
#[derive(Clone)]
pub struct Outbound {
    reach: Reach,
    /// Follows no redirect: every request that carries a credential.
    stop: reqwest::Client,
    /// Follows redirects whose every hop the rule allows: OAuth discovery, when it asks.
    follow: reqwest::Client,
}

impl Outbound {
    pub fn new(reach: Reach) -> Outbound {
        let build = |policy: Policy| {
            reqwest::Client::builder()
                .dns_resolver(Arc::new(Guarded(reach)))
                .redirect(policy)
                .connect_timeout(CONNECT_TIMEOUT)
                .timeout(REQUEST_TIMEOUT)
                .build()
                .expect("the outbound client builds")
        };
        let follow = Policy::custom(move |attempt| {
            if !reach.allows_url(attempt.url()) {
                let refused = Refused(attempt.url().to_string());
                attempt.error(refused)
            } else if attempt.previous().len() > MAX_REDIRECTS {
                attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
            } else {
                attempt.follow()
            }
        });
        Outbound {
            reach,
            stop: build(Policy::none()),
            follow: build(follow),
        }
    }

    /// The client for requests the hub makes itself (MCP, revocation): it follows no redirect.
    /// Check each URL with [`Outbound::check`] before sending.
    pub fn client(&self) -> &reqwest::Client {
        &self.stop
    }

    /// `url` parsed, if the rule allows the address it names literally (a name is checked when
    /// it resolves).
    pub fn check(&self, url: &str) -> Result<url::Url, Refused> {
        let parsed = url::Url::parse(url.trim()).map_err(|_| Refused(url.to_string()))?;
        if self.reach.allows_url(&parsed) {
            Ok(parsed)
        } else {
            Err(Refused(host(&parsed)))
        }
    }

    /// The same rule for the OAuth SDK's requests.
    pub fn oauth(&self) -> Arc<dyn OAuthHttpClient> {
        Arc::new(self.clone())
    }
}

fn host(url: &url::Url) -> String {
    url.host_str().unwrap_or_default().to_string()
}

/// Resolves names, keeping only the addresses the rule allows.
struct Guarded(Reach);

impl Resolve for Guarded {
    fn resolve(&self, name: Name) -> Resolving {
        let reach = self.0;
        Box::pin(async move {
            let host = name.as_str().to_string();
            let found = tokio::net::lookup_host((host.as_str(), 0)).await?;
            let allowed: Vec<SocketAddr> = found.filter(|a| reach.allows(a.ip())).collect();
            if allowed.is_empty() {
                return Err(Box::new(Refused(host)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

impl OAuthHttpClient for Outbound {
    fn execute(&self, request: OAuthHttpRequest) -> OAuthHttpClientFuture<'_> {
        Box::pin(async move {
            let boxed = |e: Box<dyn std::error::Error + Send + Sync>| e as OAuthHttpClientError;
            let client = match request.redirect_policy {
                OAuthHttpRedirectPolicy::Stop => &self.stop,
                _ => &self.follow,
            };
            let request =
                reqwest::Request::try_from(request.request).map_err(|e| boxed(Box::new(e)))?;
            if !self.reach.allows_url(request.url()) {
                return Err(boxed(Box::new(Refused(host(request.url())))));
            }
            let mut response = client
                .execute(request)
                .await
                .map_err(|e| boxed(Box::new(e)))?;
            let mut answer = oauth2::http::Response::builder().status(response.status());
            for (name, value) in response.headers() {
                answer = answer.header(name, value);
            }
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(|e| boxed(Box::new(e)))? {
                if body.len() + chunk.len() > MAX_OAUTH_BODY {
                    return Err(boxed(
                        format!("an answer over {MAX_OAUTH_BODY} bytes").into(),
                    ));
                }
                body.extend_from_slice(&chunk);
            }
            answer.body(body).map_err(|e| boxed(Box::new(e)))
        })
    }
}
