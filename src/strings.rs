//! Every user-facing string of the page, in one place, so that it can be translated
//! (English first; Portuguese and Spanish follow). Long because it is the one place: its
//! sections follow the feature folders.

use wayai_core::{
    codes::Missing,
    signup::{PhoneNumber, SignupStep, Verification},
    validate::Problem,
    AuthType, Connector, ConnectorStatus, ConnectorType, HealthStatus, HubError,
};

pub const PAGE_TITLE: &str = "Connections";
pub const PAGE_INTRO: &str =
    "Connect LLM providers, messaging channels, tools, MCP servers and speech services to this hub.";
pub const LOADING: &str = "Loading connectors…";
pub const RETRY: &str = "Retry";
pub const LOAD_FAILED: &str = "The connectors could not be loaded.";
/// The page asks again by itself after the wait the hub asked for.
pub fn retrying_in(seconds: u32) -> String {
    format!("Too many requests. Trying again in {seconds} s…")
}
pub const OTHER_CONNECTIONS: &str = "Other connections";
pub const OTHER_CONNECTIONS_WHY: &str =
    "Their connector is no longer offered to this hub. Open one to see it or delete it.";
pub const CONNECTIONS_LOAD_FAILED: &str = "This hub's connections could not be loaded.";
pub const CONTACT_SUPPORT: &str = "Contact support to enable";
pub const NOT_FOUND_TITLE: &str = "Page not found";
pub const NOT_FOUND_BODY: &str = "There is nothing at this address.";
pub const HUB_NOT_FOUND: &str = "This hub does not exist, or the link to it is incomplete.";

/// A 404 in words: what the hub says is missing.
fn not_found(missing: Missing) -> &'static str {
    match missing {
        Missing::Hub => HUB_NOT_FOUND,
        Missing::Connection => CONNECTION_GONE,
        Missing::Connector => "This connection's connector is no longer in the hub's catalog.",
        Missing::OauthFlow => "The hub no longer knows this sign-in. Try again.",
        Missing::Other => "The hub could not find what this page asked for. Reload the page.",
    }
}
pub const CONNECTION_GONE: &str =
    "This connection no longer exists in this hub. It may have been deleted elsewhere.";
pub const AUTH_LABEL: &str = "Authentication";
pub const STATUS_LABEL: &str = "Status";
pub const SEARCH_LABEL: &str = "Search connectors and connections";
pub const SEARCH_PLACEHOLDER: &str = "Search by name, description or type";
pub const CLEAR_SEARCH: &str = "Clear search";
pub const AGENT_NOTICE_TITLE: &str = "No Agent connection yet";
pub const AGENT_NOTICE_BODY: &str =
    "At least one Agent connection (an LLM provider) is required before agents can be created.";
pub const ENABLED: &str = "Enabled";
pub const DISABLED: &str = "Disabled";
pub const NOT_SYNCED: &str = "Not synced yet";
pub const CLOSE: &str = "Close";
pub const CONNECTION_NOT_FOUND: &str =
    "This connection does not exist in this hub. It may have been deleted.";
pub const CONNECTOR_MISSING: &str = "The link does not say which connector to connect.";
pub const PREREQUISITES: &str = "Prerequisites";
pub const SETUP_FIELDS: &str = "What you will need to enter";
pub const CONNECTION_NAME: &str = "Connection Name";
pub const REQUIRED: &str = "required";
pub const OPTIONAL: &str = "optional";
pub const AUTO_ENABLED_NOTE: &str = "Created with the hub. It cannot be deleted.";
pub const AGENT_TOOLS: &str = "Agent tools";
pub const VOICES: &str = "Voices";
pub const STORED_SECRET: &str = "stored";
pub const HEALTH_LABEL: &str = "Health";
pub const CONNECTOR_LABEL: &str = "Connector";

pub fn search_results(count: usize) -> String {
    match count {
        1 => "1 connector matches.".into(),
        n => format!("{n} connectors match."),
    }
}

pub fn no_results(query: &str) -> String {
    format!("No connector or connection matches “{}”.", query.trim())
}

pub fn add_connector(name: &str) -> String {
    format!("Add {name} connection")
}

pub fn new_connection_title(connector: &str) -> String {
    format!("New {connector} connection")
}

pub fn connections_of(connector: &str) -> String {
    format!("Connections of {connector}")
}

