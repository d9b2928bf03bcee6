//! The full-page fallback for blocked popups: the same flow in this window, coming back to this
//! very address, recognised by what it left in session storage.

use super::{flows::OauthFlows, listeners::page_origin, Failure, Phase, Target};
use crate::strings::t;
use leptos::{prelude::*, task::spawn_local};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;
use wayai_core::{
    oauth::{self as flow, Expected},
    OauthProvider,
};

/// What a full-page flow leaves in session storage, to recognise its own return.
#[derive(Serialize, Deserialize)]
struct Departure {
    id: Uuid,
    state: String,
    key: Uuid,
    reconnect: bool,
    provider: OauthProvider,
}

const DEPARTURE_KEY: &str = "wc-oauth-departure";

impl OauthFlows {
    /// The full-page fallback for blocked popups: the same flow, in this window, coming back to
    /// this very address.
    pub fn redirect(self) {
        let Some(shown) = self.shown.get_untracked() else {
            return;
        };
        self.show(shown.target.clone(), shown.provider, Phase::Redirecting);
        let Some(context) = self.context() else {
            return;
        };
        let here = window().location().href().unwrap_or_default();
        let request = shown.target.request(page_origin(), Some(here));
        spawn_local(async move {
            match context.client.start_oauth(context.hub_id, &request).await {
                Ok(started) => {
                    let departure = Departure {
                        id: started.id,
                        state: started.state.clone(),
                        key: shown.target.key(),
                        reconnect: matches!(shown.target, Target::Reconnect { .. }),
                        provider: shown.provider,
                    };
                    if let (Some(storage), Ok(json)) =
                        (session_storage(), serde_json::to_string(&departure))
                    {
                        let _ = storage.set_item(DEPARTURE_KEY, &json);
                    }
                    let _ = window().location().assign(&started.authorize_url);
                }
                Err(error) => self.show(
                    shown.target,
                    shown.provider,
                    Phase::Failed(Failure::Hub(error)),
                ),
            }
        });
    }

    /// Back from a full-page flow (`?wc_oauth_flow=<id>`): cleans the address and shows the
    /// result, if the flow is the one this tab started.
    pub fn resume(self) {
        let location = window().location();
        let Some((flow_id, rest)) = location
            .search()
            .ok()
            .and_then(|s| flow::take_returned_flow(&s))
        else {
            return;
        };
        let clean = format!(
            "{}{rest}{}",
            location.pathname().unwrap_or_default(),
            location.hash().unwrap_or_default()
        );
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
        }
        let departure = session_storage().and_then(|s| {
            let json = s.get_item(DEPARTURE_KEY).ok().flatten();
            let _ = s.remove_item(DEPARTURE_KEY);
            json.and_then(|j| serde_json::from_str::<Departure>(&j).ok())
        });
        let Some(context) = self.context() else {
            return;
        };
        let Some(departure) = departure.filter(|d| d.id == flow_id) else {
            let l = context.locale.get_untracked();
            context.announce(t!(l, oauth_returned_unknown).to_string());
            return;
        };
        let target = if departure.reconnect {
            Target::Reconnect {
                connection: departure.key,
            }
        } else {
            Target::New {
                connector: departure.key,
                name: None,
                config: BTreeMap::new(),
                settings: BTreeMap::new(),
                sync_credentials: None,
            }
        };
        self.show(target.clone(), departure.provider, Phase::Checking);
        spawn_local(async move {
            let mut expected = Expected::new(departure.id, departure.state, String::new());
            match context.client.oauth_status(context.hub_id, flow_id).await {
                Ok(status) => match expected.accept(status) {
                    Ok(status) => {
                        self.conclude(target, departure.provider, status, Phase::Cancelled(None))
                    }
                    // Still pending: the person came back without finishing.
                    Err(_) => self.show(target, departure.provider, Phase::Cancelled(None)),
                },
                Err(error) => self.show(
                    target,
                    departure.provider,
                    Phase::Failed(Failure::Hub(error)),
                ),
            }
        });
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}
