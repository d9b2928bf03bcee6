//! Generates the `i18n` module (the `Locale` enum and the translation keys) from `locales/`, and
//! fails the build when a language misses a key or a value another language interpolates: no
//! string may fall back to English unseen.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::{collections::BTreeMap, collections::BTreeSet, path::PathBuf};

const SOURCE: &str = "en";
const TRANSLATIONS: [&str; 2] = ["pt", "es"];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    check_complete();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("i18n");
    let cfg = Config::new(SOURCE)
        .and_then(|c| c.add_locales(TRANSLATIONS))
        .expect("valid locales")
        // Strings with values (announcements, counts) are built as plain `String`s.
        .parse_options(ParseOptions::new().interpolate_display(true));
    let infos = TranslationsInfos::parse(cfg).expect("locales/ parses");
    infos.rerun_if_locales_changed();
    infos.emit_diagnostics();
    infos
        .generate_i18n_module(out)
        .expect("i18n module written");
}

/// Each key of a locale file with the `{{ values }}` its text (or any of its plural forms) uses.
fn keys(locale: &str) -> BTreeMap<String, BTreeSet<String>> {
    let path = format!("locales/{locale}.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    json.into_iter()
        .map(|(key, value)| {
            let mut values = BTreeSet::new();
            collect_values(&value, &mut values);
            (key, values)
        })
        .collect()
}

fn collect_values(value: &serde_json::Value, into: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::String(s) => {
            let mut rest = s.as_str();
            while let Some(start) = rest.find("{{") {
                let Some(end) = rest[start..].find("}}") else {
                    break;
                };
                into.insert(rest[start + 2..start + end].trim().to_string());
                rest = &rest[start + end + 2..];
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_values(v, into)),
        _ => {}
    }
}

fn check_complete() {
    let source = keys(SOURCE);
    let mut problems = Vec::new();
    for locale in TRANSLATIONS {
        let translated = keys(locale);
        for (key, values) in &source {
            match translated.get(key) {
                None => problems.push(format!("locales/{locale}.json lacks \"{key}\"")),
                Some(theirs) if theirs != values => problems.push(format!(
                    "locales/{locale}.json \"{key}\" uses {theirs:?}, English uses {values:?}"
                )),
                Some(_) => {}
            }
        }
        for key in translated.keys().filter(|k| !source.contains_key(*k)) {
            problems.push(format!(
                "locales/{locale}.json has \"{key}\", which English lacks"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "incomplete translations:\n{}",
        problems.join("\n")
    );
}
