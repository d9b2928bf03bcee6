//! What the hub says, as codes: every health state and every error the hub sends carries a
//! stable code and its parameters beside an English message (for clients that know no code).
//! The codes are listed once here; their words, in each language both sides speak, are one
//! table per language (`said/{en,pt,es}.json`, `{name}` marks a parameter): the hub answers in
//! the language a request asks for, the page in the admin's, and a code a side does not know is
//! shown as the message the hub sent.

use crate::lang::Lang;
use serde_json::Value;
use std::collections::BTreeMap;

/// A message's parameters by name (a provider, an HTTP status, a field, seconds to wait).
pub type Params = BTreeMap<String, Value>;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal [$($param:literal),*],)*) => {
        /// Every code the hub sends in a health state, an error body, a field error or a
        /// failed sign-in, with the parameters its words use.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// The parameters its words use (and the hub sends).
            pub fn params(self) -> &'static [&'static str] {
                match self {
                    $(Code::$variant => &[$($param),*],)*
                }
            }
        }
    };
}

codes! {
    // Health.
    NotChecked = "not_checked" [],
    Ready = "ready" [],
    CredentialsAccepted = "credentials_accepted" [],
    /// The provider answered 401 or 403: the key itself is wrong.
    CredentialsRejected = "credentials_rejected" ["provider", "status"],
    /// The provider answered 402 or 429: a rate or quota limit, not the key.
    QuotaExceeded = "quota_exceeded" ["provider", "status"],
    /// The provider answered 400 for the connection's settings (a model it does not have).
    SettingsRefused = "settings_refused" ["provider", "status"],
    Unreachable = "unreachable" ["host"],
    ConnectedAs = "connected_as" ["account"],
    ToolsFound = "tools_found" ["count"],
    /// A provider's token ran out or was ended: only a new sign-in helps.
    TokenExpired = "token_expired" [],
    /// A channel's token the provider ended (Meta's, for WhatsApp).
    ChannelTokenExpired = "channel_token_expired" ["provider"],
    /// The server's address changed, so the sign-in for the old one was dropped.
    AddressMoved = "address_moved" [],
    MoreScopes = "more_scopes" ["scopes"],
    RefreshRefused = "refresh_refused" ["detail"],
    // An MCP server's failures (health, and the 424 of a sync).
    McpUnreachable = "mcp_unreachable" ["host"],
    McpTimeout = "mcp_timeout" [],
    McpUnauthorized = "mcp_unauthorized" [],
    McpNotMcp = "mcp_not_mcp" [],
    McpProtocolError = "mcp_protocol_error" ["detail"],
    McpServerError = "mcp_server_error" ["status"],
    McpBadHeader = "mcp_bad_header" ["detail"],
    // Errors.
    Unauthorized = "unauthorized" [],
    HubNotFound = "hub_not_found" [],
    ConnectionNotFound = "connection_not_found" [],
    ConnectorNotFound = "connector_not_found" [],
    OauthFlowNotFound = "oauth_flow_not_found" [],
    NotFound = "not_found" [],
    MethodNotAllowed = "method_not_allowed" [],
    TooManyHeaders = "too_many_headers" ["max"],
    UriTooLong = "uri_too_long" [],
    UnknownHost = "unknown_host" [],
    UnsupportedMediaType = "unsupported_media_type" [],
    PayloadTooLarge = "payload_too_large" [],
    BadPath = "bad_path" [],
    BadId = "bad_id" ["name"],
    UnreadableBody = "unreadable_body" [],
    BadJson = "bad_json" ["line", "column"],
    BadQuery = "bad_query" ["name"],
    IdempotencyKeyRequired = "idempotency_key_required" [],
    IdempotencyKeyTooLong = "idempotency_key_too_long" [],
    IdempotencyKeyReused = "idempotency_key_reused" [],
    IdempotentResourceDeleted = "idempotent_resource_deleted" [],
    ValidationFailed = "validation_failed" [],
    AlreadyExists = "already_exists" ["connector"],
    OauthRequired = "oauth_required" ["connector"],
    NotDeletable = "not_deletable" ["connection"],
    RevocationFailed = "revocation_failed" ["detail"],
    ConnectorDisabled = "connector_disabled" ["connector"],
    NotOauth = "not_oauth" ["connector"],
    NotAnMcpConnection = "not_an_mcp_connection" [],
    Internal = "internal" [],
    /// A dev hub's injected fault (its tests' failures).
    InjectedFault = "injected_fault" ["status"],
    AlwaysEnabled = "always_enabled" ["connector"],
    DuplicateConnectorId = "duplicate_connector_id" [],
    // An organization's credentials and tags.
    /// No credential of this organization with this id, or one the hub may not use.
    CredentialNotFound = "credential_not_found" [],
    TagNotFound = "tag_not_found" [],
    /// Neither names the tag sent: an error never repeats what a request sent.
    TagTaken = "tag_taken" [],
    /// A tag that credentials or hubs carry cannot be deleted.
    TagInUse = "tag_in_use" ["tag", "credentials", "hubs"],
    /// A credential connections use cannot be deleted (its usage lists them).
    CredentialInUse = "credential_in_use" ["count"],
    /// A connection's field is bound to an organization credential this hub may not use (any
    /// more): it was deleted, or the hub's tags or environment hide it.
    CredentialUnavailable = "credential_unavailable" [],
    // Preview and production hubs.
    /// A configuration change sent to a production hub (403).
    HubReadOnly = "hub_read_only" [],
    /// A production connection's health while its own credential is not set.
    ProductionCredentialMissing = "production_credential_missing" [],
    /// A production credential for a connection that takes its preview's (409).
    CredentialSynced = "credential_synced" [],
    /// A production credential on a hub that is not a production hub (409).
    NotProduction = "not_production" [],
    /// A sync of a preview that has no production hub yet (409).
    NotPublished = "not_published" [],
    // A sign-in's failures.
    AddressChanged = "address_changed" [],
    InvalidGrant = "invalid_grant" [],
    TokenExchangeFailed = "token_exchange_failed" ["detail"],
    NoPkce = "sign_in_no_pkce" [],
    NoRegistration = "sign_in_no_registration" [],
    RegistrationRefused = "sign_in_registration_refused" ["detail"],
    SignInFailed = "sign_in_failed" ["detail"],
    AddressUnusable = "address_unusable" ["detail"],
    SignInUnreachable = "sign_in_unreachable" ["url"],
    SignInUndiscovered = "sign_in_undiscovered" ["url", "well_known"],
    // A field's problems (`validate::Problem`), found by both sides.
    Required = "required" [],
    TooLong = "too_long" ["max"],
    NotUrl = "not_url" [],
    InsecureUrl = "insecure_url" [],
    BadHeaderName = "bad_header_name" ["row"],
    BadHeaderValue = "bad_header_value" ["row"],
    DuplicateHeader = "duplicate_header" ["row"],
    TooManyHeaderRows = "too_many_header_rows" ["max"],
    WrongType = "wrong_type" [],
    NotANumber = "not_a_number" [],
    NotDigits = "not_digits" [],
    NumberBetween = "number_between" ["min", "max"],
    NumberAtLeast = "number_at_least" ["min"],
    NumberAtMost = "number_at_most" ["max"],
    NotAnOption = "not_an_option" [],
    UnknownField = "unknown_field" [],
    BadCharacters = "bad_characters" [],
    ReservedHeader = "reserved_header" ["row"],
    ReenterSecret = "reenter_secret" [],
    NeedsNewerPage = "needs_newer_page" [],
    // Field errors only the hub can find.
    NoSuchConnector = "no_such_connector" [],
    NameTaken = "name_taken" [],
    OauthSwitch = "oauth_switch" [],
    McpUrlRequired = "mcp_url_required" [],
    OpenerNotServed = "opener_not_served" [],
    ConnectorOrConnection = "connector_or_connection" [],
    ReturnToNotAllowed = "return_to_not_allowed" [],
    AllowOrDeny = "allow_or_deny" [],
    NoSuchAuthType = "no_such_authentication_type" ["connector", "types"],
    ReservedName = "reserved_name" ["name"],
    PrivateAddress = "private_address" [],
    BadFaultStatus = "bad_fault_status" [],
    BadCatalog = "bad_catalog" ["detail"],
    HintSentBack = "hint_sent_back" [],
    CredentialNameTaken = "credential_name_taken" [],
    BadTagSlug = "bad_tag_slug" [],
    BadTagColor = "bad_tag_color" [],
    NoSuchTag = "no_such_tag" [],
    CredentialAllOrOwn = "credential_all_or_own" [],
    BoundAndTyped = "bound_and_typed" [],
    ChooseCredential = "choose_credential" [],
    /// The address moved: the credential's secret would follow it, so the binding is chosen again.
    ConfirmBinding = "confirm_binding" [],
}