pub fn connector_not_found(reference: &str) -> String {
    format!("There is no connector “{reference}” in this hub's catalog.")
}

pub fn oauth_setup(button: &str) -> String {
    format!("You will sign in through a popup: “{button}”.")
}

pub fn created(when: &str) -> String {
    format!("Created {when}")
}

pub fn updated(when: &str) -> String {
    format!("Updated {when}")
}

pub fn account(label: &str) -> String {
    format!("Account: {label}")
}

pub fn token_expired(when: &str) -> String {
    format!("Token expired {when}")
}

pub fn token_expires(when: &str) -> String {
    format!("Token expires {when}")
}

pub fn token_refresh(seconds: u64) -> String {
    format!("Refreshed automatically every {}", interval(seconds))
}

pub fn tool_count(n: u32) -> String {
    match n {
        1 => "1 tool".into(),
        n => format!("{n} tools"),
    }
}

pub fn last_sync(when: &str) -> String {
    format!("Last sync {when}")
}

/// A whole number of days, hours or minutes, as the seed states refresh intervals.
fn interval(seconds: u64) -> String {
    let unit = |n: u64, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    if seconds.is_multiple_of(86_400) {
        unit(seconds / 86_400, "day", "days")
    } else if seconds.is_multiple_of(3_600) {
        unit(seconds / 3_600, "hour", "hours")
    } else {
        unit(seconds.div_ceil(60), "minute", "minutes")
    }
}

pub fn health_label(h: HealthStatus) -> &'static str {
    match h {
        HealthStatus::Ok => "Healthy",
        HealthStatus::AuthFailed => "Authentication failed",
        HealthStatus::TokenExpired => "Token expired",
        HealthStatus::Quota => "Quota exceeded",
        HealthStatus::ConfigError => "Configuration error",
        HealthStatus::Unreachable => "Unreachable",
        HealthStatus::Unknown => "Not checked",
    }
}

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

pub fn auth_label(a: AuthType) -> &'static str {
    match a {
        AuthType::ApiKey => "API Key",
        AuthType::Oauth => "OAuth",
        AuthType::BasicAuth => "Basic Auth",
        AuthType::Bearer => "Bearer Token",
        AuthType::None => "None",
    }
}

/// A connector's authentication types as its card lists them ("API Key / OAuth"); a bearer
/// token that may be left out reads "Bearer/None", as the seed writes it.
pub fn auth_types_label(connector: &Connector) -> String {
    connector
        .authentication_types
        .iter()
        .map(|a| {
            if a.kind == AuthType::Bearer && a.fields.iter().all(|f| !f.required) {
                "Bearer/None"
            } else {
                auth_label(a.kind)
            }
        })
        .collect::<Vec<_>>()
        .join(" / ")
}
pub const AUTHENTICATION: &str = "Authentication";
pub const SETTINGS: &str = "Settings";
pub const AUTOMATIC: &str = "Automatic";

pub fn status_label(s: ConnectorStatus) -> &'static str {
    match s {
        ConnectorStatus::Enabled => "Enabled",
        ConnectorStatus::Disabled => "Disabled",
        ConnectorStatus::AutoEnabled => "Auto-enabled",
    }
}

/// Why the page itself could not load: a 404 there means the hub is missing (whatever its code).
pub fn load_error(e: &HubError) -> String {
    match e {
        HubError::NotFound(Missing::Hub | Missing::Other) => HUB_NOT_FOUND.into(),
        other => hub_error(other),
    }
}

/// What went wrong, in words a hub admin can act on.
pub fn hub_error(e: &HubError) -> String {
    match e {
        HubError::Network => {
            "The hub could not be reached. Check your connection and try again.".into()
        }
        HubError::Timeout => "The hub took too long to answer. Try again in a moment.".into(),
        HubError::Unauthorized => {
            "Your session is not valid for this hub. Sign in again, then reload the page.".into()
        }
        HubError::Forbidden => {
            "You do not have permission to manage this hub's connections.".into()
        }
        HubError::NotFound(missing) => not_found(*missing).into(),
        HubError::Conflict(m) | HubError::BadRequest(m) if !m.is_empty() => m.clone(),
        HubError::Conflict(_) => {
            "This conflicts with a change made elsewhere. Reload and try again.".into()
        }
        HubError::Validation { message, .. } if !message.is_empty() => message.clone(),
        HubError::Validation { .. } => "Some fields need attention.".into(),
        HubError::BadRequest(_) => "The hub rejected the request.".into(),
        HubError::Dependency { message, .. } if !message.is_empty() => message.clone(),
        HubError::Dependency { .. } => "A service this connection relies on failed.".into(),
        HubError::RateLimited {
            retry_after_s: Some(s),
        } => format!("Too many requests. Try again in {s} s."),
        HubError::RateLimited { .. } => "Too many requests. Wait a moment and try again.".into(),
        HubError::Server(status) => {
            format!("The hub had a problem (error {status}). Try again in a moment.")
        }
        HubError::BadResponse => "The hub sent an answer this page does not understand.".into(),
    }
}

