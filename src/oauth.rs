//! OAuth sign-in in a popup, and in the page itself when popups are blocked.
//!
//! The popup opens synchronously in the click (browsers block one opened after an `await`), then
//! the hub starts the flow and the popup is pointed at the provider. The result comes back as a
//! message from the hub's callback page (exact origin, the flow's own state, first one only), on a
//! BroadcastChannel when page and hub share an origin, or from the hub's flow status when the popup
//! went quiet. Every listener and timer belongs to the running flow and goes with it.

use crate::{page::PageContext, strings};
use leptos::{prelude::*, task::spawn_local};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;
use wasm_bindgen::{closure::Closure, JsCast};
use wayai_core::{
    oauth::{self as flow, Expected, Step, Timings, Watch},
    FieldValue, FlowStatus, HubError, OauthFlowStatus, OauthProvider, PageView, StartOauthFlow,
};

/// What a flow connects: a new connection of a connector, or an existing connection again.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Target {
    New {
        connector: Uuid,
        name: Option<String>,
        config: BTreeMap<String, FieldValue>,
    },
    Reconnect {
        connection: Uuid,
    },
}

impl Target {
    /// The connector of a new connection, or the connection reconnected: what a view shows a
    /// flow's progress for.
    pub fn key(&self) -> Uuid {
        match self {
            Target::New { connector, .. } => *connector,
            Target::Reconnect { connection } => *connection,
        }
    }

