//! The organization's credentials view as a bundle of its own, so that the Connections page
//! does not carry it: `mountCredentials(element, options)` for the standalone credentials page
//! (`credentials.html`, which `scripts/external_scripts.mjs` makes from the built page) and for
//! any web page. Built by Trunk beside the page (`index.html`, `data-bin="wayai-credentials"`).

use wasm_bindgen::prelude::*;
use wayai_connections::MountHandle;

/// Mounts the organization's credentials view into `element`. `options`: `apiBaseUrl`,
/// `organizationId`, `token`, and optionally `locale` and `theme` (as `mount`'s).
#[wasm_bindgen(js_name = mountCredentials)]
pub fn mount_credentials(
    element: web_sys::HtmlElement,
    options: JsValue,
) -> Result<MountHandle, JsValue> {
    wayai_connections::mount_credentials(element, options)
}

/// Nothing on load: the page (or a host) calls `mountCredentials`.
fn main() {}
