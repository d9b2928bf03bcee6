//! Component tests in real browsers (Chromium and Firefox), against a dev hub that
//! `scripts/test.sh` starts at `WAYAI_DEVHUB_URL`. Each test works in a hub of its own (a fresh
//! UUID), so tests never see each other's connections or faults.
#![cfg(target_arch = "wasm32")]

use gloo_net::http::Request;
use leptos::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wayai_connections::{api::ApiClient, App, ConnectionsPage, PageView};

wasm_bindgen_test_configure!(run_in_browser);

const HUB_URL: &str = match option_env!("WAYAI_DEVHUB_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:18787",
};
const OPENAI: &str = "0cd6a292-895b-4667-b89e-dd298628c272";
const ANTHROPIC: &str = "b3c4d5e6-f7a8-9012-bcde-f12345678902";
const GOOGLE_AI: &str = "c4d5e6f7-a8b9-0123-cdef-234567890123";
const OPENROUTER: &str = "4d7e9f23-1a2b-4c3d-9e8f-5a6b7c8d9e0f";
const MCP_TOKEN: &str = "f1a2b3c4-d5e6-7890-abcd-ef1234567890";
const GMAIL: &str = "e12d4567-89ab-4cef-9012-3456789abcde";
const ORG: &str = "5a1e0000-0000-4000-8000-00000000a001";

// ---- the dev hub, over HTTP ----

