//! The JSON shapes that cross the wire between the page and the hub API.
//! `openapi.yaml` (crates/devhub) documents the same shapes; the dev hub's tests keep them equal.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The kind of a connector; the page shows one group per kind, in [`ConnectorType::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectorType {
    Agent,
    Channel,
    ToolNative,
    ToolUser,
    ToolMcp,
    Stt,
    Tts,
    /// A kind a newer hub has and this page does not know (never fatal: see `STYLE.md`,
    /// contracts that evolve).
    #[serde(other)]
    Other,
}

impl ConnectorType {
    /// The seed document's order, which is the page's group order.
    pub const ALL: [ConnectorType; 7] = [
        ConnectorType::Agent,
        ConnectorType::Channel,
        ConnectorType::ToolNative,
        ConnectorType::ToolUser,
        ConnectorType::ToolMcp,
        ConnectorType::Stt,
        ConnectorType::Tts,
    ];

    /// The wire name, also used as a stable DOM/CSS identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectorType::Agent => "agent",
            ConnectorType::Channel => "channel",
            ConnectorType::ToolNative => "tool_native",
            ConnectorType::ToolUser => "tool_user",
            ConnectorType::ToolMcp => "tool_mcp",
            ConnectorType::Stt => "stt",
            ConnectorType::Tts => "tts",
            // Not "other": the page's group of connections whose connector left has that name.
            ConnectorType::Other => "newer_kind",
        }
    }
}

/// One way a connector authenticates; a connector offers one or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthType {
    None,
    ApiKey,
    Bearer,
    BasicAuth,
    Oauth,
    /// A type a newer hub offers and this page does not know: listed as unavailable.
    #[serde(other)]
    Other,
}

impl AuthType {
    pub const ALL: [AuthType; 5] = [
        AuthType::None,
        AuthType::ApiKey,
        AuthType::Bearer,
        AuthType::BasicAuth,
        AuthType::Oauth,
    ];

    /// The wire name (also `…/new?auth=<type>`).
    pub fn as_str(self) -> &'static str {
        match self {
            AuthType::None => "none",
            AuthType::ApiKey => "api_key",
            AuthType::Bearer => "bearer",
            AuthType::BasicAuth => "basic_auth",
            AuthType::Oauth => "oauth",
            AuthType::Other => "other",
        }
    }

    pub fn from_wire(s: &str) -> Option<AuthType> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// An authentication type a connector offers, with its own credential fields (and, for OAuth,
/// its provider's facts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthenticationType {
    #[serde(rename = "type")]
    pub kind: AuthType,
    /// Its display name ("Bearer Token"): how the page names a type it does not know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FormField>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth: Option<OauthFacts>,
}

/// Whether a hub may use a connector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectorStatus {
    /// Usable: the card is actionable.
    Enabled,
    /// Listed but not actionable until support enables it.
    Disabled,
    /// Created with the hub and never deletable (the Wayai native toolset).
    AutoEnabled,
    /// A status a newer hub has and this page does not know: read as disabled.
    #[serde(other)]
    Other,
}

impl ConnectorStatus {
    /// Listed but not actionable: disabled, or a status this side does not know (nothing is
    /// offered that may not work).
    pub fn is_disabled(self) -> bool {
        matches!(self, ConnectorStatus::Disabled | ConnectorStatus::Other)
    }
}

/// The kind of input a form field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    /// Text over several lines (a prompt), with `max_length`.
    Multiline,
    /// Write-only: the hub stores it and only ever returns a hint.
    Secret,
    Url,
    /// Key-value HTTP headers: a list of `{name, value}`.
    Headers,
    Select,
    Number,
    Boolean,
    /// A kind a newer hub has and this page does not know: shown read-only.
    #[serde(other)]
    Other,
}

impl FieldKind {
    pub const ALL: [FieldKind; 8] = [
        FieldKind::Text,
        FieldKind::Multiline,
        FieldKind::Secret,
        FieldKind::Url,
        FieldKind::Headers,
        FieldKind::Select,
        FieldKind::Number,
        FieldKind::Boolean,
    ];

    /// The wire name, also used as a stable DOM identifier (`data-kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Multiline => "multiline",
            FieldKind::Secret => "secret",
            FieldKind::Url => "url",
            FieldKind::Headers => "headers",
            FieldKind::Select => "select",
            FieldKind::Number => "number",
            FieldKind::Boolean => "boolean",
            FieldKind::Other => "other",
        }
    }
}

