//! The page's side of an OAuth popup flow, as pure logic: which messages to believe, when a quiet
//! popup means "ask the hub" and when it means "cancelled", where the popup goes, and how the
//! full-page fallback comes back.

use crate::{FlowStatus, OauthFlowStatus};
use uuid::Uuid;

/// The `type` the hub's callback page puts on every message it posts.
pub const MESSAGE_TYPE: &str = "wayai:oauth";
/// The BroadcastChannel the callback page also posts on (same-origin deployments).
pub const CHANNEL: &str = "wayai-oauth";
/// The query parameter the callback adds to the page URL when it returns from a full-page flow.
pub const RETURN_PARAM: &str = "wc_oauth_flow";

/// A flow the page started and waits for. Only its own result is believed, once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub flow_id: Uuid,
    pub state: String,
    /// The origin the callback page is served from: the hub API's origin.
    pub hub_origin: String,
    done: bool,
}

/// Why a message was not taken. Ignored messages change nothing; the reasons serve tests and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ignored {
    WrongOrigin,
    Malformed,
    NotOurs,
    /// A message for this flow that is not a result (still pending).
    NotFinal,
    AlreadyHandled,
}

impl Expected {
    pub fn new(flow_id: Uuid, state: impl Into<String>, hub_origin: impl Into<String>) -> Self {
        Expected {
            flow_id,
            state: state.into(),
            hub_origin: hub_origin.into(),
            done: false,
        }
    }

    /// Checks a message event: `origin` as the browser reports it, `data` as JSON text. The first
    /// final result for this flow, from the hub's origin, is accepted; everything else is ignored.
    pub fn receive(&mut self, origin: &str, data: &str) -> Result<OauthFlowStatus, Ignored> {
        if origin != self.hub_origin {
            return Err(Ignored::WrongOrigin);
        }
        let value: serde_json::Value =
            serde_json::from_str(data).map_err(|_| Ignored::Malformed)?;
        if value.get("type").and_then(|t| t.as_str()) != Some(MESSAGE_TYPE) {
            return Err(Ignored::Malformed);
        }
        let status: OauthFlowStatus =
            serde_json::from_value(value).map_err(|_| Ignored::Malformed)?;
        self.accept(status)
    }

    /// Takes a status from the hub (the flow's status endpoint): the same rules, minus the origin.
    pub fn accept(&mut self, status: OauthFlowStatus) -> Result<OauthFlowStatus, Ignored> {
        if status.id != self.flow_id || status.state != self.state {
            return Err(Ignored::NotOurs);
        }
        if status.status == FlowStatus::Pending {
            return Err(Ignored::NotFinal);
        }
        if self.done {
            return Err(Ignored::AlreadyHandled);
        }
        self.done = true;
        Ok(status)
    }

    pub fn is_done(&self) -> bool {
        self.done
    }
}

/// The origin (`scheme://host[:port]`) of an absolute http(s) URL.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    Some(format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

/// What the page does on each tick of a running flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Wait,
    /// Ask the hub for the flow's status: the popup reads as closed, which may only mean that a
    /// provider's Cross-Origin-Opener-Policy cut the page off from it.
    CheckStatus,
    /// The popup stayed closed through the grace period and the hub never heard back.
    GiveUp,
    TimedOut,
}

/// How long things may take, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timings {
    /// The whole flow, from the click.
    pub timeout_ms: u32,
    /// How long to keep listening after the popup reads as closed.
    pub grace_ms: u32,
    /// How often to ask the hub during the grace period.
    pub poll_ms: u32,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            timeout_ms: 5 * 60 * 1000,
            grace_ms: 10_000,
            poll_ms: 1_500,
        }
    }
}

/// The clock of one flow: fed the time and whether the popup reads as closed.
#[derive(Debug, Clone, PartialEq)]
pub struct Watch {
    timings: Timings,
    started_ms: f64,
    closed_since_ms: Option<f64>,
    last_check_ms: Option<f64>,
}

impl Watch {
    pub fn new(timings: Timings, now_ms: f64) -> Self {
        Watch {
            timings,
            started_ms: now_ms,
            closed_since_ms: None,
            last_check_ms: None,
        }
    }

