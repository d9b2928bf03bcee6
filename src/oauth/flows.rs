//! The page's OAuth flows: one at a time, each with its popup, its listeners and its clock.

use super::{
    listeners::{every, listen_for_result, page_origin, Listener},
    Failure, Phase, Shown, Target,
};
use crate::{context::PageContext, strings::t};
use leptos::{prelude::*, task::spawn_local};
use uuid::Uuid;
use wayai_core::{
    oauth::{self as flow, Expected, Step, Timings, Watch},
    FlowStatus, HubError, OauthFlowStatus, OauthProvider, PageView,
};

/// The flow in progress and everything it holds; dropping it removes its listeners and timer.
pub(super) struct Running {
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

const TICK_MS: i32 = 250;

/// The page's OAuth flows: one at a time.
#[derive(Clone, Copy)]
pub(crate) struct OauthFlows {
    pub(super) shown: RwSignal<Option<Shown>>,
    pub(super) running: StoredValue<Option<Running>, LocalStorage>,
    pub(super) context: StoredValue<PageContext, LocalStorage>,
    pub(super) attempts: StoredValue<u64>,
    pub(super) timings: Timings,
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
    pub(super) fn context(self) -> Option<PageContext> {
        self.context.try_get_value()
    }

    pub(super) fn show(self, target: Target, provider: OauthProvider, phase: Phase) {
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
        if let Some(context) = self.context() {
            super::views::opening(&popup, context.locale.get_untracked());
        }
        let attempt = self.attempts.with_value(|n| n + 1);
        self.attempts.set_value(attempt);
        let clock = every(TICK_MS, move || {
            // Deferred: a tick may end the flow, which drops this closure.
            spawn_local(async move { self.tick(attempt) });
        });
        self.running.set_value(Some(Running {
            attempt,
            target: target.clone(),
            provider,
            popup,
            expected: None,
            watch: Watch::new(self.timings, js_sys::Date::now()),
            checking: false,
            ending: false,
            _listeners: vec![clock],
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

    pub(super) fn started(self, attempt: u64, started: Result<wayai_core::OauthFlow, HubError>) {
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
                    r._listeners
                        .extend(listen_for_result(&hub_origin, move |origin, data| {
                            // Deferred: handling the result drops this listener.
                            spawn_local(async move { self.received(attempt, &origin, &data) });
                        }));
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

    pub(super) fn received(self, attempt: u64, origin: &str, data: &str) {
        let accepted = self.running.try_update_value(|r| {
            let r = r.as_mut().filter(|r| r.attempt == attempt)?;
            r.expected.as_mut()?.receive(origin, data).ok()
        });
        if let Some(status) = accepted.flatten() {
            self.finish(status, Phase::Cancelled(None));
        }
    }

    /// A status from the hub: taken if it is this flow's first final result.
    pub(super) fn offer(self, attempt: u64, status: OauthFlowStatus, otherwise: Phase) {
        let accepted = self.running.try_update_value(|r| {
            let r = r.as_mut().filter(|r| r.attempt == attempt)?;
            r.checking = false;
            r.expected.as_mut()?.accept(status).ok()
        });
        if let Some(status) = accepted.flatten() {
            self.finish(status, otherwise);
        }
    }

    pub(super) fn tick(self, attempt: u64) {
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
                        Ok(status) => self.offer(attempt, status, Phase::Cancelled(None)),
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
            Some((Step::GiveUp, ..)) => self.give_up(attempt, Phase::Cancelled(None)),
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

    pub(super) fn conclude(
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
                                // Its Reconnect button is gone with the need for it.
                                crate::ui::focus::after_its_control_left(&context, id);
                            } else {
                                context.created(connection);
                            }
                            let l = context.locale.get_untracked();
                            context.announce(if reconnect {
                                t!(l, oauth_reconnected, name).to_string()
                            } else {
                                t!(l, oauth_connected, name).to_string()
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
            // A multi-step signup says at which step it was left.
            (FlowStatus::Cancelled, _) => {
                let phase = match status.stopped_at {
                    Some(step) => Phase::Cancelled(Some(step)),
                    None => otherwise,
                };
                self.show(target, provider, phase)
            }
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
            self.give_up(attempt, Phase::Cancelled(None));
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
    pub(super) fn cancel_at_hub(self, flow_id: Uuid) {
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
}