/// One choice of a `select` field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectOption {
    pub value: String,
    pub label: String,
}

/// One field of a connector's form. The page renders any list of these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormField {
    /// The key of the value in a connection's `config`.
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<FieldValue>,
    /// The choices of a `select` field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<SelectOption>,
    /// Longest accepted text, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// The connection's secrets are sent to this address: changing it asks for them again, and a
    /// stored secret never goes to an address it was not entered for.
    #[serde(default, skip_serializing_if = "is_false")]
    pub secret_destination: bool,
    /// For a `headers` field: its values are secrets (API keys, often), write-only like any
    /// secret; the hub shows each header's name with its value's hint.
    #[serde(default, skip_serializing_if = "is_false")]
    pub secret_values: bool,
    /// A text of digits only, such as the numeric ids Meta gives WhatsApp accounts.
    #[serde(default, skip_serializing_if = "is_false")]
    pub digits_only: bool,
    /// A number's bounds and step; with both bounds it is shown as a slider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<f64>,
}

fn is_false(b: &bool) -> bool {
    !b
}

impl FormField {
    /// Whether the field's value is write-only: a secret, or headers with secret values.
    pub fn is_secret(&self) -> bool {
        self.kind == FieldKind::Secret || (self.kind == FieldKind::Headers && self.secret_values)
    }

    /// A field with just a key, a label, a kind and whether it is required.
    pub fn new(key: &str, label: &str, kind: FieldKind, required: bool) -> FormField {
        FormField {
            key: key.to_string(),
            label: label.to_string(),
            kind,
            required,
            placeholder: None,
            help: None,
            default: None,
            options: Vec::new(),
            max_length: None,
            secret_destination: false,
            secret_values: false,
            digits_only: false,
            min: None,
            max: None,
            step: None,
        }
    }
}

/// One HTTP header of a `headers` field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// A configuration value; its JSON type follows the field's kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    Bool(bool),
    Number(f64),
    Text(String),
    Headers(Vec<Header>),
    /// A value of a shape this page does not know (a newer hub's field kind): kept, shown as
    /// text, never sent back changed.
    Other(serde_json::Value),
}

/// Which simulated or real provider runs a connector's consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OauthProvider {
    Google,
    Meta,
    /// The MCP server's own authorization server (RFC 9728 discovery).
    Mcp,
}

impl OauthProvider {
    pub const ALL: [OauthProvider; 3] = [
        OauthProvider::Google,
        OauthProvider::Meta,
        OauthProvider::Mcp,
    ];

    /// The wire name, also the `provider` of the simulated consent page's URL.
    pub fn as_str(self) -> &'static str {
        match self {
            OauthProvider::Google => "google",
            OauthProvider::Meta => "meta",
            OauthProvider::Mcp => "mcp",
        }
    }

    pub fn from_slug(slug: &str) -> Option<OauthProvider> {
        OauthProvider::ALL.into_iter().find(|p| p.as_str() == slug)
    }

    /// Who the person signs in with, as a sentence names it ("Sign in with Google", "Access
    /// was not granted at the MCP server").
    pub fn name(self) -> &'static str {
        match self {
            OauthProvider::Google => "Google",
            OauthProvider::Meta => "Meta",
            OauthProvider::Mcp => "the MCP server",
        }
    }
}

/// OAuth facts of a connector, from the seed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OauthFacts {
    pub provider: OauthProvider,
    /// "Connect with Google", "Connect with Meta", …
    pub button_label: String,
    /// How often the hub refreshes the token (Gmail 1 hour, Instagram 7 days), in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_refresh_seconds: Option<u64>,
    /// The sign-in is Meta's embedded signup (WhatsApp): several steps in the window, which
    /// may end at any of them.
    #[serde(default, skip_serializing_if = "is_false")]
    pub embedded_signup: bool,
}

