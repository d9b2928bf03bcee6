//! An organization's credentials and tags: checking what an admin sends, making a credential's
//! record from it, and which credentials a hub may use (`core::org::visible_to`, applied here).

use crate::{
    domain::credentials::hint,
    error::{field_error, field_said, ApiError},
    store::{DbResult, KeptCredential, Tx},
};
use std::collections::BTreeMap;
use uuid::Uuid;
use wayai_core::{
    org::{
        is_tag_color, is_tag_slug, visible_to, CreateCredential, CredentialType, Environment,
        HubPlacement, OrgCredential, Tag,
    },
    said::{Code, Said},
    validate::{check_name, Problem},
    FieldError, SecretHint,
};

/// The longest description a credential takes.
const DESCRIPTION_MAX: usize = 500;
/// The longest secret or field value a credential takes.
const VALUE_MAX: usize = 4096;
/// The longest tag display name.
const TAG_NAME_MAX: usize = 50;

/// Problems with a credential's name, description, tags and environment.
pub fn check_about(
    tx: &Tx<'_>,
    org: Uuid,
    name: Option<&str>,
    description: Option<&str>,
    tags: Option<&[String]>,
    environment: Option<Environment>,
) -> DbResult<Vec<FieldError>> {
    let mut fields = Vec::new();
    if let Some(Err(problem)) = name.map(check_name) {
        fields.push(field_error("name", &problem));
    }
    if description.is_some_and(|d| d.chars().count() > DESCRIPTION_MAX) {
        let max = DESCRIPTION_MAX;
        fields.push(field_error("description", &Problem::TooLong { max }));
    }
    for (i, slug) in tags.unwrap_or_default().iter().enumerate() {
        if tx.tag(org, slug)?.is_none() {
            let said = Said::new(Code::NoSuchTag);
            fields.push(field_said(&format!("tags[{i}]"), said));
        }
    }
    if environment == Some(Environment::Other) {
        fields.push(field_said(
            "environment",
            Said::new(Code::CredentialAllOrOwn),
        ));
    }
    Ok(fields)
}

/// Problems with the values for a credential of type `kind`: each of its fields present and
/// short enough, nothing else. Only a rotation's `secrets_only` leaves out the non-secret ones.
pub fn check_values(
    kind: CredentialType,
    values: &BTreeMap<String, String>,
    secrets_only: bool,
) -> Vec<FieldError> {
    let mut fields = Vec::new();
    if kind == CredentialType::Other {
        fields.push(field_error("credential_type", &Problem::NotAnOption));
        return fields;
    }
    let wanted = kind
        .fields()
        .iter()
        .filter(|(_, secret)| *secret || !secrets_only);
    for (name, _) in wanted.clone() {
        let at = format!("values.{name}");
        match values.get(*name) {
            None => fields.push(field_error(&at, &Problem::Required)),
            Some(v) if v.trim().is_empty() => fields.push(field_error(&at, &Problem::Required)),
            Some(v) if v.chars().count() > VALUE_MAX => {
                let max = VALUE_MAX;
                fields.push(field_error(&at, &Problem::TooLong { max }));
            }
            Some(v) if v.chars().any(char::is_control) => {
                fields.push(field_error(&at, &Problem::BadCharacters));
            }
            Some(_) => {}
        }
    }
    for key in values.keys() {
        if !wanted.clone().any(|(name, _)| name == key) {
            fields.push(field_error(
                &format!("values.{key}"),
                &Problem::UnknownField,
            ));
        }
    }
    fields
}

/// A new credential's record from a checked create request.
pub fn new_credential(request: CreateCredential, now: &str) -> KeptCredential {
    let mut kept = KeptCredential {
        credential: OrgCredential {
            id: Uuid::new_v4(),
            name: request.name.trim().to_string(),
            description: request.description,
            credential_type: request.credential_type,
            fields: BTreeMap::new(),
            secrets: BTreeMap::new(),
            tags: dedup(request.tags),
            environment: request.environment.unwrap_or(Environment::All),
            used_by: 0,
            created_at: now.to_string(),
            updated_at: now.to_string(),
            rotated_at: now.to_string(),
        },
        secrets: BTreeMap::new(),
    };
    set_values(&mut kept, request.values, now);
    kept
}

