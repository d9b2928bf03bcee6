//! The page for plain JavaScript hosts, as a bundle of its own: `mount(element, options)` and
//! `preload(options)` (see `wayai_connections::mount_connections`). Exported here rather than by
//! the library, so that neither the standalone page's bundle nor the credentials view's carries
//! them. Built by Trunk beside the page (`index.html`, `data-bin="wayai-mount"`).

use wasm_bindgen::prelude::*;
use wayai_connections::MountHandle;

/// Mounts the Connections page into `element` (options: `wayai_connections::mount_connections`).
#[wasm_bindgen(js_name = mount)]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> Result<MountHandle, JsValue> {
    wayai_connections::mount_connections(element, options)
}

/// A warm start with the options `mount` will be given (`wayai_connections::preload_connections`).
#[wasm_bindgen(js_name = preload)]
pub fn preload(options: JsValue) -> Result<js_sys::Promise, JsValue> {
    wayai_connections::preload_connections(options)
}

/// Nothing on load: the host calls `mount`.
fn main() {}
