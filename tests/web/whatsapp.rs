//! WhatsApp: a connector support enabled for the hub (and disabled again), and Meta's embedded
//! signup run in the real popup by the dev hub's script.

use crate::support::*;
use wasm_bindgen_test::*;

const WHATSAPP: &str = "5fb214cb-aaa8-4b3d-8c65-c9370b3e7c85";
const WHATSAPP_TOKEN: &str = "1f754913-d935-45cb-a7d9-fb537b081852";

/// What support does for a hub: `available` or not, whatever the catalog says.
async fn set_available(hub: Uuid, connector: &str, available: bool) {
    call(
        "PUT",
        &format!("/dev/hubs/{hub}/connectors/{connector}/availability"),
        Some(json!({ "available": available })),
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_connector_disabled_again_keeps_its_connections_listed_and_read_only() {
    let hub = Uuid::new_v4();
    set_available(hub, WHATSAPP_TOKEN, true).await;
    let created = create(
        hub,
        WHATSAPP_TOKEN,
        "Support line",
        json!({ "phone_number_id": "106540352242922", "business_account_id": "102290129340398",
                "access_token": "EAAG-system-user-token-1234" }),
    )
    .await;
    set_available(hub, WHATSAPP_TOKEN, false).await;

    let el = container();
    let app = mount_page(&el, dev_client(), hub);
    wait_for_cards(&el, 21).await;
    let card = one(&el, "[data-connector='whatsapp-token']");
    assert_eq!(card.get_attribute("aria-disabled").as_deref(), Some("true"));
    assert!(
        text(&card).contains("the connections below are read-only"),
        "{}",
        text(&card)
    );
    assert_eq!(text(&one(&card, ".wc-connection__name")), "Support line");
    assert!(card.query_selector(".wc-card__add").unwrap().is_none());
    drop(app);

    let id = created["id"].as_str().unwrap();
    let _app = open_connection(&el, hub, id).await;
    let dialog = one(&el, "dialog[open]");
    assert!(
        text(&dialog)
            .contains("is no longer enabled for this hub, so this connection is read-only"),
        "{}",
        text(&dialog)
    );
    let buttons: Vec<String> = all(&dialog, ".wc-actions button")
        .iter()
        .map(text)
        .collect();
    assert_eq!(buttons, ["Disable", "Delete"], "no Edit, no Enable");
    // What it stored is still shown (secrets as hints).
    assert!(text(&dialog).contains("106540352242922"));
    assert!(!text(&dialog).contains("EAAG-system-user-token"));
}

#[wasm_bindgen_test]
async fn an_enabled_whatsapp_token_offers_its_form_with_digit_only_ids() {
    let hub = Uuid::new_v4();
    set_available(hub, WHATSAPP_TOKEN, true).await;
    let el = container();
    let (_app, form) = new_form(&el, hub, WHATSAPP_TOKEN).await;
    let id = one(&form, "[data-field='phone_number_id'] input");
    assert_eq!(id.get_attribute("inputmode").as_deref(), Some("numeric"));
    type_into(&id, "+55 11 9");
    // Leaving the field shows its problem.
    id.dispatch_event(&web_sys::Event::new("blur").unwrap())
        .unwrap();
    wait_until("the digits message", || {
        text(&form).contains("Use digits only (0-9), with no spaces or signs.")
    })
    .await;
}

/// WhatsApp's view for a hub where support enabled it, with the signup scripted as `script`.
async fn start_signup(
    el: &web_sys::HtmlElement,
    script: Value,
) -> (Uuid, leptos::mount::UnmountHandle<impl Mountable>) {
    let hub = Uuid::new_v4();
    set_available(hub, WHATSAPP, true).await;
    script_consent(hub, json!({ "signup": script })).await;
    watch_popups(false);
    let (app, _) = mount_view(
        el,
        hub,
        PageView::New {
            connector: Some(WHATSAPP.into()),
            auth: None,
        },
        test_timings(),
    );
    wait_until("the Meta button", || {
        all(el, "dialog[open] button")
            .iter()
            .any(|b| text(b) == "Connect with Meta")
    })
    .await;
    assert!(text(&one(el, "dialog[open]")).contains("takes eight steps"));
    click_as_user(&button(el, "Connect with Meta")).await;
    (hub, app)
}

#[wasm_bindgen_test]
async fn the_eight_step_signup_connects_and_says_when_there_is_no_phone_number_yet() {
    let el = container();
    let (hub, _app) = start_signup(&el, json!({ "phone": "later" })).await;
    wait_until("the connection in the list", || {
        all(&el, ".wc-connection__name")
            .iter()
            .any(|n| text(n) == "WhatsApp (Acme Trading)")
    })
    .await;
    let row = one(&el, "[data-connector='whatsapp'] .wc-connection");
    assert!(text(&row).contains("No phone number yet"), "{}", text(&row));
    let connection = connections_of(hub)
        .await
        .into_iter()
        .find(|c| c["connector_id"] == WHATSAPP)
        .unwrap();
    assert_eq!(connection["whatsapp"]["waba_name"], "Acme Support");
    assert!(connection["whatsapp"].get("phone_number").is_none());
}

#[wasm_bindgen_test]
async fn closing_the_signup_window_at_step_5_says_where_it_stopped_and_creates_nothing() {
    let el = container();
    let (hub, _app) = start_signup(&el, json!({ "close_at": 5 })).await;
    wait_until("the cancelled signup", || {
        oauth_status(&el, WHATSAPP).contains("closed at step 5 of 8 (Pixel and ad account)")
    })
    .await;
    assert!(oauth_status(&el, WHATSAPP).contains("Nothing was connected."));
    button(&el, "Try again");
    assert!(connections_of(hub)
        .await
        .iter()
        .all(|c| c["connector_id"] != WHATSAPP));
}