impl Code {
    pub fn from_code(code: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

/// A code with its parameters: what the hub means, in no language yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub code: Code,
    pub params: Params,
}

impl Said {
    pub fn new(code: Code) -> Said {
        Said {
            code,
            params: Params::new(),
        }
    }

    /// With the parameter `name` (text or a number).
    pub fn with(mut self, name: &str, value: impl Into<Value>) -> Said {
        self.params.insert(name.to_string(), value.into());
        self
    }

    /// Its words in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        words(lang, self.code.as_str(), &self.params).expect("every code has words")
    }
}

/// What the hub told: its code, the code's parameters, and its own message (English, or the
/// language the request asked for).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Told {
    pub code: String,
    pub params: Params,
    pub message: String,
}

impl Told {
    /// In `lang` when this side knows the code; else the hub's own message.
    pub fn words(&self, lang: Lang) -> String {
        words(lang, &self.code, &self.params).unwrap_or_else(|| self.message.clone())
    }

    /// A health state's.
    pub fn of_health(health: &crate::wire::Health) -> Told {
        Told {
            code: health.code.clone(),
            params: health.params.clone(),
            message: health.message.clone(),
        }
    }

    /// A field error's.
    pub fn of_field(field: &crate::wire::FieldError) -> Told {
        Told {
            code: field.code.clone(),
            params: field.params.clone(),
            message: field.message.clone(),
        }
    }
}