    fn request(&self, opener_origin: String, return_to: Option<String>) -> StartOauthFlow {
        let (connector_id, connection_id, name, config) = match self.clone() {
            Target::New {
                connector,
                name,
                config,
            } => (Some(connector), None, name, config),
            Target::Reconnect { connection } => (None, Some(connection), None, BTreeMap::new()),
        };
        StartOauthFlow {
            connector_id,
            connection_id,
            name,
            config,
            opener_origin,
            return_to,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Phase {
    Waiting,
    /// The popup reads as closed; the hub is being asked.
    Checking,
    Redirecting,
    Blocked,
    Failed(Failure),
    Cancelled,
    TimedOut,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Failure {
    /// The hub refused to start the flow (or could not be reached).
    Hub(HubError),
    /// The provider or the hub ended the flow without a connection.
    Provider(OauthFlowStatus),
}

/// What the page shows about the current (or last) flow.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Shown {
    pub target: Target,
    pub provider: OauthProvider,
    pub phase: Phase,
}

/// The flow in progress and everything it holds; dropping it removes its listeners and timer.
struct Running {
    attempt: u64,
    target: Target,
    provider: OauthProvider,
    popup: web_sys::Window,
    expected: Option<Expected>,
    watch: Watch,
    /// A status request is in flight.
    checking: bool,
    /// The page is cancelling it at the hub; ticks stop deciding.
    ending: bool,
    _listeners: Vec<Listener>,
}

/// A listener or timer, with the closure the browser calls (kept alive as long as it is).
enum Listener {
    Message(Closure<dyn FnMut(web_sys::MessageEvent)>),
    Channel {
        channel: web_sys::BroadcastChannel,
        _handler: Closure<dyn FnMut(web_sys::MessageEvent)>,
    },
    Interval {
        id: i32,
        _handler: Closure<dyn FnMut()>,
    },
}

impl Drop for Listener {
    fn drop(&mut self) {
        match self {
            Listener::Message(closure) => {
                let _ = window().remove_event_listener_with_callback(
                    "message",
                    closure.as_ref().unchecked_ref(),
                );
            }
            Listener::Channel { channel, .. } => {
                channel.set_onmessage(None);
                channel.close();
            }
            Listener::Interval { id, .. } => window().clear_interval_with_handle(*id),
        }
    }
}

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
const TICK_MS: i32 = 250;

/// The page's OAuth flows: one at a time.
#[derive(Clone, Copy)]
pub(crate) struct OauthFlows {
    shown: RwSignal<Option<Shown>>,
    running: StoredValue<Option<Running>, LocalStorage>,
    context: StoredValue<PageContext, LocalStorage>,
    attempts: StoredValue<u64>,
    timings: Timings,
}

impl OauthFlows {
    pub fn new(context: PageContext, timings: Timings) -> Self {
        OauthFlows {
            shown: RwSignal::new(None),
            running: StoredValue::new_local(None),
            context: StoredValue::new_local(context),
            attempts: StoredValue::new(0),
            timings,
        }
    }

    /// What to show for `key` (a connector or a connection), tracked.
    pub fn shown_for(self, key: Uuid) -> Option<Shown> {
        self.shown
            .with(|s| s.as_ref().filter(|s| s.target.key() == key).cloned())
    }

    /// None once the page is gone: a request that was in flight then has no one to tell.
    fn context(self) -> Option<PageContext> {
        self.context.try_get_value()
    }

    fn show(self, target: Target, provider: OauthProvider, phase: Phase) {
        self.shown.set(Some(Shown {
            target,
            provider,
            phase,
        }));
    }

    /// Starts a flow from a click. Must run inside the click handler: the popup is opened before
    /// anything is awaited.
    pub fn begin(self, target: Target, provider: OauthProvider) {
        // One flow at a time: a second click brings the open sign-in window forward.
        let open = self.running.with_value(|r| {
            r.as_ref()
                .filter(|r| !r.ending && !r.popup.closed().unwrap_or(true))
                .map(|r| r.popup.clone())
        });
        if let Some(popup) = open {
            let _ = popup.focus();
            return;
        }
        self.abandon();
        let window = window();
        let number = |v: Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>| {
            v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
        };
        let features = flow::popup_features(
            number(window.screen_x()),
            number(window.screen_y()),
            number(window.outer_width()),
            number(window.outer_height()),
        );
        let popup = window
            .open_with_url_and_target_and_features("", "_blank", &features)
            .ok()
            .flatten();
        let Some(popup) = popup else {
            self.show(target, provider, Phase::Blocked);
            return;
        };
        // Something to read while the hub starts the flow.
        if let Some(doc) = popup.document() {
            doc.set_title(strings::OAUTH_OPENING);
            if let Some(body) = doc.body() {
                body.set_text_content(Some(strings::OAUTH_OPENING));
            }
        }
        let attempt = self.attempts.with_value(|n| n + 1);
        self.attempts.set_value(attempt);
        let ticker = Closure::<dyn FnMut()>::new(move || {
            // Deferred: a tick may end the flow, which drops this closure.
            spawn_local(async move { self.tick(attempt) });
        });
        let interval = window
            .set_interval_with_callback_and_timeout_and_arguments_0(
                ticker.as_ref().unchecked_ref(),
                TICK_MS,
            )
            .unwrap_or_default();
        self.running.set_value(Some(Running {
            attempt,
            target: target.clone(),
            provider,
            popup,
            expected: None,
            watch: Watch::new(self.timings, js_sys::Date::now()),
            checking: false,
            ending: false,
            _listeners: vec![Listener::Interval {
                id: interval,
                _handler: ticker,
            }],
        }));
        self.show(target.clone(), provider, Phase::Waiting);
        let Some(context) = self.context() else {
            return;
        };
        let request = target.request(page_origin(), None);
        spawn_local(async move {
            let started = context.client.start_oauth(context.hub_id, &request).await;
            self.started(attempt, started);
        });
    }

    fn started(self, attempt: u64, started: Result<wayai_core::OauthFlow, HubError>) {
        let Some(hub_origin) = self.context().map(|c| c.client.origin()) else {
            return;
        };
        match started {
            Ok(started) => {
                let listening = self.running.try_update_value(|r| {
                    let r = r.as_mut().filter(|r| r.attempt == attempt)?;
                    r.expected = Some(Expected::new(
                        started.id,
                        started.state.clone(),
                        hub_origin.clone(),
                    ));
                    r._listeners.extend(self.listeners(attempt, &hub_origin));
                    let _ = r.popup.location().set_href(&started.authorize_url);
                    Some(())
                });
                if listening.flatten().is_none() {
                    // Given up while the hub was starting it: make sure it can connect nothing.
                    self.cancel_at_hub(started.id);
                }
            }
            Err(error) => {
                if let Some(running) = self.take_if(attempt) {
                    let _ = running.popup.close();
                    self.show(
                        running.target,
                        running.provider,
                        Phase::Failed(Failure::Hub(error)),
                    );
                }
            }
        }
    }

    /// The message listener on the window, and the BroadcastChannel when the callback page can
    /// share it (same origin).
    fn listeners(self, attempt: u64, hub_origin: &str) -> Vec<Listener> {
        let handler = move || {
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let data = js_sys::JSON::stringify(&ev.data())
                    .ok()
                    .and_then(|s| s.as_string())
                    .unwrap_or_default();
                let origin = ev.origin();
                // Deferred: handling the result drops this closure.
                spawn_local(async move { self.received(attempt, &origin, &data) });
            })
        };
        let mut listeners = Vec::new();
        let on_message = handler();
        if window()
            .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref())
            .is_ok()
        {
            listeners.push(Listener::Message(on_message));
        }
        if hub_origin == page_origin() {
            if let Ok(channel) = web_sys::BroadcastChannel::new(flow::CHANNEL) {
                let on_channel = handler();
                channel.set_onmessage(Some(on_channel.as_ref().unchecked_ref()));
                listeners.push(Listener::Channel {
                    channel,
                    _handler: on_channel,
                });
            }
        }
        listeners
    }

