//! The form model behind every connector's form: built from the connector's schema, for a new
//! connection or to edit one, validated before sending, and turned into the request body.
//!
//! Secrets are write-only. Editing starts every secret in `Keep` (showing the hub's hint, with an
//! empty input); only an explicit `Replace` with a new value or `Clear` sends anything for it, so
//! the hint can never travel back as if it were the secret.

use crate::{
    validate::{self, Problem},
    wire::{
        AuthType, Connection, Connector, CreateConnection, FieldKind, FieldValue, FormField,
        Header, UpdateConnection,
    },
};
use std::collections::BTreeMap;
use uuid::Uuid;

/// What a field's input holds, in the shape its control needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Text, secret, URL, select and number fields (numbers are parsed on submit).
    Text(String),
    Bool(bool),
    /// Header rows as typed, blank rows included.
    Headers(Vec<Header>),
}

/// How an edit treats a stored secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretMode {
    /// A new connection: the input is the secret.
    New,
    /// Keep the stored secret; nothing is sent. `hint` is what the hub showed.
    Keep { hint: String },
    /// Send the input as the new secret.
    Replace,
    /// Remove the stored secret (optional fields only).
    Clear,
    /// The address the secrets are sent to changed: the stored one (`hint`) cannot go there, so
    /// the input must hold it again.
    Reenter { hint: String },
    /// An organization credential fills the field: `credential`, the one chosen (none yet:
    /// one must be). `before`: the one the connection had when the address the secrets go to
    /// changed, which must then be chosen again (its secret would follow the new address).
    Bound {
        credential: Option<Uuid>,
        before: Option<Uuid>,
    },
}

