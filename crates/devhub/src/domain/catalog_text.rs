//! The catalog's text in the hub's other languages. A translation table per language maps the
//! catalog's English text to its translation; text without one (a connector a hub added, a model
//! id, a URL) stays as it is, so every connector reads in the asked language where it can and
//! in its own words otherwise.

use std::{collections::HashMap, sync::LazyLock};
use wayai_core::{Catalog, Connector, FormField, Group, Lang};

pub type Table = HashMap<String, String>;

/// A served catalog's own translations, by language (`"pt"`, `"es"`): a `--catalog` file's
/// `translations` member. The seed's are the tables below.
pub type Translations = HashMap<Lang, Table>;

fn table(text: &str, name: &str) -> Table {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("data/{name} is a JSON object: {e}"))
}

static PT: LazyLock<Table> = LazyLock::new(|| {
    table(
        include_str!("../../data/catalog.pt.json"),
        "catalog.pt.json",
    )
});
static ES: LazyLock<Table> = LazyLock::new(|| {
    table(
        include_str!("../../data/catalog.es.json"),
        "catalog.es.json",
    )
});

/// The translation table of a language (none for English, the catalog's own).
pub fn translations(lang: Lang) -> Option<&'static Table> {
    match lang {
        Lang::En => None,
        Lang::Pt => Some(&PT),
        Lang::Es => Some(&ES),
    }
}

/// `catalog` with its text in `lang` wherever a translation exists: in `own` (a served
/// catalog's), else the seed's.
pub fn localized(mut catalog: Catalog, lang: Lang, own: Option<&Translations>) -> Catalog {
    let table = match own {
        Some(own) => own.get(&lang),
        None => translations(lang),
    };
    if let Some(table) = table {
        let say = |text: &mut String| {
            if let Some(t) = table.get(text.as_str()) {
                text.clone_from(t);
            }
        };
        catalog
            .connectors
            .iter_mut()
            .for_each(|c| connector(c, &say));
        catalog.groups.iter_mut().for_each(|g| group(g, &say));
    }
    catalog
}

fn connector(c: &mut Connector, say: &impl Fn(&mut String)) {
    say(&mut c.description);
    c.prerequisites.iter_mut().for_each(say);
    c.features.iter_mut().for_each(say);
    for auth in &mut c.authentication_types {
        auth.label.iter_mut().for_each(say);
        auth.fields.iter_mut().for_each(|f| field(f, say));
        if let Some(oauth) = &mut auth.oauth {
            say(&mut oauth.button_label);
        }
    }
    c.fields.iter_mut().for_each(|f| field(f, say));
    c.settings.iter_mut().for_each(|f| field(f, say));
}

fn group(g: &mut Group, say: &impl Fn(&mut String)) {
    say(&mut g.title);
    say(&mut g.description);
    for variant in &mut g.variants {
        say(&mut variant.title);
        say(&mut variant.description);
    }
}

fn field(f: &mut FormField, say: &impl Fn(&mut String)) {
    say(&mut f.label);
    f.help.iter_mut().for_each(say);
    f.placeholder.iter_mut().for_each(say);
    f.options.iter_mut().for_each(|o| say(&mut o.label));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::catalog;
    use std::collections::BTreeSet;

    /// Every text of the catalog a person reads, as `localized` visits it.
    fn texts(catalog: &Catalog) -> BTreeSet<String> {
        let seen = std::cell::RefCell::new(BTreeSet::new());
        let mut copy = catalog.clone();
        let say = |text: &mut String| {
            seen.borrow_mut().insert(text.clone());
        };
        copy.connectors.iter_mut().for_each(|c| connector(c, &say));
        copy.groups.iter_mut().for_each(|g| group(g, &say));
        seen.into_inner()
    }

    #[test]
    fn both_languages_translate_the_same_texts_and_only_the_catalogs() {
        let english = texts(catalog());
        let pt: BTreeSet<_> = PT.keys().cloned().collect();
        let es: BTreeSet<_> = ES.keys().cloned().collect();
        assert_eq!(pt, es, "Portuguese and Spanish translate different texts");
        let stale: Vec<_> = pt.difference(&english).collect();
        assert!(
            stale.is_empty(),
            "translations of texts the catalog no longer has: {stale:?}"
        );
    }

    #[test]
    fn a_text_left_untranslated_is_a_name_an_id_or_an_address() {
        // What stays English in every language: product and model names, example values.
        let untranslated: Vec<_> = texts(catalog())
            .into_iter()
            .filter(|t| !PT.contains_key(t))
            .filter(|t| t.contains(' ') && !t.starts_with("Eleven ") && !t.starts_with("https://"))
            .collect();
        assert!(untranslated.is_empty(), "not translated: {untranslated:?}");
    }
}
