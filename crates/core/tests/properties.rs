//! Property tests over generated input: validation rules and the form model's secret handling.

use proptest::prelude::*;
use std::collections::BTreeMap;
use uuid::Uuid;
use wayai_core::{
    form::{FormModel, Input, SecretMode},
    validate::{
        check_headers, check_name, check_url, check_value, is_header_name, Problem, NAME_MAX,
        RESERVED_HEADERS, TEXT_MAX,
    },
    AuthType, AuthenticationType, Connection, Connector, ConnectorStatus, ConnectorType, FieldKind,
    FieldValue, FormField, Header, Health, HealthStatus, SecretHint,
};

fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

fn label() -> impl Strategy<Value = String> {
    "[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?"
}

fn field(key: &str, kind: FieldKind, required: bool) -> FormField {
    FormField::new(key, key, kind, required)
}

proptest! {
    #[test]
    fn header_names_are_exactly_the_http_tokens(name in any::<String>()) {
        prop_assert_eq!(is_header_name(&name), !name.is_empty() && name.chars().all(is_tchar));
    }

    #[test]
    fn header_lists_catch_every_case_insensitive_duplicate(
        names in prop::collection::btree_set("[A-Za-z][A-Za-z0-9-]{0,12}", 1..8),
        pick in any::<prop::sample::Index>(),
    ) {
        // Distinct ignoring case to start with.
        let mut seen = std::collections::HashSet::new();
        // Names the hub sets itself are refused for another reason (see the next property).
        let names: Vec<String> = names
            .into_iter()
            .filter(|n| !RESERVED_HEADERS.contains(&n.to_ascii_lowercase().as_str()))
            .filter(|n| seen.insert(n.to_ascii_lowercase()))
            .collect();
        prop_assume!(!names.is_empty());
        let mut headers: Vec<Header> = names.iter().map(|n| Header { name: n.clone(), value: "v".into() }).collect();
        prop_assert_eq!(check_headers(&headers), Ok(()));
        let twin = names[pick.index(names.len())].to_ascii_uppercase();
        headers.push(Header { name: twin, value: "w".into() });
        prop_assert_eq!(check_headers(&headers), Err(Problem::DuplicateHeader { row: headers.len() }));
    }

    #[test]
    fn a_header_the_hub_sets_is_refused_in_any_case(
        pick in any::<prop::sample::Index>(),
        upper in prop::collection::vec(any::<bool>(), 20),
    ) {
        let reserved = RESERVED_HEADERS[pick.index(RESERVED_HEADERS.len())];
        let name: String = reserved
            .chars()
            .zip(upper.iter().cycle())
            .map(|(c, up)| if *up { c.to_ascii_uppercase() } else { c })
            .collect();
        let headers = [Header { name, value: "v".into() }];
        prop_assert_eq!(check_headers(&headers), Err(Problem::ReservedHeader { row: 1 }));
    }

    #[test]
    fn well_formed_https_urls_pass(
        labels in prop::collection::vec(label(), 1..4),
        tld in "[a-z]{2,6}",
        port in prop::option::of(1u16..),
        path in "(/[A-Za-z0-9._~-]{0,8}){0,3}",
    ) {
        let port = port.map(|p| format!(":{p}")).unwrap_or_default();
        let url = format!("https://{}.{tld}{port}{path}", labels.join("."));
        prop_assert_eq!(check_url(&url), Ok(()), "{}", url);
    }

    #[test]
    fn plain_http_is_refused_off_loopback(labels in prop::collection::vec(label(), 1..3), tld in "[a-z]{2,6}") {
        let host = format!("{}.{tld}", labels.join("."));
        prop_assume!(!host.ends_with("localhost"));
        prop_assert_eq!(check_url(&format!("http://{host}/mcp")), Err(Problem::InsecureUrl));
    }

    #[test]
    fn urls_with_spaces_or_controls_are_refused(prefix in "[a-z.]{0,8}", bad in "[ \t\r\n\u{0}\u{7f}]", suffix in "[a-z/]{0,8}") {
        prop_assert_eq!(check_url(&format!("https://{prefix}{bad}{suffix}")), Err(Problem::NotUrl));
    }

    #[test]
    fn url_checking_never_panics(s in any::<String>()) {
        let _ = check_url(&s);
    }

    #[test]
    fn names_are_bounded_in_characters_of_any_script(name in "[\\PC&&\\P{Cf}]{0,120}") {
        let expected = if name.trim().is_empty() {
            Err(Problem::Required)
        } else if name.chars().count() > NAME_MAX {
            Err(Problem::TooLong { max: NAME_MAX })
        } else {
            Ok(())
        };
        prop_assert_eq!(check_name(&name), expected);
    }

    #[test]
    fn a_control_or_direction_character_anywhere_in_a_name_is_refused(
        before in "[a-zé]{1,20}",
        bad in "[\\x00-\\x1f\\x7f\\u{202A}-\\u{202E}\\u{2066}-\\u{2069}\\u{200E}\\u{200F}]",
        after in "[a-z]{0,20}",
    ) {
        prop_assert_eq!(check_name(&format!("{before}{bad}{after}")), Err(Problem::BadCharacters));
    }

    #[test]
    fn long_text_is_measured_in_characters(c in "[a-zé€𝄞]", extra in 0usize..3) {
        let f = field("k", FieldKind::Text, true);
        let at_limit = c.repeat(TEXT_MAX);
        prop_assert_eq!(check_value(&f, &FieldValue::Text(at_limit)), Ok(()));
        let over = c.repeat(TEXT_MAX + 1 + extra);
        prop_assert_eq!(check_value(&f, &FieldValue::Text(over)), Err(Problem::TooLong { max: TEXT_MAX }));
    }

    /// Whatever the user does to an edit form, a kept secret is never sent, a replaced one is
    /// sent only as typed, and a hint never travels as a value.
    #[test]
    fn edits_never_send_a_kept_secret_or_a_hint(
        hints in prop::collection::vec("••••[a-z0-9]{0,4}", 3),
        modes in prop::collection::vec(0u8..3, 3),
        typed in prop::collection::vec("[ -~]{0,12}", 3),
        name in "[ -~]{1,20}",
    ) {
        let keys = ["a", "b", "c"];
        let connector = Connector {
            id: Uuid::from_u128(1),
            slug: "s".into(),
            connector_type: ConnectorType::ToolUser,
            name: "S".into(),
            description: String::new(),
            status: ConnectorStatus::Enabled,
            authentication_types: vec![AuthenticationType { kind: AuthType::ApiKey, label: None, fields: vec![], oauth: None }],
            fields: keys.iter().map(|k| field(k, FieldKind::Secret, false)).collect(),
            settings: vec![],
            prerequisites: None,
            agent_tools: vec![],
            voices: vec![],
            features: vec![],
            group: None,
            variant: None,
            capabilities: None,
            logo: None,
        };
        let connection = Connection {
            id: Uuid::from_u128(2),
            connector_id: connector.id,
            name: "Old".into(),
            authentication_type: AuthType::ApiKey,
            enabled: true,
            deletable: true,
            config: BTreeMap::new(),
            secrets: keys.iter().zip(&hints).map(|(k, h)| (k.to_string(), SecretHint { hint: h.clone() })).collect(),
            bindings: Default::default(),
            settings: BTreeMap::new(),
            health: Health { status: HealthStatus::Unknown, message: String::new(), code: String::new(), params: Default::default(), checked_at: None },
            created_at: String::new(),
            updated_at: String::new(),
            oauth: None,
            mcp: None,
            whatsapp: None,
            sync_credentials_to_production: true,
            production_credential_set: None,
        };
        let original = FormModel::for_edit(&connector, &connection);
        let mut edited = original.clone();
        edited.name = name;
        for ((key, mode), text) in keys.iter().zip(&modes).zip(&typed) {
            let state = edited.field_mut(key).unwrap();
            state.input = Input::Text(text.clone());
            state.secret = Some(match mode {
                0 => SecretMode::Keep { hint: connection.secrets[*key].hint.clone() },
                1 => SecretMode::Replace,
                _ => SecretMode::Clear,
            });
        }
        let update = edited.to_update(&original);
        for ((key, mode), text) in keys.iter().zip(&modes).zip(&typed) {
            match mode {
                0 => prop_assert!(!update.config.contains_key(*key)),
                1 if text.trim().is_empty() => prop_assert!(!update.config.contains_key(*key)),
                1 => prop_assert_eq!(&update.config[*key], &Some(FieldValue::Text(text.clone()))),
                _ => prop_assert_eq!(&update.config[*key], &None),
            }
        }
        for value in update.config.values().flatten() {
            if let FieldValue::Text(t) = value {
                prop_assert!(!hints.contains(t), "a hint was sent as a value");
            }
        }
    }

    #[test]
    fn every_view_reads_back_from_its_own_address(
        slug in "\\PC{1,24}",
        id in "[^/?#]{1,24}",
    ) {
        let base = "/settings/organizations/o/hubs/h/connections";
        for view in [
            wayai_core::PageView::List { connector: Some(slug.clone()) },
            wayai_core::PageView::New { connector: Some(slug.clone()), auth: None },
            wayai_core::PageView::Connection { id: id.clone() },
        ] {
            let expected = match &view {
                // Blank choices mean none, and "new" is the create view's own path.
                wayai_core::PageView::List { connector: Some(s) } if s.trim().is_empty() => {
                    wayai_core::PageView::List { connector: None }
                }
                wayai_core::PageView::New { connector: Some(s), auth } if s.trim().is_empty() => {
                    wayai_core::PageView::New { connector: None, auth: auth.clone() }
                }
                other => other.clone(),
            };
            if matches!(&view, wayai_core::PageView::Connection { id } if id.trim_matches('/').is_empty() || id == "new") {
                continue;
            }
            prop_assert_eq!(wayai_core::PageView::from_href(base, &view.href(base)), expected);
        }
    }
}