// `CODES` and `WORDS`, made by `build.rs` from `said/*.json`.
include!(concat!(env!("OUT_DIR"), "/said_words.rs"));

/// A language's words not carried by the crate (`said-apart`), once brought.
static BROUGHT: [std::sync::OnceLock<Box<[&'static str]>>; 3] =
    [const { std::sync::OnceLock::new() }; 3];

/// `lang`'s place in `Lang::ALL` (and so in the tables).
fn slot(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

/// Takes `lang`'s words brought apart from the code (`said/{lang}.json`'s values in the order of
/// its codes). False when they are not one per code (another build's): they are not taken.
pub fn take_words(lang: Lang, words: Vec<&'static str>) -> bool {
    let l = slot(lang);
    words.len() == CODES.len() && BROUGHT[l].set(words.into_boxed_slice()).is_ok()
}

/// Whether `lang`'s words are here: carried, or brought.
pub fn has_words(lang: Lang) -> bool {
    let l = slot(lang);
    l < WORDS.len() || BROUGHT[l].get().is_some()
}

/// The words of `code` in `lang`, its parameters still `{marked}` (in English while `lang`'s are
/// not here: a page waits for them before it shows that language).
fn template(lang: Lang, code: &str) -> Option<&'static str> {
    let i = CODES.binary_search(&code).ok()?;
    let l = slot(lang);
    Some(match WORDS.get(l) {
        Some(table) => table[i],
        None => BROUGHT[l].get().map_or(WORDS[0][i], |table| table[i]),
    })
}

/// The words of `code` in `lang` with `params` in place; `None` for a code this side does not
/// know (show the hub's own message).
pub fn words(lang: Lang, code: &str, params: &Params) -> Option<String> {
    let template = template(lang, code)?;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + len];
        match params.get(name) {
            Some(Value::String(s)) => out.push_str(s),
            Some(other) => out.push_str(&other.to_string()),
            None => out.push_str(&rest[start..=start + len]),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(template: &str) -> BTreeSet<String> {
        template
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_string()))
            .collect()
    }

    #[test]
    fn every_code_has_words_in_every_language_with_exactly_its_parameters() {
        for lang in Lang::ALL {
            for code in Code::ALL {
                let template = template(lang, code.as_str())
                    .unwrap_or_else(|| panic!("{}: no words for {}", lang.code(), code.as_str()));
                let wanted: BTreeSet<String> =
                    code.params().iter().map(|p| p.to_string()).collect();
                assert_eq!(
                    placeholders(template),
                    wanted,
                    "{}: {}",
                    lang.code(),
                    code.as_str()
                );
            }
            for key in CODES {
                assert!(
                    Code::from_code(key).is_some(),
                    "{}: {key} is no code",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn parameters_appear_in_the_words() {
        let said = Said::new(Code::CredentialsRejected)
            .with("provider", "OpenAI")
            .with("status", 401);
        for lang in Lang::ALL {
            let words = said.words(lang);
            assert!(words.contains("OpenAI") && words.contains("401"), "{words}");
            assert!(!words.contains('{'), "{words}");
        }
        assert_ne!(said.words(Lang::En), said.words(Lang::Pt));
        assert_ne!(said.words(Lang::Pt), said.words(Lang::Es));
    }

    #[test]
    fn an_unknown_code_has_no_words() {
        assert_eq!(words(Lang::Pt, "newer_code", &Params::new()), None);
    }

    #[test]
    fn codes_read_back_as_themselves() {
        for code in Code::ALL {
            assert_eq!(Code::from_code(code.as_str()), Some(*code));
        }
    }
}