/// One connector of the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connector {
    /// The seed's `connector_id`.
    pub id: Uuid,
    /// Stable, URL-safe name used by `?connector=<slug>` deep links.
    pub slug: String,
    #[serde(rename = "type")]
    pub connector_type: ConnectorType,
    pub name: String,
    pub description: String,
    pub status: ConnectorStatus,
    /// One or more; the first is the default.
    pub authentication_types: Vec<AuthenticationType>,
    /// The fields every authentication type shares (an address, headers), besides the
    /// connection name that every form has. Non-secret or secret alike, they are `config`.
    #[serde(default)]
    pub fields: Vec<FormField>,
    /// Non-secret settings kept apart from the credentials, editable at any time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<FormField>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prerequisites: Option<String>,
    /// The agent tools the connector provides.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agent_tools: Vec<String>,
    /// TTS voices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voices: Vec<String>,
    /// What a connection offers beyond its messages (WhatsApp: CTWA, Conversions API).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    /// The id of its group in the catalog's `groups`; absent: its type's wire name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The id of its variant within the group, where the group has variants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// What it does; absent (an older hub): read from its type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<Capabilities>,
    /// Its logo, an SVG the hub serves (absent: the card shows a monogram).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
}

impl Connector {
    /// The default authentication type (the first).
    /// The first authentication type this page knows (a newer hub's type may come first).
    pub fn default_auth(&self) -> AuthType {
        let known = self
            .authentication_types
            .iter()
            .find(|a| a.kind != AuthType::Other);
        known
            .or(self.authentication_types.first())
            .map_or(AuthType::None, |a| a.kind)
    }

    /// The authentication type `kind`, if the connector offers it.
    pub fn auth(&self, kind: AuthType) -> Option<&AuthenticationType> {
        self.authentication_types.iter().find(|a| a.kind == kind)
    }

    /// Whether a connection of the type `kind` holds a credential at all (a sign-in, or a secret
    /// field): one that holds none has nothing to keep apart in production.
    pub fn takes_credential(&self, kind: AuthType) -> bool {
        kind == AuthType::Oauth || self.form_fields(kind).iter().any(FormField::is_secret)
    }

    /// The form's fields for `kind`, in the order shown: the shared addresses first, then the
    /// type's credentials, then the other shared fields (headers, …).
    pub fn form_fields(&self, kind: AuthType) -> Vec<FormField> {
        let (addresses, rest): (Vec<&FormField>, Vec<&FormField>) =
            self.fields.iter().partition(|f| f.kind == FieldKind::Url);
        let credentials = self
            .auth(kind)
            .map(|a| a.fields.iter())
            .into_iter()
            .flatten();
        addresses
            .into_iter()
            .chain(credentials)
            .chain(rest)
            .cloned()
            .collect()
    }

    /// Every field any of its types may store, shared and credential: what a connection's
    /// `config` may hold.
    pub fn all_fields(&self) -> Vec<FormField> {
        let mut all = self.fields.clone();
        for a in &self.authentication_types {
            for f in &a.fields {
                if !all.iter().any(|g| g.key == f.key) {
                    all.push(f.clone());
                }
            }
        }
        all
    }

    /// The OAuth facts of its OAuth type, if it has one.
    pub fn oauth_facts(&self) -> Option<&OauthFacts> {
        self.auth(AuthType::Oauth).and_then(|a| a.oauth.as_ref())
    }

    /// The id of its group (see [`Catalog::groups`]).
    pub fn group_id(&self) -> &str {
        self.group
            .as_deref()
            .unwrap_or(self.connector_type.as_str())
    }

    /// What it does: the catalog's word, else what its type meant before catalogs said.
    pub fn capabilities(&self) -> Capabilities {
        self.capabilities.unwrap_or(Capabilities {
            agent: self.connector_type == ConnectorType::Agent,
            mcp_tools: self.connector_type == ConnectorType::ToolMcp,
        })
    }

    /// Signing in is all there is: one OAuth type and nothing to fill in.
    pub fn is_oauth_only(&self) -> bool {
        self.authentication_types.len() == 1
            && self.default_auth() == AuthType::Oauth
            && self.form_fields(AuthType::Oauth).is_empty()
    }
}

/// `GET /api/hubs/{hub_id}/connectors`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub connectors: Vec<Connector>,
    /// The page's groups, in order, in the language asked for. A hub that names none (an older
    /// one) leaves the page its own seven.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
}

/// A group of connectors on the page: its heading and one-line description, and the variants
/// its connectors may be divided into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
}

