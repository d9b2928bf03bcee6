//! The connector catalog, transcribed from the seed document with its exact ids.

use super::catalog_text::{Table, Translations};
use std::{collections::HashSet, path::Path, sync::LazyLock};
use wayai_core::{Catalog, Lang};

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../data/catalog.json"))
        .expect("data/catalog.json matches the wire types")
});

pub fn catalog() -> &'static Catalog {
    &CATALOG
}

/// A catalog a hub is served, with its own translations (absent: the seed's tables).
#[derive(Debug, Clone)]
pub struct Served {
    pub catalog: Catalog,
    pub text: Option<Translations>,
}

impl Served {
    pub fn seed() -> Served {
        Served {
            catalog: catalog().clone(),
            text: None,
        }
    }
}

/// A whole catalog from a file in the wire shape (`--catalog`), checked: the place and the
/// problem of the first thing wrong, in words.
pub fn load(path: &Path) -> Result<Served, String> {
    let place = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{place}: {e}"))?;
    let file: CatalogFile = serde_json::from_str(&text)
        .map_err(|e| format!("{place}, line {} column {}: {e}", e.line(), e.column()))?;
    file.served()
        .map_err(|problem| format!("{place}: {problem}"))
}

/// A `--catalog` file (or a test's `PUT /dev/hubs/{hub}/catalog`): the catalog in the wire
/// shape, and its text in other languages.
#[derive(serde::Deserialize)]
pub struct CatalogFile {
    #[serde(flatten)]
    catalog: Catalog,
    /// By language tag (`pt`, `es`): English text to its translation.
    #[serde(default)]
    translations: std::collections::HashMap<String, Table>,
}

impl CatalogFile {
    /// The catalog to serve, checked.
    pub fn served(self) -> Result<Served, String> {
        check(&self.catalog)?;
        let text = self
            .translations
            .into_iter()
            .filter_map(|(tag, table)| Some((Lang::from_tag(&tag)?, table)))
            .collect();
        Ok(Served {
            catalog: self.catalog,
            text: Some(text),
        })
    }
}

/// What a served catalog must be: connectors with distinct ids and slugs, each with at least
/// one authentication type; groups with distinct ids; a connector naming a group or a variant
/// that the groups list.
fn check(catalog: &Catalog) -> Result<(), String> {
    if catalog.connectors.is_empty() {
        return Err("the catalog has no connectors".into());
    }
    let mut ids = HashSet::new();
    let mut slugs = HashSet::new();
    for (i, c) in catalog.connectors.iter().enumerate() {
        let at = format!("connectors[{i}] ({})", c.name);
        if !ids.insert(c.id) {
            return Err(format!("{at}: the id {} is used twice", c.id));
        }
        if !slugs.insert(c.slug.as_str()) {
            return Err(format!("{at}: the slug {} is used twice", c.slug));
        }
        if c.authentication_types.is_empty() {
            return Err(format!("{at}: no authentication type"));
        }
        if catalog.groups.is_empty() {
            continue;
        }
        let Some(group) = catalog.groups.iter().find(|g| g.id == c.group_id()) else {
            return Err(format!("{at}: its group {} is not in groups", c.group_id()));
        };
        if let Some(v) = &c.variant {
            if !group.variants.iter().any(|x| &x.id == v) {
                return Err(format!(
                    "{at}: its variant {v} is not one of group {}'s",
                    group.id
                ));
            }
        }
    }
    let mut groups = HashSet::new();
    if let Some(g) = catalog
        .groups
        .iter()
        .find(|g| !groups.insert(g.id.as_str()))
    {
        return Err(format!("the group id {} is used twice", g.id));
    }
    Ok(())
}
