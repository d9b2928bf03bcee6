//! How a connection's stored values read in its view: each field of its connector's form that
//! has a value, in the form's order, with secrets as their hints only.

use crate::wire::{Connection, FieldValue, FormField};
use uuid::Uuid;

/// One value as the view shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// A stored secret: only its hint (`••••1234`, or nothing of a short one).
    Secret {
        hint: String,
    },
    /// A field an organization credential fills: the credential's id (the page names it).
    Bound {
        credential: Uuid,
    },
    /// A switch's value: the page says it in words of its language.
    Flag(bool),
    Value(String),
}

/// The connection's values, labelled by the form's fields, in the form's order. Fields without a
/// value are left out; so are values of keys the form does not have.
pub fn connection_values(fields: &[FormField], connection: &Connection) -> Vec<(String, Shown)> {
    fields
        .iter()
        .filter_map(|f| {
            let shown = match f.kind {
                _ if connection.bindings.contains_key(&f.key) => Some(Shown::Bound {
                    credential: connection.bindings[&f.key],
                }),
                _ if f.is_secret() => connection.secrets.get(&f.key).map(|h| Shown::Secret {
                    hint: h.hint.clone(),
                }),
                // A setting's value, or its default when none was chosen.
                _ => connection
                    .config
                    .get(&f.key)
                    .or_else(|| connection.settings.get(&f.key))
                    .or(f.default.as_ref())
                    .map(|v| match v {
                        FieldValue::Bool(b) => Shown::Flag(*b),
                        v => Shown::Value(option_label(f, v).unwrap_or_else(|| value_text(v))),
                    }),
            };
            shown.map(|s| (f.label.clone(), s))
        })
        .collect()
}

/// A select's value as its option's label.
fn option_label(field: &FormField, value: &FieldValue) -> Option<String> {
    let FieldValue::Text(v) = value else {
        return None;
    };
    field
        .options
        .iter()
        .find(|o| &o.value == v)
        .map(|o| o.label.clone())
}

/// A value as text: headers as `Name: value` pairs.
pub fn value_text(value: &FieldValue) -> String {
    match value {
        FieldValue::Text(t) => t.clone(),
        FieldValue::Number(n) => number_text(*n),
        FieldValue::Bool(b) => b.to_string(),
        FieldValue::Headers(headers) => headers
            .iter()
            .map(|h| format!("{}: {}", h.name, h.value))
            .collect::<Vec<_>>()
            .join(", "),
        FieldValue::Other(v) => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{FieldKind, Header, SecretHint};
    use std::collections::BTreeMap;
    use uuid::Uuid;

    #[test]
    fn values_follow_the_form_and_secrets_show_only_their_hint() {
        let fields = vec![
            FormField::new("base_url", "Base URL", FieldKind::Url, true),
            FormField::new("api_key", "API key", FieldKind::Secret, true),
            FormField::new("headers", "Headers", FieldKind::Headers, false),
            FormField::new("timeout", "Timeout", FieldKind::Number, false),
            FormField::new("unset", "Unset", FieldKind::Text, false),
        ];
        let mut connection = crate::fixtures::connection(Uuid::nil(), Uuid::nil(), "c");
        connection.config = BTreeMap::from([
            ("timeout".into(), FieldValue::Number(2.5)),
            (
                "base_url".into(),
                FieldValue::Text("https://api.example.com".into()),
            ),
            (
                "headers".into(),
                FieldValue::Headers(vec![
                    Header {
                        name: "X-A".into(),
                        value: "1".into(),
                    },
                    Header {
                        name: "X-B".into(),
                        value: "2".into(),
                    },
                ]),
            ),
            ("not_in_form".into(), FieldValue::Bool(true)),
        ]);
        connection.secrets = BTreeMap::from([(
            "api_key".into(),
            SecretHint {
                hint: "••••1234".into(),
            },
        )]);
        assert_eq!(
            connection_values(&fields, &connection),
            vec![
                (
                    "Base URL".into(),
                    Shown::Value("https://api.example.com".into())
                ),
                (
                    "API key".into(),
                    Shown::Secret {
                        hint: "••••1234".into()
                    }
                ),
                ("Headers".into(), Shown::Value("X-A: 1, X-B: 2".into())),
                ("Timeout".into(), Shown::Value("2.5".into())),
            ]
        );
    }
}

/// A number as plain text, the shortest that reads back as the same number (`0.5`, `3`, `-2.25`;
/// `1e+21` and `1e-7` at the extremes, as JavaScript writes them). Every number the page or the
/// hub writes as text goes through here rather than `Display`.
pub fn number_text(n: f64) -> String {
    if !n.is_finite() {
        return String::new();
    }
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(n);
    text.strip_suffix(".0").unwrap_or(text).to_string()
}

#[cfg(test)]
mod number_tests {
    use super::number_text;

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(number_text(0.5), "0.5");
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(-2.25), "-2.25");
        assert_eq!(number_text(100.0), "100");
        assert_eq!(number_text(0.0001), "0.0001");
        assert_eq!(number_text(1e21), "1e+21");
        assert_eq!(number_text(f64::NAN), "");
        for n in [0.1 + 0.2, 1.5e-9, 123456.789, -7.0] {
            assert_eq!(number_text(n).parse::<f64>().unwrap(), n);
        }
    }
}