/// A connector generated from a schema: up to three types with credentials of their own, shared
/// fields and settings, every key distinct.
fn generated_connector() -> impl Strategy<Value = Connector> {
    let kinds = prop::sample::select(vec![
        FieldKind::Text,
        FieldKind::Multiline,
        FieldKind::Secret,
        FieldKind::Url,
        FieldKind::Number,
        FieldKind::Boolean,
    ]);
    let fields = move |prefix: &'static str, n: std::ops::Range<usize>| {
        prop::collection::vec((kinds.clone(), any::<bool>()), n).prop_map(move |specs| {
            specs
                .into_iter()
                .enumerate()
                .map(|(i, (kind, required))| field(&format!("{prefix}{i}"), kind, required))
                .collect::<Vec<_>>()
        })
    };
    let types = prop::sample::subsequence(
        vec![
            AuthType::ApiKey,
            AuthType::Bearer,
            AuthType::BasicAuth,
            AuthType::None,
        ],
        1..=3,
    );
    (
        types,
        fields("a", 0..3),
        fields("b", 0..3),
        fields("c", 0..3),
        fields("s", 0..4),
        fields("x", 0..3),
    )
        .prop_map(|(types, a, b, c, settings, shared)| {
            let credentials = [a, b, c];
            Connector {
                id: Uuid::from_u128(1),
                slug: "g".into(),
                connector_type: ConnectorType::ToolUser,
                name: "G".into(),
                description: String::new(),
                status: ConnectorStatus::Enabled,
                authentication_types: types
                    .into_iter()
                    .zip(credentials)
                    .map(|(kind, fields)| AuthenticationType {
                        label: None,
                        kind,
                        fields,
                        oauth: None,
                    })
                    .collect(),
                fields: shared,
                // Settings are never secret.
                settings: settings
                    .into_iter()
                    .map(|f| FormField {
                        kind: if f.kind == FieldKind::Secret {
                            FieldKind::Text
                        } else {
                            f.kind
                        },
                        ..f
                    })
                    .collect(),
                prerequisites: None,
                agent_tools: vec![],
                voices: vec![],
                features: vec![],
                group: None,
                variant: None,
                capabilities: None,
                logo: None,
            }
        })
}

