//! The credentials view's words that need a choice: a type, an environment, a count.

use super::{singular, t};
use crate::i18n::Locale;
use wayai_core::org::{CredentialType, Environment};

pub fn credential_type(l: Locale, kind: CredentialType) -> &'static str {
    match kind {
        CredentialType::ApiKey => t!(l, cred_type_api_key),
        CredentialType::Bearer => t!(l, cred_type_bearer),
        CredentialType::BasicAuth => t!(l, cred_type_basic_auth),
        CredentialType::Other => t!(l, cred_type_other),
    }
}

pub fn environment(l: Locale, env: Environment) -> &'static str {
    match env {
        Environment::All => t!(l, env_all),
        Environment::Preview => t!(l, env_preview),
        Environment::Production => t!(l, env_production),
        Environment::Other => t!(l, env_other),
    }
}

pub fn used_by(l: Locale, count: u32) -> String {
    match count {
        0 => t!(l, cred_used_by_none).into(),
        n if singular(l, u64::from(n)) => t!(l, cred_used_by_singular, count).to_string(),
        _ => t!(l, cred_used_by_plural, count).to_string(),
    }
}

/// A credential's field (`api_key`, `token`, `username`, `password`) as a form labels it.
pub fn value_label(l: Locale, key: &str) -> &'static str {
    match key {
        "api_key" => t!(l, value_api_key),
        "token" => t!(l, value_token),
        "username" => t!(l, value_username),
        _ => t!(l, value_password),
    }
}
