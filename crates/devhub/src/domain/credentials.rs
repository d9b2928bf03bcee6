//! Secret hints and the documented test rule: the dev hub cannot reach real providers, so
//! "testing" credentials applies fixed rules that give the page every outcome to show:
//!
//! - a secret containing `invalid` is rejected by the provider (401: auth failed);
//! - a secret containing `quota` is out of quota (429);
//! - a value of the configuration or settings containing `unsupported` (a model the provider
//!   does not have) is refused for the settings (400);
//! - a URL whose host ends in `.invalid` is unreachable;
//! - anything else is accepted.

use std::collections::BTreeMap;
use wayai_core::said::{Code, Said};
use wayai_core::{Connector, FieldKind, FieldValue, Health, HealthStatus, Lang};

/// What the hub shows instead of a secret: the last four characters of a long one, nothing of a
/// short one (a hint must not give away most of a short password).
pub fn hint(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() >= 12 {
        format!(
            "••••{}",
            chars[chars.len() - 4..].iter().collect::<String>()
        )
    } else {
        "••••••••".to_string()
    }
}

/// Whether a submitted secret is really a hint sent back (the classic "masked value saved as the
/// secret" bug of peer products).
pub fn looks_like_hint(value: &str) -> bool {
    value.trim().starts_with("••••")
}

/// A health state that says `said` (its English words are the message).
pub fn health(status: HealthStatus, said: Said, now: &str) -> Health {
    Health {
        status,
        message: said.words(Lang::En),
        code: said.code.as_str().to_string(),
        params: said.params,
        checked_at: Some(now.to_string()),
    }
}

pub fn unchecked() -> Health {
    Health {
        checked_at: None,
        ..health(HealthStatus::Unknown, Said::new(Code::NotChecked), "")
    }
}

/// A provider's token that ran out: a channel's (Meta's) says its provider ended it; either
/// way only a new sign-in helps.
pub fn expired(connector: &Connector, now: &str) -> Health {
    let said = match connector.oauth_facts().map(|o| o.provider) {
        Some(provider @ wayai_core::OauthProvider::Meta) => {
            Said::new(Code::ChannelTokenExpired).with("provider", provider.name())
        }
        _ => Said::new(Code::TokenExpired),
    };
    health(HealthStatus::TokenExpired, said, now)
}

/// Applies the test rule to a connector's configuration and secrets.
pub fn check(
    connector: &Connector,
    config: &BTreeMap<String, FieldValue>,
    settings: &BTreeMap<String, FieldValue>,
    secrets: &BTreeMap<String, String>,
    now: &str,
) -> Health {
    let lower: Vec<String> = secrets.values().map(|s| s.to_lowercase()).collect();
    let refused = |code, status: u16| {
        Said::new(code)
            .with("provider", connector.name.as_str())
            .with("status", status)
    };
    if lower.iter().any(|s| s.contains("invalid")) {
        let said = refused(Code::CredentialsRejected, 401);
        return health(HealthStatus::AuthFailed, said, now);
    }
    if lower.iter().any(|s| s.contains("quota")) {
        return health(HealthStatus::Quota, refused(Code::QuotaExceeded, 429), now);
    }
    let unsupported = config
        .values()
        .chain(settings.values())
        .any(|v| matches!(v, FieldValue::Text(t) if t.to_lowercase().contains("unsupported")));
    if unsupported {
        let said = refused(Code::SettingsRefused, 400);
        return health(HealthStatus::ConfigError, said, now);
    }
    for field in connector.fields.iter().filter(|f| f.kind == FieldKind::Url) {
        if let Some(FieldValue::Text(url)) = config.get(&field.key) {
            if let Some(host) = host_of(url) {
                if host.ends_with(".invalid") {
                    let said = Said::new(Code::Unreachable).with("host", host);
                    return health(HealthStatus::Unreachable, said, now);
                }
            }
        }
    }
    health(HealthStatus::Ok, Said::new(Code::CredentialsAccepted), now)
}

/// The host of an absolute URL, lowercased.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => authority,
    };
    Some(host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_show_at_most_the_last_four_of_long_secrets() {
        assert_eq!(hint("sk-proj-abcdefgh1234"), "••••1234");
        assert_eq!(hint("short"), "••••••••");
        assert_eq!(hint("ééééééééééé€ab"), "••••é€ab");
        assert!(looks_like_hint(&hint("sk-proj-abcdefgh1234")));
        assert!(!looks_like_hint("sk-proj"));
    }

    #[test]
    fn hosts_come_out_of_urls() {
        assert_eq!(
            host_of("https://API.example.com:8443/x").as_deref(),
            Some("api.example.com")
        );
        assert_eq!(
            host_of("http://down.invalid/mcp").as_deref(),
            Some("down.invalid")
        );
        assert_eq!(host_of("nope"), None);
    }
}
