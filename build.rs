//! Generates the `i18n` module from `locales/`: the `Locale` enum, each key's index, and one
//! table of strings per language (data, not code per key: the words cost their text and little
//! more); and fails the build when a language misses a key or a value another language
//! interpolates: no string may fall back to English unseen.

use std::{collections::BTreeMap, collections::BTreeSet, fmt::Write, path::PathBuf};

const SOURCE: &str = "en";
const TRANSLATIONS: [&str; 2] = ["pt", "es"];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    for locale in std::iter::once(SOURCE).chain(TRANSLATIONS) {
        println!("cargo::rerun-if-changed=locales/{locale}.json");
    }
    check_complete();
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("i18n.rs");
    std::fs::write(&out, module()).expect("i18n module written");
    // wasm-split-cli finds what each split function reaches from the linker's relocations; only
    // the binaries it splits (scripts/split.mjs) keep them (they would stay in any other's wasm).
    if std::env::var_os("CARGO_FEATURE_FORMS_APART").is_some()
        && std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32")
    {
        for bin in ["wayai-connections", "wayai-mount"] {
            println!("cargo::rustc-link-arg-bin={bin}=--emit-relocs");
        }
    }
}

/// The `i18n` module's source.
fn module() -> String {
    let keys: Vec<String> = text(SOURCE).keys().cloned().collect();
    let mut m = String::from(
        "/// The page's languages (`Locale::en` is the source).\n\
         #[allow(non_camel_case_types)]\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]\n\
         pub enum Locale {\n    #[default]\n    en,\n",
    );
    for locale in TRANSLATIONS {
        writeln!(m, "    {locale},").unwrap();
    }
    m.push_str("}\n\n/// Each key's place in a language's table.\n#[allow(non_upper_case_globals, dead_code)]\npub mod keys {\n");
    for (i, key) in keys.iter().enumerate() {
        writeln!(m, "    pub const {key}: usize = {i};").unwrap();
    }
    // With `words-apart`, only English: the translations are files of their own, brought when
    // the page is in that language (`strings::apart`), named here by a hash of their sources.
    let apart = std::env::var_os("CARGO_FEATURE_WORDS_APART").is_some();
    let carried = if apart { 1 } else { 1 + TRANSLATIONS.len() };
    writeln!(m, "}}\n\n/// Each translation's file, beside the bundle, when they are not carried.\n#[allow(dead_code)]\npub const FILES: [&str; {}] = [\"\", ", 1 + TRANSLATIONS.len()).unwrap();
    for locale in TRANSLATIONS {
        write!(m, "{:?}, ", words_file(locale)).unwrap();
    }
    writeln!(m, "];\n\n/// The words of every key, one table per carried language, in `Locale`'s order.\npub static WORDS: [[&str; {}]; {carried}] = [", keys.len()).unwrap();
    for locale in std::iter::once(SOURCE).chain(TRANSLATIONS).take(carried) {
        let words = text(locale);
        m.push_str("    [\n");
        for key in &keys {
            writeln!(m, "        {:?},", words[key]).unwrap();
        }
        m.push_str("    ],\n");
    }
    m.push_str("];\n");
    m
}

/// The name of `locale`'s words file: `words-{locale}-{hash}.json`, the hash (FNV-1a, 64 bits)
/// of its two sources' bytes, so that a browser may keep it for good. `scripts/words.mjs` writes
/// the file under the same name, from the same bytes.
fn words_file(locale: &str) -> String {
    let sources = [
        format!("locales/{locale}.json"),
        format!("crates/core/said/{locale}.json"),
    ];
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in &sources {
        println!("cargo::rerun-if-changed={path}");
        for byte in std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}")) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("words-{locale}-{hash:016x}.json")
}

/// A locale file's keys and texts, in key order.
fn text(locale: &str) -> BTreeMap<String, String> {
    let path = format!("locales/{locale}.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: every value is text ({e})"))
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
