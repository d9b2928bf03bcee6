//! Every user-facing string of the page. The words are in `locales/` (`en.json` is the source,
//! `pt.json` and `es.json` its translations; the build fails when one lacks a key). A plain
//! string is `t!(locale, key)` where it is drawn; this module holds the ones that need a choice
//! (a code in words, a count's plural, a sentence about a provider). What the hub says (its
//! codes: health states, errors, field problems) is worded from core's tables (`said`), which
//! the hub answers from too; `told` words it here.

use crate::i18n::Locale;
use wayai_core::{
    codes::{self, Missing},
    said::Told,
    signup::{PhoneNumber, SignupStep, Verification},
    tools::{Hint, McpProblem},
    validate::Problem,
    AuthType, Connector, ConnectorStatus, ConnectorType, HealthStatus, HubError, OauthFlowStatus,
    OauthProvider,
};

pub(crate) mod apart;
mod languages;
pub(crate) mod org;
mod table;
pub(crate) use languages::{browser_languages, page_tags};
pub use languages::{lang, locale};
pub(crate) use table::{fill, live, t, tl, value, word};

/// A 404 in words: what the hub says is missing.
fn not_found(l: Locale, missing: Missing) -> &'static str {
    match missing {
        Missing::Hub => t!(l, hub_not_found),
        Missing::Connection => t!(l, connection_gone),
        Missing::Connector => t!(l, connector_gone),
        Missing::OauthFlow => t!(l, oauth_flow_gone),
        Missing::Other => t!(l, something_gone),
    }
}

pub fn retrying_in(l: Locale, seconds: u32) -> String {
    t!(l, retrying_in, seconds).to_string()
}

/// Whether `n` takes the singular form (CLDR's "one" for integers): 1 in English and Spanish;
/// 0 and 1 in Portuguese (where zero, when a string has words of its own for it, is chosen
/// before this).
fn singular(l: Locale, n: u64) -> bool {
    match l {
        Locale::pt => n <= 1,
        Locale::en | Locale::es => n == 1,
    }
}

pub fn search_results(l: Locale, count: usize) -> String {
    if singular(l, count as u64) {
        t!(l, search_results_singular, count).to_string()
    } else {
        t!(l, search_results_plural, count).to_string()
    }
}

/// "N connections need a production credential."
pub fn production_missing(l: Locale, count: usize) -> String {
    if singular(l, count as u64) {
        t!(l, production_missing_one, count).to_string()
    } else {
        t!(l, production_missing_many, count).to_string()
    }
}

pub fn tool_count(l: Locale, count: u32) -> String {
    match count {
        0 => t!(l, no_tools_count).into(),
        n if singular(l, n.into()) => t!(l, tool_count_singular, count).to_string(),
        _ => t!(l, tool_count_plural, count).to_string(),
    }
}

pub fn token_refresh(l: Locale, seconds: u64) -> String {
    t!(l, token_refresh, interval = interval(l, seconds)).to_string()
}

/// A whole number of days, hours or minutes, as the seed states refresh intervals.
fn interval(l: Locale, seconds: u64) -> String {
    let (count, unit) = if seconds.is_multiple_of(86_400) {
        (seconds / 86_400, Unit::Days)
    } else if seconds.is_multiple_of(3_600) {
        (seconds / 3_600, Unit::Hours)
    } else {
        (seconds.div_ceil(60), Unit::Minutes)
    };
    match (unit, singular(l, count)) {
        (Unit::Days, true) => t!(l, days_singular, count),
        (Unit::Days, false) => t!(l, days_plural, count),
        (Unit::Hours, true) => t!(l, hours_singular, count),
        (Unit::Hours, false) => t!(l, hours_plural, count),
        (Unit::Minutes, true) => t!(l, minutes_singular, count),
        (Unit::Minutes, false) => t!(l, minutes_plural, count),
    }
    .to_string()
}

enum Unit {
    Days,
    Hours,
    Minutes,
}

