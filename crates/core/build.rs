//! Turns the hub's words (`said/{en,pt,es}.json`) into data the crate carries: the codes once,
//! sorted, and one table of words per language in the same order. The JSON's keys, repeated per
//! language, and a parser of it at run time would cost the page's bundle several KB for nothing.

use std::{collections::BTreeMap, fmt::Write, path::PathBuf};

/// In `Lang::ALL`'s order.
const LANGS: [&str; 3] = ["en", "pt", "es"];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let tables: Vec<BTreeMap<String, String>> = LANGS
        .iter()
        .map(|lang| {
            let path = format!("said/{lang}.json");
            println!("cargo::rerun-if-changed={path}");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{path}: an object of text by code ({e})"))
        })
        .collect();
    let codes: Vec<&String> = tables[0].keys().collect();
    for (lang, table) in LANGS.iter().zip(&tables) {
        let here: Vec<&String> = table.keys().collect();
        assert_eq!(
            here, codes,
            "said/{lang}.json words other codes than said/en.json"
        );
    }
    let mut m = String::from("/// Every worded code, sorted.\nstatic CODES: [&str; ");
    writeln!(m, "{}] = {codes:?};", codes.len()).unwrap();
    // With `said-apart`, only English: the others are brought at run time (`said::take_words`).
    let carried = match std::env::var_os("CARGO_FEATURE_SAID_APART") {
        Some(_) => 1,
        None => LANGS.len(),
    };
    writeln!(
        m,
        "/// Each code's words, one table per carried language in `Lang::ALL`'s order.\nstatic WORDS: [[&str; {}]; {carried}] = [",
        codes.len(),
    )
    .unwrap();
    for table in &tables[..carried] {
        writeln!(m, "    {:?},", table.values().collect::<Vec<_>>()).unwrap();
    }
    m.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("said_words.rs"), m).expect("said_words.rs written");
}
