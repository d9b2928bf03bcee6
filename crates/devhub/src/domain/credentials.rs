//! Secret hints and the documented test rule: the dev hub cannot reach real providers, so
//! "testing" credentials applies fixed rules that give the page every outcome to show:
//!
//! - a secret containing `invalid` is rejected by the provider (auth failed);
//! - a secret containing `quota` is out of quota;
//! - a URL whose host ends in `.invalid` is unreachable;
//! - anything else is accepted.

use std::collections::BTreeMap;
use wayai_core::{Connector, FieldKind, FieldValue, Health, HealthStatus};

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

pub fn health(status: HealthStatus, message: &str, now: &str) -> Health {
    Health {
        status,
        message: message.to_string(),
        checked_at: Some(now.to_string()),
    }
}

pub fn unchecked() -> Health {
    Health {
        status: HealthStatus::Unknown,
        message: "Not checked yet.".to_string(),
        checked_at: None,
    }
}

/// Applies the test rule to a connector's configuration and secrets.
pub fn check(
    connector: &Connector,
    config: &BTreeMap<String, FieldValue>,
    secrets: &BTreeMap<String, String>,
    now: &str,
) -> Health {
    let lower: Vec<String> = secrets.values().map(|s| s.to_lowercase()).collect();
    if lower.iter().any(|s| s.contains("invalid")) {
        return health(
            HealthStatus::AuthFailed,
            &format!(
                "{} rejected these credentials. Check them and save again.",
                connector.name
            ),
            now,
        );
    }
    if lower.iter().any(|s| s.contains("quota")) {
        return health(
            HealthStatus::Quota,
            &format!("{} says this account is out of quota.", connector.name),
            now,
        );
    }
    for field in connector.fields.iter().filter(|f| f.kind == FieldKind::Url) {
        if let Some(FieldValue::Text(url)) = config.get(&field.key) {
            if let Some(host) = host_of(url) {
                if host.ends_with(".invalid") {
                    return health(
                        HealthStatus::Unreachable,
                        &format!("{host} could not be reached."),
                        now,
                    );
                }
            }
        }
    }
    health(HealthStatus::Ok, "Credentials accepted.", now)
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