impl SecretMode {
    /// The credential a bound field sends (chosen).
    pub fn bound_to(&self) -> Option<Uuid> {
        match self {
            SecretMode::Bound { credential, .. } => *credential,
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldState {
    pub field: FormField,
    pub input: Input,
    /// For secret fields only.
    pub secret: Option<SecretMode>,
    /// One of the connector's settings (sent as `settings`, not `config`).
    pub setting: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormModel {
    pub connector_id: Uuid,
    pub name: String,
    /// The authentication type the form is for.
    pub auth: AuthType,
    /// The type's fields (shared, then credentials, then shared), then the settings.
    pub fields: Vec<FieldState>,
    /// "Use the same credential in production": publishing copies the credential (the default).
    pub sync_credentials: bool,
}

/// The key under which problems with the connection's name are reported.
pub const NAME_KEY: &str = "name";

fn empty_input(field: &FormField) -> Input {
    match field.kind {
        FieldKind::Boolean => Input::Bool(false),
        FieldKind::Headers => Input::Headers(Vec::new()),
        _ => Input::Text(String::new()),
    }
}

fn input_of(value: &FieldValue) -> Input {
    match value {
        FieldValue::Text(t) => Input::Text(t.clone()),
        FieldValue::Number(n) => Input::Text(crate::display::number_text(*n)),
        FieldValue::Bool(b) => Input::Bool(*b),
        FieldValue::Headers(h) => Input::Headers(h.clone()),
        FieldValue::Other(v) => Input::Text(v.to_string()),
    }
}

impl FormModel {
    /// A new connection's form for the connector's default type, with the schema's defaults.
    pub fn for_create(connector: &Connector) -> FormModel {
        Self::for_create_with(connector, connector.default_auth())
    }

    /// A new connection's form for the authentication type `auth`.
    pub fn for_create_with(connector: &Connector, auth: AuthType) -> FormModel {
        let fresh = |field: &FormField, setting: bool| FieldState {
            input: field
                .default
                .as_ref()
                .map_or_else(|| empty_input(field), input_of),
            secret: field.is_secret().then_some(SecretMode::New),
            field: field.clone(),
            setting,
        };
        FormModel {
            connector_id: connector.id,
            name: String::new(),
            auth,
            sync_credentials: true,
            fields: connector
                .form_fields(auth)
                .iter()
                .map(|f| fresh(f, false))
                .chain(connector.settings.iter().map(|f| fresh(f, true)))
                .collect(),
        }
    }

    /// A production connection's own credential: its type's secret fields only, each to enter
    /// afresh or to fill with an organization credential (the rest is its preview's).
    pub fn for_production_credential(connector: &Connector, connection: &Connection) -> FormModel {
        let mut model = Self::for_create_with(connector, connection.authentication_type);
        model.name.clone_from(&connection.name);
        model.fields.retain(|s| !s.setting && s.field.is_secret());
        model
    }

    /// The body that sets a production connection's own credential: typed values and bindings.
    pub fn to_production_credential(&self) -> crate::ProductionCredential {
        let bound = |s: &FieldState| s.secret.as_ref().and_then(SecretMode::bound_to);
        crate::ProductionCredential {
            config: (self.fields.iter())
                .filter(|s| bound(s).is_none())
                .filter_map(|s| Some((s.field.key.clone(), s.value()?)))
                .collect(),
            bindings: (self.fields.iter())
                .filter_map(|s| Some((s.field.key.clone(), bound(s)?)))
                .collect(),
        }
    }

    /// The form to edit `connection`: its name, public values and settings; each stored secret
    /// kept.
    pub fn for_edit(connector: &Connector, connection: &Connection) -> FormModel {
        let stored = |field: &FormField, values: &BTreeMap<String, FieldValue>| {
            values
                .get(&field.key)
                .or(field.default.as_ref())
                .map_or_else(|| empty_input(field), input_of)
        };
        let auth = connection.authentication_type;
        let config = connector.form_fields(auth).into_iter().map(|field| {
            let (input, secret) = if field.is_secret() {
                let bound = connection.bindings.get(&field.key).copied();
                let mode = match (bound, connection.secrets.get(&field.key)) {
                    (Some(id), _) => SecretMode::Bound {
                        credential: Some(id),
                        before: None,
                    },
                    (None, Some(h)) => SecretMode::Keep {
                        hint: h.hint.clone(),
                    },
                    // Nothing stored: typing sets it.
                    (None, None) => SecretMode::Replace,
                };
                (empty_input(&field), Some(mode))
            } else {
                let input = connection
                    .config
                    .get(&field.key)
                    .map_or_else(|| empty_input(&field), input_of);
                (input, None)
            };
            FieldState {
                field,
                input,
                secret,
                setting: false,
            }
        });
        let settings = connector.settings.iter().map(|field| FieldState {
            input: stored(field, &connection.settings),
            secret: None,
            field: field.clone(),
            setting: true,
        });
        FormModel {
            connector_id: connector.id,
            name: connection.name.clone(),
            auth,
            sync_credentials: connection.sync_credentials_to_production,
            fields: config.chain(settings).collect(),
        }
    }

    /// Switches to the authentication type `auth`: the name, the shared fields and the settings
    /// stay as typed; only the credential fields change. Back to `original`'s type (an edit),
    /// its credentials come back as they were; another type's must be entered.
    pub fn switch_auth(
        &mut self,
        connector: &Connector,
        auth: AuthType,
        original: Option<&FormModel>,
    ) {
        if auth == self.auth || connector.auth(auth).is_none() {
            return;
        }
        let mut next = match original {
            Some(o) if o.auth == auth => o.clone(),
            Some(_) => {
                let mut fresh = FormModel::for_create_with(connector, auth);
                for state in &mut fresh.fields {
                    if state.secret.is_some() {
                        state.secret = Some(SecretMode::Replace);
                    }
                }
                fresh
            }
            None => FormModel::for_create_with(connector, auth),
        };
        next.name = self.name.clone();
        next.sync_credentials = self.sync_credentials;
        let shared: Vec<&str> = connector.fields.iter().map(|f| f.key.as_str()).collect();
        for state in &mut next.fields {
            let kept = state.setting || shared.contains(&state.field.key.as_str());
            if let Some(now) = self
                .fields
                .iter()
                .find(|s| s.field.key == state.field.key && kept)
            {
                *state = now.clone();
            }
        }
        *self = next;
    }

    /// Whether an address the secrets are sent to is now another one than `original`'s
    /// (emptied, it sends them nowhere).
    pub fn moves_secrets(&self, original: &FormModel) -> bool {
        self.fields
            .iter()
            .filter(|s| s.field.secret_destination)
            .any(|s| {
                let before = original
                    .fields
                    .iter()
                    .find(|o| o.field.key == s.field.key)
                    .and_then(FieldState::value);
                s.value().is_some_and(|now| Some(now) != before)
            })
    }

    /// After an edit: while an address the secrets are sent to differs from `original`'s, every
    /// kept secret must be typed again (`Reenter`); once the address is back, they are kept again.
    pub fn follow_destination(&mut self, original: &FormModel) {
        let moved = self.moves_secrets(original);
        for state in &mut self.fields {
            let next = match (&state.secret, moved) {
                (Some(SecretMode::Keep { hint }), true) => {
                    SecretMode::Reenter { hint: hint.clone() }
                }
                (Some(SecretMode::Reenter { hint }), false) => {
                    SecretMode::Keep { hint: hint.clone() }
                }
                (
                    Some(SecretMode::Bound {
                        credential,
                        before: None,
                    }),
                    true,
                ) => {
                    let before = original
                        .fields
                        .iter()
                        .find(|o| o.field.key == state.field.key)
                        .and_then(|o| o.secret.as_ref()?.bound_to());
                    match before {
                        Some(before) => SecretMode::Bound {
                            credential: None,
                            before: Some(before),
                        },
                        None => SecretMode::Bound {
                            credential: *credential,
                            before: None,
                        },
                    }
                }
                (
                    Some(SecretMode::Bound {
                        credential: None,
                        before: Some(before),
                    }),
                    false,
                ) => SecretMode::Bound {
                    credential: Some(*before),
                    before: None,
                },
                _ => continue,
            };
            state.secret = Some(next);
            state.input = empty_input(&state.field);
        }
    }

    /// The type of organization credential the field `key` may take instead of a value.
    pub fn bindable(&self, key: &str) -> Option<crate::org::CredentialType> {
        crate::org::bindable(self.auth, &self.config_fields(), key)
    }

    fn config_fields(&self) -> Vec<FormField> {
        self.fields
            .iter()
            .filter(|s| !s.setting)
            .map(|s| s.field.clone())
            .collect()
    }

    /// Whether the field `key` takes no value of its own: a bound field, or a basic
    /// credential's username beside its bound password (the credential holds both).
    pub fn filled_by_credential(&self, key: &str) -> bool {
        let bound: Vec<&str> = self
            .fields
            .iter()
            .filter(|s| matches!(s.secret, Some(SecretMode::Bound { .. })))
            .map(|s| s.field.key.as_str())
            .collect();
        if bound.is_empty() {
            return false;
        }
        let fields = self.config_fields();
        crate::org::filled_by_bindings(self.auth, &fields, &bound).contains(&key)
    }

    /// The field `key` takes an organization credential (one to choose), or, with `direct`, its
    /// own value again: the stored one when `original` had one, else one to type. Nothing typed
    /// lingers either way.
    pub fn choose_source(&mut self, key: &str, direct: bool, original: Option<&FormModel>) {
        let before = original
            .and_then(|o| o.fields.iter().find(|f| f.field.key == key))
            .and_then(|f| f.secret.clone());
        let Some(state) = self.field_mut(key) else {
            return;
        };
        let mode = match (direct, before) {
            (false, Some(bound @ SecretMode::Bound { .. })) => bound,
            (false, _) => SecretMode::Bound {
                credential: None,
                before: None,
            },
            (true, Some(keep @ SecretMode::Keep { .. })) => keep,
            (true, None | Some(SecretMode::New)) => SecretMode::New,
            (true, Some(_)) => SecretMode::Replace,
        };
        state.secret = Some(mode);
        state.input = empty_input(&state.field);
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut FieldState> {
        self.fields.iter_mut().find(|f| f.field.key == key)
    }

    /// Every problem with the form as it stands, by field key, in form order (name first).
    pub fn problems(&self) -> Vec<(String, Problem)> {
        let mut out = Vec::new();
        if let Err(p) = validate::check_name(&self.name) {
            out.push((NAME_KEY.to_string(), p));
        }
        for state in &self.fields {
            if state.secret.is_none() && self.filled_by_credential(&state.field.key) {
                continue;
            }
            if let Some(p) = state.problem() {
                out.push((state.field.key.clone(), p));
            }
        }
        out
    }

    /// The body of the create request: given values only, numbers parsed, blank header rows
    /// dropped. Call it when [`FormModel::problems`] is empty.
    pub fn to_create(&self) -> CreateConnection {
        let values = |setting: bool| {
            self.fields
                .iter()
                .filter(|s| s.setting == setting)
                .filter(|s| s.secret.is_some() || !self.filled_by_credential(&s.field.key))
                .filter_map(|s| Some((s.field.key.clone(), s.value()?)))
                .collect()
        };
        CreateConnection {
            connector_id: self.connector_id,
            name: self.name.trim().to_string(),
            authentication_type: Some(self.auth),
            config: values(false),
            bindings: self
                .fields
                .iter()
                .filter_map(|s| Some((s.field.key.clone(), s.secret.as_ref()?.bound_to()?)))
                .collect(),
            settings: values(true),
            // Sent only when off: the hub's default is on.
            sync_credentials_to_production: (!self.sync_credentials).then_some(false),
        }
    }

    /// The body of the update request against `original`: only what changed. A kept secret is
    /// never sent; a replaced one only with its new value; a cleared one as null.
    pub fn to_update(&self, original: &FormModel) -> UpdateConnection {
        let mut config = BTreeMap::new();
        let mut bindings = BTreeMap::new();
        let mut settings = BTreeMap::new();
        for state in &self.fields {
            let key = state.field.key.clone();
            let config = if state.setting {
                &mut settings
            } else {
                &mut config
            };
            let was = original
                .fields
                .iter()
                .find(|f| f.field.key == state.field.key)
                .and_then(|f| f.secret.as_ref()?.bound_to());
            let now = state.secret.as_ref().and_then(SecretMode::bound_to);
            // A binding is sent when it changes, and again when the address moved (the hub
            // sends the credential's secret there only when it is chosen again).
            let changed = now != was || (now.is_some() && self.moves_secrets(original));
            if changed && (now.is_some() || was.is_some()) {
                bindings.insert(key.clone(), now);
            }
            match &state.secret {
                Some(SecretMode::Keep { .. })
                | Some(SecretMode::New)
                | Some(SecretMode::Bound { .. }) => {}
                Some(SecretMode::Replace) | Some(SecretMode::Reenter { .. }) => {
                    if let Some(v) = state.value() {
                        config.insert(key, Some(v));
                    }
                }
                Some(SecretMode::Clear) => {
                    config.insert(key, None);
                }
                // Its credential's: nothing of its own is sent.
                None if self.filled_by_credential(&key) => {}
                None => {
                    let before = original
                        .fields
                        .iter()
                        .find(|f| f.field.key == state.field.key)
                        .and_then(FieldState::value);
                    let now = state.value();
                    if before != now {
                        config.insert(key, now);
                    }
                }
            }
        }
        UpdateConnection {
            name: (self.name.trim() != original.name.trim()).then(|| self.name.trim().to_string()),
            enabled: None,
            authentication_type: (self.auth != original.auth).then_some(self.auth),
            config,
            bindings,
            settings,
            sync_credentials_to_production: (self.sync_credentials != original.sync_credentials)
                .then_some(self.sync_credentials),
        }
    }

    /// Whether anything differs from `original` (to ask before discarding).
    pub fn is_dirty(&self, original: &FormModel) -> bool {
        self != original
    }
}

impl FieldState {
    /// The value to send, or None when the field is left empty. A field of a kind this page
    /// does not know is never sent: it is shown read-only.
    pub fn value(&self) -> Option<FieldValue> {
        match (&self.input, self.field.kind) {
            (_, FieldKind::Other) => None,
            (Input::Bool(b), _) => Some(FieldValue::Bool(*b)),
            (Input::Headers(rows), _) => {
                let rows: Vec<Header> = rows
                    .iter()
                    .filter(|h| !(h.name.trim().is_empty() && h.value.trim().is_empty()))
                    .map(|h| Header {
                        name: h.name.trim().to_string(),
                        value: h.value.clone(),
                    })
                    .collect();
                (!rows.is_empty()).then_some(FieldValue::Headers(rows))
            }
            (Input::Text(t), _) if t.trim().is_empty() => None,
            (Input::Text(t), FieldKind::Number) => {
                t.trim().parse::<f64>().ok().map(FieldValue::Number)
            }
            (Input::Text(t), FieldKind::Url) => Some(FieldValue::Text(t.trim().to_string())),
            (Input::Text(t), _) => Some(FieldValue::Text(t.clone())),
        }
    }

    /// What is wrong with this field as typed, if anything.
    pub fn problem(&self) -> Option<Problem> {
        if self.field.kind == FieldKind::Other {
            // Only a required one stops a save: this page cannot fill it in.
            return self.field.required.then_some(Problem::NeedsNewerPage);
        }
        match &self.secret {
            // A kept secret is the hub's business; a cleared one is checked by required-ness.
            Some(SecretMode::Keep { .. }) => return None,
            Some(SecretMode::Clear) => {
                return self.field.required.then_some(Problem::Required);
            }
            Some(SecretMode::Reenter { .. }) if self.value().is_none() => {
                return Some(Problem::ReenterSecret);
            }
            Some(SecretMode::Bound {
                credential: None,
                before,
            }) => {
                return Some(match before {
                    Some(_) => Problem::ConfirmBinding,
                    None => Problem::ChooseCredential,
                });
            }
            Some(SecretMode::Bound { .. }) => return None,
            _ => {}
        }
        if let (Input::Text(t), FieldKind::Number) = (&self.input, self.field.kind) {
            if !t.trim().is_empty() && !t.trim().parse::<f64>().is_ok_and(f64::is_finite) {
                return Some(Problem::NotANumber);
            }
        }
        match self.value() {
            Some(value) => validate::check_value(&self.field, &value).err(),
            None if self.field.required => Some(Problem::Required),
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{ConnectorType, SecretHint};

    fn field(key: &str, kind: FieldKind, required: bool) -> FormField {
        FormField::new(key, key, kind, required)
    }

    fn connector(fields: Vec<FormField>) -> Connector {
        Connector {
            fields,
            ..crate::fixtures::connector(Uuid::from_u128(7), "Tool", ConnectorType::ToolUser)
        }
    }

    fn tool() -> Connector {
        let mut retries = field("retries", FieldKind::Number, false);
        retries.default = Some(FieldValue::Number(3.0));
        connector(vec![
            field("base_url", FieldKind::Url, false),
            field("api_key", FieldKind::Secret, true),
            field("access_token", FieldKind::Secret, false),
            field("headers", FieldKind::Headers, false),
            retries,
            field("verbose", FieldKind::Boolean, false),
        ])
    }

    fn saved() -> Connection {
        let mut saved =
            crate::fixtures::connection(Uuid::from_u128(9), Uuid::from_u128(7), "Saved");
        saved.config = BTreeMap::from([(
            "base_url".to_string(),
            FieldValue::Text("https://api.example.com".into()),
        )]);
        saved.secrets = BTreeMap::from([
            (
                "api_key".to_string(),
                SecretHint {
                    hint: "••••1234".into(),
                },
            ),
            (
                "access_token".to_string(),
                SecretHint {
                    hint: "••••••••".into(),
                },
            ),
        ]);
        saved
    }

    fn set(model: &mut FormModel, key: &str, input: Input) {
        model.field_mut(key).unwrap().input = input;
    }

    #[test]
    fn a_new_form_takes_the_schemas_defaults_and_requires_what_it_must() {
        let model = FormModel::for_create(&tool());
        assert_eq!(model.fields[4].input, Input::Text("3".into()));
        assert_eq!(model.fields[5].input, Input::Bool(false));
        assert_eq!(
            model.problems(),
            [
                (NAME_KEY.to_string(), Problem::Required),
                ("api_key".to_string(), Problem::Required)
            ]
        );
    }

    #[test]
    fn a_create_body_has_given_values_only_typed_by_kind() {
        let mut model = FormModel::for_create(&tool());
        model.name = "  My API ".into();
        set(&mut model, "api_key", Input::Text("sk-1".into()));
        set(
            &mut model,
            "base_url",
            Input::Text(" https://api.example.com ".into()),
        );
        set(
            &mut model,
            "headers",
            Input::Headers(vec![
                Header {
                    name: " X-A ".into(),
                    value: "1".into(),
                },
                Header {
                    name: "".into(),
                    value: " ".into(),
                },
            ]),
        );
        assert!(model.problems().is_empty(), "{:?}", model.problems());
        let body = model.to_create();
        assert_eq!(body.name, "My API");
        assert_eq!(
            body.config["base_url"],
            FieldValue::Text("https://api.example.com".into())
        );
        assert_eq!(body.config["retries"], FieldValue::Number(3.0));
        assert_eq!(body.config["verbose"], FieldValue::Bool(false));
        assert_eq!(
            body.config["headers"],
            FieldValue::Headers(vec![Header {
                name: "X-A".into(),
                value: "1".into()
            }])
        );
        assert!(!body.config.contains_key("access_token"));
    }

    #[test]
    fn moving_the_address_asks_for_every_stored_secret_again_until_it_is_back() {
        let mut connector = tool();
        connector.fields[0].secret_destination = true;
        let original = FormModel::for_edit(&connector, &saved());
        let mut edited = original.clone();
        set(
            &mut edited,
            "base_url",
            Input::Text("https://elsewhere.example.com".into()),
        );
        edited.follow_destination(&original);
        for key in ["api_key", "access_token"] {
            let state = edited.fields.iter().find(|f| f.field.key == key).unwrap();
            assert!(
                matches!(state.secret, Some(SecretMode::Reenter { .. })),
                "{key}"
            );
        }
        assert_eq!(
            edited.problems(),
            [
                ("api_key".to_string(), Problem::ReenterSecret),
                ("access_token".to_string(), Problem::ReenterSecret)
            ]
        );
        set(&mut edited, "api_key", Input::Text("new-key".into()));
        set(&mut edited, "access_token", Input::Text("new-token".into()));
        assert!(edited.problems().is_empty());
        let update = edited.to_update(&original);
        assert_eq!(
            update.config["api_key"],
            Some(FieldValue::Text("new-key".into()))
        );
        assert_eq!(
            update.config["access_token"],
            Some(FieldValue::Text("new-token".into()))
        );

        // The address back as it was: the stored secrets are kept again, and nothing is typed.
        set(
            &mut edited,
            "base_url",
            Input::Text(" https://api.example.com ".into()),
        );
        edited.follow_destination(&original);
        assert_eq!(edited.fields[1].secret, original.fields[1].secret);
        assert_eq!(edited.fields[1].input, Input::Text(String::new()));
        assert!(edited.to_update(&original).config.is_empty());

        // Without a marked address, moving a URL keeps the secrets.
        let plain = FormModel::for_edit(&tool(), &saved());
        let mut moved = plain.clone();
        set(
            &mut moved,
            "base_url",
            Input::Text("https://elsewhere.example.com".into()),
        );
        moved.follow_destination(&plain);
        assert_eq!(moved.fields[1].secret, plain.fields[1].secret);
    }

    #[test]
    fn headers_with_secret_values_are_kept_unless_replaced() {
        let mut connector = tool();
        connector.fields[3].secret_values = true;
        let mut connection = saved();
        connection.secrets.insert(
            "headers".into(),
            SecretHint {
                hint: "X-Key: ••••9876".into(),
            },
        );
        let original = FormModel::for_edit(&connector, &connection);
        let headers = &original.fields[3];
        assert_eq!(
            headers.secret,
            Some(SecretMode::Keep {
                hint: "X-Key: ••••9876".into()
            })
        );
        assert_eq!(headers.input, Input::Headers(Vec::new()));
        assert!(original.to_update(&original).config.is_empty());
        let mut replaced = original.clone();
        replaced.fields[3].secret = Some(SecretMode::Replace);
        let rows = vec![Header {
            name: "X-Key".into(),
            value: "new-key".into(),
        }];
        set(&mut replaced, "headers", Input::Headers(rows.clone()));
        assert_eq!(
            replaced.to_update(&original).config["headers"],
            Some(FieldValue::Headers(rows))
        );
        let fresh = FormModel::for_create(&connector);
        assert_eq!(fresh.fields[3].secret, Some(SecretMode::New));
    }

    #[test]
    fn numbers_and_urls_are_checked_as_typed() {
        let mut model = FormModel::for_create(&tool());
        model.name = "x".into();
        set(&mut model, "api_key", Input::Text("k".into()));
        set(&mut model, "retries", Input::Text("three".into()));
        set(
            &mut model,
            "base_url",
            Input::Text("http://api.example.com".into()),
        );
        assert_eq!(
            model.problems(),
            [
                ("base_url".to_string(), Problem::InsecureUrl),
                ("retries".to_string(), Problem::NotANumber)
            ]
        );
    }

    #[test]
    fn editing_keeps_secrets_and_sends_only_what_changed() {
        let original = FormModel::for_edit(&tool(), &saved());
        assert_eq!(
            original.fields[1].secret,
            Some(SecretMode::Keep {
                hint: "••••1234".into()
            })
        );
        assert_eq!(original.fields[1].input, Input::Text(String::new()));
        assert!(original.problems().is_empty());

        let mut renamed = original.clone();
        renamed.name = "Renamed".into();
        assert!(renamed.is_dirty(&original));
        assert_eq!(
            renamed.to_update(&original),
            UpdateConnection {
                name: Some("Renamed".into()),
                ..Default::default()
            }
        );
        assert!(!original.is_dirty(&original.clone()));

        let mut replaced = original.clone();
        replaced.field_mut("api_key").unwrap().secret = Some(SecretMode::Replace);
        assert_eq!(
            replaced.problems(),
            [("api_key".to_string(), Problem::Required)]
        );
        set(&mut replaced, "api_key", Input::Text("sk-new-9999".into()));
        replaced.field_mut("access_token").unwrap().secret = Some(SecretMode::Clear);
        set(&mut replaced, "base_url", Input::Text(String::new()));
        let update = replaced.to_update(&original);
        assert_eq!(update.name, None);
        assert_eq!(
            update.config["api_key"],
            Some(FieldValue::Text("sk-new-9999".into()))
        );
        assert_eq!(update.config["access_token"], None);
        assert_eq!(update.config["base_url"], None);
        assert_eq!(update.config.len(), 3);

        let mut cleared_required = original.clone();
        cleared_required.field_mut("api_key").unwrap().secret = Some(SecretMode::Clear);
        assert_eq!(
            cleared_required.problems(),
            [("api_key".to_string(), Problem::Required)]
        );
    }
}

#[cfg(test)]
mod auth_tests {
    use super::*;
    use crate::wire::{AuthenticationType, ConnectorType, SecretHint};

    fn field(key: &str, kind: FieldKind, required: bool) -> FormField {
        FormField::new(key, key, kind, required)
    }

    /// Three types (API key, basic, bearer), a shared address and headers, and settings.
    fn ledger() -> Connector {
        let auth = |kind, fields| AuthenticationType {
            label: None,
            kind,
            fields,
            oauth: None,
        };
        let mut currency = field("currency", FieldKind::Select, true);
        currency.default = Some(FieldValue::Text("BRL".into()));
        currency.options = vec![crate::wire::SelectOption {
            value: "BRL".into(),
            label: "Real".into(),
        }];
        let mut temperature = field("temperature", FieldKind::Number, false);
        (temperature.min, temperature.max) = (Some(0.0), Some(1.0));
        temperature.default = Some(FieldValue::Number(0.5));
        Connector {
            authentication_types: vec![
                auth(
                    AuthType::ApiKey,
                    vec![field("api_key", FieldKind::Secret, true)],
                ),
                auth(
                    AuthType::BasicAuth,
                    vec![
                        field("username", FieldKind::Text, true),
                        field("password", FieldKind::Secret, true),
                    ],
                ),
                auth(
                    AuthType::Bearer,
                    vec![field("token", FieldKind::Secret, true)],
                ),
            ],
            fields: vec![
                field("headers", FieldKind::Headers, false),
                field("base_url", FieldKind::Url, true),
            ],
            settings: vec![
                currency,
                temperature,
                field("prompt", FieldKind::Multiline, false),
            ],
            ..crate::fixtures::connector(Uuid::from_u128(3), "Ledger", ConnectorType::ToolUser)
        }
    }

    fn keys(model: &FormModel) -> Vec<&str> {
        model.fields.iter().map(|f| f.field.key.as_str()).collect()
    }

    #[test]
    fn a_type_shows_addresses_then_its_credentials_then_the_rest_then_settings() {
        let model = FormModel::for_create(&ledger());
        assert_eq!(model.auth, AuthType::ApiKey);
        assert_eq!(
            keys(&model),
            [
                "base_url",
                "api_key",
                "headers",
                "currency",
                "temperature",
                "prompt"
            ]
        );
        assert_eq!(model.fields[3].input, Input::Text("BRL".into()));
        assert!(model.fields[3..].iter().all(|f| f.setting));
    }

    #[test]
    fn a_production_credential_asks_for_the_secret_fields_only() {
        let connector = ledger();
        let mut connection = crate::fixtures::connection(Uuid::from_u128(7), connector.id, "Books");
        connection.authentication_type = AuthType::BasicAuth;
        let mut model = FormModel::for_production_credential(&connector, &connection);
        assert_eq!(keys(&model), ["password"]);
        assert_eq!(model.problems().len(), 1, "the password is required");
        model.field_mut("password").unwrap().input = Input::Text("pw-live".into());
        assert!(model.problems().is_empty());
        let body = model.to_production_credential();
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({ "config": { "password": "pw-live" } })
        );
        let credential = Uuid::from_u128(9);
        model.field_mut("password").unwrap().secret = Some(SecretMode::Bound {
            credential: Some(credential),
            before: None,
        });
        let body = model.to_production_credential();
        assert!(
            body.config.is_empty(),
            "a bound field sends its credential only"
        );
        assert_eq!(
            body.bindings,
            BTreeMap::from([("password".into(), credential)])
        );
    }

    #[test]
    fn the_sync_switch_is_sent_only_when_it_says_something() {
        let connector = ledger();
        let mut model = FormModel::for_create(&connector);
        assert_eq!(model.to_create().sync_credentials_to_production, None);
        model.sync_credentials = false;
        assert_eq!(
            model.to_create().sync_credentials_to_production,
            Some(false)
        );
        let original = model.clone();
        assert_eq!(
            model.to_update(&original).sync_credentials_to_production,
            None
        );
        model.sync_credentials = true;
        assert_eq!(
            model.to_update(&original).sync_credentials_to_production,
            Some(true)
        );
        model.switch_auth(&connector, AuthType::Bearer, None);
        assert!(model.sync_credentials, "a change of type keeps the switch");
    }

    #[test]
    fn switching_type_keeps_name_shared_fields_and_settings() {
        let connector = ledger();
        let mut model = FormModel::for_create(&connector);
        model.name = "Books".into();
        model.field_mut("base_url").unwrap().input = Input::Text("https://l.example".into());
        model.field_mut("api_key").unwrap().input = Input::Text("k-1".into());
        model.field_mut("prompt").unwrap().input = Input::Text("Cents.".into());
        model.switch_auth(&connector, AuthType::BasicAuth, None);
        assert_eq!(model.auth, AuthType::BasicAuth);
        assert_eq!(
            keys(&model),
            [
                "base_url",
                "username",
                "password",
                "headers",
                "currency",
                "temperature",
                "prompt"
            ]
        );
        assert_eq!(model.name, "Books");
        assert_eq!(
            model.field_mut("base_url").unwrap().input,
            Input::Text("https://l.example".into())
        );
        assert_eq!(
            model.field_mut("prompt").unwrap().input,
            Input::Text("Cents.".into())
        );
        let body = {
            model.field_mut("username").unwrap().input = Input::Text("ada".into());
            model.field_mut("password").unwrap().input = Input::Text("pw".into());
            model.to_create()
        };
        assert_eq!(body.authentication_type, Some(AuthType::BasicAuth));
        assert!(!body.config.contains_key("api_key"));
        assert_eq!(body.settings["prompt"], FieldValue::Text("Cents.".into()));
        assert_eq!(body.settings["temperature"], FieldValue::Number(0.5));
        // A type the connector does not offer changes nothing.
        let before = model.clone();
        model.switch_auth(&connector, AuthType::Oauth, None);
        assert_eq!(model, before);
    }

    #[test]
    fn an_edit_changes_settings_alone_or_moves_to_a_type_with_its_credentials() {
        let connector = ledger();
        let mut saved = crate::fixtures::connection(Uuid::from_u128(4), connector.id, "Books");
        saved.config.insert(
            "base_url".into(),
            FieldValue::Text("https://l.example".into()),
        );
        saved.secrets.insert(
            "api_key".into(),
            SecretHint {
                hint: "••••1234".into(),
            },
        );
        let original = FormModel::for_edit(&connector, &saved);
        assert_eq!(original.auth, AuthType::ApiKey);

        let mut settings_only = original.clone();
        settings_only.field_mut("prompt").unwrap().input = Input::Text("Cents.".into());
        let body = settings_only.to_update(&original);
        assert_eq!(
            body,
            UpdateConnection {
                settings: BTreeMap::from([(
                    "prompt".into(),
                    Some(FieldValue::Text("Cents.".into()))
                )]),
                ..Default::default()
            }
        );

        let mut moved = original.clone();
        moved.switch_auth(&connector, AuthType::Bearer, Some(&original));
        assert_eq!(moved.auth, AuthType::Bearer);
        assert_eq!(moved.problems(), [("token".to_string(), Problem::Required)]);
        moved.field_mut("token").unwrap().input = Input::Text("t-1".into());
        let body = moved.to_update(&original);
        assert_eq!(body.authentication_type, Some(AuthType::Bearer));
        assert_eq!(
            body.config,
            BTreeMap::from([("token".into(), Some(FieldValue::Text("t-1".into())))])
        );
        // Back to the stored type: its secret is kept again, nothing to send.
        moved.switch_auth(&connector, AuthType::ApiKey, Some(&original));
        assert_eq!(moved.to_update(&original), UpdateConnection::default());
    }

    #[test]
    fn settings_are_validated_like_credentials() {
        let connector = ledger();
        let mut model = FormModel::for_create(&connector);
        model.field_mut("temperature").unwrap().input = Input::Text("1.5".into());
        let problems = model.problems();
        assert!(problems.contains(&(
            "temperature".to_string(),
            Problem::OutOfRange {
                min: "0".into(),
                max: "1".into()
            }
        )));
    }
}