/// Sets the credential's values (checked): secrets kept sealed and shown as hints.
pub fn set_values(kept: &mut KeptCredential, values: BTreeMap<String, String>, now: &str) {
    let kind = kept.credential.credential_type;
    for (name, value) in values {
        let secret = kind.fields().iter().any(|(f, s)| *f == name && *s);
        if secret {
            let shown = SecretHint { hint: hint(&value) };
            kept.credential.secrets.insert(name.clone(), shown);
            kept.secrets.insert(name, value);
        } else {
            kept.credential.fields.insert(name, value);
        }
    }
    kept.credential.rotated_at = now.to_string();
    kept.credential.updated_at = now.to_string();
}

/// Tags once each, in the order given.
pub fn dedup(tags: Vec<String>) -> Vec<String> {
    let mut seen = Vec::with_capacity(tags.len());
    for tag in tags {
        if !seen.contains(&tag) {
            seen.push(tag);
        }
    }
    seen
}

/// Whether the hub at `placement` may use the credential.
pub fn usable_by(credential: &OrgCredential, placement: &HubPlacement) -> bool {
    visible_to(
        &credential.tags,
        credential.environment,
        &placement.tags,
        placement.environment,
    )
}

/// Problems with a tag's slug, display name and colour.
pub fn check_tag(tag: &Tag) -> Vec<FieldError> {
    let mut fields = Vec::new();
    if !is_tag_slug(&tag.slug) {
        fields.push(field_said("slug", Said::new(Code::BadTagSlug)));
    }
    if let Some(Err(problem)) = tag.display_name.as_deref().map(check_name) {
        fields.push(field_error("display_name", &problem));
    } else if tag
        .display_name
        .as_deref()
        .is_some_and(|n| n.chars().count() > TAG_NAME_MAX)
    {
        let max = TAG_NAME_MAX;
        fields.push(field_error("display_name", &Problem::TooLong { max }));
    }
    if tag.color.as_deref().is_some_and(|c| !is_tag_color(c)) {
        fields.push(field_said("color", Said::new(Code::BadTagColor)));
    }
    fields
}

/// 404 for a credential that is not there, or that the asking hub may not use.
pub fn no_credential() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::NOT_FOUND,
        Said::new(Code::CredentialNotFound),
    )
}

/// 404 for a tag that is not there.
pub fn no_tag() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::NOT_FOUND,
        Said::new(Code::TagNotFound),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn fields_of(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn each_type_takes_its_own_fields_and_nothing_else() {
        let ok = values(&[("api_key", "sk-proj-1234567890")]);
        assert!(check_values(CredentialType::ApiKey, &ok, false).is_empty());
        let basic = values(&[("username", "ana"), ("password", "pw-123456789")]);
        assert!(check_values(CredentialType::BasicAuth, &basic, false).is_empty());
        let wrong = values(&[("token", "x"), ("api_key", " ")]);
        assert_eq!(
            fields_of(&check_values(CredentialType::ApiKey, &wrong, false)),
            ["values.api_key", "values.token"]
        );
        // A rotation takes the secret only.
        let rotate = values(&[("password", "pw-new-123456")]);
        assert!(check_values(CredentialType::BasicAuth, &rotate, true).is_empty());
        assert!(!check_values(CredentialType::Other, &ok, false).is_empty());
    }

    #[test]
    fn a_new_credential_keeps_secrets_apart_and_shows_hints() {
        let request = CreateCredential {
            name: " OpenAI prod ".into(),
            description: String::new(),
            credential_type: CredentialType::BasicAuth,
            values: values(&[("username", "ana"), ("password", "pw-1234567890")]),
            tags: vec!["eu".into(), "eu".into()],
            environment: None,
        };
        let kept = new_credential(request, "2026-12-05T00:00:00Z");
        let c = &kept.credential;
        assert_eq!(c.name, "OpenAI prod");
        assert_eq!(c.tags, ["eu"]);
        assert_eq!(c.environment, Environment::All);
        assert_eq!(c.fields["username"], "ana");
        assert_eq!(c.secrets["password"].hint, "••••7890");
        assert_eq!(kept.secrets["password"], "pw-1234567890");
        let shown = serde_json::to_string(c).unwrap();
        assert!(!shown.contains("pw-1234567890"));
    }
}