pub const SAVE: &str = "Save";
pub const SAVING: &str = "Saving…";
pub const TEST: &str = "Test connection";
pub const TESTING: &str = "Testing…";
pub const SHOW: &str = "Show";
pub const HIDE: &str = "Hide";
pub const REPLACE: &str = "Replace";
pub const REMOVE_SECRET: &str = "Remove";
pub const KEEP_CURRENT: &str = "Keep current";
pub const UNDO: &str = "Undo";
pub const SECRET_WILL_BE_REMOVED: &str = "Will be removed when you save.";
pub const SECRET_REENTER: &str =
    "The address this is sent to changed: enter it again. A stored secret is never sent to a new address.";
pub const ADD_HEADER: &str = "Add header";
pub const HEADER_NAME: &str = "Header name";
pub const HEADER_VALUE: &str = "Value";
pub const NO_HEADERS: &str = "No custom headers.";
pub const CHOOSE: &str = "Choose…";
pub const EDIT: &str = "Edit";
pub const CANCEL: &str = "Cancel";
pub const DELETE: &str = "Delete";
pub const DELETING: &str = "Deleting…";
pub const ENABLE: &str = "Enable";
pub const DISABLE: &str = "Disable";
pub const DISCARD_TITLE: &str = "Discard unsaved changes?";
pub const DISCARD: &str = "Discard";
pub const KEEP_EDITING: &str = "Keep editing";
pub const FIX_FIELDS: &str = "Some fields need attention.";

pub fn stored_secret(hint: &str) -> String {
    format!("Stored: {hint}")
}

pub fn remove_header(n: usize) -> String {
    format!("Remove header {n}")
}

pub fn created_announcement(name: &str) -> String {
    format!("Connection “{name}” created.")
}

pub fn created_but_test_failed(name: &str, message: &str) -> String {
    format!("Connection “{name}” created, but testing it failed: {message}")
}

pub fn saved_announcement(name: &str) -> String {
    format!("Connection “{name}” saved.")
}

pub fn deleted_announcement(name: &str) -> String {
    format!("Connection “{name}” deleted.")
}

pub fn delete_question(name: &str) -> String {
    format!("Delete “{name}”? Agents that use it will stop working. This cannot be undone.")
}

pub fn test_result(ok: bool, message: &str) -> String {
    if ok {
        format!("Test passed: {message}")
    } else {
        format!("Test failed: {message}")
    }
}

/// A validation finding, in words, for the field it is shown under.
/// A field's problem in words: the wording the hub uses for the same problem (one source).
pub fn problem(p: &Problem) -> String {
    p.message()
}

// OAuth popups.
pub const RECONNECT: &str = "Reconnect";
pub const CONNECT: &str = "Connect";
pub const OAUTH_NAMED_FROM_ACCOUNT: &str =
    "Sign in with the account to connect. The connection is named after it; you can rename it later.";
pub const TRY_AGAIN: &str = "Try again";
pub const SHOW_SIGN_IN: &str = "Show the sign-in window";
pub const CONTINUE_HERE: &str = "Continue in this window";
pub const OAUTH_CHECKING: &str =
    "The sign-in window closed. Checking whether the sign-in finished…";
/// A sign-in the person ended; a multi-step signup says at which step the window was closed.
pub fn oauth_cancelled(stopped: Option<SignupStep>) -> String {
    match stopped {
        Some(step) => format!(
            "The signup window was closed at step {} of 8 ({}). Nothing was connected.",
            step.number(),
            signup_step(step)
        ),
        None => "Sign-in cancelled. Nothing was connected.".into(),
    }
}
pub const OAUTH_TIMED_OUT: &str =
    "The sign-in was not finished in time and was stopped. Nothing was connected.";
