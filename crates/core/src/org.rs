//! An organization's credentials and tags, as they cross the wire, and the one rule for which of
//! them a hub may use (`visible_to`). An organization stores a credential once; its hubs bind it
//! instead of holding a copy, so rotating it is one change.

use crate::wire::{AuthType, FieldKind, FormField, SecretHint};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// How an organization credential authenticates, which names its secret fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialType {
    /// `api_key`.
    ApiKey,
    /// `token`.
    Bearer,
    /// `username` (shown) and `password`.
    BasicAuth,
    /// A type a newer hub has: listed, not offered for binding.
    #[serde(other)]
    Other,
}

impl CredentialType {
    pub const ALL: [CredentialType; 3] = [
        CredentialType::ApiKey,
        CredentialType::Bearer,
        CredentialType::BasicAuth,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CredentialType::ApiKey => "api_key",
            CredentialType::Bearer => "bearer",
            CredentialType::BasicAuth => "basic_auth",
            CredentialType::Other => "other",
        }
    }

    /// The secret value a credential of this type fills a connection's field with.
    pub fn lends(self) -> Option<&'static str> {
        match self {
            CredentialType::ApiKey => Some("api_key"),
            CredentialType::Bearer => Some("token"),
            CredentialType::BasicAuth => Some("password"),
            CredentialType::Other => None,
        }
    }

    /// The fields a credential of this type is made of: its secret ones are write-only.
    pub fn fields(self) -> &'static [(&'static str, bool)] {
        match self {
            CredentialType::ApiKey => &[("api_key", true)],
            CredentialType::Bearer => &[("token", true)],
            CredentialType::BasicAuth => &[("username", false), ("password", true)],
            CredentialType::Other => &[],
        }
    }
}

/// Where a credential may be used, or which kind of hub a hub is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Environment {
    /// A hub where admins configure and test (every hub starts as one).
    #[default]
    Preview,
    /// A hub that serves live traffic.
    Production,
    /// A credential's only: usable by both kinds of hub.
    All,
    /// A value a newer hub has: shown with words, never matched.
    #[serde(other)]
    Other,
}

impl Environment {
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Preview => "preview",
            Environment::Production => "production",
            Environment::All => "all",
            Environment::Other => "other",
        }
    }
}

/// An organization's tag: what groups its hubs and its credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// `^[a-z0-9]+(-[a-z0-9]+)*$`, at most 50 characters, unique in the organization.
    pub slug: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// `GET /api/organizations/{org_id}/tags`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagList {
    pub tags: Vec<Tag>,
}

/// `POST /api/organizations/{org_id}/tags`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateTag {
    pub slug: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// `PATCH /api/organizations/{org_id}/tags/{slug}`: a member that is `null` is cleared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateTag {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "serde_with_null"
    )]
    pub display_name: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "serde_with_null"
    )]
    pub color: Option<Option<String>>,
}

/// A present `null` (clear) told apart from an absent member (keep).
mod serde_with_null {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<Option<String>>, s: S) -> Result<S::Ok, S::Error> {
        v.as_ref().and_then(|v| v.as_deref()).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<String>>, D::Error> {
        Option::<String>::deserialize(d).map(Some)
    }
}

/// An organization credential as the hub shows it: its secrets as hints only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgCredential {
    pub id: Uuid,
    /// Unique in the organization.
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub credential_type: CredentialType,
    /// The non-secret fields (a basic credential's `username`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// Hints of the secret fields, by name.
    pub secrets: BTreeMap<String, SecretHint>,
    /// Tag slugs.
    #[serde(default)]
    pub tags: Vec<String>,
    pub environment: Environment,
    /// How many connections, in every hub, use it.
    #[serde(default)]
    pub used_by: u32,
    pub created_at: String,
    pub updated_at: String,
    /// When its secret was last set (at creation or a rotation).
    pub rotated_at: String,
}

impl OrgCredential {
    /// The hint of its secret (`••••1234`), as lists and views show it.
    pub fn hint(&self) -> &str {
        self.secrets.values().next().map_or("", |h| h.hint.as_str())
    }
}

/// `GET /api/organizations/{org_id}/credentials`, and a hub's usable ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialList {
    pub credentials: Vec<OrgCredential>,
}

/// `POST /api/organizations/{org_id}/credentials` (with an `Idempotency-Key` header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateCredential {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub credential_type: CredentialType,
    /// Every field of the type, secret or not, by name (the only time the secrets travel).
    pub values: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Absent: `all`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<Environment>,
}

/// `PATCH /api/organizations/{org_id}/credentials/{id}`: what it is called and who may use it.
/// Its secret changes only by a rotation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateCredential {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<Environment>,
}

/// `POST /api/organizations/{org_id}/credentials/{id}/rotate`: the type's secret fields, new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RotateCredential {
    pub values: BTreeMap<String, String>,
}

/// A connection that uses a credential, in any hub of its organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialUser {
    pub hub_id: Uuid,
    pub connection_id: Uuid,
    pub name: String,
}

/// `GET /api/organizations/{org_id}/credentials/{id}/usage`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialUsage {
    pub connections: Vec<CredentialUser>,
}

/// Where a hub stands in its organization: what decides which credentials it may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HubPlacement {
    pub organization_id: Uuid,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub environment: Environment,
}