async fn call(method: &str, path: &str, body: Option<Value>) -> Value {
    let url = format!("{HUB_URL}{path}");
    let builder = match method {
        "POST" => Request::post(&url),
        "PUT" => Request::put(&url),
        "DELETE" => Request::delete(&url),
        _ => Request::get(&url),
    }
    .header("Authorization", "Bearer dev-token")
    .header("Idempotency-Key", &Uuid::new_v4().to_string());
    let response = match body {
        Some(body) => builder.json(&body).unwrap().send().await,
        None => builder.send().await,
    }
    .unwrap();
    let text = response.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

async fn create(hub: Uuid, connector: &str, name: &str, config: Value) -> Value {
    let created = call(
        "POST",
        &format!("/api/hubs/{hub}/connections"),
        Some(json!({ "connector_id": connector, "name": name, "config": config })),
    )
    .await;
    assert!(created["id"].is_string(), "create failed: {created}");
    created
}

async fn test_connection(hub: Uuid, connection: &Value) {
    let id = connection["id"].as_str().unwrap();
    call(
        "POST",
        &format!("/api/hubs/{hub}/connections/{id}/test"),
        None,
    )
    .await;
}

/// Connects Gmail through the simulated provider with `account`, as the popup would.
async fn connect_gmail(hub: Uuid, account: &str) {
    let flow = call(
        "POST",
        &format!("/api/hubs/{hub}/oauth/flows"),
        Some(json!({ "connector_id": GMAIL, "opener_origin": "http://127.0.0.1:1" })),
    )
    .await;
    let state = flow["state"].as_str().unwrap();
    // The consent form's POST redirects to the callback, which completes the flow.
    let _ = Request::post(&format!("{HUB_URL}/dev/oauth/decide"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!(
            "state={state}&decision=allow&account={}",
            account.replace('@', "%40")
        ))
        .unwrap()
        .send()
        .await;
    let status = call(
        "GET",
        &format!(
            "/api/hubs/{hub}/oauth/flows/{}",
            flow["id"].as_str().unwrap()
        ),
        None,
    )
    .await;
    assert_eq!(status["status"], "succeeded", "{status}");
}

async fn set_faults(rules: Value) {
    call("PUT", "/dev/faults", Some(json!({ "rules": rules }))).await;
}

// ---- the DOM ----

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

fn one(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn text(el: &web_sys::Element) -> String {
    el.text_content().unwrap_or_default()
}

/// Polls until `ready` holds, for at most 10 s: data arrives over HTTP, so a fixed number of
/// ticks would be a race.
async fn wait_until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..500 {
        if ready() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    panic!("timed out waiting for {what}");
}

async fn wait_for_cards(el: &web_sys::Element, n: usize) {
    wait_until(&format!("{n} cards"), || all(el, ".wc-card").len() == n).await;
}

fn dev_client() -> ApiClient {
    ApiClient::new(HUB_URL, "dev-token")
}

fn mount_page(
    el: &web_sys::HtmlElement,
    client: ApiClient,
    hub_id: Uuid,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    leptos::mount::mount_to(el.clone(), move || {
        view! { <ConnectionsPage client=client.clone() hub_id base_path="/test/connections" /> }
    })
}

/// The standalone app (with its router) at `path`, as after a navigation to it.
fn mount_app_at(
    el: &web_sys::HtmlElement,
    path: &str,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    window()
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
    leptos::mount::mount_to(el.clone(), || view! { <App client=dev_client() /> })
}

fn type_into(input: &web_sys::Element, value: &str) {
    let input = input.dyn_ref::<web_sys::HtmlInputElement>().unwrap();
    input.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

fn click(el: &web_sys::Element) {
    el.dyn_ref::<web_sys::HtmlElement>().unwrap().click();
}

// ---- groups and cards ----

#[wasm_bindgen_test]
async fn shows_seven_groups_in_seed_order_with_21_cards() {
    let el = container();
    let _app = mount_page(&el, dev_client(), Uuid::new_v4());
    wait_for_cards(&el, 21).await;

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
    let _app = mount_page(&el, dev_client(), Uuid::new_v4());
    wait_for_cards(&el, 21).await;
    let card = one(&el, "[data-connector='mcp-server-token']");
    assert_eq!(text(&one(&card, ".wc-card__logo")), "MS");
    assert_eq!(
        text(&one(&card, ".wc-card__description")),
        "Connect to external MCP servers with optional bearer token authentication."
    );
    assert_eq!(text(&one(&card, ".wc-badge--auth")), "Bearer/None");
    assert_eq!(text(&one(&card, ".wc-badge--enabled")), "Enabled");
    assert_eq!(
        text(&one(&card, ".wc-card__add")),
        "Add MCP Server - Token connection"
    );
}

#[wasm_bindgen_test]
async fn disabled_connectors_are_inert_and_wayai_is_auto_enabled_with_its_connection() {
    let el = container();
    let _app = mount_page(&el, dev_client(), Uuid::new_v4());
    wait_for_cards(&el, 21).await;

    let disabled: Vec<String> = all(&el, ".wc-card[aria-disabled='true']")
        .iter()
        .map(|c| c.get_attribute("data-connector").unwrap())
        .collect();
    assert_eq!(
        disabled,
        ["whatsapp", "whatsapp-token", "google-drive", "youtube"]
    );
    for slug in &disabled {
        let card = one(&el, &format!("[data-connector='{slug}']"));
        assert!(text(&card).contains("Contact support to enable"), "{slug}");
        assert!(text(&card).contains("Disabled"), "{slug}");
        assert!(all(&card, "a").is_empty(), "{slug} offers no action");
    }
    assert!(!text(&one(&el, "[data-connector='openai']")).contains("Contact support"));

    let wayai = one(&el, "[data-connector='wayai']");
    assert_eq!(text(&one(&wayai, ".wc-badge--auto")), "Auto-enabled");
    assert_eq!(text(&one(&wayai, ".wc-badge--auth")), "None");
    // Its connection, made with the hub, is listed; there is nothing to add.
    assert_eq!(text(&one(&wayai, ".wc-connection__name")), "Wayai");
    assert!(wayai.query_selector(".wc-card__add").unwrap().is_none());
}

// ---- connections ----

#[wasm_bindgen_test]
async fn connections_show_each_health_state_with_the_hubs_message_and_their_facts() {
    let hub = Uuid::new_v4();
    let ok = create(
        hub,
        OPENAI,
        "Good key",
        json!({ "api_key": "sk-proj-abcdefgh1234" }),
    )
    .await;
    test_connection(hub, &ok).await;
    let bad = create(
        hub,
        ANTHROPIC,
        "Bad key",
        json!({ "api_key": "sk-invalid-abcdefgh" }),
    )
    .await;
    test_connection(hub, &bad).await;
    let quota = create(
        hub,
        GOOGLE_AI,
        "No quota",
        json!({ "api_key": "sk-quota-abcdefgh" }),
    )
    .await;
    test_connection(hub, &quota).await;
    create(
        hub,
        OPENROUTER,
        "Untested",
        json!({ "api_key": "sk-or-abcdefgh1234" }),
    )
    .await;
    create(
        hub,
        MCP_TOKEN,
        "Docs MCP",
        json!({ "url": format!("{HUB_URL}/dev/mcp") }),
    )
    .await;
    create(
        hub,
        MCP_TOKEN,
        "Down MCP",
        json!({ "url": "http://127.0.0.1:9/mcp" }),
    )
    .await;
    create(
        hub,
        MCP_TOKEN,
        "Web page",
        json!({ "url": format!("{HUB_URL}/dev/not-mcp") }),
    )
    .await;
    connect_gmail(hub, "expired@example.com").await;

    let el = container();
    let _app = mount_page(&el, dev_client(), hub);
    wait_until("the connections", || all(&el, ".wc-connection").len() == 9).await;

    for (health, label, name) in [
        ("ok", "Healthy", "Good key"),
        ("auth_failed", "Authentication failed", "Bad key"),
        ("quota", "Quota exceeded", "No quota"),
        ("unknown", "Not checked", "Untested"),
        ("unreachable", "Unreachable", "Down MCP"),
        ("config_error", "Configuration error", "Web page"),
        (
            "token_expired",
            "Token expired",
            "Gmail (expired@example.com)",
        ),
    ] {
        let rows = all(&el, &format!(".wc-connection[data-health='{health}']"));
        let row = rows
            .iter()
            .find(|r| text(&one(r, ".wc-connection__name")) == name)
            .unwrap_or_else(|| panic!("no {health} row named {name}"));
        assert_eq!(text(&one(row, ".wc-health")), label);
        assert!(
            !text(&one(row, ".wc-connection__message")).is_empty(),
            "{name} shows the hub's message"
        );
        let created = one(row, "time");
        assert!(created.get_attribute("datetime").unwrap().ends_with('Z'));
        assert!(text(&created).starts_with("Created "));
    }
    let bad = one(&el, "[data-connector='anthropic'] .wc-connection");
    assert!(
        text(&bad).contains("Anthropic rejected these credentials"),
        "{}",
        text(&bad)
    );

    let gmail = one(&el, "[data-connector='gmail'] .wc-connection");
    let oauth = text(&one(&gmail, ".wc-connection__oauth"));
    assert!(oauth.contains("Account: expired@example.com"), "{oauth}");
    assert!(oauth.contains("Token expired"), "{oauth}");
    assert!(
        oauth.contains("Refreshed automatically every 1 hour"),
        "{oauth}"
    );

    let docs = all(&el, "[data-connector='mcp-server-token'] .wc-connection")
        .into_iter()
        .find(|r| text(r).contains("Docs MCP"))
        .unwrap();
    let mcp = text(&one(&docs, ".wc-connection__mcp"));
    assert!(mcp.starts_with("3 tools · Last sync"), "{mcp}");
    let down = all(&el, "[data-connector='mcp-server-token'] .wc-connection")
        .into_iter()
        .find(|r| text(r).contains("Down MCP"))
        .unwrap();
    assert_eq!(
        text(&one(&down, ".wc-connection__mcp")),
        "0 tools · Not synced yet"
    );
}

#[wasm_bindgen_test]
async fn the_agent_notice_shows_until_the_hub_has_an_agent_connection() {
    let hub = Uuid::new_v4();
    let el = container();
    {
        let _app = mount_page(&el, dev_client(), hub);
        wait_for_cards(&el, 21).await;
        let notice = one(&el, ".wc-notice");
        assert!(text(&notice).contains("At least one Agent connection"));
        let action = one(&notice, "a");
        assert_eq!(text(&action), "Add OpenAI connection");
        assert_eq!(
            action.get_attribute("href").unwrap(),
            format!("/test/connections/new?connector={OPENAI}")
        );
    }
    create(
        hub,
        ANTHROPIC,
        "Claude",
        json!({ "api_key": "sk-ant-abcdefgh1234" }),
    )
    .await;
    let el = container();
    let _app = mount_page(&el, dev_client(), hub);
    wait_for_cards(&el, 21).await;
    wait_until("the Claude connection", || text(&el).contains("Claude")).await;
    assert!(el.query_selector(".wc-notice").unwrap().is_none());
}

// ---- search ----

#[wasm_bindgen_test]
async fn search_filters_connectors_and_connections_and_says_when_nothing_matches() {
    let hub = Uuid::new_v4();
    create(
        hub,
        OPENAI,
        "Marketing assistant",
        json!({ "api_key": "sk-proj-abcdefgh1234" }),
    )
    .await;
    create(
        hub,
        OPENAI,
        "Support bot",
        json!({ "api_key": "sk-proj-abcdefgh5678" }),
    )
    .await;
    let el = container();
    let _app = mount_page(&el, dev_client(), hub);
    wait_for_cards(&el, 21).await;
    let input = one(&el, "input[type='search']");
    assert_eq!(
        text(&one(&el, "label[for='wc-search-input']")),
        "Search connectors and connections"
    );

    type_into(&input, "mcp");
    wait_for_cards(&el, 2).await;
    let shown: Vec<_> = all(&el, ".wc-card")
        .iter()
        .map(|c| c.get_attribute("data-connector").unwrap())
        .collect();
    assert_eq!(shown, ["mcp-server-token", "mcp-server-oauth"]);
    assert_eq!(all(&el, ".wc-group").len(), 1);
    assert_eq!(text(&one(&el, ".wc-search-summary")), "2 connectors match.");

    // By type label: every Tool group.
    type_into(&input, "tool - native");
    wait_for_cards(&el, 5).await;

    // By connection name: its connector, with only that connection.
    type_into(&input, "SUPPORT");
    wait_for_cards(&el, 1).await;
    let names: Vec<String> = all(&el, ".wc-connection__name").iter().map(text).collect();
    assert_eq!(names, ["Support bot"]);

    type_into(&input, "no such thing");
    wait_for_cards(&el, 0).await;
    let summary = one(&el, ".wc-search-summary");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("status"));
    assert!(text(&summary).contains("No connector or connection matches “no such thing”."));
    click(&one(&summary, "button"));
    wait_for_cards(&el, 21).await;
    assert_eq!(
        input
            .dyn_ref::<web_sys::HtmlInputElement>()
            .unwrap()
            .value(),
        ""
    );
}

// ---- error states ----

async fn error_for(client: ApiClient, hub: Uuid) -> (web_sys::HtmlElement, String) {
    let el = container();
    let app = mount_page(&el, client, hub);
    wait_until("the error", || {
        el.query_selector("[role='alert']").unwrap().is_some()
    })
    .await;
    let message = text(&one(&el, "[role='alert']"));
    drop(app);
    (el, message)
}

#[wasm_bindgen_test]
async fn each_hub_failure_is_explained_in_words() {
    for (status, words) in [
        (500, "The hub had a problem (error 500)"),
        (503, "The hub had a problem (error 503)"),
        (429, "Too many requests"),
        (403, "You do not have permission"),
        (404, "This hub does not exist"),
        (401, "Your session is not valid for this hub"),
    ] {
        let hub = Uuid::new_v4();
        set_faults(json!([{ "path": format!("/api/hubs/{hub}/connectors"), "status": status }]))
            .await;
        let (_, message) = error_for(dev_client(), hub).await;
        assert!(message.contains(words), "{status}: {message}");
        assert!(message.contains("Retry"));
    }
    set_faults(json!([])).await;
}

#[wasm_bindgen_test]
async fn a_dropped_connection_and_a_slow_hub_are_told_apart() {
    let hub = Uuid::new_v4();
    set_faults(json!([{ "path": format!("/api/hubs/{hub}/connections"), "drop": true }])).await;
    let (_, message) = error_for(dev_client(), hub).await;
    assert!(
        message.contains("The hub could not be reached"),
        "{message}"
    );

    let hub = Uuid::new_v4();
    set_faults(json!([{ "path": format!("/api/hubs/{hub}/**"), "delay_ms": 1500 }])).await;
    let (_, message) = error_for(dev_client().with_timeout_ms(300), hub).await;
    assert!(message.contains("took too long"), "{message}");
    set_faults(json!([])).await;
}

#[wasm_bindgen_test]
async fn retry_after_a_failure_loads_the_page() {
    let hub = Uuid::new_v4();
    set_faults(
        json!([{ "path": format!("/api/hubs/{hub}/connectors"), "status": 503, "times": 1 }]),
    )
    .await;
    let el = container();
    let _app = mount_page(&el, dev_client(), hub);
    wait_until("the error", || {
        el.query_selector("[role='alert']").unwrap().is_some()
    })
    .await;
    click(&one(&el, "[role='alert'] button"));
    wait_for_cards(&el, 21).await;
    assert!(el.query_selector("[role='alert']").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_rejected_token_says_so_and_offers_retry() {
    let (_, message) = error_for(ApiClient::new(HUB_URL, "wrong-token"), Uuid::new_v4()).await;
    assert!(
        message.contains("Your session is not valid for this hub"),
        "{message}"
    );
    assert!(message.contains("Retry"));
}

#[wasm_bindgen_test]
async fn an_unreachable_hub_is_a_network_error_in_words() {
    // Nothing listens on the discard port of loopback: the connection is refused.
    let (_, message) = error_for(
        ApiClient::new("http://127.0.0.1:9", "dev-token"),
        Uuid::new_v4(),
    )
    .await;
    assert!(
        message.contains("The hub could not be reached"),
        "{message}"
    );
}

// ---- deep links, through the router ----

fn base(hub: Uuid) -> String {
    format!("/settings/organizations/{ORG}/hubs/{hub}/connections")
}

#[wasm_bindgen_test]
async fn a_connector_slug_link_highlights_that_connector() {
    let hub = Uuid::new_v4();
    let el = container();
    let _app = mount_app_at(&el, &format!("{}?connector=openrouter", base(hub)));
    wait_for_cards(&el, 21).await;
    let highlighted: Vec<_> = all(&el, ".wc-card--highlight")
        .iter()
        .map(|c| c.get_attribute("data-connector").unwrap())
        .collect();
    assert_eq!(highlighted, ["openrouter"]);
}

#[wasm_bindgen_test]
async fn an_unknown_connector_slug_says_so() {
    let el = container();
    let _app = mount_app_at(
        &el,
        &format!("{}?connector=fax-machine", base(Uuid::new_v4())),
    );
    wait_for_cards(&el, 21).await;
    assert!(text(&el).contains("There is no connector “fax-machine”"));
    assert!(all(&el, ".wc-card--highlight").is_empty());
}

#[wasm_bindgen_test]
async fn a_new_link_opens_that_connectors_create_view() {
    let el = container();
    let _app = mount_app_at(
        &el,
        &format!("{}/new?connector={MCP_TOKEN}", base(Uuid::new_v4())),
    );
    wait_until("the dialog", || {
        el.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    let dialog = one(&el, "dialog[open]");
    assert_eq!(
        text(&one(&dialog, "#wc-dialog-title")),
        "New MCP Server - Token connection"
    );
    let fields: Vec<_> = all(&dialog, "[data-field]")
        .iter()
        .map(|f| f.get_attribute("data-field").unwrap())
        .collect();
    assert_eq!(fields, ["url", "bearer_token", "headers"]);
    // The schema's form: the name first, then each field with its label and help.
    assert!(dialog.query_selector("form #wc-f-name").unwrap().is_some());
    assert!(text(&dialog).contains("MCP Server URL"));
    assert!(text(&dialog).contains("Bearer Token (optional)"));
    assert!(text(&dialog).contains("Leave empty if the server doesn't require auth"));
}

#[wasm_bindgen_test]
async fn a_connection_link_opens_it_and_close_and_back_follow_the_history() {
    let hub = Uuid::new_v4();
    let created = create(
        hub,
        OPENAI,
        "Linked",
        json!({ "api_key": "sk-proj-abcdefgh1234" }),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_string();
    let el = container();
    // Opened by URL: a link click here would meet the window listeners that routers of earlier
    // tests leave behind (leptos_router does not remove them on unmount); the e2e walk clicks.
    let _app = open_connection(&el, hub, &id).await;
    let dialog = one(&el, "dialog[open]");
    assert_eq!(text(&one(&dialog, "#wc-dialog-title")), "Linked");
    assert!(text(&dialog).contains("••••1234 (stored)"));
    assert!(!text(&el).contains("sk-proj"));

    click(&one(&dialog, "button"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    assert_eq!(window().location().pathname().unwrap(), base(hub));

    window().history().unwrap().back().unwrap();
    wait_until("the dialog again", || {
        el.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    assert_eq!(
        window().location().pathname().unwrap(),
        format!("{}/{id}", base(hub))
    );
    assert_eq!(
        all(&el, ".wc-card").len(),
        21,
        "the page stayed mounted behind the dialog"
    );
}

#[wasm_bindgen_test]
async fn unknown_ids_give_a_clear_not_found_state() {
    let hub = Uuid::new_v4();
    let el = container();
    {
        let _app = mount_app_at(&el, &format!("{}/{}", base(hub), Uuid::new_v4()));
        wait_until("the dialog", || {
            el.query_selector("dialog[open]").unwrap().is_some()
        })
        .await;
        assert!(text(&el).contains("This connection does not exist in this hub"));
    }
    let el = container();
    {
        let _app = mount_app_at(&el, &format!("{}/new?connector=not-a-connector", base(hub)));
        wait_until("the dialog", || {
            el.query_selector("dialog[open]").unwrap().is_some()
        })
        .await;
        assert!(text(&el).contains("There is no connector “not-a-connector”"));
    }
    let el = container();
    let _app = mount_app_at(
        &el,
        &format!("/settings/organizations/{ORG}/hubs/not-a-uuid/connections"),
    );
    wait_until("not found", || text(&el).contains("Page not found")).await;
    assert!(all(&el, ".wc-card").is_empty());
}

// ---- the schema-driven form ----

fn button(root: &web_sys::Element, label: &str) -> web_sys::Element {
    all(root, "button")
        .into_iter()
        .find(|b| text(b).trim() == label)
        .unwrap_or_else(|| panic!("no button {label}"))
}

/// The standalone app at `…/<connection id>` of `hub`, once the connection's dialog is open.
async fn open_connection(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    id: &str,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    let app = mount_app_at(el, &format!("{}/{id}", base(hub)));
    wait_until("the dialog", || {
        el.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    app
}

/// The standalone app at `…/new?connector=<connector>` of `hub`, once its form is up.
async fn new_form(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    connector: &str,
) -> (
    leptos::mount::UnmountHandle<impl Mountable>,
    web_sys::Element,
) {
    let app = mount_app_at(el, &format!("{}/new?connector={connector}", base(hub)));
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    (app, one(el, "dialog[open] form"))
}

fn input_value(root: &web_sys::Element, selector: &str) -> String {
    one(root, selector)
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap()
        .value()
}

async fn hub_connection_names(hub: Uuid) -> Vec<String> {
    let list = call("GET", &format!("/api/hubs/{hub}/connections"), None).await;
    list["connections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

#[wasm_bindgen_test]
async fn the_form_validates_before_sending_and_moves_focus_to_the_first_error() {
    let hub = Uuid::new_v4();
    let el = container();
    let (_app, form) = new_form(&el, hub, "external-resources").await;
    click(&button(&form, "Create connection"));
    wait_until("the messages", || {
        text(&form).contains("This field is required.")
    })
    .await;
    wait_until("focus on wc-f-name", || {
        document()
            .active_element()
            .is_some_and(|e| e.id() == "wc-f-name")
    })
    .await;
    assert_eq!(
        one(&form, "#wc-f-name")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );

    type_into(&one(&form, "#wc-f-name"), "Files");
    type_into(
        &one(&form, "#wc-f-storage_api_url"),
        "http://storage.example.com/api",
    );
    type_into(&one(&form, "#wc-f-api_key"), "key-abcdefgh1234");
    click(&button(&form, "Create connection"));
    wait_until("the URL message", || {
        text(&one(&form, "#wc-f-storage_api_url-error")).contains("https://")
    })
    .await;
    wait_until("focus on the URL", || {
        document()
            .active_element()
            .is_some_and(|e| e.id() == "wc-f-storage_api_url")
    })
    .await;
    assert_eq!(
        hub_connection_names(hub).await,
        ["Wayai"],
        "nothing was sent"
    );
}

#[wasm_bindgen_test]
async fn creating_through_the_form_adds_the_connection_without_a_reload_and_leaves_no_secret() {
    let hub = Uuid::new_v4();
    let el = container();
    let (_app, form) = new_form(&el, hub, OPENAI).await;
    type_into(&one(&form, "#wc-f-name"), "Production");
    type_into(&one(&form, "#wc-f-api_key"), "sk-proj-secretvalue-9876");
    assert_eq!(
        one(&form, "#wc-f-api_key").get_attribute("type").as_deref(),
        Some("password")
    );
    click(&button(&form, "Show"));
    wait_until("the key shown", || {
        one(&form, "#wc-f-api_key").get_attribute("type").as_deref() == Some("text")
    })
    .await;
    click(&button(&form, "Create connection"));
    wait_until("the new row", || {
        text(&one(&el, "[data-connector='openai']")).contains("Production")
    })
    .await;
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    assert!(text(&one(&el, ".wc-announcement")).contains("Connection “Production” created."));
    assert!(
        el.query_selector(".wc-notice").unwrap().is_none(),
        "the Agent notice went away"
    );
    let html = document().document_element().unwrap().outer_html();
    assert!(
        !html.contains("secretvalue"),
        "a secret remained in the DOM"
    );
    assert!(!window().location().href().unwrap().contains("secretvalue"));
    assert_eq!(hub_connection_names(hub).await, ["Wayai", "Production"]);
}

#[wasm_bindgen_test]
async fn a_retry_after_a_lost_answer_makes_exactly_one_connection_and_keeps_the_input() {
    let hub = Uuid::new_v4();
    set_faults(json!([{ "method": "POST", "path": format!("/api/hubs/{hub}/connections"), "drop_after": true, "times": 1 }])).await;
    let el = container();
    let (_app, form) = new_form(&el, hub, OPENAI).await;
    type_into(&one(&form, "#wc-f-name"), "Once");
    type_into(&one(&form, "#wc-f-api_key"), "sk-proj-abcdefgh1234");
    click(&button(&form, "Create connection"));
    wait_until("the failure", || {
        text(&one(&form, "[role='alert']")).contains("could not be reached")
    })
    .await;
    assert_eq!(
        input_value(&form, "#wc-f-name"),
        "Once",
        "the input is kept"
    );
    assert_eq!(input_value(&form, "#wc-f-api_key"), "sk-proj-abcdefgh1234");
    // The hub did create it; the retry carries the same idempotency key.
    click(&button(&form, "Create connection"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    assert_eq!(hub_connection_names(hub).await, ["Wayai", "Once"]);
    set_faults(json!([])).await;
}

#[wasm_bindgen_test]
async fn a_hub_failure_keeps_everything_typed_and_field_errors_land_under_their_field() {
    let hub = Uuid::new_v4();
    create(hub, OPENAI, "Taken", json!({ "api_key": "sk-1" })).await;
    set_faults(json!([{ "method": "POST", "path": format!("/api/hubs/{hub}/connections"), "status": 500, "times": 1 }])).await;
    let el = container();
    let (_app, form) = new_form(&el, hub, OPENAI).await;
    type_into(&one(&form, "#wc-f-name"), "taken");
    type_into(&one(&form, "#wc-f-api_key"), "sk-proj-abcdefgh1234");
    click(&button(&form, "Create connection"));
    wait_until("the 500", || {
        text(&one(&form, "[role='alert']")).contains("error 500")
    })
    .await;
    assert_eq!(input_value(&form, "#wc-f-api_key"), "sk-proj-abcdefgh1234");
    // Sent again, the hub's 422 names the field: it shows under the name.
    click(&button(&form, "Create connection"));
    wait_until("the name error", || {
        text(&one(&form, "#wc-f-name-error")).contains("already has this name")
    })
    .await;
    assert_eq!(input_value(&form, "#wc-f-name"), "taken");
    set_faults(json!([])).await;
}

#[wasm_bindgen_test]
async fn renaming_keeps_the_stored_key_and_replacing_it_changes_the_hint() {
    let hub = Uuid::new_v4();
    let created = create(
        hub,
        OPENAI,
        "Before",
        json!({ "api_key": "sk-proj-abcdefgh1234" }),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_string();
    let el = container();
    let _app = open_connection(&el, hub, &id).await;
    click(&button(&one(&el, "dialog[open]"), "Edit"));
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    let form = one(&el, "dialog[open] form");
    assert!(text(&form).contains("Stored: ••••1234"));
    assert!(
        form.query_selector("#wc-f-api_key").unwrap().is_none(),
        "no key input until Replace"
    );
    type_into(&one(&form, "#wc-f-name"), "After");
    click(&button(&form, "Save"));
    wait_until("the rename", || {
        text(&one(&el, "[data-connector='openai']")).contains("After")
    })
    .await;
    let stored = call("GET", &format!("/api/hubs/{hub}/connections/{id}"), None).await;
    assert_eq!(stored["name"], "After");
    assert_eq!(
        stored["secrets"]["api_key"]["hint"], "••••1234",
        "the key was kept"
    );

    window()
        .history()
        .unwrap()
        .push_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{}/{id}", base(hub))),
        )
        .unwrap();
    // The router follows pushState only through its own navigation; open via the link instead.
    drop(_app);
    let el = container();
    let _app = open_connection(&el, hub, &id).await;
    click(&button(&one(&el, "dialog[open]"), "Edit"));
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    let form = one(&el, "dialog[open] form");
    click(&button(&form, "Replace"));
    wait_until("the key input", || {
        form.query_selector("#wc-f-api_key").unwrap().is_some()
    })
    .await;
    type_into(&one(&form, "#wc-f-api_key"), "sk-proj-newvalue-5678");
    click(&button(&form, "Save"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    let stored = call("GET", &format!("/api/hubs/{hub}/connections/{id}"), None).await;
    assert_eq!(stored["secrets"]["api_key"]["hint"], "••••5678");
}

#[wasm_bindgen_test]
async fn delete_asks_naming_the_connection_then_removes_it() {
    let hub = Uuid::new_v4();
    let created = create(hub, OPENAI, "Doomed", json!({ "api_key": "sk-1" })).await;
    let id = created["id"].as_str().unwrap().to_string();
    let el = container();
    let _app = open_connection(&el, hub, &id).await;
    let dialog = one(&el, "dialog[open]");
    click(&button(&dialog, "Delete"));
    wait_until("the question", || {
        dialog
            .query_selector("[role='alertdialog']")
            .unwrap()
            .is_some()
    })
    .await;
    let question = one(&dialog, "[role='alertdialog']");
    assert!(text(&question).contains("Delete “Doomed”?"));
    click(&button(&question, "Delete"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    assert!(!text(&one(&el, "[data-connector='openai']")).contains("Doomed"));
    assert_eq!(hub_connection_names(hub).await, ["Wayai"]);
}

fn press_escape(dialog: &web_sys::Element) {
    // What the browser does on Escape for a modal dialog: a cancelable `cancel` event.
    let init = web_sys::EventInit::new();
    init.set_cancelable(true);
    let event = web_sys::Event::new_with_event_init_dict("cancel", &init).unwrap();
    dialog.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn closing_with_unsaved_changes_asks_first_and_keeps_the_typing_on_keep_editing() {
    let hub = Uuid::new_v4();
    let el = container();
    let _app = mount_app_at(&el, &format!("{}/new?connector={OPENAI}", base(hub)));
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    let dialog = one(&el, "dialog[open]");
    type_into(&one(&dialog, "#wc-f-name"), "Half done");
    press_escape(&dialog);
    wait_until("the question", || {
        dialog
            .query_selector("[role='alertdialog']")
            .unwrap()
            .is_some()
    })
    .await;
    assert!(text(&one(&dialog, "[role='alertdialog']")).contains("Discard unsaved changes?"));
    click(&button(
        &one(&dialog, "[role='alertdialog']"),
        "Keep editing",
    ));
    wait_until("the question to go", || {
        dialog
            .query_selector("[role='alertdialog']")
            .unwrap()
            .is_none()
    })
    .await;
    assert_eq!(input_value(&dialog, "#wc-f-name"), "Half done");

    click(&button(&dialog, "Close"));
    wait_until("the question", || {
        dialog
            .query_selector("[role='alertdialog']")
            .unwrap()
            .is_some()
    })
    .await;
    click(&button(&one(&dialog, "[role='alertdialog']"), "Discard"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    assert_eq!(hub_connection_names(hub).await, ["Wayai"]);
}

#[wasm_bindgen_test]
async fn an_untouched_form_closes_on_escape_without_asking() {
    let el = container();
    let _app = mount_app_at(
        &el,
        &format!("{}/new?connector={OPENAI}", base(Uuid::new_v4())),
    );
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    press_escape(&one(&el, "dialog[open]"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
}

#[wasm_bindgen_test]
async fn disable_and_enable_update_the_connection_in_place() {
    let hub = Uuid::new_v4();
    let created = create(hub, OPENAI, "Switchable", json!({ "api_key": "sk-1" })).await;
    let id = created["id"].as_str().unwrap().to_string();
    let el = container();
    let _app = open_connection(&el, hub, &id).await;
    let dialog = one(&el, "dialog[open]");
    let disable = button(&dialog, "Disable");
    disable
        .dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    click(&disable);
    wait_until("the row to say Disabled", || {
        el.query_selector(&format!("[data-connection='{id}']"))
            .unwrap()
            .is_some_and(|row| text(&row).contains("Disabled"))
    })
    .await;
    let stored = call("GET", &format!("/api/hubs/{hub}/connections/{id}"), None).await;
    assert_eq!(stored["enabled"], false);
    // The same dialog follows the change (it is not closed and opened again), and focus stays on
    // the control that now says Enable.
    wait_until("focus on Enable", || {
        document()
            .active_element()
            .is_some_and(|a| text(&a) == "Enable" && dialog.contains(Some(a.unchecked_ref())))
    })
    .await;
    assert!(dialog.has_attribute("open"));
    click(&button(&one(&el, "dialog[open]"), "Enable"));
    wait_until("enabled again", || {
        el.query_selector(&format!("[data-connection='{id}'] .wc-badge--enabled"))
            .unwrap()
            .is_some()
    })
    .await;
}

#[wasm_bindgen_test]
async fn test_connection_reports_the_hubs_verdict_before_saving() {
    let hub = Uuid::new_v4();
    let el = container();
    let (_app, form) = new_form(&el, hub, ANTHROPIC).await;
    type_into(&one(&form, "#wc-f-name"), "Claude");
    type_into(&one(&form, "#wc-f-api_key"), "sk-invalid-abcdefgh");
    click(&button(&form, "Test connection"));
    wait_until("the verdict", || {
        text(&one(&form, ".wc-form__test")).contains("Test failed")
    })
    .await;
    assert!(text(&one(&form, ".wc-form__test")).contains("Anthropic rejected these credentials"));
    type_into(&one(&form, "#wc-f-api_key"), "sk-ant-abcdefgh1234");
    click(&button(&form, "Test connection"));
    wait_until("the verdict", || {
        text(&one(&form, ".wc-form__test")).contains("Test passed")
    })
    .await;
    assert_eq!(
        hub_connection_names(hub).await,
        ["Wayai"],
        "testing saves nothing"
    );
}

#[wasm_bindgen_test]
async fn a_connector_added_to_the_catalog_gets_a_working_form_with_every_field_kind() {
    let hub = Uuid::new_v4();
    let id = "0f0f0f0f-0000-4000-8000-000000000002";
    call(
        "PUT",
        &format!("/dev/hubs/{hub}/catalog-extra"),
        Some(json!({ "connectors": [{
            "id": id, "slug": "weather", "type": "tool_user", "name": "Weather API",
            "description": "Forecasts for agents.", "auth": "api_key", "status": "enabled",
            "fields": [
                { "key": "units", "label": "Units", "kind": "select", "required": true,
                  "options": [{ "value": "metric", "label": "Metric" }, { "value": "imperial", "label": "Imperial" }] },
                { "key": "days", "label": "Days ahead", "kind": "number", "required": false,
                  "default": 3, "help": "How far to forecast" },
                { "key": "alerts", "label": "Severe weather alerts", "kind": "boolean", "required": false },
                { "key": "token", "label": "Token", "kind": "secret", "required": true }
            ]
        }]})),
    )
    .await;
    let el = container();
    let (_app, form) = new_form(&el, hub, id).await;
    let kinds: Vec<String> = all(&form, "[data-kind]")
        .iter()
        .map(|f| f.get_attribute("data-kind").unwrap())
        .collect();
    assert_eq!(kinds, ["select", "number", "boolean", "secret"]);
    assert_eq!(
        input_value(&form, "#wc-f-days"),
        "3",
        "the schema's default"
    );
    assert!(text(&form).contains("How far to forecast"));

    type_into(&one(&form, "#wc-f-name"), "Forecasts");
    type_into(&one(&form, "#wc-f-days"), "three");
    type_into(&one(&form, "#wc-f-token"), "tok-abcdefgh1234");
    click(&button(&form, "Create connection"));
    wait_until("the messages", || {
        text(&one(&form, "#wc-f-days-error")).contains("Enter a number.")
    })
    .await;
    assert!(text(&one(&form, "#wc-f-units-error")).contains("required"));

    let select = one(&form, "#wc-f-units")
        .dyn_into::<web_sys::HtmlSelectElement>()
        .unwrap();
    select.set_value("imperial");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    type_into(&one(&form, "#wc-f-days"), "5");
    click(&one(&form, "#wc-f-alerts"));
    click(&button(&form, "Create connection"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    let list = call("GET", &format!("/api/hubs/{hub}/connections"), None).await;
    let made = list["connections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Forecasts")
        .unwrap()
        .clone();
    assert_eq!(
        made["config"],
        json!({ "units": "imperial", "days": 5.0, "alerts": true })
    );
    assert_eq!(made["secrets"]["token"]["hint"], "••••1234");
}

#[wasm_bindgen_test]
async fn header_rows_are_added_checked_and_removed() {
    let hub = Uuid::new_v4();
    let el = container();
    let (_app, form) = new_form(&el, hub, "user-tool-api-key").await;
    assert!(text(&form).contains("No custom headers."));
    type_into(&one(&form, "#wc-f-name"), "Headers");
    type_into(&one(&form, "#wc-f-api_key"), "key-abcdefgh1234");
    for _ in 0..3 {
        click(&button(&form, "Add header"));
    }
    wait_until("three rows", || all(&form, ".wc-headers__row").len() == 3).await;
    let name = |i: usize| one(&form, &format!("[aria-label='Header name {i}']"));
    let value = |i: usize| one(&form, &format!("[aria-label='Value {i}']"));
    type_into(&name(1), "X Team");
    type_into(&value(1), "a");
    click(&button(&form, "Create connection"));
    wait_until("the bad name", || {
        text(&one(&form, "#wc-f-headers-error")).contains("not a valid header name")
    })
    .await;
    assert_eq!(
        document()
            .active_element()
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some("Header name 1"),
        "focus went to the headers"
    );
    type_into(&name(1), "X-Team");
    type_into(&name(2), "x-team");
    type_into(&value(2), "b");
    wait_until("the duplicate", || {
        text(&one(&form, "#wc-f-headers-error")).contains("appears twice")
    })
    .await;
    click(&one(&form, "[aria-label='Remove header 2']"));
    wait_until("two rows", || all(&form, ".wc-headers__row").len() == 2).await;
    // The third row stayed blank: it is ignored.
    click(&button(&form, "Create connection"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    let list = call("GET", &format!("/api/hubs/{hub}/connections"), None).await;
    let made = list["connections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Headers")
        .unwrap()
        .clone();
    assert_eq!(
        made["config"]["headers"],
        json!([{ "name": "X-Team", "value": "a" }])
    );
}

#[wasm_bindgen_test]
async fn a_conflict_and_a_timeout_keep_the_input_and_say_what_happened() {
    let hub = Uuid::new_v4();
    for (rule, words) in [
        (
            json!({ "method": "POST", "path": format!("/api/hubs/{hub}/connections"), "status": 409, "times": 1 }),
            "Fault injected",
        ),
        (
            json!({ "method": "POST", "path": format!("/api/hubs/{hub}/connections"), "delay_ms": 20000, "times": 1 }),
            "took too long",
        ),
    ] {
        set_faults(json!([rule])).await;
        let el = container();
        let client = dev_client().with_timeout_ms(500);
        let _app = {
            window()
                .history()
                .unwrap()
                .push_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&format!("{}/new?connector={OPENAI}", base(hub))),
                )
                .unwrap();
            leptos::mount::mount_to(el.clone(), move || view! { <App client=client.clone() /> })
        };
        wait_until("the form", || {
            el.query_selector("dialog[open] form").unwrap().is_some()
        })
        .await;
        let form = one(&el, "dialog[open] form");
        type_into(&one(&form, "#wc-f-name"), "Kept");
        type_into(&one(&form, "#wc-f-api_key"), "sk-proj-abcdefgh1234");
        click(&button(&form, "Create connection"));
        wait_until(words, || {
            text(&one(&form, "[role='alert']")).contains(words)
        })
        .await;
        assert_eq!(input_value(&form, "#wc-f-name"), "Kept");
        assert_eq!(input_value(&form, "#wc-f-api_key"), "sk-proj-abcdefgh1234");
    }
    set_faults(json!([])).await;
}

#[wasm_bindgen_test]
async fn closing_a_dialog_gives_focus_back_to_where_it_was() {
    let hub = Uuid::new_v4();
    let created = create(hub, OPENAI, "Focus", json!({ "api_key": "sk-1" })).await;
    let id = created["id"].as_str().unwrap().to_string();
    let el = container();
    let _app = mount_app_at(&el, &base(hub));
    wait_for_cards(&el, 21).await;
    let search = one(&el, "#wc-search-input")
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    search.focus().unwrap();
    // Open the connection the way the browser's history does it.
    window()
        .history()
        .unwrap()
        .push_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{}/{id}", base(hub))),
        )
        .unwrap();
    window()
        .dispatch_event(&web_sys::Event::new("popstate").unwrap())
        .unwrap();
    wait_until("the dialog", || {
        el.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    let dialog = one(&el, "dialog[open]");
    assert!(
        dialog.contains(
            document()
                .active_element()
                .as_ref()
                .map(|e| e.unchecked_ref())
        ),
        "focus moved into the dialog"
    );
    click(&button(&dialog, "Close"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    wait_until("focus back on the search box", || {
        document()
            .active_element()
            .is_some_and(|e| e.id() == "wc-search-input")
    })
    .await;
}

// ---- OAuth popups ----

const MCP_OAUTH: &str = "a2b3c4d5-e6f7-8901-bcde-f12345678901";

/// Short bounds, so that "cancelled" and "timed out" are reached in a test's time.
fn test_timings() -> wayai_connections::OauthTimings {
    wayai_connections::OauthTimings {
        timeout_ms: 30_000,
        grace_ms: 1_200,
        poll_ms: 300,
    }
}

/// The page at `start`, its view in a signal that the page's own navigation moves: no router.
fn mount_view(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    start: PageView,
    timings: wayai_connections::OauthTimings,
) -> (
    leptos::mount::UnmountHandle<impl Mountable>,
    RwSignal<PageView>,
) {
    let view_signal = RwSignal::new(start);
    let handle = leptos::mount::mount_to(el.clone(), move || {
        let base = "/test/connections";
        let navigate = Callback::new(move |href: String| {
            view_signal.set(PageView::from_href(base, &href));
        });
        view! {
            <ConnectionsPage
                client=dev_client()
                hub_id=hub
                base_path=base
                view=view_signal
                navigate
                oauth_timings=timings
            />
        }
    });
    (handle, view_signal)
}

/// How the dev hub's consent page behaves for this hub's flows.
async fn script_consent(hub: Uuid, script: Value) {
    call(
        "PUT",
        &format!("/dev/hubs/{hub}/oauth-consent"),
        Some(script),
    )
    .await;
}

/// Records every window the page opens (`window.__wcPopups`); with `blocked`, opens none and
/// returns null, as a browser's popup blocker does.
fn watch_popups(blocked: bool) {
    let body = format!(
        "if (!window.__wcOpen) window.__wcOpen = window.open;
         window.__wcPopups = [];
         window.open = function (...args) {{
           const w = {} ;
           window.__wcPopups.push(w);
           return w;
         }};",
        if blocked {
            "null"
        } else {
            "window.__wcOpen.apply(window, args)"
        }
    );
    js_sys::Function::new_no_args(&body)
        .call0(&window())
        .unwrap();
}

/// Clicks `el` in a task of its own, as a person's click arrives. Firefox's `window.open` can run
/// queued tasks before it returns; from inside the test's own task that would re-enter it.
async fn click_as_user(el: &web_sys::Element) {
    let clicked = js_sys::Promise::new(&mut |resolve, _| {
        let f = js_sys::Function::new_with_args(
            "el, done",
            "setTimeout(() => { el.click(); done(); }, 0);",
        );
        f.call2(&wasm_bindgen::JsValue::NULL, el, &resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(clicked).await.unwrap();
}

fn popups() -> Vec<wasm_bindgen::JsValue> {
    let list = js_sys::Reflect::get(&window(), &"__wcPopups".into()).unwrap();
    js_sys::Array::from(&list).to_vec()
}

fn popup(n: usize) -> web_sys::Window {
    popups()[n].clone().unchecked_into::<web_sys::Window>()
}

fn oauth_status(el: &web_sys::Element, key: &str) -> String {
    el.query_selector(&format!("[data-oauth-for=\"{key}\"]"))
        .unwrap()
        .map(|e| text(&e))
        .unwrap_or_default()
}

fn announcement(el: &web_sys::Element) -> String {
    text(&one(el, ".wc-announcement"))
}

async fn connections_of(hub: Uuid) -> Vec<Value> {
    call("GET", &format!("/api/hubs/{hub}/connections"), None).await["connections"]
        .as_array()
        .unwrap()
        .clone()
}

async fn open_gmail_sign_in(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    timings: wayai_connections::OauthTimings,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    let (app, _) = mount_view(
        el,
        hub,
        PageView::New {
            connector: Some(GMAIL.into()),
        },
        timings,
    );
    wait_until("the Google button", || {
        all(el, "dialog[open] button")
            .iter()
            .any(|b| text(b) == "Connect with Google")
    })
    .await;
    app
}

/// Gmail's view with "Connect with Google" clicked.
async fn click_connect_with_google(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    timings: wayai_connections::OauthTimings,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    let app = open_gmail_sign_in(el, hub, timings).await;
    click_as_user(&button(el, "Connect with Google")).await;
    app
}

#[wasm_bindgen_test]
async fn oauth_allow_in_the_popup_makes_the_connection_appear_named_from_the_account() {
    let hub = Uuid::new_v4();
    script_consent(
        hub,
        json!({ "decision": "allow", "account": "grace@example.com" }),
    )
    .await;
    // The flow status endpoint fails: the result must arrive as the callback page's message.
    set_faults(json!([{ "method": "GET", "path": "/api/hubs/*/oauth/flows/*", "status": 503 }]))
        .await;
    watch_popups(false);
    let el = container();
    let _app = click_connect_with_google(&el, hub, test_timings()).await;
    assert_eq!(popups().len(), 1, "the popup opens in the click itself");
    wait_until("the connection in the list", || {
        all(&el, ".wc-connection__name")
            .iter()
            .any(|n| text(n) == "Gmail (grace@example.com)")
    })
    .await;
    assert!(announcement(&el).contains("Connected: “Gmail (grace@example.com)”"));
    assert!(
        el.query_selector("dialog[open]").unwrap().is_none(),
        "the dialog closed"
    );
    wait_until("the popup to close", || popup(0).closed().unwrap()).await;
    set_faults(json!([])).await;
    let names: Vec<String> = connections_of(hub)
        .await
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    assert!(
        names.contains(&"Gmail (grace@example.com)".to_string()),
        "{names:?}"
    );
}

#[wasm_bindgen_test]
async fn oauth_deny_shows_the_providers_refusal_in_words_and_creates_nothing() {
    let hub = Uuid::new_v4();
    script_consent(hub, json!({ "decision": "deny" })).await;
    watch_popups(false);
    let el = container();
    let _app = click_connect_with_google(&el, hub, test_timings()).await;
    wait_until("the refusal", || {
        oauth_status(&el, GMAIL).contains("Access was not granted at Google")
    })
    .await;
    let status = oauth_status(&el, GMAIL);
    assert!(status.contains("(The user denied access.)"), "{status}");
    assert!(
        !status.contains("access_denied"),
        "no raw error codes: {status}"
    );
    button(&el, "Try again");
    assert!(
        el.query_selector("dialog[open]").unwrap().is_some(),
        "the dialog stays"
    );
    assert_eq!(
        connections_of(hub).await.len(),
        1,
        "only the Wayai connection"
    );
}

#[wasm_bindgen_test]
async fn oauth_a_popup_closed_by_the_user_ends_as_cancelled_after_asking_the_hub() {
    let hub = Uuid::new_v4();
    watch_popups(false);
    let el = container();
    let _app = click_connect_with_google(&el, hub, test_timings()).await;
    wait_until("the waiting message", || {
        oauth_status(&el, GMAIL).contains("Finish signing in with Google")
    })
    .await;
    // One flow at a time: a second click brings the open popup forward instead of another.
    click_as_user(&button(&el, "Connect with Google")).await;
    assert_eq!(popups().len(), 1);
    popup(0).close().unwrap();
    wait_until("the check with the hub", || {
        oauth_status(&el, GMAIL).contains("Checking whether the sign-in finished")
    })
    .await;
    wait_until("cancelled", || {
        oauth_status(&el, GMAIL).contains("Sign-in cancelled. Nothing was connected.")
    })
    .await;
    button(&el, "Try again");
    assert_eq!(connections_of(hub).await.len(), 1);
}

#[wasm_bindgen_test]
async fn oauth_succeeds_when_the_provider_severs_the_opener() {
    let hub = Uuid::new_v4();
    // The consent page sends Cross-Origin-Opener-Policy and the callback cannot post to the
    // page; the hub's answer to "how did it end?" is the only way the page learns.
    script_consent(
        hub,
        json!({ "decision": "allow", "account": "ada@example.com", "sever_opener": true, "delay_ms": 200 }),
    )
    .await;
    watch_popups(false);
    let el = container();
    let _app = click_connect_with_google(&el, hub, test_timings()).await;
    wait_until("the connection in the list", || {
        all(&el, ".wc-connection__name")
            .iter()
            .any(|n| text(n) == "Gmail (ada@example.com)")
    })
    .await;
    assert!(announcement(&el).contains("Connected"));
}

#[wasm_bindgen_test]
async fn oauth_a_blocked_popup_says_so_and_retry_opens_it_from_a_new_click() {
    let hub = Uuid::new_v4();
    watch_popups(true);
    let el = container();
    let _app = click_connect_with_google(&el, hub, test_timings()).await;
    wait_until("the blocked message", || {
        oauth_status(&el, GMAIL).contains("Your browser blocked the sign-in window.")
    })
    .await;
    button(&el, "Continue in this window");
    watch_popups(false);
    click_as_user(&button(&el, "Try again")).await;
    assert_eq!(
        popups().len(),
        1,
        "Try again opens the popup from its own click"
    );
    wait_until("the waiting message", || {
        oauth_status(&el, GMAIL).contains("Finish signing in with Google")
    })
    .await;
    // The visible Cancel ends it and closes the window.
    click(&button(&el, "Cancel"));
    wait_until("cancelled", || {
        oauth_status(&el, GMAIL).contains("Sign-in cancelled.")
    })
    .await;
    assert!(popup(0).closed().unwrap());
    assert_eq!(connections_of(hub).await.len(), 1);
}

#[wasm_bindgen_test]
async fn oauth_a_flow_left_open_times_out_and_closes_its_popup() {
    let hub = Uuid::new_v4();
    watch_popups(false);
    let el = container();
    let timings = wayai_connections::OauthTimings {
        timeout_ms: 1_500,
        ..test_timings()
    };
    let _app = click_connect_with_google(&el, hub, timings).await;
    wait_until("the timeout", || {
        oauth_status(&el, GMAIL).contains("not finished in time")
    })
    .await;
    assert!(popup(0).closed().unwrap(), "the page closed its popup");
    button(&el, "Try again");
    assert_eq!(connections_of(hub).await.len(), 1);
}

#[wasm_bindgen_test]
async fn oauth_reconnect_renews_an_expired_connection_and_keeps_its_id() {
    let hub = Uuid::new_v4();
    connect_gmail(hub, "expired@example.com").await;
    let gmail = connections_of(hub)
        .await
        .into_iter()
        .find(|c| c["connector_id"] == GMAIL)
        .unwrap();
    let id = gmail["id"].as_str().unwrap().to_string();
    assert_eq!(gmail["health"]["status"], "token_expired");
    script_consent(
        hub,
        json!({ "decision": "allow", "account": "ada@example.com" }),
    )
    .await;
    watch_popups(false);
    let el = container();
    let _app = mount_view(&el, hub, PageView::List { connector: None }, test_timings()).0;
    let row = format!("[data-connection=\"{id}\"]");
    wait_until("the expired row", || {
        el.query_selector(&row).unwrap().is_some()
    })
    .await;
    assert_eq!(
        one(&el, &row).get_attribute("data-health").as_deref(),
        Some("token_expired")
    );
    assert!(text(&one(&el, &row)).contains("Token expired"));
    let reconnect = button(&one(&el, &row), "Reconnect");
    assert_eq!(
        reconnect.get_attribute("aria-label").as_deref(),
        Some("Reconnect Gmail (expired@example.com)")
    );
    click_as_user(&reconnect).await;
    wait_until("the renewed row", || {
        el.query_selector(&row)
            .unwrap()
            .and_then(|r| r.get_attribute("data-health"))
            .as_deref()
            == Some("ok")
    })
    .await;
    assert!(announcement(&el).contains("Reconnected"));
    let renewed = text(&one(&el, &row));
    assert!(
        renewed.contains("ada@example.com") && renewed.contains("Token expires"),
        "{renewed}"
    );
    assert!(
        all(&one(&el, &row), "button").is_empty(),
        "no Reconnect once healthy"
    );
    let after = connections_of(hub).await;
    assert_eq!(after.len(), 2, "no new connection");
    assert!(after
        .iter()
        .any(|c| c["id"] == id.as_str() && c["oauth"]["account"] == "ada@example.com"));
}

#[wasm_bindgen_test]
async fn oauth_mcp_server_form_then_popup_connects_and_shows_its_tools() {
    let hub = Uuid::new_v4();
    script_consent(hub, json!({ "decision": "allow" })).await;
    watch_popups(false);
    let el = container();
    let _app = mount_view(
        &el,
        hub,
        PageView::New {
            connector: Some(MCP_OAUTH.into()),
        },
        test_timings(),
    )
    .0;
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    let form = one(&el, "dialog[open] form");
    assert!(
        all(&form, "button")
            .iter()
            .all(|b| text(b) != "Test connection"),
        "nothing to test before the sign-in"
    );
    // The form is checked first: no popup for an invalid form.
    click_as_user(&button(&form, "Authorize")).await;
    assert!(popups().is_empty());
    type_into(&one(&form, "#wc-f-name"), "Docs MCP");
    type_into(
        &one(&form, "#wc-f-url"),
        &format!("{HUB_URL}/dev/mcp-oauth"),
    );
    click_as_user(&button(&form, "Authorize")).await;
    assert_eq!(popups().len(), 1);
    wait_until("the connection with its tools", || {
        all(&el, ".wc-connection")
            .iter()
            .any(|r| text(r).contains("Docs MCP") && text(r).contains("3 tools"))
    })
    .await;
    assert!(announcement(&el).contains("Connected: “Docs MCP”"));
}

#[wasm_bindgen_test]
async fn oauth_a_hub_failure_when_starting_closes_the_popup_and_says_why() {
    let hub = Uuid::new_v4();
    set_faults(
        json!([{ "method": "POST", "path": "/api/hubs/*/oauth/flows", "status": 503, "times": 1 }]),
    )
    .await;
    watch_popups(false);
    let el = container();
    let _app = click_connect_with_google(&el, hub, test_timings()).await;
    wait_until("the failure", || {
        oauth_status(&el, GMAIL).contains("The hub had a problem (error 503)")
    })
    .await;
    set_faults(json!([])).await;
    assert!(
        popup(0).closed().unwrap(),
        "the blank popup is not left behind"
    );
    // Try again works once the hub is back.
    script_consent(hub, json!({ "decision": "allow" })).await;
    click_as_user(&button(&el, "Try again")).await;
    wait_until("the connection", || {
        all(&el, ".wc-connection__name")
            .iter()
            .any(|n| text(n) == "Gmail (ada@example.com)")
    })
    .await;
}

#[wasm_bindgen_test]
async fn oauth_unmounting_the_page_mid_flow_closes_its_popup() {
    let hub = Uuid::new_v4();
    watch_popups(false);
    let el = container();
    let app = click_connect_with_google(&el, hub, test_timings()).await;
    wait_until("the waiting message", || {
        oauth_status(&el, GMAIL).contains("Finish signing in with Google")
    })
    .await;
    drop(app);
    assert!(popup(0).closed().unwrap(), "no popup outlives the page");
    assert_eq!(el.child_element_count(), 0);
}

// ---- MCP tools ----

/// A demo MCP server URL with a tool set of its own (a new set starts as the three demo tools).
fn demo_mcp(set: Uuid) -> String {
    format!("{HUB_URL}/dev/mcp?set={set}")
}

async fn set_demo_tools(set: Uuid, tools: Value) {
    call(
        "PUT",
        &format!("/dev/mcp-tools?set={set}"),
        Some(json!({ "tools": tools })),
    )
    .await;
}

async fn open_tools(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    connection: &Value,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    let id = connection["id"].as_str().unwrap().to_string();
    let (app, _) = mount_view(el, hub, PageView::Connection { id }, test_timings());
    wait_until("the tools section", || {
        el.query_selector("dialog[open] .wc-tools")
            .unwrap()
            .is_some()
    })
    .await;
    app
}

fn tool_titles(el: &web_sys::Element) -> Vec<String> {
    all(el, ".wc-tool:not([hidden]) .wc-tool__title")
        .iter()
        .map(text)
        .collect()
}

#[wasm_bindgen_test]
async fn mcp_creating_a_token_connection_shows_its_tools() {
    let hub = Uuid::new_v4();
    let el = container();
    let (_app, _) = mount_view(
        &el,
        hub,
        PageView::New {
            connector: Some(MCP_TOKEN.into()),
        },
        test_timings(),
    );
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    let form = one(&el, "dialog[open] form");
    type_into(&one(&form, "#wc-f-name"), "Docs server");
    type_into(&one(&form, "#wc-f-url"), &demo_mcp(Uuid::new_v4()));
    click(&button(&form, "Create connection"));
    wait_until("the tools", || tool_titles(&el).len() == 3).await;
    assert_eq!(
        text(&one(&el, "#wc-dialog-title")),
        "Docs server",
        "the new connection's own view"
    );
    assert_eq!(
        tool_titles(&el),
        ["Search documentation", "Create ticket", "Delete ticket"]
    );
    let search = one(&el, "[data-tool=\"search_docs\"]");
    let rows: Vec<String> = all(&search, "tbody tr").iter().map(text).collect();
    assert_eq!(
        rows,
        [
            "query requiredstringWords to look for",
            "limitintegerMost results to return"
        ]
    );
    assert_eq!(text(&one(&search, ".wc-hint")), "Read-only");
    let create_ticket = one(&el, "[data-tool=\"create_ticket\"]");
    assert_eq!(
        text(&one(&create_ticket, ".wc-tool__name")),
        "create_ticket"
    );
    assert!(text(&create_ticket).contains("string (low, normal, high)"));
    let delete_hints: Vec<String> = all(&one(&el, "[data-tool=\"delete_ticket\"]"), ".wc-hint")
        .iter()
        .map(text)
        .collect();
    assert_eq!(delete_hints, ["Destructive", "Idempotent"]);
    assert!(text(&one(&el, ".wc-tools__facts")).starts_with("3 tools · Last sync"));
    assert!(
        el.query_selector("#wc-tools-filter").unwrap().is_none(),
        "no filter for 3 tools"
    );
}

#[wasm_bindgen_test]
async fn mcp_sync_shows_exactly_what_was_added_removed_and_changed() {
    let hub = Uuid::new_v4();
    let set = Uuid::new_v4();
    let connection = create(hub, MCP_TOKEN, "Docs", json!({ "url": demo_mcp(set) })).await;
    let el = container();
    let _app = open_tools(&el, hub, &connection).await;
    wait_until("the tools", || tool_titles(&el).len() == 3).await;

    let before = call("GET", &format!("/dev/mcp-tools?set={set}"), None).await;
    let mut tools: Vec<Value> = before["tools"].as_array().unwrap().clone();
    tools.retain(|t| t["name"] != "delete_ticket");
    // Only the input schema of create_ticket changes.
    tools[1]["input_schema"]["properties"]["due"] = json!({ "type": "string" });
    tools.push(
        json!({ "name": "close_ticket", "description": "Closes a ticket.",
        "input_schema": { "type": "object", "properties": { "id": { "type": "string" } } } }),
    );
    set_demo_tools(set, Value::Array(tools)).await;

    let sync = button(&el, "Sync tools");
    sync.dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    click(&sync);
    wait_until("the changes", || {
        el.query_selector(".wc-tools__changes").unwrap().is_some()
    })
    .await;
    let changes: Vec<String> = all(&el, ".wc-tools__change").iter().map(text).collect();
    assert_eq!(
        changes,
        [
            "Added (1)close_ticket",
            "Removed (1)delete_ticket",
            "Changed (1)create_ticket"
        ]
    );
    assert!(announcement(&el).contains("Synced: 1 added, 1 removed, 1 changed."));
    // The view follows the updated connection without closing; Sync keeps focus.
    wait_until("focus back on Sync", || {
        document()
            .active_element()
            .is_some_and(|a| text(&a) == "Sync tools")
    })
    .await;
    assert_eq!(
        tool_titles(&el),
        ["Search documentation", "Create ticket", "close_ticket"]
    );
    assert!(!button(&el, "Sync tools").has_attribute("disabled"));

    click(&button(&el, "Sync tools"));
    wait_until("nothing changed", || {
        text(&one(&el, "dialog[open] .wc-tools")).contains("nothing changed since the last sync")
    })
    .await;
}

#[wasm_bindgen_test]
async fn mcp_a_sync_in_progress_disables_sync_and_says_so() {
    let hub = Uuid::new_v4();
    let connection = create(
        hub,
        MCP_TOKEN,
        "Docs",
        json!({ "url": demo_mcp(Uuid::new_v4()) }),
    )
    .await;
    set_faults(json!([{ "method": "POST", "path": "/api/hubs/*/connections/*/sync", "delay_ms": 800, "times": 1 }])).await;
    let el = container();
    let _app = open_tools(&el, hub, &connection).await;
    click(&button(&el, "Sync tools"));
    wait_until("progress", || {
        all(&el, "dialog[open] button")
            .iter()
            .any(|b| text(b) == "Syncing…" && b.has_attribute("disabled"))
    })
    .await;
    assert!(text(&one(&el, ".wc-tools__outcome")).contains("Asking the MCP server for its tools"));
    wait_until("the result", || {
        text(&one(&el, "dialog[open] .wc-tools")).contains("nothing changed")
    })
    .await;
    set_faults(json!([])).await;
}

/// Opens the view of an MCP connection whose server fails, syncs until the failure says
/// `expected`, and returns the words shown and the buttons offered.
async fn sync_failure(connector: &str, config: Value, expected: &str) -> (String, Vec<String>) {
    let hub = Uuid::new_v4();
    let connection = create(hub, connector, "Failing server", config).await;
    let el = container();
    let _app = open_tools(&el, hub, &connection).await;
    // The failure the hub recorded when the connection was saved shows before any sync.
    wait_until("the recorded failure", || {
        el.query_selector(".wc-tools__problem").unwrap().is_some()
    })
    .await;
    click(&button(&one(&el, ".wc-tools__problem"), "Retry"));
    let failure = ".wc-tools__problem[data-source=\"sync\"]";
    wait_until(expected, || {
        el.query_selector(failure)
            .unwrap()
            .is_some_and(|p| text(&p).contains(expected))
    })
    .await;
    // The row behind the dialog says the same: never "connected".
    let health = one(
        &el,
        &format!(
            "[data-connection=\"{}\"]",
            connection["id"].as_str().unwrap()
        ),
    )
    .get_attribute("data-health")
    .unwrap();
    assert_ne!(health, "ok");
    let problem = one(&el, failure);
    let buttons = all(&problem, "button").iter().map(text).collect();
    (text(&problem), buttons)
}

#[wasm_bindgen_test]
async fn mcp_each_failure_says_what_happened_and_offers_its_action() {
    for (config, words, actions) in [
        (
            json!({ "url": "http://127.0.0.1:9/mcp" }),
            "could not be reached at its URL",
            &["Edit", "Retry"][..],
        ),
        (
            json!({ "url": format!("{HUB_URL}/dev/mcp-slow") }),
            "did not answer in time",
            &["Retry"][..],
        ),
        (
            json!({ "url": format!("{HUB_URL}/dev/mcp-secured"), "bearer_token": "wrong-token" }),
            "refused the bearer token",
            &["Edit", "Retry"][..],
        ),
        (
            json!({ "url": format!("{HUB_URL}/dev/not-mcp") }),
            "does not answer as an MCP server",
            &["Edit", "Retry"][..],
        ),
    ] {
        let (_, buttons) = sync_failure(MCP_TOKEN, config, words).await;
        assert_eq!(buttons, actions, "{words}");
    }
}

#[wasm_bindgen_test]
async fn mcp_edit_from_a_failure_opens_the_form() {
    let hub = Uuid::new_v4();
    let connection = create(
        hub,
        MCP_TOKEN,
        "Typo",
        json!({ "url": "http://127.0.0.1:9/mcp" }),
    )
    .await;
    let el = container();
    let _app = open_tools(&el, hub, &connection).await;
    wait_until("the recorded failure", || {
        el.query_selector(".wc-tools__problem").unwrap().is_some()
    })
    .await;
    click(&button(&one(&el, ".wc-tools__problem"), "Edit"));
    wait_until("the form", || {
        el.query_selector("dialog[open] form #wc-f-url")
            .unwrap()
            .is_some()
    })
    .await;
    assert_eq!(input_value(&el, "#wc-f-url"), "http://127.0.0.1:9/mcp");
}

#[wasm_bindgen_test]
async fn mcp_an_expired_oauth_token_offers_reconnect_not_connected() {
    let hub = Uuid::new_v4();
    let flow = call(
        "POST",
        &format!("/api/hubs/{hub}/oauth/flows"),
        Some(json!({ "connector_id": MCP_OAUTH, "name": "Signed-in MCP", "opener_origin": "http://127.0.0.1:1",
                     "config": { "url": format!("{HUB_URL}/dev/mcp-oauth") } })),
    )
    .await;
    let _ = Request::post(&format!("{HUB_URL}/dev/oauth/decide"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!(
            "state={}&decision=allow&account=expired%40example.com",
            flow["state"].as_str().unwrap()
        ))
        .unwrap()
        .send()
        .await;
    let connection = connections_of(hub)
        .await
        .into_iter()
        .find(|c| c["name"] == "Signed-in MCP")
        .unwrap();
    assert_ne!(connection["health"]["status"], "ok");
    let el = container();
    let _app = open_tools(&el, hub, &connection).await;
    wait_until("the problem", || {
        el.query_selector(".wc-tools__problem").unwrap().is_some()
    })
    .await;
    click(&button(&one(&el, ".wc-tools__problem"), "Retry"));
    let failure = ".wc-tools__problem[data-source=\"sync\"]";
    wait_until("the sync's failure", || {
        el.query_selector(failure)
            .unwrap()
            .is_some_and(|p| text(&p).contains("refused the sign-in"))
    })
    .await;
    let buttons: Vec<String> = all(&one(&el, failure), "button").iter().map(text).collect();
    assert_eq!(buttons, ["Reconnect", "Retry"]);
}

#[wasm_bindgen_test]
async fn mcp_five_hundred_tools_render_and_filter_quickly() {
    let hub = Uuid::new_v4();
    let set = Uuid::new_v4();
    let tools: Vec<Value> = (0..500)
        .map(|i| {
            json!({ "name": format!("tool_{i:03}"), "description": format!("Demo tool number {i}."),
                    "input_schema": { "type": "object", "required": ["q"], "properties": {
                        "q": { "type": "string", "description": "Query" },
                        "n": { "type": "integer" } } },
                    "annotations": { "read_only_hint": i % 2 == 0 } })
        })
        .collect();
    set_demo_tools(set, Value::Array(tools)).await;
    let connection = create(
        hub,
        MCP_TOKEN,
        "Big server",
        json!({ "url": demo_mcp(set) }),
    )
    .await;
    assert_eq!(connection["mcp"]["tool_count"], 500);
    let performance = window().performance().unwrap();
    let el = container();
    let started = performance.now();
    let _app = open_tools(&el, hub, &connection).await;
    wait_until("500 tools", || all(&el, ".wc-tool").len() == 500).await;
    let rendered = performance.now() - started;

    let filter = one(&el, "#wc-tools-filter");
    let started = performance.now();
    type_into(&filter, "tool_42");
    // tool_420 … tool_429.
    wait_until("the filtered list", || tool_titles(&el).len() == 10).await;
    let filtered = performance.now() - started;
    assert_eq!(text(&one(&el, ".wc-tools__count")), "10 of 500 tools");
    let started = performance.now();
    type_into(&filter, "");
    wait_until("the whole list again", || tool_titles(&el).len() == 500).await;
    let cleared = performance.now() - started;
    web_sys::console::log_1(
        &format!("500 tools: open+render {rendered:.0} ms, filter {filtered:.0} ms, clear {cleared:.0} ms").into(),
    );
    // Generous bounds: this is a debug build on a possibly busy 2-core machine. The release
    // build's figures come from the e2e test.
    assert!(rendered < 5_000.0, "rendering took {rendered} ms");
    assert!(filtered < 2_000.0, "filtering took {filtered} ms");
}

// ---- embedding ----

use leptos_router::{
    components::{Route, Router, Routes},
    path,
};
use wayai_connections::{ConnectionsConfig, ConnectionsEvent, ConnectionsRoutes};

fn config(hub: Uuid) -> ConnectionsConfig {
    ConnectionsConfig::new(
        HUB_URL,
        ORG,
        hub,
        wayai_connections::api::TokenSource::fixed("dev-token"),
    )
}

/// A host app with its own router, navigation and routes, and the page's routes under
/// `/host/admin/connections`.
fn mount_host_at(
    el: &web_sys::HtmlElement,
    path: &str,
    config: ConnectionsConfig,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    window()
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
    leptos::mount::mount_to(el.clone(), move || {
        let config = config.clone();
        view! {
            <Router>
                <nav class="host-nav">
                    <a href="/host/home">"Home"</a>
                    <a href="/host/admin/connections">"Connections"</a>
                </nav>
                <main class="host-main">
                    <Routes fallback=|| view! { <p class="host-missing">"Host: not found"</p> }>
                        <Route path=path!("/host/home") view=|| view! { <h1 class="host-home">"Host home"</h1> } />
                        <ConnectionsRoutes path=path!("/host/admin/connections") config />
                    </Routes>
                </main>
            </Router>
        }
    })
}

#[wasm_bindgen_test]
async fn embed_routes_nest_under_the_hosts_path_in_its_own_router() {
    let hub = Uuid::new_v4();
    let el = container();
    let app = mount_host_at(
        &el,
        &format!("/host/admin/connections/new?connector={OPENAI}"),
        config(hub),
    );
    wait_until("the create view", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    assert_eq!(text(&one(&el, "#wc-dialog-title")), "New OpenAI connection");
    assert_eq!(
        all(&el, ".host-nav a").len(),
        2,
        "the host's navigation stays"
    );
    // The page's links point under the host's path.
    let add = one(&el, "[data-connector='anthropic'] .wc-card__add");
    assert_eq!(
        add.get_attribute("href").unwrap(),
        format!("/host/admin/connections/new?connector={ANTHROPIC}")
    );
    click(&button(&el, "Close"));
    wait_until("the list URL", || {
        window().location().pathname().unwrap() == "/host/admin/connections"
    })
    .await;
    wait_until("the dialog to close", || {
        el.query_selector("dialog[open]").unwrap().is_none()
    })
    .await;
    drop(app);

    // A host route that is not the page's is the host's.
    let el = container();
    let _app = mount_host_at(&el, "/host/home", config(hub));
    wait_until("the host's own page", || {
        el.query_selector(".host-home").unwrap().is_some()
    })
    .await;
    assert!(el.query_selector(".wc-root").unwrap().is_none());
}

/// Computed styles of the host's own elements, to compare before and after the page arrives.
fn host_styles(host: &web_sys::Element) -> Vec<String> {
    let mut out = Vec::new();
    let mut elements = vec![
        document().document_element().unwrap(),
        document().body().unwrap().into(),
    ];
    elements.extend(all(host, "*"));
    for el in elements {
        let style = window().get_computed_style(&el).unwrap().unwrap();
        for property in [
            "font-family",
            "font-size",
            "line-height",
            "color",
            "background-color",
            "margin-top",
            "padding-left",
            "box-sizing",
            "border-top-width",
            "display",
            "text-decoration-line",
        ] {
            out.push(format!(
                "{} {property}: {}",
                el.tag_name(),
                style.get_property_value(property).unwrap()
            ));
        }
    }
    out
}

#[wasm_bindgen_test]
async fn embed_the_page_leaves_the_hosts_styles_alone_and_two_instances_work_side_by_side() {
    // The host's own page: headings, paragraphs, links, buttons, inputs, a list.
    let host = container();
    host.set_inner_html(
        r#"<h1>Host title</h1><p>Host text <a href="/x">link</a></p><button>Host button</button>
           <input value="host"><ul><li>one</li></ul><dialog open>host dialog</dialog>"#,
    );
    let before = host_styles(&host);
    // The page's stylesheet, as a host includes it.
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../style/connections.css")));
    document().head().unwrap().append_child(&style).unwrap();

    let (one_hub, two_hub) = (Uuid::new_v4(), Uuid::new_v4());
    create(
        two_hub,
        OPENAI,
        "Second instance's key",
        json!({ "api_key": "sk-proj-abcdefgh1234" }),
    )
    .await;
    let (first, second) = (container(), container());
    let _a = mount_page(&first, dev_client(), one_hub);
    let _b = mount_page(&second, dev_client(), two_hub);
    wait_for_cards(&first, 21).await;
    wait_for_cards(&second, 21).await;
    assert_eq!(
        host_styles(&host),
        before,
        "the host's computed styles are unchanged"
    );

    // Each instance shows its own hub.
    assert!(!text(&first).contains("Second instance's key"));
    assert!(text(&second).contains("Second instance's key"));
    // No id appears twice in the document, and every label points into its own instance.
    let ids: Vec<String> = all(&document().document_element().unwrap(), "[id]")
        .iter()
        .map(|e| e.id())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate ids: {ids:?}");
    for (root, prefix) in [(&first, "wc-"), (&second, "wc2-")] {
        let search = one(root, "input[type=search]");
        assert_eq!(search.id(), format!("{prefix}search-input"));
        let label = one(root, "label[for]");
        assert!(root.contains(
            document()
                .get_element_by_id(&label.get_attribute("for").unwrap())
                .as_ref()
                .map(|e| e.unchecked_ref())
        ));
    }
    // Typing in one search box filters only its own page.
    type_into(&one(&first, "input[type=search]"), "gmail");
    wait_until("the first page filtered", || {
        all(&first, ".wc-card").len() == 1
    })
    .await;
    assert_eq!(all(&second, ".wc-card").len(), 21);
    style.remove();
}

/// Counts listeners and timers added and removed on window and document while `run` runs.
fn listener_ledger() -> js_sys::Function {
    js_sys::Function::new_no_args(
        "const ledger = { added: 0, removed: 0, intervals: 0, cleared: 0 };
         const targets = [window, document];
         const saved = targets.map(t => [t.addEventListener, t.removeEventListener]);
         const live = new Map();
         targets.forEach(t => {
           const [add, remove] = [t.addEventListener, t.removeEventListener];
           t.addEventListener = function (...a) {
             ledger.added++; live.set(a[1], a[0]); return add.apply(this, a);
           };
           t.removeEventListener = function (...a) {
             ledger.removed++; live.delete(a[1]); return remove.apply(this, a);
           };
         });
         Object.defineProperty(ledger, 'left', { get: () => [...live.values()].sort() });
         const [setI, clearI] = [window.setInterval, window.clearInterval];
         window.setInterval = function (...a) { ledger.intervals++; return setI.apply(window, a); };
         window.clearInterval = function (...a) { ledger.cleared++; return clearI.apply(window, a); };
         ledger.restore = () => {
           targets.forEach((t, i) => { t.addEventListener = saved[i][0]; t.removeEventListener = saved[i][1]; });
           window.setInterval = setI; window.clearInterval = clearI;
         };
         return ledger;",
    )
}

fn ledger_count(ledger: &wasm_bindgen::JsValue, key: &str) -> f64 {
    js_sys::Reflect::get(ledger, &key.into())
        .unwrap()
        .as_f64()
        .unwrap()
}

#[wasm_bindgen_test]
async fn embed_unmounting_removes_every_listener_and_timer_it_added() {
    let hub = Uuid::new_v4();
    watch_popups(false);
    // Leptos registers its delegated event listeners once per document: a first mount does that.
    {
        let el = container();
        let _app = open_gmail_sign_in(&el, hub, test_timings()).await;
        click_as_user(&button(&el, "Connect with Google")).await;
    }
    let ledger = listener_ledger()
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
    let el = container();
    let app = open_gmail_sign_in(&el, hub, test_timings()).await;
    type_into(&one(&el, "#wc-search-input"), "gmail");
    click_as_user(&button(&el, "Connect with Google")).await;
    wait_until("the flow listening", || {
        ledger_count(&ledger, "added") > 0.0
    })
    .await;
    assert_eq!(
        ledger_count(&ledger, "intervals"),
        1.0,
        "the flow's one timer"
    );
    drop(app);
    let restore: js_sys::Function = js_sys::Reflect::get(&ledger, &"restore".into())
        .unwrap()
        .unchecked_into();
    restore.call0(&ledger).unwrap();
    assert_eq!(
        ledger_count(&ledger, "added"),
        ledger_count(&ledger, "removed"),
        "every listener added while mounted was removed"
    );
    assert_eq!(
        ledger_count(&ledger, "intervals"),
        ledger_count(&ledger, "cleared")
    );
    assert!(popup(popups().len() - 1).closed().unwrap());
}

#[wasm_bindgen_test]
async fn embed_a_401_asks_the_token_source_again_and_retries_once() {
    let hub = Uuid::new_v4();
    let asked = std::rc::Rc::new(std::cell::RefCell::new(Vec::<bool>::new()));
    let log = asked.clone();
    // A host whose cached token went stale: a refresh gets the good one.
    let token = wayai_connections::api::TokenSource::refreshing(move |refresh| {
        log.borrow_mut().push(refresh);
        async move {
            gloo_timers::future::TimeoutFuture::new(10).await;
            if refresh { "dev-token" } else { "stale-token" }.to_string()
        }
    });
    let el = container();
    let client = ApiClient::with_token_source(HUB_URL, token);
    let _app = mount_page(&el, client, hub);
    wait_for_cards(&el, 21).await;
    let asked = asked.borrow().clone();
    assert_eq!(
        asked.iter().filter(|r| **r).count(),
        2,
        "one refresh for each of the two first requests: {asked:?}"
    );
    assert_eq!(asked.len(), 4, "{asked:?}");
}

#[wasm_bindgen_test]
async fn embed_events_tell_the_host_of_changes_and_of_a_token_that_keeps_failing() {
    let hub = Uuid::new_v4();
    let events = RwSignal::new(Vec::<String>::new());
    let record = Callback::new(move |e: ConnectionsEvent| {
        let line = match e {
            ConnectionsEvent::Created(c) => format!("created {}", c.name),
            ConnectionsEvent::Updated(c) => format!("updated {} {}", c.name, c.enabled),
            ConnectionsEvent::Deleted(_) => "deleted".to_string(),
            ConnectionsEvent::AuthenticationRequired => "authentication required".to_string(),
        };
        events.update(|v| v.push(line));
    });
    let mut cfg = config(hub);
    cfg.on_event = Some(record);
    let el = container();
    let app = mount_host_at(
        &el,
        &format!("/host/admin/connections/new?connector={OPENAI}"),
        cfg,
    );
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    type_into(&one(&el, "#wc-f-name"), "Evented");
    type_into(&one(&el, "#wc-f-api_key"), "sk-proj-abcdefgh1234");
    click(&button(&el, "Create connection"));
    wait_until("the created event", || events.get_untracked().len() == 1).await;
    assert_eq!(events.get_untracked(), ["created Evented"]);
    drop(app);

    // A token the hub refuses even after a refresh.
    let mut cfg = config(hub);
    cfg.token = wayai_connections::api::TokenSource::fixed("revoked-token");
    cfg.on_event = Some(record);
    let el = container();
    let _app = mount_host_at(&el, "/host/admin/connections", cfg);
    wait_until("the sign-in message", || {
        el.query_selector("[role='alert']").unwrap().is_some()
    })
    .await;
    wait_until("the event", || {
        events
            .get_untracked()
            .contains(&"authentication required".to_string())
    })
    .await;
}

#[wasm_bindgen_test]
async fn embed_mount_for_plain_javascript_hosts_renders_follows_links_and_unmounts() {
    let hub = Uuid::new_v4();
    let options = js_sys::Object::new();
    for (k, v) in [
        ("apiBaseUrl", HUB_URL.to_string()),
        ("hubId", hub.to_string()),
        ("orgId", ORG.to_string()),
    ] {
        js_sys::Reflect::set(&options, &k.into(), &v.into()).unwrap();
    }
    let token = js_sys::Function::new_with_args("refresh", "return Promise.resolve('dev-token');");
    js_sys::Reflect::set(&options, &"token".into(), &token).unwrap();
    let el = container();
    let mut handle = wayai_connections::mount_connections(el.clone(), options.into()).unwrap();
    wait_for_cards(&el, 21).await;
    let path = window().location().pathname().unwrap();
    // Without a base path, views live in memory: a link opens its view, the address stays.
    click(&one(&el, "[data-connector='openai'] .wc-card__add"));
    wait_until("the create view", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    assert_eq!(window().location().pathname().unwrap(), path);
    handle.unmount();
    assert_eq!(el.child_element_count(), 0);
    let bad = js_sys::Object::new();
    assert!(wayai_connections::mount_connections(container(), bad.into()).is_err());
}

#[wasm_bindgen_test]
async fn embed_under_a_host_router_only_the_routers_own_listeners_outlive_it() {
    let hub = Uuid::new_v4();
    {
        let el = container();
        let _app = mount_host_at(&el, "/host/admin/connections", config(hub));
        wait_for_cards(&el, 21).await;
    }
    let ledger = listener_ledger()
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
    let el = container();
    let app = mount_host_at(&el, "/host/admin/connections", config(hub));
    wait_for_cards(&el, 21).await;
    drop(app);
    let restore: js_sys::Function = js_sys::Reflect::get(&ledger, &"restore".into())
        .unwrap()
        .unchecked_into();
    restore.call0(&ledger).unwrap();
    // leptos_router 0.8.17's <Router> (the host's) adds a click and a popstate listener to the
    // window and never removes them; the page's routes add none of their own.
    let left: Vec<String> =
        js_sys::Array::from(&js_sys::Reflect::get(&ledger, &"left".into()).unwrap())
            .iter()
            .filter_map(|t| t.as_string())
            .collect();
    assert_eq!(left, ["click", "popstate"]);
}