pub const OAUTH_REDIRECTING: &str = "Taking you to the sign-in page…";
pub const OAUTH_OPENING: &str = "Opening sign-in…";
pub const OAUTH_POPUP_BLOCKED: &str = "Your browser blocked the sign-in window.";
pub const OAUTH_POPUP_BLOCKED_HELP: &str =
    "Allow pop-ups for this site and try again, or continue the sign-in in this window; you will come back here afterwards.";
pub const OAUTH_RETURNED_UNKNOWN: &str =
    "This page was opened with a sign-in result it did not start, so it was ignored.";

/// The provider as sentences name it, as the hub's consent page does.
pub fn provider_name(p: wayai_core::OauthProvider) -> &'static str {
    p.name()
}

pub fn oauth_waiting(provider: &str) -> String {
    format!("Finish signing in with {provider} in the window that opened.")
}

pub fn oauth_connected(name: &str) -> String {
    format!("Connected: “{name}”.")
}

pub fn oauth_reconnected(name: &str) -> String {
    format!("Reconnected: “{name}”. Its connection id is unchanged.")
}

pub fn reconnect_label(name: &str) -> String {
    format!("Reconnect {name}")
}

/// A provider's refusal or failure, in plain words; the provider's own description follows when
/// it gave one.
pub fn oauth_failed(status: &wayai_core::OauthFlowStatus, provider: &str) -> String {
    use wayai_core::oauth::ProviderError;
    let lead = match wayai_core::oauth::provider_error(status) {
        // The provider's description repeats the step; the page's words say it once.
        ProviderError::Denied if status.stopped_at.is_some() => {
            let step = status.stopped_at.expect("checked");
            return format!(
                "The signup was cancelled at step {} of 8 ({}). Nothing was connected.",
                step.number(),
                signup_step(step)
            );
        }
        ProviderError::Denied => {
            format!("Access was not granted at {provider}, so nothing was connected.")
        }
        ProviderError::Expired => {
            "The sign-in took too long and expired. Nothing was connected.".to_string()
        }
        ProviderError::Rejected => format!(
            "{} rejected the sign-in. Nothing was connected.",
            capitalized(provider)
        ),
        ProviderError::Unavailable => format!(
            "{} is unavailable right now. Try again in a moment.",
            capitalized(provider)
        ),
        ProviderError::Other => "The sign-in did not complete. Nothing was connected.".to_string(),
    };
    let lead = match status.stopped_at {
        Some(step) => format!(
            "{lead} It stopped at step {} of 8 ({}).",
            step.number(),
            signup_step(step)
        ),
        None => lead,
    };
    match status.error_description.as_deref().map(str::trim) {
        Some(d) if !d.is_empty() => format!("{lead} ({d})"),
        _ => lead,
    }
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// WhatsApp's embedded signup and what it connected.
pub fn signup_step(step: SignupStep) -> &'static str {
    match step {
        SignupStep::Welcome => "welcome",
        SignupStep::BusinessPortfolio => "business portfolio",
        SignupStep::WhatsappBusinessAccount => "WhatsApp Business account",
        SignupStep::FacebookPage => "Facebook Page",
        SignupStep::Pixel => "Pixel and ad account",
        SignupStep::PhoneNumber => "phone number",
        SignupStep::ReviewPermissions => "review permissions",
        SignupStep::Complete => "complete",
    }
}
pub const SIGNUP_INTRO: &str = "Meta's signup opens in a window and takes eight steps: a business portfolio, a WhatsApp Business account, a Facebook Page, an optional Pixel, a phone number (verified by text message or phone call, or added later) and the permissions to review. You can go back at any step; closing the window connects nothing.";
pub const FEATURES: &str = "Included";
pub const WHATSAPP_SECTION: &str = "WhatsApp Business";
pub const BUSINESS_PORTFOLIO: &str = "Business portfolio";
pub const WABA: &str = "WhatsApp Business account";
pub const FACEBOOK_PAGE: &str = "Facebook Page";
pub const PIXEL: &str = "Pixel";
pub const AD_ACCOUNT: &str = "Ad account";
pub const DISPLAY_NAME: &str = "Display name";
pub const PHONE_NUMBER: &str = "Phone number";
pub fn waba(name: &str, id: &str) -> String {
    format!("{name} (ID {id})")
}
pub fn phone_number(phone: &PhoneNumber) -> String {
    let how = match phone.verified_by {
        Verification::Sms => "verified by text message",
        Verification::Voice => "verified by phone call",
        Verification::BusinessApp => "moved from the WhatsApp Business App",
    };
    format!("{} ({how})", phone.number)
}
pub fn phone_fact(phone: Option<&PhoneNumber>) -> String {
    match phone {
        Some(phone) => format!("Phone {}", phone.number),
        None => "No phone number yet".into(),
    }
}
pub const NO_PHONE_YET: &str = "No phone number yet: this connection cannot send or receive messages until one is added. Add it in Meta Business Settings (Accounts, WhatsApp accounts, Phone numbers), then use Reconnect so the hub picks it up.";
pub const DISPLAY_NAME_ONLY: &str = "Messages show your display name only; no phone number is registered. To add one, go to Meta Business Settings (Accounts, WhatsApp accounts, Phone numbers), then use Reconnect.";

