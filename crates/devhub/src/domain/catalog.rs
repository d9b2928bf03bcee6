//! The connector catalog, transcribed from the seed document with its exact ids.

use std::sync::LazyLock;
use uuid::Uuid;
use wayai_core::{Catalog, Connector};

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../data/catalog.json"))
        .expect("data/catalog.json matches the wire types")
});

pub fn catalog() -> &'static Catalog {
    &CATALOG
}

pub fn find(id: Uuid) -> Option<&'static Connector> {
    CATALOG.connectors.iter().find(|c| c.id == id)
}