    pub fn tick(&mut self, now_ms: f64, popup_closed: bool) -> Step {
        if now_ms - self.started_ms >= f64::from(self.timings.timeout_ms) {
            return Step::TimedOut;
        }
        if !popup_closed {
            // A popup that reopens (a focus race reading `closed`) resets the grace period.
            self.closed_since_ms = None;
            return Step::Wait;
        }
        let since = *self.closed_since_ms.get_or_insert(now_ms);
        if now_ms - since >= f64::from(self.timings.grace_ms) {
            return Step::GiveUp;
        }
        let due = self
            .last_check_ms
            .is_none_or(|last| now_ms - last >= f64::from(self.timings.poll_ms));
        if due {
            self.last_check_ms = Some(now_ms);
            Step::CheckStatus
        } else {
            Step::Wait
        }
    }
}

/// `window.open` features for a popup of `width`×`height` centred over the page's window.
pub fn popup_features(screen_x: f64, screen_y: f64, outer_width: f64, outer_height: f64) -> String {
    const WIDTH: i32 = 520;
    const HEIGHT: i32 = 640;
    // Whole pixels, written as integers (no float formatting in the page).
    let left = (screen_x + (outer_width - f64::from(WIDTH)) / 2.0)
        .max(0.0)
        .round() as i64;
    let top = (screen_y + (outer_height - f64::from(HEIGHT)) / 2.0)
        .max(0.0)
        .round() as i64;
    format!("popup=yes,width={WIDTH},height={HEIGHT},left={left},top={top}")
}

/// `url` with `wc_oauth_flow=<flow_id>` added to its query (before any fragment).
pub fn with_returned_flow(url: &str, flow_id: Uuid) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let join = if base.contains('?') {
        if base.ends_with('?') || base.ends_with('&') {
            ""
        } else {
            "&"
        }
    } else {
        "?"
    };
    let mut out = format!("{base}{join}{RETURN_PARAM}={flow_id}");
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// The flow a full-page return names in a query string (`?a=b&wc_oauth_flow=<id>`), and the
/// query without it, so the page can show the result and clean its address.
pub fn take_returned_flow(search: &str) -> Option<(Uuid, String)> {
    let query = search.strip_prefix('?').unwrap_or(search);
    let mut flow = None;
    let rest: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| match pair.split_once('=') {
            Some((RETURN_PARAM, value)) => {
                flow = flow.or_else(|| Uuid::parse_str(value).ok());
                false
            }
            _ => true,
        })
        .collect();
    let flow = flow?;
    let rest = if rest.is_empty() {
        String::new()
    } else {
        format!("?{}", rest.join("&"))
    };
    Some((flow, rest))
}

/// What a provider's error code means for the person, in categories the page words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderError {
    /// They said no (`access_denied`).
    Denied,
    /// The sign-in took too long or the link went stale.
    Expired,
    /// The provider or the hub rejected the exchange (`invalid_grant`, a bad client, …).
    Rejected,
    /// The provider is down or busy.
    Unavailable,
    /// The connection moved to another address during its Reconnect: the grant was for the old
    /// one, so it was not used (`codes::ADDRESS_CHANGED`).
    AddressChanged,
    Other,
}