/// A part of a group (Tool: native tools, REST APIs, MCP servers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// What a connector does that the page acts on, said by the catalog rather than its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Capabilities {
    /// A connection of it counts toward "at least one Agent connection".
    #[serde(default, skip_serializing_if = "is_false")]
    pub agent: bool,
    /// Its server's MCP tools are discovered on save and can be synced.
    #[serde(default, skip_serializing_if = "is_false")]
    pub mcp_tools: bool,
}

/// The hint the hub returns for a stored secret; never the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretHint {
    /// For example `••••a1b2`: the last four characters of long secrets, nothing of short ones.
    pub hint: String,
}

/// What the hub last found when it used or checked a connection's credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    Ok,
    AuthFailed,
    TokenExpired,
    Quota,
    ConfigError,
    Unreachable,
    /// Never checked yet.
    Unknown,
    /// On a production hub: the connection keeps a credential of its own there (it does not
    /// take its preview's), and none is set yet.
    ProductionCredentialMissing,
    /// A status a newer hub has and this page does not know: the hub's message says it.
    #[serde(other)]
    Other,
}

impl HealthStatus {
    pub const ALL: [HealthStatus; 8] = [
        HealthStatus::Ok,
        HealthStatus::AuthFailed,
        HealthStatus::TokenExpired,
        HealthStatus::Quota,
        HealthStatus::ConfigError,
        HealthStatus::Unreachable,
        HealthStatus::Unknown,
        HealthStatus::ProductionCredentialMissing,
    ];

    /// The wire name, also used as a stable DOM identifier (`data-health`).
    pub fn as_str(self) -> &'static str {
        match self {
            HealthStatus::Ok => "ok",
            HealthStatus::AuthFailed => "auth_failed",
            HealthStatus::TokenExpired => "token_expired",
            HealthStatus::Quota => "quota",
            HealthStatus::ConfigError => "config_error",
            HealthStatus::Unreachable => "unreachable",
            HealthStatus::Unknown => "unknown",
            HealthStatus::ProductionCredentialMissing => "production_credential_missing",
            HealthStatus::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: HealthStatus,
    /// For people, in English (or the request's language): what was found and what to do.
    pub message: String,
    /// What it says, as a code (`said::Code`) the page words in the admin's language; empty
    /// from a hub that sends none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: crate::said::Params,
    /// RFC 3339, UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_at: Option<String>,
}

/// The provider account behind an OAuth connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OauthAccount {
    /// The account label, e.g. an email address or page name.
    pub account: String,
    /// When the current access token expires (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// Whether the hub renews this connection's token by itself before it expires. Absent: as
    /// the connector's OAuth facts say (`token_refresh_seconds`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refreshable: Option<bool>,
    /// The scopes the authorization server granted, where it said (an MCP server's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
}

/// MCP facts of an MCP connection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct McpFacts {
    pub tool_count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync_at: Option<String>,
}

/// A connection of a hub to a connector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    pub id: Uuid,
    pub connector_id: Uuid,
    pub name: String,
    /// The authentication type it uses, one of its connector's.
    pub authentication_type: AuthType,
    pub enabled: bool,
    /// False for the auto-enabled native connection.
    pub deletable: bool,
    /// Non-secret configuration, by field key.
    pub config: BTreeMap<String, FieldValue>,
    /// Hints of the stored secrets, by field key.
    pub secrets: BTreeMap<String, SecretHint>,
    /// The secret fields an organization credential fills, by field key: the credential's id
    /// (`org::OrgCredential`). Such a field holds no secret of its own.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bindings: BTreeMap<String, Uuid>,
    /// Its settings, by field key (non-secret, apart from the credentials).
    #[serde(default)]
    pub settings: BTreeMap<String, FieldValue>,
    pub health: Health,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth: Option<OauthAccount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mcp: Option<McpFacts>,
    /// What WhatsApp's embedded signup connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whatsapp: Option<crate::signup::WhatsappAccount>,
    /// Whether publishing and syncing its preview copy its credential into production (absent
    /// from an older hub: they do). Off, production keeps a credential of its own.
    #[serde(default = "yes")]
    pub sync_credentials_to_production: bool,
    /// On a production hub, for a connection that keeps its own credential there: whether it
    /// is set. Absent elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production_credential_set: Option<bool>,
}

fn yes() -> bool {
    true
}

