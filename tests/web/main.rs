//! Component tests in real browsers (Chromium and Firefox), against a dev hub that
//! `scripts/test.sh` starts at `WAYAI_DEVHUB_URL`. Each test works in a hub of its own (a fresh
//! UUID), so tests never see each other's connections or faults. One test binary (so link time
//! does not grow with the features), one module per feature, and `support` for what they share.
#![cfg(target_arch = "wasm32")]

mod auth_types;
mod credentials_view;
mod deep_links;
mod embed;
mod form;
mod hub_words;
mod languages;
mod mcp;
mod newer_hub;
mod oauth;
mod org_credentials;
mod page;
mod production;
mod support;
mod warm;
mod whatsapp;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