/// Whether a hub with `hub_tags` in `hub_env` may use a credential with `tags` for `env`. The
/// rule is symmetric: an untagged hub sees only untagged credentials, a tagged hub only
/// credentials that share one of its tags; and the credential's environment is `all` or the hub's.
pub fn visible_to(
    tags: &[String],
    env: Environment,
    hub_tags: &[String],
    hub_env: Environment,
) -> bool {
    let tags_match = if hub_tags.is_empty() || tags.is_empty() {
        hub_tags.is_empty() && tags.is_empty()
    } else {
        tags.iter().any(|t| hub_tags.contains(t))
    };
    let env_matches = match env {
        Environment::All => matches!(hub_env, Environment::Preview | Environment::Production),
        Environment::Preview | Environment::Production => env == hub_env,
        Environment::Other => false,
    };
    tags_match && env_matches
}

/// Which type of organization credential may fill the secret field `key` of a form of type
/// `auth` (`fields`, the type's form; the credential lends its `CredentialType::lends`): the type's
/// first secret is its own kind of credential (an API key, a bearer token, a password); an API
/// key type's second secret (an access token beside the key) is a bearer token's. Any other
/// field (OAuth's client secret, headers) takes no organization credential.
pub fn bindable(auth: AuthType, fields: &[FormField], key: &str) -> Option<CredentialType> {
    let at = fields
        .iter()
        .filter(|f| f.kind == FieldKind::Secret)
        .position(|f| f.key == key)?;
    match (auth, at) {
        (AuthType::ApiKey, 0) => Some(CredentialType::ApiKey),
        (AuthType::ApiKey, _) => Some(CredentialType::Bearer),
        (AuthType::Bearer, 0) => Some(CredentialType::Bearer),
        (AuthType::BasicAuth, 0) => Some(CredentialType::BasicAuth),
        _ => None,
    }
}

/// The fields of a form of type `auth` (`fields`) that bindings of the `bound` keys fill: each
/// bound field, and beside a basic credential's password the type's other fields it holds (its
/// username), which then take no value of their own.
pub fn filled_by_bindings<'a>(
    auth: AuthType,
    fields: &'a [FormField],
    bound: &[&str],
) -> Vec<&'a str> {
    let basic = bound
        .iter()
        .any(|key| bindable(auth, fields, key) == Some(CredentialType::BasicAuth));
    fields
        .iter()
        .map(|f| f.key.as_str())
        .filter(|key| {
            bound.contains(key)
                || (basic
                    && CredentialType::BasicAuth
                        .fields()
                        .iter()
                        .any(|(k, secret)| !secret && k == key))
        })
        .collect()
}

/// Whether `slug` is a tag's slug: `^[a-z0-9]+(-[a-z0-9]+)*$`, at most 50 characters.
pub fn is_tag_slug(slug: &str) -> bool {
    slug.len() <= 50
        && !slug.is_empty()
        && slug.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9'))
        })
}

/// Whether `color` is `#rrggbb`.
pub fn is_tag_color(color: &str) -> bool {
    color.len() == 7 && color.starts_with('#') && color[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Environment::*;

    fn tags(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_visibility_rule_has_four_cases_and_an_environment() {
        // Untagged hub: untagged credentials only.
        assert!(visible_to(&[], All, &[], Preview));
        assert!(!visible_to(&tags(&["eu"]), All, &[], Preview));
        // Tagged hub: credentials sharing one of its tags; never an untagged one.
        assert!(visible_to(
            &tags(&["eu", "x"]),
            All,
            &tags(&["eu"]),
            Preview
        ));
        assert!(!visible_to(&tags(&["us"]), All, &tags(&["eu"]), Preview));
        assert!(!visible_to(&[], All, &tags(&["eu"]), Preview));
        // The environment: `all`, or the hub's own.
        assert!(visible_to(&[], Production, &[], Production));
        assert!(!visible_to(&[], Production, &[], Preview));
        assert!(!visible_to(&[], Preview, &[], Production));
        assert!(!visible_to(&[], Other, &[], Preview));
        assert!(!visible_to(&[], All, &[], Other));
    }

    #[test]
    fn a_basic_credential_fills_the_username_beside_the_password() {
        let field = |key: &str, kind: &str| -> FormField {
            let f = serde_json::json!({ "key": key, "label": key, "kind": kind, "required": true });
            serde_json::from_value(f).unwrap()
        };
        let basic = [field("username", "text"), field("password", "secret")];
        assert_eq!(
            filled_by_bindings(AuthType::BasicAuth, &basic, &["password"]),
            ["username", "password"]
        );
        assert!(filled_by_bindings(AuthType::BasicAuth, &basic, &[]).is_empty());
        let key = [field("username", "text"), field("api_key", "secret")];
        assert_eq!(
            filled_by_bindings(AuthType::ApiKey, &key, &["api_key"]),
            ["api_key"]
        );
    }

    #[test]
    fn slugs_and_colors() {
        for ok in ["eu", "a1", "team-eu-2", &"a".repeat(50)] {
            assert!(is_tag_slug(ok), "{ok}");
        }
        for bad in ["", "-eu", "eu-", "e--u", "EU", "é", "e_u", &"a".repeat(51)] {
            assert!(!is_tag_slug(bad), "{bad}");
        }
        assert!(is_tag_color("#0a7BcD"));
        assert!(!is_tag_color("0a7bcd"));
        assert!(!is_tag_color("#0a7bc"));
        assert!(!is_tag_color("#0a7bcg"));
    }

    #[test]
    fn unknown_values_decode_to_other() {
        let t: CredentialType = serde_json::from_str("\"oauth2\"").unwrap();
        assert_eq!(t, CredentialType::Other);
        let e: Environment = serde_json::from_str("\"staging\"").unwrap();
        assert_eq!(e, Environment::Other);
    }
}
