//! A connection's configuration: validated against its connector's form, split into public
//! values and secrets (kept server-side), for a create and for a change alike.

use crate::{
    domain::{credentials::looks_like_hint, names, network},
    error::{field_error, field_said, ApiError},
};
use std::collections::BTreeMap;
use wayai_core::said::{Code, Said};
use wayai_core::{
    validate::{self, Problem},
    AuthType, Connector, CreateConnection, FieldError, FieldKind, FieldValue, FormField,
    UpdateConnection,
};

/// A configuration split into public values and secrets, with the connection's settings.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    pub public: BTreeMap<String, FieldValue>,
    pub secrets: BTreeMap<String, String>,
    pub settings: BTreeMap<String, FieldValue>,
}

/// Checks a new connection's name and configuration against its connector's form; splits the
/// configuration into public values and secrets.
pub use super::network::Reach;

/// The authentication type a request names (absent: the connector's first), if the connector
/// offers it.
pub fn auth_type(connector: &Connector, asked: Option<AuthType>) -> Result<AuthType, ApiError> {
    let auth = asked.unwrap_or_else(|| connector.default_auth());
    match connector.auth(auth) {
        Some(_) => Ok(auth),
        None => Err(ApiError::field(
            "authentication_type",
            Said::new(Code::NoSuchAuthType)
                .with("connector", connector.name.as_str())
                .with(
                    "types",
                    connector
                        .authentication_types
                        .iter()
                        .map(|a| a.kind.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
        )),
    }
}

pub fn validate_new(
    connector: &Connector,
    body: CreateConnection,
    reach: Reach,
) -> Result<Stored, ApiError> {
    let auth = auth_type(connector, body.authentication_type)?;
    // A field an organization credential fills takes no value of its own (nor, beside a basic
    // credential's password, the username it holds).
    let all = connector.form_fields(auth);
    let bound: Vec<&str> = body.bindings.keys().map(String::as_str).collect();
    let filled = wayai_core::org::filled_by_bindings(auth, &all, &bound);
    let fields: Vec<FormField> = all
        .iter()
        .map(|f| FormField {
            required: f.required && !filled.contains(&f.key.as_str()),
            ..f.clone()
        })
        .collect();
    // A setting left out takes its default: only one without a default must be given.
    let settings: Vec<FormField> = connector
        .settings
        .iter()
        .map(|f| FormField {
            required: f.required && f.default.is_none(),
            ..f.clone()
        })
        .collect();
    let mut errors: Vec<FieldError> = name_problem(&body.name, false).into_iter().collect();
    for key in body.bindings.keys() {
        if body.config.get(key).is_some_and(validate::is_present) {
            errors.push(field_said(key, Said::new(Code::BoundAndTyped)));
        }
    }
    errors.extend(
        validate::check_config(&fields, &body.config)
            .iter()
            .chain(&validate::check_config(&settings, &body.settings))
            .map(|(field, problem)| field_error(field, problem)),
    );
    let mut stored = Stored::default();
    for (key, value) in body.config {
        let Some(field) = fields.iter().find(|f| f.key == key) else {
            continue;
        };
        if validate::is_present(&value) {
            errors.extend(stored.set(field, value, reach));
        }
    }
    stored.settings = body
        .settings
        .into_iter()
        .filter(|(_, v)| validate::is_present(v))
        .collect();
    if errors.is_empty() {
        Ok(stored)
    } else {
        Err(ApiError::validation(errors))
    }
}

/// Whether a change moves an address the connection's secrets are sent to (to another address;
/// clearing it sends them nowhere).
pub fn moves_secrets(connector: &Connector, stored: &Stored, request: &UpdateConnection) -> bool {
    connector
        .all_fields()
        .iter()
        .filter(|f| f.secret_destination)
        .any(|f| match request.config.get(&f.key) {
            Some(Some(new)) if validate::is_present(new) => {
                Some(normalized(new)) != stored.public.get(&f.key).map(normalized)
            }
            _ => false,
        })
}

/// A value as it is kept (a URL trimmed), to tell a real change from the same value sent again.
fn normalized(value: &FieldValue) -> FieldValue {
    match value {
        FieldValue::Text(t) => FieldValue::Text(t.trim().to_string()),
        other => other.clone(),
    }
}

/// Applies a change's configuration members to `stored`: a value replaces, `null` (or empty)
/// clears an optional field; every finding is returned. When the change moves an address the
/// secrets are sent to, every stored secret must come again in the same change: the old one is
/// never sent to the new address.
pub fn apply_update(
    connector: &Connector,
    (auth, switching): (AuthType, bool),
    stored: &mut Stored,
    request: &UpdateConnection,
    reach: Reach,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let fields = connector.form_fields(auth);
    if switching {
        errors.extend(switch_credentials(connector, auth, stored, request));
    }
    if moves_secrets(connector, stored, request) {
        for key in stored.secrets.keys() {
            let entered_again = matches!(
                request.config.get(key),
                Some(Some(value)) if validate::is_present(value)
            );
            if !entered_again {
                errors.push(field_error(key, &Problem::ReenterSecret));
            }
        }
    }
    for (key, value) in &request.config {
        let Some(field) = fields.iter().find(|f| &f.key == key) else {
            errors.push(field_error(key, &Problem::UnknownField));
            continue;
        };
        match value {
            Some(value) if validate::is_present(value) => match validate::check_value(field, value)
            {
                Err(p) => errors.push(field_error(key, &p)),
                Ok(()) => errors.extend(stored.set(field, value.clone(), reach)),
            },
            _ if field.required => errors.push(field_error(key, &Problem::Required)),
            _ => {
                stored.secrets.remove(key);
                stored.public.remove(key);
            }
        }
    }
    for (key, value) in &request.settings {
        let Some(field) = connector.settings.iter().find(|f| &f.key == key) else {
            errors.push(field_error(key, &Problem::UnknownField));
            continue;
        };
        match value {
            Some(value) if validate::is_present(value) => match validate::check_value(field, value)
            {
                Err(p) => errors.push(field_error(key, &p)),
                Ok(()) => {
                    stored.settings.insert(key.clone(), value.clone());
                }
            },
            _ if field.required && field.default.is_none() => {
                errors.push(field_error(key, &Problem::Required))
            }
            _ => {
                stored.settings.remove(key);
            }
        }
    }
    errors
}

/// A change to another authentication type (`auth`, the one the connection will use): the
/// credentials of the type it leaves are dropped, and the new type's required ones must come in
/// the same change.
fn switch_credentials(
    connector: &Connector,
    auth: AuthType,
    stored: &mut Stored,
    request: &UpdateConnection,
) -> Vec<FieldError> {
    let kept = connector.form_fields(auth);
    stored
        .public
        .retain(|k, _| kept.iter().any(|f| &f.key == k));
    stored
        .secrets
        .retain(|k, _| kept.iter().any(|f| &f.key == k));
    let credentials = connector
        .auth(auth)
        .map(|a| a.fields.as_slice())
        .unwrap_or_default();
    let bound: Vec<&str> = (request.bindings.iter())
        .filter(|(_, id)| id.is_some())
        .map(|(key, _)| key.as_str())
        .collect();
    let filled = wayai_core::org::filled_by_bindings(auth, &kept, &bound);
    credentials
        .iter()
        .filter(|f| !filled.contains(&f.key.as_str()))
        .filter(|f| {
            f.required
                && !stored.public.contains_key(&f.key)
                && !stored.secrets.contains_key(&f.key)
        })
        .filter(|f| !matches!(request.config.get(&f.key), Some(Some(v)) if validate::is_present(v)))
        .map(|f| field_error(&f.key, &Problem::Required))
        .collect()
}

/// What is wrong with a connection's name: the form's rules, then (unless it is the hub's own
/// connection, `own`) a name that reads as one the hub gives its own connections.
pub fn name_problem(name: &str, own: bool) -> Option<FieldError> {
    if let Err(p) = validate::check_name(name) {
        return Some(field_error("name", &p));
    }
    let reserved = names::passes_for_reserved(name).filter(|_| !own)?;
    Some(field_said(
        "name",
        Said::new(Code::ReservedName).with("name", reserved),
    ))
}

impl Stored {
    /// Keeps one valid, present value where its kind belongs: a secret apart, a URL trimmed. A
    /// secret that is the masked hint of a stored one is refused, never stored.
    fn set(&mut self, field: &FormField, value: FieldValue, reach: Reach) -> Option<FieldError> {
        let key = field.key.clone();
        match (field.kind, value) {
            (FieldKind::Url, FieldValue::Text(url))
                if !reach.private_addresses && network::private_address(&url).is_some() =>
            {
                return Some(field_said(&key, Said::new(Code::PrivateAddress)))
            }
            (FieldKind::Secret, FieldValue::Text(secret)) if looks_like_hint(&secret) => {
                return Some(hint_sent_back(&key))
            }
            // Header values that are secrets are kept as secrets (the rows as JSON).
            (FieldKind::Headers, FieldValue::Headers(rows)) if field.secret_values => {
                if rows.iter().any(|h| looks_like_hint(&h.value)) {
                    return Some(hint_sent_back(&key));
                }
                let rows = serde_json::to_string(&rows).expect("headers serialize");
                self.secrets.insert(key, rows);
            }
            (FieldKind::Secret, FieldValue::Text(secret)) => {
                self.secrets.insert(key, secret);
            }
            (FieldKind::Url, FieldValue::Text(url)) => {
                self.public
                    .insert(key, FieldValue::Text(url.trim().to_string()));
            }
            (_, value) => {
                self.public.insert(key, value);
            }
        }
        None
    }
}

fn hint_sent_back(key: &str) -> FieldError {
    field_said(key, Said::new(Code::HintSentBack))
}