    fn received(self, attempt: u64, origin: &str, data: &str) {
        let accepted = self.running.try_update_value(|r| {
            let r = r.as_mut().filter(|r| r.attempt == attempt)?;
            r.expected.as_mut()?.receive(origin, data).ok()
        });
        if let Some(status) = accepted.flatten() {
            self.finish(status, Phase::Cancelled);
        }
    }

    /// A status from the hub: taken if it is this flow's first final result.
    fn offer(self, attempt: u64, status: OauthFlowStatus, otherwise: Phase) {
        let accepted = self.running.try_update_value(|r| {
            let r = r.as_mut().filter(|r| r.attempt == attempt)?;
            r.checking = false;
            r.expected.as_mut()?.accept(status).ok()
        });
        if let Some(status) = accepted.flatten() {
            self.finish(status, otherwise);
        }
    }

    fn tick(self, attempt: u64) {
        let step = self.running.try_update_value(|r| {
            let r = r.as_mut().filter(|r| r.attempt == attempt && !r.ending)?;
            let closed = r.popup.closed().unwrap_or(true);
            let step = r.watch.tick(js_sys::Date::now(), closed);
            let flow = r.expected.as_ref().map(|e| e.flow_id);
            let busy = r.checking;
            if step == Step::CheckStatus && flow.is_some() && !busy {
                r.checking = true;
            }
            Some((step, flow, busy))
        });
        match step.flatten() {
            Some((Step::CheckStatus, Some(flow_id), false)) => {
                self.shown.update(|s| {
                    if let Some(s) = s.as_mut().filter(|s| s.phase == Phase::Waiting) {
                        s.phase = Phase::Checking;
                    }
                });
                let Some(context) = self.context() else {
                    return;
                };
                spawn_local(async move {
                    match context.client.oauth_status(context.hub_id, flow_id).await {
                        Ok(status) => self.offer(attempt, status, Phase::Cancelled),
                        Err(_) => {
                            // Asked again on a later tick.
                            self.running.update_value(|r| {
                                if let Some(r) = r.as_mut().filter(|r| r.attempt == attempt) {
                                    r.checking = false;
                                }
                            });
                        }
                    }
                });
            }
            Some((Step::GiveUp, ..)) => self.give_up(attempt, Phase::Cancelled),
            Some((Step::TimedOut, ..)) => self.give_up(attempt, Phase::TimedOut),
            _ => {}
        }
    }

