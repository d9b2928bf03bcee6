//! An MCP connection's tools: the list (title, description, parameters, hints) with a filter, and
//! Sync, which says what was added, removed and changed. Failures come with their way out: Edit
//! for a wrong URL or token, Reconnect for a refused sign-in, Retry for the rest.
//!
//! `store` keeps every connection's tools and sync outcome at page level, `section` is the part
//! of a connection's view with Sync and failures, `tool_list` the filterable list.

mod section;
mod store;
mod tool_list;

pub(crate) use section::ToolsSection;
pub(crate) use store::McpTools;
