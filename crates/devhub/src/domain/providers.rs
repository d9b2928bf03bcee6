//! The providers whose sign-in the hub runs itself (Google-like consent, Meta's embedded
//! signup): the one thing the hub asks of them, an authorization code exchanged at their token
//! endpoint. The dev hub's simulations implement it and `app.rs` gives it to the state; nothing
//! here knows them.

use crate::store::Tokens;
use wayai_core::signup::WhatsappAccount;

/// What a provider's token endpoint gave for a code.
pub struct ProviderGrant {
    /// Who signed in (an account, or the business a signup connected).
    pub account: String,
    pub tokens: Tokens,
    /// What WhatsApp's embedded signup connected, for Meta's grants.
    pub whatsapp: Option<WhatsappAccount>,
}

pub trait TokenEndpoint: Send + Sync {
    /// The grant behind `code`, if the provider issued it for the flow `flow_state`; a code is
    /// good once.
    fn exchange(&self, flow_state: &str, code: &str) -> Option<ProviderGrant>;
}
