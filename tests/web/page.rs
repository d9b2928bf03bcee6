//! The page: groups and cards, connections and their health, the Agent notice, search, and the
//! hub failures the first load can meet.

use crate::support::*;
use wasm_bindgen_test::*;

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
        "No tools · Not synced yet"
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

#[wasm_bindgen_test]
async fn a_failed_connections_request_is_named_as_such() {
    let hub = Uuid::new_v4();
    set_faults(
        json!([{ "method": "GET", "path": format!("/api/hubs/{hub}/connections"), "status": 503 }]),
    )
    .await;
    let (_, message) = error_for(dev_client(), hub).await;
    set_faults(json!([])).await;
    assert!(
        message.contains("This hub's connections could not be loaded"),
        "{message}"
    );
    assert!(
        !message.contains("connectors could not be loaded"),
        "{message}"
    );
}

#[wasm_bindgen_test]
async fn a_hub_that_asks_to_wait_is_asked_again_after_the_wait() {
    let hub = Uuid::new_v4();
    set_faults(
        json!([{ "method": "GET", "path": format!("/api/hubs/{hub}/connectors"),
                        "status": 429, "retry_after": 1, "times": 1 }]),
    )
    .await;
    let el = container();
    let _app = mount_page(&el, dev_client(), hub);
    wait_until("the wait", || {
        el.query_selector("[role='alert']")
            .unwrap()
            .is_some_and(|a| text(&a).contains("Trying again in 1 s"))
    })
    .await;
    assert!(text(&one(&el, "[role='alert']")).contains("Retry"));
    // Nobody clicks: the page asks again after the second and loads.
    wait_for_cards(&el, 21).await;
    set_faults(json!([])).await;
}

#[wasm_bindgen_test]
async fn a_connection_whose_connector_left_the_catalog_is_listed_and_can_be_deleted() {
    let hub = Uuid::new_v4();
    let connector = "0f0f0f0f-0000-4000-8000-000000000003";
    let catalog = |connectors: Value| add_to_catalog(hub, connectors);
    catalog(json!([{
        "id": connector, "slug": "retired", "type": "tool_user", "name": "Retired API",
        "description": "Gone soon.", "authentication_types": [{ "type": "api_key" }], "status": "enabled",
        "fields": [{ "key": "token", "label": "Token", "kind": "secret", "required": true }]
    }]))
    .await;
    let created = create(
        hub,
        connector,
        "Left behind",
        json!({ "token": "tok-1234567890" }),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_string();
    // Support takes the connector away; the connection stays at the hub.
    catalog(json!([])).await;
    let el = container();
    let app = mount_app_at(&el, &base(hub));
    wait_for_cards(&el, 21).await;
    let other = one(&el, "[data-group='other']");
    assert!(text(&other).contains("Other connections"));
    let link = one(&other, &format!("[data-connection='{id}'] a"));
    assert_eq!(text(&link), "Left behind");
    let href = link.get_attribute("href").unwrap();
    assert_eq!(href, format!("{}/{id}", base(hub)));
    drop(app);
    // The link's view, as a person following it gets it.
    let el = container();
    let _app = open_connection(&el, hub, &id).await;
    let dialog = one(&el, "dialog[open]");
    assert_eq!(text(&one(&dialog, ".wc-dialog__title")), "Left behind");
    click(&button(&ask_to_delete(&dialog).await, "Delete"));
    wait_until("the dialog to close and the section to go", || {
        el.query_selector("dialog").unwrap().is_none()
            && el.query_selector("[data-group='other']").unwrap().is_none()
    })
    .await;
    let listed = call("GET", &format!("/api/hubs/{hub}/connections"), None).await;
    assert!(!listed["connections"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == id.as_str()));
}
