//! Deep links through the router: a connector highlighted, a create view, a connection view,
//! history, and not-found states.

use crate::support::*;
use wasm_bindgen_test::*;

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
