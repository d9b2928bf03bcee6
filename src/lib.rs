//! The Connections page of the WayAI hub settings screen, as an embeddable Leptos component.
//!
//! - [`ConnectionsPage`]: the page for one hub, given an [`api::ApiClient`].
//! - [`App`]: the standalone app (router with the real app's URLs) that the binary mounts.

pub mod api;
mod app;
mod cards;
mod connection_form;
mod dialogs;
mod embed;
mod format;
mod mcp;
mod oauth;
mod page;
pub mod strings;

pub use app::App;
pub use embed::{
    mount_connections, ConnectionsConfig, ConnectionsEvent, ConnectionsRoutes, MountHandle, Theme,
};
pub use page::ConnectionsPage;
pub use wayai_core::{oauth::Timings as OauthTimings, PageView};