impl Connection {
    /// Whether it waits for a production credential of its own (its health says so too).
    pub fn needs_production_credential(&self) -> bool {
        self.production_credential_set == Some(false)
    }
}

/// Which kind of hub the connections belong to: a preview, where admins configure and test, or
/// a production hub published from its preview(s), which serves live traffic and is read-only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubFacts {
    #[serde(default)]
    pub environment: crate::org::Environment,
    /// For a production hub: the preview hub(s) it is published from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub published_from: Vec<Uuid>,
}

impl HubFacts {
    /// Read-only: changes are made in its preview and published. An environment this side does
    /// not know is taken as a preview's: the hub refuses what it does not allow, in words.
    pub fn is_production(&self) -> bool {
        self.environment == crate::org::Environment::Production
    }
}

/// `GET /api/hubs/{hub_id}/connections`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionList {
    pub connections: Vec<Connection>,
    /// The hub itself (absent from an older hub: a preview).
    #[serde(default)]
    pub hub: HubFacts,
}

/// `POST /api/hubs/{hub_id}/connections` (with an `Idempotency-Key` header), and the body of
/// testing credentials before saving them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateConnection {
    pub connector_id: Uuid,
    pub name: String,
    /// One of the connector's; absent: its first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_type: Option<AuthType>,
    /// Values by field key, secrets included (this is the only time they travel to the hub).
    #[serde(default)]
    pub config: BTreeMap<String, FieldValue>,
    /// Secret fields an organization credential fills instead, by field key: its id (never a
    /// secret). Such a field takes no value in `config`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bindings: BTreeMap<String, Uuid>,
    /// Settings by field key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub settings: BTreeMap<String, FieldValue>,
    /// Off: publishing does not copy its credential into production (absent: on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_credentials_to_production: Option<bool>,
}

/// `PUT /api/hubs/{hub_id}/connections/{id}/production-credential`: on a production hub, the
/// credential of a connection that keeps its own there: every secret field of its type, each a
/// value or an organization credential's id. Replaces what was set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductionCredential {
    /// Secret values by field key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub config: BTreeMap<String, FieldValue>,
    /// Fields an organization credential fills, by field key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bindings: BTreeMap<String, Uuid>,
}

/// `PATCH /api/hubs/{hub_id}/connections/{id}`. Absent members are left as they are; a stored
/// secret changes only when its key is present (replace) or null (clear an optional one).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateConnection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Another of the connector's types: the request carries that type's credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_type: Option<AuthType>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub config: BTreeMap<String, Option<FieldValue>>,
    /// A credential's id binds the field to it (its own secret is dropped); `null` unbinds it
    /// (its value then comes in `config`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bindings: BTreeMap<String, Option<Uuid>>,
    /// Settings: a value sets one, `null` returns it to its default.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub settings: BTreeMap<String, Option<FieldValue>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_credentials_to_production: Option<bool>,
}

/// The outcome of testing credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestResult {
    pub ok: bool,
    pub health: Health,
}

/// MCP tool annotations (hints, not guarantees).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolAnnotations {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(
        default,
        alias = "readOnlyHint",
        skip_serializing_if = "Option::is_none"
    )]
    pub read_only_hint: Option<bool>,
    #[serde(
        default,
        alias = "destructiveHint",
        skip_serializing_if = "Option::is_none"
    )]
    pub destructive_hint: Option<bool>,
    #[serde(
        default,
        alias = "idempotentHint",
        skip_serializing_if = "Option::is_none"
    )]
    pub idempotent_hint: Option<bool>,
    #[serde(
        default,
        alias = "openWorldHint",
        skip_serializing_if = "Option::is_none"
    )]
    pub open_world_hint: Option<bool>,
}

/// One tool of an MCP server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct McpTool {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The tool's JSON Schema for its arguments.
    #[serde(alias = "inputSchema")]
    pub input_schema: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<ToolAnnotations>,
}

/// `GET /api/hubs/{hub_id}/connections/{id}/tools`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolList {
    pub tools: Vec<McpTool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync_at: Option<String>,
}

/// `POST /api/hubs/{hub_id}/connections/{id}/sync`: the tools now, and the difference from the
/// previous sync, by tool name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncResult {
    pub tools: Vec<McpTool>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<String>,
    pub synced_at: String,
}