    /// Ends the flow as `phase` (cancelled, timed out) after the hub agrees: cancelling answers
    /// the flow's final status, so a success that raced the decision still counts.
    fn give_up(self, attempt: u64, phase: Phase) {
        let flow_id = self
            .running
            .try_update_value(|r| {
                let r = r.as_mut().filter(|r| r.attempt == attempt)?;
                r.ending = true;
                let _ = r.popup.close();
                Some(r.expected.as_ref().map(|e| e.flow_id))
            })
            .flatten();
        let Some(flow_id) = flow_id else {
            return;
        };
        let Some(flow_id) = flow_id else {
            // The hub had not started it yet; `started` cancels it when it answers.
            self.end_as(attempt, phase);
            return;
        };
        let Some(context) = self.context() else {
            return;
        };
        spawn_local(async move {
            match context.client.cancel_oauth(context.hub_id, flow_id).await {
                Ok(status) => {
                    self.offer(attempt, status, phase.clone());
                    // A cancelled or already-handled flow ends here.
                    self.end_as(attempt, phase);
                }
                Err(_) => self.end_as(attempt, phase),
            }
        });
    }

    fn end_as(self, attempt: u64, phase: Phase) {
        if let Some(running) = self.take_if(attempt) {
            self.show(running.target, running.provider, phase);
        }
    }

    fn take_if(self, attempt: u64) -> Option<Running> {
        self.running
            .try_update_value(|r| {
                if r.as_ref().is_some_and(|r| r.attempt == attempt) {
                    r.take()
                } else {
                    None
                }
            })
            .flatten()
    }

    /// The flow's result. `otherwise` is what a cancelled status means here.
    fn finish(self, status: OauthFlowStatus, otherwise: Phase) {
        let Some(running) = self.running.try_update_value(Option::take).flatten() else {
            return;
        };
        let _ = running.popup.close();
        self.conclude(running.target, running.provider, status, otherwise);
    }

    fn conclude(
        self,
        target: Target,
        provider: OauthProvider,
        status: OauthFlowStatus,
        otherwise: Phase,
    ) {
        match (status.status, status.connection_id) {
            (FlowStatus::Succeeded, Some(id)) => {
                self.shown.set(None);
                let Some(context) = self.context() else {
                    return;
                };
                let reconnect = matches!(target, Target::Reconnect { .. });
                spawn_local(async move {
                    match context.client.connection(context.hub_id, id).await {
                        Ok(connection) => {
                            let name = connection.name.clone();
                            if reconnect {
                                context.updated(connection);
                            } else {
                                context.created(connection);
                            }
                            context.announce(if reconnect {
                                strings::oauth_reconnected(&name)
                            } else {
                                strings::oauth_connected(&name)
                            });
                        }
                        // Connected, but not readable just now: the list catches up.
                        Err(_) => context.connections.refetch(),
                    }
                    if !reconnect {
                        context.go(&PageView::List { connector: None });
                    }
                });
            }
            (FlowStatus::Cancelled, _) => self.show(target, provider, otherwise),
            _ => self.show(target, provider, Phase::Failed(Failure::Provider(status))),
        }
    }

    /// Brings the open sign-in window forward.
    pub fn focus(self) {
        self.running.with_value(|r| {
            if let Some(r) = r {
                let _ = r.popup.focus();
            }
        });
    }

    /// The visible Cancel.
    pub fn cancel(self) {
        let attempt = self.running.with_value(|r| r.as_ref().map(|r| r.attempt));
        if let Some(attempt) = attempt {
            self.give_up(attempt, Phase::Cancelled);
        }
    }

    /// Drops a flow whose popup is gone (a new click replaces it), cancelling it at the hub.
    fn abandon(self) {
        let Some(running) = self.running.try_update_value(Option::take).flatten() else {
            return;
        };
        let _ = running.popup.close();
        if let Some(expected) = running.expected {
            self.cancel_at_hub(expected.flow_id);
        }
    }

    /// Tells the hub a flow is given up, in the background: nobody waits for the answer.
    fn cancel_at_hub(self, flow_id: Uuid) {
        let Some(context) = self.context() else {
            return;
        };
        spawn_local(async move {
            let _ = context.client.cancel_oauth(context.hub_id, flow_id).await;
        });
    }