pub fn health_label(l: Locale, h: HealthStatus) -> &'static str {
    match h {
        HealthStatus::Ok => t!(l, health_ok),
        HealthStatus::AuthFailed => t!(l, health_auth_failed),
        HealthStatus::TokenExpired => t!(l, health_token_expired),
        HealthStatus::Quota => t!(l, health_quota),
        HealthStatus::ConfigError => t!(l, health_config_error),
        HealthStatus::Unreachable => t!(l, health_unreachable),
        HealthStatus::Unknown => t!(l, health_unknown),
        HealthStatus::ProductionCredentialMissing => t!(l, health_production_credential_missing),
        HealthStatus::Other => t!(l, health_other),
    }
}

/// A group's title and description in the page's words, for a hub whose catalog names no groups.
pub fn group_words(l: Locale, kind: ConnectorType) -> (&'static str, &'static str) {
    match kind {
        ConnectorType::Agent => (t!(l, group_agent), t!(l, group_agent_about)),
        ConnectorType::Channel => (t!(l, group_channel), t!(l, group_channel_about)),
        ConnectorType::ToolNative => (t!(l, group_tool_native), t!(l, group_tool_native_about)),
        ConnectorType::ToolUser => (t!(l, group_tool_user), t!(l, group_tool_user_about)),
        ConnectorType::ToolMcp => (t!(l, group_tool_mcp), t!(l, group_tool_mcp_about)),
        ConnectorType::Stt => (t!(l, group_stt), t!(l, group_stt_about)),
        ConnectorType::Tts => (t!(l, group_tts), t!(l, group_tts_about)),
        ConnectorType::Other => (t!(l, group_other), t!(l, group_other_about)),
    }
}

pub fn auth_label(l: Locale, a: AuthType) -> &'static str {
    match a {
        AuthType::ApiKey => t!(l, auth_api_key),
        AuthType::Oauth => t!(l, auth_oauth),
        AuthType::BasicAuth => t!(l, auth_basic_auth),
        AuthType::Bearer => t!(l, auth_bearer),
        AuthType::None => t!(l, auth_none),
        AuthType::Other => t!(l, auth_other),
    }
}

/// A type in the form's choice: the page's words for a type it knows; a newer hub's type by the
/// catalog's label, saying this page cannot use it.
pub fn auth_choice(l: Locale, a: AuthType, label: Option<&str>) -> String {
    match (a, label) {
        (AuthType::Other, Some(label)) => t!(l, auth_other_named, label).to_string(),
        _ => auth_label(l, a).to_string(),
    }
}

