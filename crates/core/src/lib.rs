//! Wire types and pure logic shared by the Connections page and the dev hub.
//!
//! This crate has neither browser nor server dependencies, so a change to the contract breaks the
//! build on both sides, and its logic is unit-tested natively.

pub mod codes;
pub mod display;
#[cfg(test)]
mod fixtures;
pub mod form;
pub mod groups;
pub mod hub_error;
pub mod lang;
pub mod monogram;
pub mod oauth;
pub mod org;
pub mod said;
pub mod search;
pub mod signup;
pub mod tools;
pub mod validate;
pub mod view;
pub mod wire;

pub use groups::{ConnectorGroup, Groups};
pub use hub_error::HubError;
pub use lang::Lang;
pub use monogram::monogram;
pub use tools::{tool_diff, tool_title};
pub use view::PageView;
pub use wire::*;
