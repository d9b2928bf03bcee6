//! A form's secret fields filled by organization credentials (issue 28): which fields may take
//! one, the bodies a bound form sends (an id, never a secret), switching between a credential
//! and a typed value, and a moved address asking for the credential again.

use serde_json::json;
use uuid::Uuid;
use wayai_core::{
    form::{FormModel, Input, SecretMode},
    org::CredentialType,
    validate::Problem,
    Connection, Connector, FieldValue,
};

/// A tool with an address the secrets go to, an API key and an optional access token.
fn tool() -> Connector {
    serde_json::from_value(json!({
        "id": Uuid::from_u128(7), "slug": "tool", "type": "tool_user", "name": "Tool",
        "description": "", "status": "enabled",
        "authentication_types": [{ "type": "api_key", "fields": [
            { "key": "api_key", "label": "API Key", "kind": "secret", "required": true },
            { "key": "access_token", "label": "Access token", "kind": "secret", "required": false }
        ]}],
        "fields": [{ "key": "base_url", "label": "Base URL", "kind": "url", "required": true,
            "secret_destination": true }]
    }))
    .expect("a connector")
}

fn bound_connection(credential: Uuid) -> Connection {
    serde_json::from_value(json!({
        "id": Uuid::from_u128(9), "connector_id": Uuid::from_u128(7), "name": "Bound",
        "authentication_type": "api_key", "enabled": true, "deletable": true,
        "config": { "base_url": "https://api.example.com" },
        "secrets": { "access_token": { "hint": "••••abcd" } },
        "bindings": { "api_key": credential },
        "health": { "status": "ok", "message": "" },
        "created_at": "2026-12-05T00:00:00Z", "updated_at": "2026-12-05T00:00:00Z"
    }))
    .expect("a connection")
}

fn type_in(model: &mut FormModel, key: &str, text: &str) {
    model.field_mut(key).unwrap().input = Input::Text(text.into());
}

#[test]
fn a_key_takes_its_kind_of_credential_and_a_second_secret_a_bearer_token() {
    let model = FormModel::for_create(&tool());
    assert_eq!(model.bindable("api_key"), Some(CredentialType::ApiKey));
    assert_eq!(model.bindable("access_token"), Some(CredentialType::Bearer));
    assert_eq!(model.bindable("base_url"), None);
}

#[test]
fn a_bound_create_sends_the_id_and_no_value() {
    let credential = Uuid::from_u128(42);
    let mut model = FormModel::for_create(&tool());
    model.name = "Bound".into();
    type_in(&mut model, "base_url", "https://api.example.com");
    type_in(&mut model, "api_key", "sk-typed-then-dropped");
    model.choose_source("api_key", false, None);
    // Nothing typed lingers, and one must be chosen.
    assert_eq!(
        model.field_mut("api_key").unwrap().input,
        Input::Text(String::new())
    );
    assert_eq!(
        model.problems(),
        [("api_key".to_string(), Problem::ChooseCredential)]
    );
    model.field_mut("api_key").unwrap().secret = Some(SecretMode::Bound {
        credential: Some(credential),
        before: None,
    });
    assert!(model.problems().is_empty());
    let body = model.to_create();
    assert_eq!(body.bindings["api_key"], credential);
    assert!(!body.config.contains_key("api_key"));
    // Back to typing: the name and address stay, the binding goes.
    model.choose_source("api_key", true, None);
    assert_eq!(model.name, "Bound");
    assert_eq!(
        model.problems(),
        [("api_key".to_string(), Problem::Required)]
    );
    assert!(model.to_create().bindings.is_empty());
}

#[test]
fn an_edit_sends_a_binding_only_when_it_changes_or_the_address_moves() {
    let (first, second) = (Uuid::from_u128(1), Uuid::from_u128(2));
    let original = FormModel::for_edit(&tool(), &bound_connection(first));
    assert_eq!(
        original.fields[1].secret,
        Some(SecretMode::Bound {
            credential: Some(first),
            before: None
        })
    );
    let mut edited = original.clone();
    edited.name = "Renamed".into();
    assert!(edited.to_update(&original).bindings.is_empty());
    // Another credential.
    edited.field_mut("api_key").unwrap().secret = Some(SecretMode::Bound {
        credential: Some(second),
        before: None,
    });
    assert_eq!(
        edited.to_update(&original).bindings["api_key"],
        Some(second)
    );
    // Its own value instead: unbound, and the value sent.
    let mut direct = original.clone();
    direct.choose_source("api_key", true, Some(&original));
    type_in(&mut direct, "api_key", "sk-own-value-1234");
    let update = direct.to_update(&original);
    assert_eq!(update.bindings["api_key"], None);
    assert_eq!(
        update.config["api_key"],
        Some(FieldValue::Text("sk-own-value-1234".into()))
    );

    // A moved address: the credential must be chosen again, and is then sent again.
    let mut moved = original.clone();
    type_in(&mut moved, "base_url", "https://elsewhere.example.com");
    moved.follow_destination(&original);
    assert!(moved
        .problems()
        .contains(&("api_key".to_string(), Problem::ConfirmBinding)));
    moved.field_mut("api_key").unwrap().secret = Some(SecretMode::Bound {
        credential: Some(first),
        before: Some(first),
    });
    type_in(&mut moved, "access_token", "new-token-1234");
    assert!(moved.problems().is_empty(), "{:?}", moved.problems());
    assert_eq!(moved.to_update(&original).bindings["api_key"], Some(first));
    // Back where it was: bound as before, nothing to send.
    let mut back = original.clone();
    type_in(&mut back, "base_url", "https://elsewhere.example.com");
    back.follow_destination(&original);
    type_in(&mut back, "base_url", "https://api.example.com");
    back.follow_destination(&original);
    assert_eq!(back.fields[1].secret, original.fields[1].secret);
    assert!(back.to_update(&original).bindings.is_empty());
}

/// A basic credential holds the username and the password: bound, the form asks for neither
/// and sends neither; typed again, the username is its own.
#[test]
fn a_basic_credential_fills_the_username_too() {
    let basic: Connector = serde_json::from_value(json!({
        "id": Uuid::from_u128(8), "slug": "basic", "type": "tool_user", "name": "Basic",
        "description": "", "status": "enabled",
        "authentication_types": [{ "type": "basic_auth", "fields": [
            { "key": "username", "label": "Username", "kind": "text", "required": true },
            { "key": "password", "label": "Password", "kind": "secret", "required": true }
        ]}],
        "fields": []
    }))
    .expect("a connector");
    let credential = Uuid::from_u128(43);
    let mut model = FormModel::for_create(&basic);
    model.name = "Billing".into();
    type_in(&mut model, "username", "ada");
    assert_eq!(model.bindable("password"), Some(CredentialType::BasicAuth));
    model.choose_source("password", false, None);
    model.field_mut("password").unwrap().secret = Some(SecretMode::Bound {
        credential: Some(credential),
        before: None,
    });
    assert!(model.filled_by_credential("username"));
    assert!(model.problems().is_empty(), "{:?}", model.problems());
    let body = model.to_create();
    assert_eq!(body.bindings["password"], credential);
    assert!(body.config.is_empty(), "{:?}", body.config);
    model.choose_source("password", true, None);
    assert!(!model.filled_by_credential("username"));
    assert_eq!(
        model.to_create().config["username"],
        FieldValue::Text("ada".into())
    );
}