/// A connector's authentication types as its card lists them ("API Key / OAuth"); a bearer
/// token that may be left out reads "Bearer/None", as the seed writes it.
pub fn auth_types_label(l: Locale, connector: &Connector) -> String {
    connector
        .authentication_types
        .iter()
        .map(|a| {
            if a.kind == AuthType::Bearer && a.fields.iter().all(|f| !f.required) {
                t!(l, auth_bearer_or_none)
            } else {
                auth_label(l, a.kind)
            }
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

pub fn status_label(l: Locale, s: ConnectorStatus) -> &'static str {
    match s {
        ConnectorStatus::Enabled => t!(l, enabled),
        // A status this page does not know reads as disabled: nothing is offered that may fail.
        ConnectorStatus::Disabled | ConnectorStatus::Other => t!(l, disabled),
        ConnectorStatus::AutoEnabled => t!(l, auto_enabled),
    }
}

/// Why the page itself could not load: a 404 there means the hub is missing (whatever its code).
pub fn load_error(l: Locale, e: &HubError) -> String {
    match e {
        HubError::NotFound(Missing::Hub | Missing::Other) => t!(l, hub_not_found).into(),
        other => hub_error(l, other),
    }
}

/// What went wrong, in words a hub admin can act on. A message the hub wrote about this very
/// request (a conflict's, a validation's) is the hub's own and shown as it came.
pub fn hub_error(l: Locale, e: &HubError) -> String {
    match e {
        HubError::Network => t!(l, err_network).into(),
        HubError::Timeout => t!(l, err_timeout).into(),
        HubError::Unauthorized => t!(l, err_unauthorized).into(),
        HubError::Forbidden => t!(l, err_forbidden).into(),
        HubError::NotFound(missing) => not_found(l, *missing).into(),
        HubError::Conflict(t) | HubError::BadRequest(t) if !t.message.is_empty() => told(l, t),
        HubError::Conflict(_) => t!(l, err_conflict).into(),
        HubError::Validation { told: t, .. } if !t.message.is_empty() => told(l, t),
        HubError::Validation { .. } => t!(l, fix_fields).into(),
        HubError::BadRequest(_) => t!(l, err_bad_request).into(),
        HubError::Dependency(t) if t.code == codes::REVOCATION_FAILED => {
            t!(l, err_revocation_failed).into()
        }
        HubError::Dependency(t) if !t.message.is_empty() => told(l, t),
        HubError::Dependency(_) => t!(l, err_dependency).into(),
        HubError::RateLimited {
            retry_after_s: Some(seconds),
        } => t!(l, err_rate_limited_for, seconds = *seconds).to_string(),
        HubError::RateLimited { .. } => t!(l, err_rate_limited).into(),
        HubError::Server(status) => t!(l, err_server, status = *status).to_string(),
        HubError::BadResponse => t!(l, err_bad_response).into(),
    }
}

pub fn test_result(l: Locale, ok: bool, message: &str) -> String {
    if ok {
        t!(l, test_passed, message).to_string()
    } else {
        t!(l, test_failed, message).to_string()
    }
}

/// A field's problem in words, for the field it is shown under: the one wording of each
/// problem, which the hub uses too (`said`).
pub fn problem(l: Locale, p: &Problem) -> String {
    p.said().words(lang(l))
}

/// What the hub told (a health state, an error, a field error), in the page's language when
/// the page knows its code; else the hub's own message, so a newer hub's code still reads.
pub fn told(l: Locale, told: &Told) -> String {
    told.words(lang(l))
}

/// A connection's health message in the page's language.
pub fn health_message(l: Locale, health: &wayai_core::Health) -> String {
    told(l, &Told::of_health(health))
}

/// A sign-in the person ended; a multi-step signup says at which step the window was closed.
pub fn oauth_cancelled(l: Locale, stopped: Option<SignupStep>) -> String {
    match stopped {
        Some(step) => t!(
            l,
            signup_closed_at,
            step = step.number(),
            name = signup_step(l, step)
        )
        .to_string(),
        None => t!(l, oauth_cancelled).into(),
    }
}

/// The provider as sentences name it.
pub fn provider_name(l: Locale, p: OauthProvider) -> &'static str {
    match p {
        OauthProvider::Google => t!(l, provider_google),
        OauthProvider::Meta => t!(l, provider_meta),
        OauthProvider::Mcp => t!(l, provider_mcp),
    }
}

/// A provider's refusal or failure, in plain words; the provider's own description follows when
/// it gave one.
pub fn oauth_failed(l: Locale, status: &OauthFlowStatus, provider: OauthProvider) -> String {
    use wayai_core::oauth::ProviderError;
    // A sentence may start with the provider ("The MCP server rejected …").
    let subject = capitalized(provider_name(l, provider));
    let lead = match wayai_core::oauth::provider_error(status) {
        // The provider's description repeats the step; the page's words say it once.
        ProviderError::Denied if status.stopped_at.is_some() => {
            let step = status.stopped_at.expect("checked");
            let name = signup_step(l, step);
            return t!(l, signup_cancelled_at, step = step.number(), name).to_string();
        }
        ProviderError::Denied => match l {
            Locale::en => t!(l, oauth_denied, provider = provider_name(l, provider)).to_string(),
            _ => t!(l, oauth_denied, provider = subject).to_string(),
        },
        ProviderError::Expired => t!(l, oauth_expired).into(),
        ProviderError::Rejected => t!(l, oauth_rejected, provider = subject).to_string(),
        ProviderError::Unavailable => t!(l, oauth_unavailable, provider = subject).to_string(),
        ProviderError::AddressChanged => return t!(l, oauth_address_changed).into(), // all said
        // A failure the hub found itself (the code exchange, discovery): its words say it all.
        ProviderError::Other => match wayai_core::said::words(
            lang(l),
            status.error.as_deref().unwrap_or_default(),
            &status.error_params,
        ) {
            Some(words) => return words,
            None => t!(l, oauth_incomplete).into(),
        },
    };
    let lead = match status.stopped_at {
        Some(step) => {
            let name = signup_step(l, step);
            let at = t!(l, oauth_stopped_at, step = step.number(), name);
            format!("{lead} {at}")
        }
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

pub fn signup_step(l: Locale, step: SignupStep) -> &'static str {
    match step {
        SignupStep::Welcome => t!(l, step_welcome),
        SignupStep::BusinessPortfolio => t!(l, step_business_portfolio),
        SignupStep::WhatsappBusinessAccount => t!(l, step_waba),
        SignupStep::FacebookPage => t!(l, step_facebook_page),
        SignupStep::Pixel => t!(l, step_pixel),
        SignupStep::PhoneNumber => t!(l, step_phone_number),
        SignupStep::ReviewPermissions => t!(l, step_review_permissions),
        SignupStep::Complete => t!(l, step_complete),
    }
}

pub fn phone_number(l: Locale, phone: &PhoneNumber) -> String {
    let number = &phone.number;
    match phone.verified_by {
        Verification::Sms => t!(l, phone_by_sms, number),
        Verification::Voice => t!(l, phone_by_voice, number),
        Verification::BusinessApp => t!(l, phone_from_app, number),
    }
    .to_string()
}

pub fn phone_fact(l: Locale, phone: Option<&PhoneNumber>) -> String {
    match phone {
        Some(phone) => t!(l, phone_fact, number = &phone.number).to_string(),
        None => t!(l, no_phone_fact).into(),
    }
}

/// A connector disabled for the hub: with connections, they stay and are read-only.
pub fn disabled_note(l: Locale, has_connections: bool) -> &'static str {
    if has_connections {
        t!(l, disabled_with_connections)
    } else {
        t!(l, contact_support)
    }
}

pub fn sync_summary(l: Locale, added: usize, removed: usize, changed: usize) -> String {
    if added + removed + changed == 0 {
        return t!(l, sync_nothing_changed).to_string();
    }
    t!(l, sync_summary, added, removed, changed).to_string()
}

pub fn mcp_problem(l: Locale, problem: McpProblem, oauth: bool) -> &'static str {
    match problem {
        McpProblem::Unreachable => t!(l, mcp_unreachable),
        McpProblem::Timeout => t!(l, mcp_timeout),
        McpProblem::Unauthorized if oauth => t!(l, mcp_unauthorized_oauth),
        McpProblem::Unauthorized => t!(l, mcp_unauthorized_bearer),
        McpProblem::NotMcp => t!(l, mcp_not_mcp),
        McpProblem::ServerError => t!(l, mcp_server_error),
    }
}

pub fn hint_label(l: Locale, h: Hint) -> &'static str {
    match h {
        Hint::ReadOnly => t!(l, hint_read_only),
        Hint::Destructive => t!(l, hint_destructive),
        Hint::Idempotent => t!(l, hint_idempotent),
        Hint::OpenWorld => t!(l, hint_open_world),
    }
}

/// A hint's class name (not shown: the same in every language).
pub fn hint_slug(h: Hint) -> &'static str {
    match h {
        Hint::ReadOnly => "read-only",
        Hint::Destructive => "destructive",
        Hint::Idempotent => "idempotent",
        Hint::OpenWorld => "open-world",
    }
}
