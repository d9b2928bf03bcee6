//! OAuth sign-in in real popups against the simulated provider.

use crate::support::*;
use wasm_bindgen_test::*;

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
    script_authorization_server("allow").await;
    watch_popups(false);
    let el = container();
    let _app = mount_view(
        &el,
        hub,
        PageView::New {
            connector: Some(MCP_OAUTH.into()),
            auth: None,
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
    type_into(&one(&form, "#wc-f-url"), &protected_mcp());
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
