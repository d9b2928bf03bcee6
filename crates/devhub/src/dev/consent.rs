//! Scripted consent: how the simulated provider's consent page behaves for one hub's flows.

use serde::Deserialize;

/// How the consent page behaves for a hub's flows (`PUT /dev/hubs/{hub}/oauth-consent`), so that
/// browser tests run the real popup, redirects and callback page without clicking inside a
/// cross-origin window.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentScript {
    /// `allow` or `deny`, submitted by the page itself; absent: wait for a person.
    #[serde(default)]
    pub decision: Option<String>,
    #[serde(default)]
    pub account: Option<String>,
    /// Serve the consent page with `Cross-Origin-Opener-Policy: same-origin`, as real providers
    /// do: the browser severs `window.opener`, so the opener reads the popup as closed and the
    /// callback page cannot post to it.
    #[serde(default)]
    pub sever_opener: bool,
    /// Delay before the scripted decision, in milliseconds.
    #[serde(default)]
    pub delay_ms: u64,
    /// How WhatsApp's embedded signup answers its eight steps.
    #[serde(default)]
    pub signup: Option<super::meta_pages::SignupScript>,
}