proptest! {
    #[test]
    fn switching_types_keeps_what_types_share_and_sends_only_the_current_types_fields(
        connector in generated_connector(),
        name in "[a-z]{1,10}",
        typed in "[a-z0-9]{1,8}",
        hops in prop::collection::vec(any::<prop::sample::Index>(), 1..5),
    ) {
        let mut model = FormModel::for_create(&connector);
        model.name = name.clone();
        for state in &mut model.fields {
            if matches!(state.input, Input::Text(_)) && state.field.kind != FieldKind::Number {
                state.input = Input::Text(typed.clone());
            }
        }
        let shared = |key: &str| connector.fields.iter().any(|g| g.key == key);
        let kept: Vec<_> = model
            .fields
            .iter()
            .filter(|f| f.setting || shared(&f.field.key))
            .cloned()
            .collect();
        for hop in hops {
            let types = &connector.authentication_types;
            let kind = types[hop.index(types.len())].kind;
            model.switch_auth(&connector, kind, None);
            prop_assert_eq!(model.auth, kind);
            prop_assert_eq!(&model.name, &name);
            let keys: Vec<String> = model.fields.iter().map(|f| f.field.key.clone()).collect();
            let expected: Vec<String> = connector
                .form_fields(kind)
                .iter()
                .chain(&connector.settings)
                .map(|f| f.key.clone())
                .collect();
            prop_assert_eq!(keys, expected);
            for before in &kept {
                let now = model.fields.iter().find(|f| f.field.key == before.field.key).unwrap();
                prop_assert_eq!(&now.input, &before.input);
            }
            let body = model.to_create();
            prop_assert_eq!(body.authentication_type, Some(kind));
            let fields = connector.form_fields(kind);
            prop_assert!(body.config.keys().all(|k| fields.iter().any(|f| &f.key == k)));
            prop_assert!(body.settings.keys().all(|k| connector.settings.iter().any(|f| &f.key == k)));
        }
    }
}