    /// The page goes away: no listener, timer or popup outlives it.
    pub fn end(self) {
        // `abandon` already does nothing once the flows are disposed.
        self.abandon();
    }

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
            context.announce(strings::OAUTH_RETURNED_UNKNOWN.to_string());
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
            }
        };
        self.show(target.clone(), departure.provider, Phase::Checking);
        spawn_local(async move {
            let mut expected = Expected::new(departure.id, departure.state, String::new());
            match context.client.oauth_status(context.hub_id, flow_id).await {
                Ok(status) => match expected.accept(status) {
                    Ok(status) => {
                        self.conclude(target, departure.provider, status, Phase::Cancelled)
                    }
                    // Still pending: the person came back without finishing.
                    Err(_) => self.show(target, departure.provider, Phase::Cancelled),
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

fn page_origin() -> String {
    window().location().origin().unwrap_or_default()
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// The button that signs in with a provider, and the flow's progress under it.
#[component]
pub(crate) fn OauthButton(
    #[prop(into)] label: String,
    provider: OauthProvider,
    target: Target,
    #[prop(optional)] quiet: bool,
    /// A fuller name for assistive technology, where the visible label is short ("Reconnect").
    #[prop(optional, into)]
    accessible_name: Option<String>,
) -> impl IntoView {
    let flows = expect_context::<OauthFlows>();
    let key = target.key();
    let class = if quiet {
        "wc-button wc-button--quiet"
    } else {
        "wc-button"
    };
    view! {
        <button
            type="button"
            class=class
            data-focus="oauth"
            aria-label=accessible_name
            on:click=move |_| flows.begin(target.clone(), provider)
        >
            {label}
        </button>
        <OauthProgress key />
    }
}

/// Where a flow stands, with what can be done about it: bring the window forward, cancel, try
/// again, or continue in this window when popups are blocked.
#[component]
pub(crate) fn OauthProgress(key: Uuid) -> impl IntoView {
    let flows = expect_context::<OauthFlows>();
    let body = move || {
        let shown = flows.shown_for(key)?;
        let provider = strings::provider_name(shown.provider);
        let target = shown.target.clone();
        let try_again = move || {
            let target = target.clone();
            view! {
                <button type="button" class="wc-button" on:click=move |_| flows.begin(target.clone(), shown.provider)>
                    {strings::TRY_AGAIN}
                </button>
            }
        };
        let cancel = move || {
            view! {
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| flows.cancel()>
                    {strings::CANCEL}
                </button>
            }
        };
        Some(match shown.phase {
            Phase::Waiting => view! {
                <p class="wc-oauth__message">{strings::oauth_waiting(provider)}</p>
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| flows.focus()>
                    {strings::SHOW_SIGN_IN}
                </button>
                {cancel()}
            }
            .into_any(),
            Phase::Checking => view! {
                <p class="wc-oauth__message">{strings::OAUTH_CHECKING}</p>
                {cancel()}
            }
            .into_any(),
            Phase::Redirecting => {
                view! { <p class="wc-oauth__message">{strings::OAUTH_REDIRECTING}</p> }.into_any()
            }
            Phase::Blocked => view! {
                <p class="wc-oauth__message wc-oauth__message--error" role="alert">
                    {strings::OAUTH_POPUP_BLOCKED} " " {strings::OAUTH_POPUP_BLOCKED_HELP}
                </p>
                {try_again()}
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| flows.redirect()>
                    {strings::CONTINUE_HERE}
                </button>
            }
            .into_any(),
            Phase::Failed(failure) => {
                let words = match failure {
                    Failure::Hub(error) => strings::hub_error(&error),
                    Failure::Provider(status) => strings::oauth_failed(&status, provider),
                };
                view! {
                    <p class="wc-oauth__message wc-oauth__message--error" role="alert">{words}</p>
                    {try_again()}
                }
                .into_any()
            }
            Phase::Cancelled => view! {
                <p class="wc-oauth__message">{strings::OAUTH_CANCELLED}</p>
                {try_again()}
            }
            .into_any(),
            Phase::TimedOut => view! {
                <p class="wc-oauth__message wc-oauth__message--error" role="alert">{strings::OAUTH_TIMED_OUT}</p>
                {try_again()}
            }
            .into_any(),
        })
    };
    view! {
        <div class="wc-oauth" role="status" aria-live="polite" data-oauth-for=key.to_string()>
            {body}
        </div>
    }
}
