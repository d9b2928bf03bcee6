//! Every user-facing string of the page, in one place, so that it can be translated
//! (English first; Portuguese and Spanish follow).

use wayai_core::{AuthKind, ConnectorStatus, ConnectorType, HubError};

pub const PAGE_TITLE: &str = "Connections";
pub const PAGE_INTRO: &str =
    "Connect LLM providers, messaging channels, tools, MCP servers and speech services to this hub.";
pub const LOADING: &str = "Loading connectors…";
pub const RETRY: &str = "Retry";
pub const LOAD_FAILED: &str = "The connectors could not be loaded.";
pub const CONTACT_SUPPORT: &str = "Contact support to enable";
pub const NOT_FOUND_TITLE: &str = "Page not found";
pub const NOT_FOUND_BODY: &str = "There is nothing at this address.";
pub const HUB_NOT_FOUND: &str = "This hub does not exist, or the link to it is incomplete.";
pub const AUTH_LABEL: &str = "Authentication";
pub const STATUS_LABEL: &str = "Status";

pub fn group_title(t: ConnectorType) -> &'static str {
    match t {
        ConnectorType::Agent => "Agent",
        ConnectorType::Channel => "Channel",
        ConnectorType::ToolNative => "Tool - Native",
        ConnectorType::ToolUser => "Tool - User",
        ConnectorType::ToolMcp => "Tool - MCP",
        ConnectorType::Stt => "STT",
        ConnectorType::Tts => "TTS",
    }
}

pub fn group_description(t: ConnectorType) -> &'static str {
    match t {
        ConnectorType::Agent => {
            "LLM providers for AI agents (OpenAI, Anthropic, Google, OpenRouter)"
        }
        ConnectorType::Channel => "Messaging channels (WhatsApp, Instagram, Gmail)",
        ConnectorType::ToolNative => "Platform-provided tool integrations",
        ConnectorType::ToolUser => "Custom API integrations you create",
        ConnectorType::ToolMcp => "External MCP server connections",
        ConnectorType::Stt => "Speech-to-text services",
        ConnectorType::Tts => "Text-to-speech services",
    }
}

pub fn auth_label(a: AuthKind) -> &'static str {
    match a {
        AuthKind::ApiKey => "API Key",
        AuthKind::Oauth => "OAuth",
        AuthKind::BasicAuth => "Basic Auth",
        AuthKind::BearerOrNone => "Bearer/None",
        AuthKind::None => "None",
    }
}

pub fn status_label(s: ConnectorStatus) -> &'static str {
    match s {
        ConnectorStatus::Enabled => "Enabled",
        ConnectorStatus::Disabled => "Disabled",
        ConnectorStatus::AutoEnabled => "Auto-enabled",
    }
}

/// What went wrong, in words a hub admin can act on.
pub fn hub_error(e: &HubError) -> String {
    match e {
        HubError::Network => {
            "The hub could not be reached. Check your connection and try again.".into()
        }
        HubError::Unauthorized => {
            "Your session is not valid for this hub. Sign in again, then reload the page.".into()
        }
        HubError::Forbidden => {
            "You do not have permission to manage this hub's connections.".into()
        }
        HubError::NotFound => HUB_NOT_FOUND.into(),
        HubError::Conflict(m) | HubError::BadRequest(m) if !m.is_empty() => m.clone(),
        HubError::Conflict(_) => {
            "This conflicts with a change made elsewhere. Reload and try again.".into()
        }
        HubError::Validation { message, .. } if !message.is_empty() => message.clone(),
        HubError::Validation { .. } => "Some fields need attention.".into(),
        HubError::BadRequest(_) => "The hub rejected the request.".into(),
        HubError::Dependency { message, .. } if !message.is_empty() => message.clone(),
        HubError::Dependency { .. } => "A service this connection relies on failed.".into(),
        HubError::RateLimited => "Too many requests. Wait a moment and try again.".into(),
        HubError::Server(status) => {
            format!("The hub had a problem (error {status}). Try again in a moment.")
        }
        HubError::BadResponse => "The hub sent an answer this page does not understand.".into(),
    }
}
