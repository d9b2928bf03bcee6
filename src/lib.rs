//! The Connections page of the WayAI hub settings screen, as an embeddable Leptos component.
//!
//! - [`ConnectionsPage`]: the page for one hub, given an [`api::ApiClient`].
//! - [`App`]: the standalone app (router with the real app's URLs) that the binary mounts.
//! - [`ConnectionsRoutes`] and [`mount_connections`] (`mount` in JavaScript): the page in a host.
//!
//! The layout, and what may import what, is in `ARCHITECTURE.md`.

// Shared leaves: they import no feature.
pub mod api;
mod config;
mod context;
pub mod strings;
// The `i18n` module (`Locale`, the keys, a table of words per language) that build.rs generates
// from `locales/`.
pub mod i18n {
    include!(concat!(env!("OUT_DIR"), "/i18n.rs"));
}
mod ui;

// Features.
mod connection;
mod credentials;
mod form;
mod mcp;
mod oauth;
mod page;

// Hosts.
mod hosts;

pub use config::{ConnectionsConfig, ConnectionsEvent, Theme};
pub use credentials::OrgCredentialsPage;
pub use hosts::{
    mount::{mount_connections, mount_credentials, preload_connections, MountHandle},
    routes::{ConnectionsRoutes, CredentialsRoute},
    standalone::App,
};
pub use page::ConnectionsPage;
pub use wayai_core::{oauth::Timings as OauthTimings, PageView};
