//! The hub's domain, apart from HTTP: the catalog, credentials and their checks, connection
//! records and configuration, idempotent creates, OAuth flows.

pub mod binding;
pub mod catalog;
pub mod catalog_text;
pub mod completion;
pub mod config;
pub mod credentials;
pub mod flows;
pub mod hub_client;
pub mod idempotency;
pub mod mcp_auth;
pub mod mcp_grant;
pub mod mcp_probe;
pub mod names;
pub mod network;
pub mod org;
pub mod org_binding;
pub mod outbound;
pub mod providers;
pub mod records;
pub mod release;