pub fn provider_error(status: &OauthFlowStatus) -> ProviderError {
    if status.status == FlowStatus::Expired {
        return ProviderError::Expired;
    }
    match status.error.as_deref().unwrap_or_default() {
        "access_denied" | "consent_required" | "interaction_required" | "login_required" => {
            ProviderError::Denied
        }
        "expired" | "expired_token" => ProviderError::Expired,
        "invalid_grant"
        | "invalid_client"
        | "unauthorized_client"
        | "invalid_scope"
        | "invalid_request"
        | "unsupported_response_type" => ProviderError::Rejected,
        "server_error" | "temporarily_unavailable" => ProviderError::Unavailable,
        crate::codes::ADDRESS_CHANGED => ProviderError::AddressChanged,
        _ => ProviderError::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HUB: &str = "http://127.0.0.1:8787";

    fn flow() -> (Uuid, Expected) {
        let id = Uuid::from_u128(1);
        (id, Expected::new(id, "s1", HUB))
    }

    fn message(id: Uuid, state: &str, status: &str) -> String {
        serde_json::json!({"type": MESSAGE_TYPE, "id": id, "state": state, "status": status,
            "connection_id": Uuid::nil()})
        .to_string()
    }

    #[test]
    fn the_first_final_result_of_our_flow_from_the_hub_is_taken() {
        let (id, mut expected) = flow();
        let got = expected
            .receive(HUB, &message(id, "s1", "succeeded"))
            .unwrap();
        assert_eq!(got.status, FlowStatus::Succeeded);
        assert_eq!(got.connection_id, Some(Uuid::nil()));
        assert!(expected.is_done());
    }

    #[test]
    fn a_second_delivery_is_ignored() {
        let (id, mut expected) = flow();
        expected.receive(HUB, &message(id, "s1", "failed")).unwrap();
        assert_eq!(
            expected.receive(HUB, &message(id, "s1", "succeeded")),
            Err(Ignored::AlreadyHandled)
        );
        // The status endpoint's answer after the message is a second delivery too.
        let late: OauthFlowStatus = serde_json::from_str(&message(id, "s1", "succeeded")).unwrap();
        assert_eq!(expected.accept(late), Err(Ignored::AlreadyHandled));
    }

    #[test]
    fn other_origins_are_ignored() {
        let (id, mut expected) = flow();
        for origin in [
            "http://127.0.0.1:8788",
            "https://127.0.0.1:8787",
            "http://evil.example",
            "null",
            "",
            "http://127.0.0.1:8787.evil.example",
        ] {
            assert_eq!(
                expected.receive(origin, &message(id, "s1", "succeeded")),
                Err(Ignored::WrongOrigin),
                "{origin}"
            );
        }
        assert!(!expected.is_done());
    }

    #[test]
    fn wrong_or_replayed_state_and_other_flows_are_ignored() {
        let (id, mut expected) = flow();
        assert_eq!(
            expected.receive(HUB, &message(id, "s0", "succeeded")),
            Err(Ignored::NotOurs)
        );
        assert_eq!(
            expected.receive(HUB, &message(Uuid::from_u128(2), "s1", "succeeded")),
            Err(Ignored::NotOurs)
        );
        // A replay of an earlier flow's message, with its own id and state.
        let earlier = Uuid::from_u128(3);
        assert_eq!(
            expected.receive(HUB, &message(earlier, "old-state", "succeeded")),
            Err(Ignored::NotOurs)
        );
        assert_eq!(
            expected.receive(HUB, &message(id, "s1", "pending")),
            Err(Ignored::NotFinal)
        );
        assert!(!expected.is_done());
    }

    #[test]
    fn malformed_payloads_are_ignored() {
        let (id, mut expected) = flow();
        let without_type = serde_json::json!({"id": id, "state": "s1", "status": "succeeded"});
        let other_type =
            serde_json::json!({"type": "other", "id": id, "state": "s1", "status": "succeeded"});
        let bad_status =
            serde_json::json!({"type": MESSAGE_TYPE, "id": id, "state": "s1", "status": "won"});
        let bad_id = serde_json::json!({"type": MESSAGE_TYPE, "id": "x", "state": "s1", "status": "succeeded"});
        let no_state = serde_json::json!({"type": MESSAGE_TYPE, "id": id, "status": "succeeded"});
        for data in [
            "".to_string(),
            "null".to_string(),
            "\"wayai:oauth\"".to_string(),
            "[1,2]".to_string(),
            "{".to_string(),
            without_type.to_string(),
            other_type.to_string(),
            bad_status.to_string(),
            bad_id.to_string(),
            no_state.to_string(),
        ] {
            assert_eq!(
                expected.receive(HUB, &data),
                Err(Ignored::Malformed),
                "{data}"
            );
        }
        assert!(!expected.is_done());
    }

    #[test]
    fn origins_of_urls() {
        assert_eq!(origin_of("http://127.0.0.1:8787/api").as_deref(), Some(HUB));
        assert_eq!(
            origin_of("https://Hub.Example.com?x").as_deref(),
            Some("https://hub.example.com")
        );
        assert_eq!(origin_of("ftp://x"), None);
        assert_eq!(origin_of("/api"), None);
        assert_eq!(origin_of("https://a@b.com/"), None);
    }

    #[test]
    fn a_closed_popup_is_checked_then_given_up_after_the_grace_period() {
        let timings = Timings {
            timeout_ms: 60_000,
            grace_ms: 3_000,
            poll_ms: 1_000,
        };
        let mut watch = Watch::new(timings, 0.0);
        assert_eq!(watch.tick(500.0, false), Step::Wait);
        assert_eq!(watch.tick(1_000.0, true), Step::CheckStatus);
        assert_eq!(watch.tick(1_500.0, true), Step::Wait);
        assert_eq!(watch.tick(2_000.0, true), Step::CheckStatus);
        assert_eq!(watch.tick(3_100.0, true), Step::CheckStatus);
        assert_eq!(watch.tick(4_000.0, true), Step::GiveUp);
    }

    #[test]
    fn a_popup_that_reads_open_again_restarts_the_grace_period() {
        let timings = Timings {
            timeout_ms: 60_000,
            grace_ms: 3_000,
            poll_ms: 1_000,
        };
        let mut watch = Watch::new(timings, 0.0);
        assert_eq!(watch.tick(0.0, true), Step::CheckStatus);
        assert_eq!(watch.tick(2_900.0, false), Step::Wait);
        // Closed again: checked at once, and the grace period counts from here.
        assert_eq!(watch.tick(3_500.0, true), Step::CheckStatus);
        assert_eq!(watch.tick(4_000.0, true), Step::Wait);
        assert_eq!(watch.tick(6_400.0, true), Step::CheckStatus);
        assert_eq!(watch.tick(6_500.0, true), Step::GiveUp);
    }

    #[test]
    fn the_whole_flow_times_out_even_with_the_popup_open() {
        let mut watch = Watch::new(Timings::default(), 1_000.0);
        assert_eq!(watch.tick(1_000.0 + 299_999.0, false), Step::Wait);
        assert_eq!(watch.tick(1_000.0 + 300_000.0, false), Step::TimedOut);
    }

    #[test]
    fn popups_are_centred_over_the_window() {
        assert_eq!(
            popup_features(100.0, 50.0, 1280.0, 800.0),
            "popup=yes,width=520,height=640,left=480,top=130"
        );
        // A window smaller than the popup keeps it on screen.
        assert_eq!(
            popup_features(0.0, 0.0, 360.0, 600.0),
            "popup=yes,width=520,height=640,left=0,top=0"
        );
    }

    #[test]
    fn full_page_returns_carry_the_flow_and_are_cleaned() {
        let id = Uuid::from_u128(4);
        let back = with_returned_flow("http://h/c/new?connector=gmail#top", id);
        assert_eq!(
            back,
            format!("http://h/c/new?connector=gmail&{RETURN_PARAM}={id}#top")
        );
        assert_eq!(
            with_returned_flow("http://h/c", id),
            format!("http://h/c?{RETURN_PARAM}={id}")
        );
        let search = format!("?connector=gmail&{RETURN_PARAM}={id}");
        assert_eq!(
            take_returned_flow(&search),
            Some((id, "?connector=gmail".to_string()))
        );
        assert_eq!(
            take_returned_flow(&format!("?{RETURN_PARAM}={id}")),
            Some((id, String::new()))
        );
        assert_eq!(take_returned_flow("?connector=gmail"), None);
        assert_eq!(take_returned_flow(&format!("?{RETURN_PARAM}=nope")), None);
    }

    #[test]
    fn provider_errors_fall_into_plain_categories() {
        let status = |status: FlowStatus, error: Option<&str>| OauthFlowStatus {
            id: Uuid::nil(),
            state: String::new(),
            status,
            connection_id: None,
            error: error.map(str::to_string),
            error_description: None,
            error_params: Default::default(),
            stopped_at: None,
        };
        assert_eq!(
            provider_error(&status(FlowStatus::Failed, Some("access_denied"))),
            ProviderError::Denied
        );
        assert_eq!(
            provider_error(&status(FlowStatus::Expired, None)),
            ProviderError::Expired
        );
        assert_eq!(
            provider_error(&status(FlowStatus::Failed, Some("invalid_grant"))),
            ProviderError::Rejected
        );
        assert_eq!(
            provider_error(&status(FlowStatus::Failed, Some("temporarily_unavailable"))),
            ProviderError::Unavailable
        );
        assert_eq!(
            provider_error(&status(FlowStatus::Failed, Some("address_changed"))),
            ProviderError::AddressChanged
        );
        assert_eq!(
            provider_error(&status(FlowStatus::Failed, Some("mcp_unreachable"))),
            ProviderError::Other
        );
    }
}
