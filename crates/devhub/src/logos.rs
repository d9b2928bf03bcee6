//! Connectors' logos: SVGs from a folder of brand icons (`--logos DIR`; the scripts give the
//! `simple-icons` npm package's, CC0), served at `/logos/{icon}.svg` and named in the catalog
//! (`Connector.logo`) where the folder has the brand. A connector with no icon there, or a hub
//! started without the folder, has none: the page shows its monogram.

use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use std::{collections::HashMap, path::PathBuf, sync::Arc};
use wayai_core::Catalog;

/// The seed's connectors whose brand icon is not their slug without hyphens.
static ICONS: std::sync::LazyLock<HashMap<String, String>> = std::sync::LazyLock::new(|| {
    serde_json::from_str(include_str!("../data/logos.json")).expect("data/logos.json maps slugs")
});

/// Icon colours: the page's muted text, light and dark, so a logo reads in either theme.
const FILL: &str =
    "<style>path{fill:#5b6472}@media (prefers-color-scheme:dark){path{fill:#a0a9b6}}</style>";

pub struct Logos {
    dir: PathBuf,
}

impl Logos {
    pub fn new(dir: PathBuf) -> Logos {
        Logos { dir }
    }

    /// The icon a connector's logo is, if the folder has it.
    fn icon(&self, slug: &str) -> Option<String> {
        let name = ICONS
            .get(slug)
            .cloned()
            .unwrap_or_else(|| slug.replace('-', ""));
        let plain = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric());
        (plain && self.dir.join(format!("{name}.svg")).is_file()).then_some(name)
    }

    /// Names each connector's logo that the catalog leaves out and the folder has, at `base`
    /// (the hub's address: the page may be on another origin).
    pub fn attach(&self, catalog: &mut Catalog, base: &str) {
        for connector in catalog.connectors.iter_mut().filter(|c| c.logo.is_none()) {
            connector.logo = self
                .icon(&connector.slug)
                .map(|icon| format!("{base}/logos/{icon}.svg"));
        }
    }
}

/// `GET /logos/{icon}.svg`.
pub fn routes(logos: Arc<Logos>) -> Router {
    Router::new()
        .route("/logos/{file}", get(serve))
        .with_state(logos)
}

async fn serve(State(logos): State<Arc<Logos>>, Path(file): Path<String>) -> Response {
    let name = file.strip_suffix(".svg").unwrap_or_default();
    let plain = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric());
    let Some(svg) = plain
        .then(|| std::fs::read_to_string(logos.dir.join(format!("{name}.svg"))).ok())
        .flatten()
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // The colours go in right after the opening tag.
    let svg = match svg.find('>') {
        Some(end) => format!("{}{FILL}{}", &svg[..=end], &svg[end + 1..]),
        None => svg,
    };
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        svg,
    )
        .into_response()
}
