//! Component tests in real browsers (Chromium and Firefox), against a dev hub that
//! `scripts/test.sh` starts at `WAYAI_DEVHUB_URL`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wayai_connections::{api::ApiClient, ConnectionsPage};

wasm_bindgen_test_configure!(run_in_browser);

const HUB_URL: &str = match option_env!("WAYAI_DEVHUB_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:18787",
};

/// A fresh element in the test page to mount into.
fn container() -> web_sys::HtmlElement {
    let document = document();
    let el = document
        .create_element("div")
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el
}

fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .collect()
}

fn text(el: &web_sys::Element) -> String {
    el.text_content().unwrap_or_default()
}

/// Polls the DOM until `ready` holds, for at most 10 s: data arrives over HTTP, so a fixed number
/// of ticks would be a race.
async fn wait_until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..500 {
        if ready() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    panic!("timed out waiting for {what}");
}

fn mount_page(
    el: &web_sys::HtmlElement,
    client: ApiClient,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    let hub_id = Uuid::new_v4();
    leptos::mount::mount_to(el.clone(), move || {
        view! { <ConnectionsPage client=client.clone() hub_id /> }
    })
}

fn dev_client() -> ApiClient {
    ApiClient::new(HUB_URL, "dev-token")
}

#[wasm_bindgen_test]
async fn shows_seven_groups_in_seed_order_with_21_cards() {
    let el = container();
    let _app = mount_page(&el, dev_client());
    wait_until("21 cards", || all(&el, ".wc-card").len() == 21).await;

    let titles: Vec<String> = all(&el, ".wc-group__title").iter().map(text).collect();
    assert_eq!(
        titles,
        [
            "Agent",
            "Channel",
            "Tool - Native",
            "Tool - User",
            "Tool - MCP",
            "STT",
            "TTS"
        ]
    );
    let descriptions: Vec<String> = all(&el, ".wc-group__description")
        .iter()
        .map(text)
        .collect();
    assert_eq!(descriptions[4], "External MCP server connections");
    assert!(descriptions.iter().all(|d| !d.is_empty()));

    let agent_cards: Vec<String> = all(&el, "[data-group='agent'] .wc-card__name")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        agent_cards,
        ["OpenAI", "Anthropic", "Google AI Studio", "OpenRouter"]
    );
    let group_sizes: Vec<usize> = all(&el, ".wc-group")
        .iter()
        .map(|g| all(g, ".wc-card").len())
        .collect();
    assert_eq!(group_sizes, [4, 4, 5, 2, 2, 2, 2]);
}

#[wasm_bindgen_test]
async fn cards_show_monogram_description_auth_and_status() {
    let el = container();
    let _app = mount_page(&el, dev_client());
    wait_until("cards", || all(&el, ".wc-card").len() == 21).await;

    let card = el
        .query_selector("[data-connector='mcp-server-token']")
        .unwrap()
        .unwrap();
    assert_eq!(
        text(&card.query_selector(".wc-card__logo").unwrap().unwrap()),
        "MS"
    );
    assert_eq!(
        text(
            &card
                .query_selector(".wc-card__description")
                .unwrap()
                .unwrap()
        ),
        "Connect to external MCP servers with optional bearer token authentication."
    );
    assert_eq!(
        text(&card.query_selector(".wc-badge--auth").unwrap().unwrap()),
        "Bearer/None"
    );
    assert_eq!(
        text(&card.query_selector(".wc-badge--enabled").unwrap().unwrap()),
        "Enabled"
    );
}

#[wasm_bindgen_test]
async fn disabled_connectors_are_inert_with_contact_support_and_wayai_is_auto_enabled() {
    let el = container();
    let _app = mount_page(&el, dev_client());
    wait_until("cards", || all(&el, ".wc-card").len() == 21).await;

    let disabled: Vec<String> = all(&el, ".wc-card[aria-disabled='true']")
        .iter()
        .map(|c| c.get_attribute("data-connector").unwrap())
        .collect();
    assert_eq!(
        disabled,
        ["whatsapp", "whatsapp-token", "google-drive", "youtube"]
    );
    for slug in &disabled {
        let card = el
            .query_selector(&format!("[data-connector='{slug}']"))
            .unwrap()
            .unwrap();
        assert!(text(&card).contains("Contact support to enable"), "{slug}");
        assert!(text(&card).contains("Disabled"), "{slug}");
    }
    let openai = el
        .query_selector("[data-connector='openai']")
        .unwrap()
        .unwrap();
    assert!(!text(&openai).contains("Contact support"));

    let wayai = el
        .query_selector("[data-connector='wayai']")
        .unwrap()
        .unwrap();
    assert_eq!(
        text(&wayai.query_selector(".wc-badge--auto").unwrap().unwrap()),
        "Auto-enabled"
    );
    assert_eq!(
        text(&wayai.query_selector(".wc-badge--auth").unwrap().unwrap()),
        "None"
    );
}

#[wasm_bindgen_test]
async fn a_rejected_token_says_so_and_offers_retry() {
    let el = container();
    let _app = mount_page(&el, ApiClient::new(HUB_URL, "wrong-token"));
    wait_until("the error", || {
        el.query_selector("[role='alert']").unwrap().is_some()
    })
    .await;

    let alert = el.query_selector("[role='alert']").unwrap().unwrap();
    assert!(
        text(&alert).contains("Your session is not valid for this hub"),
        "{}",
        text(&alert)
    );
    assert_eq!(
        text(&alert.query_selector("button").unwrap().unwrap()),
        "Retry"
    );
    assert!(all(&el, ".wc-card").is_empty());
}

#[wasm_bindgen_test]
async fn an_unreachable_hub_is_a_network_error_in_words() {
    let el = container();
    // Nothing listens on the discard port of loopback: the connection is refused.
    let _app = mount_page(&el, ApiClient::new("http://127.0.0.1:9", "dev-token"));
    wait_until("the error", || {
        el.query_selector("[role='alert']").unwrap().is_some()
    })
    .await;
    let alert = el.query_selector("[role='alert']").unwrap().unwrap();
    assert!(
        text(&alert).contains("The hub could not be reached"),
        "{}",
        text(&alert)
    );
}