/// `POST /api/hubs/{hub_id}/oauth/flows`: either a connector (a new connection, with an optional
/// name and configuration) or an existing connection (Reconnect).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartOauthFlow {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connector_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub config: BTreeMap<String, FieldValue>,
    /// A new connection's settings.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub settings: BTreeMap<String, FieldValue>,
    /// The origin of the page that opens the popup; the callback page posts its result there only.
    pub opener_origin: String,
    /// Full-page mode (when popups are blocked): the page URL, on `opener_origin`, that the
    /// callback redirects back to with `wc_oauth_flow=<flow id>` added to its query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_to: Option<String>,
    /// A new connection's "Use the same credential in production" (absent: on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_credentials_to_production: Option<bool>,
}

/// A started OAuth flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OauthFlow {
    pub id: Uuid,
    /// Opaque; the callback's message carries it so the page can match it to this flow.
    pub state: String,
    /// Where to point the popup.
    pub authorize_url: String,
    pub expires_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowStatus {
    Pending,
    Succeeded,
    Failed,
    Expired,
    /// The page gave up on it (Cancel, the popup closed, the page's timeout); a late consent is
    /// refused, so nothing is connected behind the user's back.
    Cancelled,
}

/// `GET /api/hubs/{hub_id}/oauth/flows/{flow_id}`, and the payload the callback page posts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OauthFlowStatus {
    pub id: Uuid,
    pub state: String,
    pub status: FlowStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<Uuid>,
    /// The provider's error code, e.g. `access_denied`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
    /// The parameters of an error the hub found (its code is `error`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub error_params: crate::said::Params,
    /// For a multi-step signup (WhatsApp's), the step it ended at without finishing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_at: Option<crate::signup::SignupStep>,
}

/// A field the hub rejected, named by its form key (`name` for the connection name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
    /// What is wrong, as a code: a `validate::Problem`'s, or a `said::Code` only the hub can
    /// find (empty from a hub that sends none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: crate::said::Params,
}

/// The one error body every endpoint uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Machine-readable, stable: `unauthorized`, `not_found`, `validation_failed`, …
    pub code: String,
    /// For people; the page may show it when it has nothing better.
    pub message: String,
    /// The parameters of the code's words (`said`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: crate::said::Params,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// Paths of the hub API, relative to its base URL; both sides build them here.
pub mod paths {
    use uuid::Uuid;

    pub fn connectors(hub_id: Uuid) -> String {
        format!("/api/hubs/{hub_id}/connectors")
    }

    pub fn connections(hub_id: Uuid) -> String {
        format!("/api/hubs/{hub_id}/connections")
    }

    pub fn connection(hub_id: Uuid, id: Uuid) -> String {
        format!("/api/hubs/{hub_id}/connections/{id}")
    }

    /// Deletes a connection without revoking its sign-in (after a failed revocation).
    pub fn connection_without_revoking(hub_id: Uuid, id: Uuid) -> String {
        format!("/api/hubs/{hub_id}/connections/{id}?revoke=false")
    }

    /// A production connection's own credential.
    pub fn production_credential(hub_id: Uuid, id: Uuid) -> String {
        format!("/api/hubs/{hub_id}/connections/{id}/production-credential")
    }

    pub fn test_connection(hub_id: Uuid, id: Uuid) -> String {
        format!("/api/hubs/{hub_id}/connections/{id}/test")
    }

    /// An organization's credentials.
    pub fn org_credentials(org_id: Uuid) -> String {
        format!("/api/organizations/{org_id}/credentials")
    }

    pub fn org_credential(org_id: Uuid, id: Uuid) -> String {
        format!("/api/organizations/{org_id}/credentials/{id}")
    }

    /// A new secret for an organization credential.
    pub fn rotate_credential(org_id: Uuid, id: Uuid) -> String {
        format!("/api/organizations/{org_id}/credentials/{id}/rotate")
    }

    /// The connections, in every hub, that use an organization credential.
    pub fn credential_usage(org_id: Uuid, id: Uuid) -> String {
        format!("/api/organizations/{org_id}/credentials/{id}/usage")
    }

    pub fn org_tags(org_id: Uuid) -> String {
        format!("/api/organizations/{org_id}/tags")
    }

