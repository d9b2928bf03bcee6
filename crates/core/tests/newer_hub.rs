//! A newer hub never blanks the page (issue 27): catalogs and connection lists salted with
//! properties and values this version does not know still decode, with everything it knows
//! unchanged and each unknown value read as its type's `Other`.

use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use uuid::Uuid;
use wayai_core::{
    AuthType, AuthenticationType, Catalog, Connection, ConnectionList, Connector, ConnectorStatus,
    ConnectorType, FieldKind, FieldValue, FormField, Health, HealthStatus, HubFacts,
};

/// A catalog with every field kind, several authentication types and statuses.
fn catalog() -> Catalog {
    let fields: Vec<FormField> = FieldKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| FormField::new(&format!("f{i}"), &format!("Field {i}"), *k, i % 2 == 0))
        .collect();
    let connectors = [
        (ConnectorType::Agent, ConnectorStatus::Enabled),
        (ConnectorType::ToolUser, ConnectorStatus::Disabled),
        (ConnectorType::ToolMcp, ConnectorStatus::AutoEnabled),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (t, status))| Connector {
        id: Uuid::from_u128(i as u128 + 1),
        slug: format!("demo-{i}"),
        connector_type: t,
        name: format!("Demo {i}"),
        description: "A demo.".into(),
        status,
        authentication_types: vec![
            AuthenticationType {
                label: None,
                kind: AuthType::ApiKey,
                fields: fields.clone(),
                oauth: None,
            },
            AuthenticationType {
                label: None,
                kind: AuthType::Bearer,
                fields: fields[..2].to_vec(),
                oauth: None,
            },
        ],
        fields: fields[..1].to_vec(),
        settings: fields[5..].to_vec(),
        prerequisites: Some("An account.".into()),
        agent_tools: vec!["search".into()],
        voices: vec![],
        features: vec![],
        group: None,
        variant: None,
        capabilities: None,
        logo: None,
    })
    .collect();
    Catalog {
        connectors,
        groups: vec![],
    }
}

fn connections() -> ConnectionList {
    let c = Connection {
        id: Uuid::from_u128(9),
        connector_id: Uuid::from_u128(1),
        name: "Mine".into(),
        authentication_type: AuthType::ApiKey,
        enabled: true,
        deletable: true,
        config: BTreeMap::from([
            ("f0".to_string(), FieldValue::Text("x".into())),
            ("f6".to_string(), FieldValue::Number(3.0)),
        ]),
        secrets: BTreeMap::new(),
        bindings: Default::default(),
        settings: BTreeMap::new(),
        health: Health {
            status: HealthStatus::Ok,
            message: "fine".into(),
            code: String::new(),
            params: Default::default(),
            checked_at: None,
        },
        created_at: "2026-12-04T00:00:00Z".into(),
        updated_at: "2026-12-04T00:00:00Z".into(),
        oauth: None,
        mcp: None,
        whatsapp: None,
        sync_credentials_to_production: false,
        production_credential_set: Some(false),
    };
    ConnectionList {
        connections: vec![c],
        hub: HubFacts {
            environment: wayai_core::org::Environment::Production,
            published_from: vec![Uuid::from_u128(3)],
        },
    }
}

/// The JSON pointer of every object in `v` that is not a map of values (config, settings,
/// secrets, whose keys are data, not properties).
fn objects(v: &Value) -> Vec<String> {
    fn walk(v: &Value, at: String, maps: bool, out: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                if !maps {
                    out.push(at.clone());
                }
                for (k, child) in o {
                    let map = matches!(k.as_str(), "config" | "settings" | "secrets");
                    walk(child, format!("{at}/{k}"), map, out);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, format!("{at}/{i}"), false, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, String::new(), false, &mut out);
    out
}

/// Adds `name: value` to the object `at` picks among `v`'s.
fn salt(v: &mut Value, at: prop::sample::Index, name: &str, value: &Value) {
    let all = objects(v);
    let pointer = &all[at.index(all.len())];
    if let Some(Value::Object(o)) = v.pointer_mut(pointer) {
        o.insert(format!("newer_{name}"), value.clone());
    }
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[ -~]{0,12}".prop_map(Value::from),
        Just(json!({ "nested": [1, { "deeper": null }] })),
        Just(Value::Null),
    ]
}

proptest! {
    #[test]
    fn unknown_properties_anywhere_are_ignored(
        salts in prop::collection::vec((any::<prop::sample::Index>(), "[a-z_]{1,10}", leaf()), 1..12),
    ) {
        let original = catalog();
        let mut v = serde_json::to_value(&original).unwrap();
        let list = connections();
        let mut w = serde_json::to_value(&list).unwrap();
        for (at, name, value) in &salts {
            salt(&mut v, *at, name, value);
            salt(&mut w, *at, name, value);
        }
        let decoded: Catalog = serde_json::from_value(v).unwrap();
        prop_assert_eq!(decoded, original);
        let decoded: ConnectionList = serde_json::from_value(w).unwrap();
        prop_assert_eq!(decoded, list);
    }

    #[test]
    fn an_unknown_value_is_its_types_other_and_the_rest_unchanged(
        word in "[a-z]{3,10}_newer",
        connector in 0usize..3,
        field in 0usize..8,
        which in 0usize..4,
    ) {
        let mut expected = catalog();
        let mut v = serde_json::to_value(&expected).unwrap();
        let c = &mut v["connectors"][connector];
        let e = &mut expected.connectors[connector];
        match which {
            0 => { c["type"] = json!(word); e.connector_type = ConnectorType::Other; }
            1 => { c["status"] = json!(word); e.status = ConnectorStatus::Other; }
            2 => {
                c["authentication_types"][1]["type"] = json!(word);
                e.authentication_types[1].kind = AuthType::Other;
            }
            _ => {
                c["authentication_types"][0]["fields"][field]["kind"] = json!(word);
                e.authentication_types[0].fields[field].kind = FieldKind::Other;
            }
        }
        let decoded: Catalog = serde_json::from_value(v).unwrap();
        prop_assert_eq!(decoded, expected);
    }

    #[test]
    fn an_unknown_health_or_value_shape_keeps_the_connection(word in "[a-z]{3,10}_newer", shape in leaf()) {
        let mut list = connections();
        let mut v = serde_json::to_value(&list).unwrap();
        v["connections"][0]["health"]["status"] = json!(word);
        v["connections"][0]["config"]["f9"] = json!({ "newer": shape });
        let decoded: ConnectionList = serde_json::from_value(v).unwrap();
        list.connections[0].health.status = HealthStatus::Other;
        list.connections[0].config.insert("f9".into(), FieldValue::Other(json!({ "newer": shape })));
        prop_assert_eq!(decoded, list);
    }
}

/// The connector's default type is the first this page knows, so a newer type listed first
/// does not take over the form.
#[test]
fn a_newer_type_listed_first_is_not_the_default() {
    let mut c: Connector = catalog().connectors.remove(0);
    c.authentication_types[0].kind = AuthType::Other;
    assert_eq!(c.default_auth(), AuthType::Bearer);
}