// A connector disabled for the hub while it has connections.
pub fn disabled_note(has_connections: bool) -> &'static str {
    if has_connections {
        "Disabled for this hub: the connections below are read-only. Contact support to enable it again."
    } else {
        CONTACT_SUPPORT
    }
}
pub fn read_only_connection(connector: &str) -> String {
    format!("{connector} is no longer enabled for this hub, so this connection is read-only: it cannot be edited, tested or reconnected. You can still disable or delete it. Contact support to enable {connector} again.")
}

// MCP tools.
pub const TOOLS: &str = "Tools";
pub const SYNC: &str = "Sync tools";
pub const SYNCING: &str = "Syncing…";
pub const SYNC_PROGRESS: &str = "Asking the MCP server for its tools…";
pub const SYNC_NOTHING_CHANGED: &str = "Synced: nothing changed since the last sync.";
pub const SYNC_CHANGES: &str = "Changes since the last sync";
pub const ADDED: &str = "Added";
pub const REMOVED: &str = "Removed";
pub const CHANGED: &str = "Changed";
pub const LOADING_TOOLS: &str = "Loading tools…";
pub const TOOLS_LOAD_FAILED: &str = "The tools could not be loaded.";
pub const NO_TOOLS: &str = "This server offers no tools.";
pub const FILTER_TOOLS: &str = "Filter tools";
pub const NO_TOOL_MATCHES: &str = "No tool matches the filter.";
pub const PARAMETERS: &str = "Parameters";
pub const PARAMETER: &str = "Parameter";
pub const PARAMETER_TYPE: &str = "Type";
pub const PARAMETER_DESCRIPTION: &str = "Description";
pub const SAVING_AND_DISCOVERING: &str = "Saving and discovering tools…";

pub fn sync_summary(added: usize, removed: usize, changed: usize) -> String {
    if added + removed + changed == 0 {
        return SYNC_NOTHING_CHANGED.to_string();
    }
    format!("Synced: {added} added, {removed} removed, {changed} changed.")
}

pub fn tools_shown(shown: usize, total: usize) -> String {
    format!("{shown} of {total} tools")
}

pub fn mcp_problem(problem: wayai_core::tools::McpProblem, oauth: bool) -> String {
    use wayai_core::tools::McpProblem as P;
    match problem {
        P::Unreachable => {
            "The MCP server could not be reached at its URL. Check the URL, then try again.".into()
        }
        P::Timeout => "The MCP server did not answer in time. Try again in a moment.".into(),
        P::Unauthorized if oauth => {
            "The MCP server refused the sign-in. Reconnect to sign in again.".into()
        }
        P::Unauthorized => {
            "The MCP server refused the bearer token. Check the token, then try again.".into()
        }
        P::NotMcp => {
            "This URL does not answer as an MCP server (Streamable HTTP). Check the URL.".into()
        }
        P::ServerError => "The MCP server had an error. Try again later.".into(),
    }
}

pub fn hint_label(h: wayai_core::tools::Hint) -> &'static str {
    use wayai_core::tools::Hint as H;
    match h {
        H::ReadOnly => "Read-only",
        H::Destructive => "Destructive",
        H::Idempotent => "Idempotent",
        H::OpenWorld => "Open world",
    }
}

pub fn hint_slug(h: wayai_core::tools::Hint) -> &'static str {
    use wayai_core::tools::Hint as H;
    match h {
        H::ReadOnly => "read-only",
        H::Destructive => "destructive",
        H::Idempotent => "idempotent",
        H::OpenWorld => "open-world",
    }
}