    /// The organization credentials the hub may bind.
    pub fn hub_credentials(hub_id: Uuid) -> String {
        format!("/api/hubs/{hub_id}/credentials")
    }

    pub fn test_credentials(hub_id: Uuid) -> String {
        format!("/api/hubs/{hub_id}/connections/test")
    }

    pub fn sync(hub_id: Uuid, id: Uuid) -> String {
        format!("/api/hubs/{hub_id}/connections/{id}/sync")
    }

    pub fn tools(hub_id: Uuid, id: Uuid) -> String {
        format!("/api/hubs/{hub_id}/connections/{id}/tools")
    }

    pub fn oauth_flows(hub_id: Uuid) -> String {
        format!("/api/hubs/{hub_id}/oauth/flows")
    }

    pub fn oauth_flow(hub_id: Uuid, flow_id: Uuid) -> String {
        format!("/api/hubs/{hub_id}/oauth/flows/{flow_id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connector_round_trips_with_wire_names() {
        let json = r#"{"id":"0cd6a292-895b-4667-b89e-dd298628c272","slug":"openai","type":"tool_mcp",
            "name":"X","description":"d","authentication_types":[{"type":"bearer"},{"type":"none"}],
            "status":"auto_enabled"}"#;
        let c: Connector = serde_json::from_str(json).unwrap();
        assert_eq!(c.connector_type, ConnectorType::ToolMcp);
        assert_eq!(c.default_auth(), AuthType::Bearer);
        assert!(c.auth(AuthType::None).is_some());
        assert_eq!(c.status, ConnectorStatus::AutoEnabled);
        assert!(c.fields.is_empty());
        let back = serde_json::to_value(&c).unwrap();
        assert_eq!(back["type"], "tool_mcp");
        assert_eq!(back["status"], "auto_enabled");
    }

    #[test]
    fn type_wire_name_matches_serde() {
        for t in ConnectorType::ALL {
            assert_eq!(serde_json::to_value(t).unwrap(), t.as_str());
        }
        for a in AuthType::ALL {
            assert_eq!(serde_json::to_value(a).unwrap(), a.as_str());
            assert_eq!(AuthType::from_wire(a.as_str()), Some(a));
        }
        for p in OauthProvider::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
            assert_eq!(OauthProvider::from_slug(p.as_str()), Some(p));
        }
    }

    #[test]
    fn field_values_take_the_json_type_of_their_kind() {
        let config: BTreeMap<String, FieldValue> = serde_json::from_str(
            r#"{"a":"text","b":3.5,"c":true,"d":[{"name":"X-A","value":"1"}]}"#,
        )
        .unwrap();
        assert_eq!(config["a"], FieldValue::Text("text".into()));
        assert_eq!(config["b"], FieldValue::Number(3.5));
        assert_eq!(config["c"], FieldValue::Bool(true));
        assert_eq!(
            config["d"],
            FieldValue::Headers(vec![Header {
                name: "X-A".into(),
                value: "1".into()
            }])
        );
        assert_eq!(
            serde_json::to_string(&config).unwrap(),
            r#"{"a":"text","b":3.5,"c":true,"d":[{"name":"X-A","value":"1"}]}"#
        );
    }

    #[test]
    fn an_update_tells_keep_from_clear() {
        let u: UpdateConnection =
            serde_json::from_str(r#"{"config":{"token":null,"url":"https://x"}}"#).unwrap();
        assert_eq!(u.config["token"], None);
        assert_eq!(u.config["url"], Some(FieldValue::Text("https://x".into())));
        assert!(!u.config.contains_key("other"));
        assert!(serde_json::from_str::<UpdateConnection>(r#"{"secret_hint":"x"}"#).is_err());
    }

    #[test]
    fn error_body_omits_empty_fields() {
        let e = ErrorBody {
            code: "unauthorized".into(),
            message: "m".into(),
            params: Default::default(),
            fields: vec![],
        };
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"unauthorized","message":"m"}"#
        );
    }

    #[test]
    fn dom_names_are_the_wire_names() {
        for kind in FieldKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        for status in HealthStatus::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
        for t in ConnectorType::ALL {
            assert_eq!(serde_json::to_value(t).unwrap(), t.as_str());
        }
        for p in OauthProvider::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
            assert_eq!(OauthProvider::from_slug(p.as_str()), Some(p));
        }
    }
}
