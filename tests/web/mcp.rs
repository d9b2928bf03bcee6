//! An MCP connection's tools: discovery, sync, failures and their actions, 500 tools.

use crate::support::*;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn mcp_creating_a_token_connection_shows_its_tools() {
    let hub = Uuid::new_v4();
    let el = container();
    let (_app, _) = mount_view(
        &el,
        hub,
        PageView::New {
            connector: Some(MCP_TOKEN.into()),
            auth: None,
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
    click(&button(&form, "Save"));
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
async fn mcp_an_oauth_grant_the_server_ended_offers_reconnect() {
    let hub = Uuid::new_v4();
    let connection = connect_protected_mcp(hub, "Signed-in MCP").await;
    assert_eq!(connection["health"]["status"], "ok", "{connection}");
    // The authorization server forgets every grant: the token and its refresh are refused.
    call("DELETE", "/dev/oauth-as/grants", None).await;
    let el = container();
    let _app = open_tools(&el, hub, &connection).await;
    click(&button(&el, "Sync tools"));
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

#[wasm_bindgen_test]
async fn mcp_moving_the_url_asks_for_the_token_again_and_the_old_one_never_goes_there() {
    let (hub, old_set, new_set) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let old_token = "demo-mcp-token";
    let created = create(
        hub,
        MCP_TOKEN,
        "Moving server",
        json!({ "url": format!("{HUB_URL}/dev/mcp-secured?set={old_set}"), "bearer_token": old_token }),
    )
    .await;
    assert_eq!(created["health"]["status"], "ok", "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    let el = container();
    let _app = open_connection(&el, hub, &id).await;
    let form = start_editing(&el).await;
    assert!(form.query_selector("#wc-f-bearer_token").unwrap().is_none());
    let new_url = demo_mcp(new_set);
    type_into(&one(&form, "#wc-f-url"), &new_url);
    // As soon as the address moves, the token is asked for again, and the page says why.
    wait_until("the token's input", || {
        form.query_selector("#wc-f-bearer_token").unwrap().is_some()
    })
    .await;
    let field = one(&form, "[data-field='bearer_token']");
    assert!(text(&field).contains("enter it again"), "{}", text(&field));
    assert!(!text(&field).contains("Keep current"));
    // Saving without it is refused on the page: nothing is sent.
    click(&button(&form, "Save"));
    wait_until("the token's message", || {
        text(&one(&form, "#wc-f-bearer_token-error")).contains("Enter this again")
    })
    .await;
    let stored = call("GET", &format!("/api/hubs/{hub}/connections/{id}"), None).await;
    assert_eq!(stored["config"]["url"], created["config"]["url"]);

    type_into(
        &one(&form, "#wc-f-bearer_token"),
        "typed-for-the-new-address",
    );
    click(&button(&form, "Save"));
    wait_until("the move saved", || {
        el.query_selector("dialog[open] form").unwrap().is_none()
    })
    .await;
    let stored = call("GET", &format!("/api/hubs/{hub}/connections/{id}"), None).await;
    assert_eq!(stored["config"]["url"], new_url.as_str());
    let sent = |bearer: &'static str| async move {
        call(
            "POST",
            &format!("/dev/mcp-seen?set={new_set}"),
            Some(json!({ "bearer": bearer })),
        )
        .await["sent"]
            .clone()
    };
    assert_eq!(sent("typed-for-the-new-address").await, true);
    assert_eq!(
        sent(old_token).await,
        false,
        "the old token reached the new address"
    );
}

#[wasm_bindgen_test]
async fn mcp_a_failed_revocation_keeps_the_connection_until_delete_anyway() {
    let hub = Uuid::new_v4();
    let connection = connect_protected_mcp(hub, "Revoked later").await;
    let id = connection["id"].as_str().unwrap().to_string();
    call(
        "PUT",
        "/dev/oauth-as/revocation-failures",
        Some(json!({ "times": 1 })),
    )
    .await;
    let el = container();
    let _app = open_connection(&el, hub, &id).await;
    let dialog = one(&el, "dialog[open]");
    let question = ask_to_delete(&dialog).await;
    click(&button(&question, "Delete"));
    wait_until("the failure in words", || {
        text(&one(&dialog, ".wc-form__failure")).contains("did not revoke")
    })
    .await;
    assert!(text(&one(&dialog, ".wc-form__failure")).contains("nothing was deleted"));
    assert_eq!(connections_of(hub).await.len(), 2, "nothing was deleted");
    click(&button(
        &one(&dialog, "[role='alertdialog']"),
        "Delete anyway",
    ));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    assert!(announcement(&el).contains("“Revoked later” deleted"));
    assert!(connections_of(hub)
        .await
        .iter()
        .all(|c| c["name"] != "Revoked later"));
}
