//! What a host gives the page and what the page tells it: the one options struct every host path
//! takes whole (routes, component, `mount`), the theme and the events.

use crate::api::{ApiClient, TokenSource};
use leptos::prelude::*;
use uuid::Uuid;
use wayai_core::{oauth::Timings as OauthTimings, Connection};

/// What the page tells its host.
#[derive(Debug, Clone, PartialEq)]
pub enum ConnectionsEvent {
    Created(Connection),
    Updated(Connection),
    Deleted(Uuid),
    /// The hub refused the token even after the token source was asked for a fresh one: the
    /// host should sign the user in again.
    AuthenticationRequired,
}

/// Light or dark regardless of the system setting, or the system's (the default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub(crate) fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

/// Everything a host gives the page.
#[derive(Clone)]
pub struct ConnectionsConfig {
    /// The hub API's origin, e.g. `https://api.wayai.example` (empty: the page's own origin).
    pub api_base_url: String,
    pub hub_id: Uuid,
    /// Asked for the bearer token before every request, and again after a 401.
    pub token: TokenSource,
    /// The page's language as a BCP 47 tag (`pt-BR`, `es`, `en`): its words, dates and numbers,
    /// and the language it asks the hub's catalog in. The browser's preferred languages when
    /// absent or not one of the page's. A signal may change it while the page is mounted.
    pub locale: MaybeProp<String>,
    pub theme: Theme,
    pub on_event: Option<Callback<ConnectionsEvent>>,
    /// Bounds of sign-in popups (5 minutes in all; 10 s of listening after the popup reads as
    /// closed) when absent.
    pub oauth_timings: Option<OauthTimings>,
    /// Where the organization's credentials view is: a form that has none to offer links there
    /// (in a new tab, so nothing typed is lost). No link when absent.
    pub credentials_url: Option<String>,
    /// A hub's Connections page, `{hub}` standing for its id: a production hub's page links to
    /// its preview. No link when absent.
    pub hub_url: Option<String>,
}

impl ConnectionsConfig {
    pub fn new(api_base_url: impl Into<String>, hub_id: Uuid, token: TokenSource) -> Self {
        ConnectionsConfig {
            api_base_url: api_base_url.into(),
            hub_id,
            token,
            locale: MaybeProp::default(),
            theme: Theme::System,
            on_event: None,
            oauth_timings: None,
            credentials_url: None,
            hub_url: None,
        }
    }

    pub fn client(&self) -> ApiClient {
        ApiClient::with_token_source(self.api_base_url.clone(), self.token.clone())
    }

    /// A warm start: starts the page's two requests for this hub now (the catalog in the page's
    /// language), so that the page, mounted later with this configuration, renders from their
    /// answers without asking. Call it as soon as the host knows the page is coming (its
    /// settings screen is open), and brings its words when the bundle does not carry them;
    /// calling it again for the same hub within a minute starts nothing, for another hub
    /// replaces it. Only answers are kept, never the token.
    pub fn preload(&self) {
        let locale = self.locale.get_untracked();
        let (lang, tag) =
            crate::strings::page_tags(locale.as_deref(), &crate::strings::browser_languages());
        self.client().preload(self.hub_id, lang);
        // Its words, when the bundle does not carry them: the page finds them here.
        // (`wasm_bindgen_futures`: before any page, Leptos' executor may not be set up yet.)
        wasm_bindgen_futures::spawn_local(async move {
            crate::strings::apart::bring(crate::strings::locale(lang)).await;
        });
        // The browser's date formatter for the page's locale costs more to build than the
        // page's whole first render (15 ms of a 114 ms mount in Chromium): built now, cached.
        crate::ui::intl::warm(&tag);
    }
}
