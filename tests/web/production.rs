//! Preview and production hubs (issue 29): a production hub's page says it is read-only and
//! offers no change but a connection's own production credential, counts the connections that
//! need one, and sets it by direct entry or by organization credential; a preview's form and view
//! carry the sync switch.

use crate::support::*;
use wasm_bindgen_test::*;

/// A preview with "Synced" and "Kept apart" (not syncing credentials), published: (preview,
/// production).
async fn published() -> (Uuid, Uuid) {
    let preview = Uuid::new_v4();
    create(
        preview,
        OPENAI,
        "Synced",
        json!({ "api_key": "sk-proj-preview-1111" }),
    )
    .await;
    let kept = call(
        "POST",
        &format!("/api/hubs/{preview}/connections"),
        Some(json!({ "connector_id": OPENAI, "name": "Kept apart",
            "config": { "api_key": "sk-proj-preview-2222" }, "sync_credentials_to_production": false })),
    )
    .await;
    assert_eq!(kept["sync_credentials_to_production"], false, "{kept}");
    let released = call("POST", &format!("/dev/hubs/{preview}/publish"), None).await;
    let production = released["production_hub_id"].as_str().expect("published");
    (preview, production.parse().unwrap())
}

async fn production_connection(production: Uuid, name: &str) -> Value {
    connections_of(production)
        .await
        .into_iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

fn row_of(el: &web_sys::Element, id: &Value) -> web_sys::Element {
    one(el, &format!("[data-connection='{}']", id.as_str().unwrap()))
}

fn buttons(root: &web_sys::Element) -> Vec<String> {
    all(root, "button")
        .iter()
        .map(|b| text(b).trim().to_string())
        .collect()
}

#[wasm_bindgen_test]
async fn production_a_production_hub_says_so_and_offers_no_change() {
    let (preview, production) = published().await;
    let el = container();
    let _app = mount_app_at(&el, &base(production));
    wait_until("the notice", || {
        el.query_selector(".wc-notice--production")
            .unwrap()
            .is_some()
    })
    .await;
    let notice = one(&el, ".wc-notice--production");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("note"));
    let words = text(&notice);
    assert!(words.contains("Production hub"), "{words}");
    assert!(words.contains("is read-only. Changes are made in its preview and published."));
    assert!(
        words.contains("1 connection needs a production credential."),
        "{words}"
    );
    let link = one(&notice, "a");
    assert_eq!(text(&link), "Open the preview");
    assert_eq!(link.get_attribute("href"), Some(base(preview)));
    // Nothing to add, and no notice whose button would add one.
    assert!(all(&el, ".wc-card__add").is_empty());
    assert!(!text(&el).contains("This hub has no Agent connection"));
    let kept = production_connection(production, "Kept apart").await;
    assert!(text(&row_of(&el, &kept["id"])).contains("Production credential missing"));
}

#[wasm_bindgen_test]
async fn production_a_connection_view_has_no_edit_actions() {
    let (_, production) = published().await;
    let synced = production_connection(production, "Synced").await;
    let el = container();
    let _app = open_connection(&el, production, synced["id"].as_str().unwrap()).await;
    let dialog = one(&el, "dialog[open]");
    wait_until("the facts", || {
        text(&dialog).contains("Credential in production")
    })
    .await;
    assert!(text(&dialog).contains("Same as the preview's"));
    let shown = buttons(&dialog);
    for absent in [
        "Edit",
        "Disable",
        "Enable",
        "Delete",
        "Set production credential",
    ] {
        assert!(!shown.iter().any(|b| b == absent), "{absent} in {shown:?}");
    }
    // A deep link to a new connection shows no form.
    drop(_app);
    let el = container();
    let _app = mount_app_at(&el, &format!("{}/new?connector={OPENAI}", base(production)));
    wait_until("the dialog", || {
        el.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    let dialog = one(&el, "dialog[open]");
    assert!(text(&dialog).contains("is read-only"), "{}", text(&dialog));
    assert!(dialog.query_selector("form").unwrap().is_none());
}

/// The open connection view's Set production credential form, once it is up.
async fn production_form(el: &web_sys::Element) -> web_sys::Element {
    let dialog = one(el, "dialog[open]");
    wait_until("the button", || {
        buttons(&dialog)
            .iter()
            .any(|b| b == "Set production credential")
    })
    .await;
    assert!(text(&dialog).contains("Its own, set in production"));
    click(&button(&dialog, "Set production credential"));
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    let form = one(el, "dialog[open] form");
    assert!(text(&form).contains("Only the production hub uses it"));
    // The secret field only: name, type and settings are the preview's.
    assert!(form.query_selector("#wc-f-name").unwrap().is_none());
    assert_eq!(all(&form, "[data-field]").len(), 1, "{}", text(&form));
    form
}

#[wasm_bindgen_test]
async fn production_a_credential_entered_directly_clears_the_missing_state() {
    let (_, production) = published().await;
    let kept = production_connection(production, "Kept apart").await;
    let el = container();
    let _app = open_connection(&el, production, kept["id"].as_str().unwrap()).await;
    let form = production_form(&el).await;
    click(&button(&form, "Save"));
    wait_until("the message", || {
        text(&one(&form, "#wc-f-api_key-error")).contains("required")
    })
    .await;
    type_into(&one(&form, "#wc-f-api_key"), "sk-proj-production-3333");
    click(&button(&form, "Save"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    assert_eq!(announcement(&el), "Production credential set.");
    let row = row_of(&el, &kept["id"]);
    wait_until("healthy", || text(&row).contains("Healthy")).await;
    let notice = one(&el, ".wc-notice--production");
    assert!(!text(&notice).contains("needs a production credential"));
    let set = production_connection(production, "Kept apart").await;
    assert_eq!(set["production_credential_set"], true, "{set}");
    assert_eq!(set["secrets"]["api_key"]["hint"], "••••3333");
    // Nothing of the secret stays in the page.
    assert!(!el.inner_html().contains("sk-proj-production-3333"));
}

#[wasm_bindgen_test]
async fn production_a_credential_may_be_an_organization_credential() {
    let (_, production) = published().await;
    let made = call(
        "POST",
        &format!("/api/organizations/{ORG}/credentials"),
        Some(
            json!({ "name": format!("Live key {}", Uuid::new_v4()), "credential_type": "api_key",
            "environment": "production", "values": { "api_key": "sk-proj-org-live-4444" } }),
        ),
    )
    .await;
    let id = made["id"].as_str().expect("a credential").to_string();
    let kept = production_connection(production, "Kept apart").await;
    let el = container();
    let _app = open_connection(&el, production, kept["id"].as_str().unwrap()).await;
    let form = production_form(&el).await;
    let option = all(&form, "[data-field='api_key'] .wc-source__option")
        .into_iter()
        .find(|o| text(o).trim() == "Organization credential")
        .expect("the choice");
    click(&one(&option, "input"));
    wait_until("the credentials", || {
        form.query_selector(&format!("select#wc-f-api_key option[value='{id}']"))
            .unwrap()
            .is_some()
    })
    .await;
    choose(&one(&form, "select#wc-f-api_key"), &id);
    click(&button(&form, "Save"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    let set = production_connection(production, "Kept apart").await;
    assert_eq!(set["bindings"]["api_key"], json!(id), "{set}");
    assert_eq!(set["health"]["status"], "ok", "{set}");
}

#[wasm_bindgen_test]
async fn production_a_previews_form_and_view_carry_the_sync_switch() {
    let hub = Uuid::new_v4();
    let el = container();
    let (app, form) = new_form(&el, hub, OPENAI).await;
    let switch = one(&form, "[data-sync] input");
    assert_eq!(switch.get_attribute("role").as_deref(), Some("switch"));
    let switch = switch.dyn_into::<web_sys::HtmlInputElement>().unwrap();
    assert!(switch.checked(), "on by default");
    assert!(text(&form).contains("Use the same credential in production"));
    assert!(text(&form)
        .contains("Turned off, publishing leaves this connection's credential out of production"));
    click(&switch);
    type_into(&one(&form, "#wc-f-name"), "Own in production");
    type_into(&one(&form, "#wc-f-api_key"), "sk-proj-preview-5555");
    click(&button(&form, "Save"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    let made = connections_of(hub)
        .await
        .into_iter()
        .find(|c| c["name"] == "Own in production")
        .expect("saved");
    assert_eq!(made["sync_credentials_to_production"], false, "{made}");
    drop(app);

    // The view's switch changes it at once.
    let el = container();
    let _app = open_connection(&el, hub, made["id"].as_str().unwrap()).await;
    let dialog = one(&el, "dialog[open]");
    let switch = one(&dialog, ".wc-sync input")
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap();
    assert!(!switch.checked());
    click(&switch);
    wait_until("the change saved", || announcement(&el).contains("saved")).await;
    let changed = connections_of(hub)
        .await
        .into_iter()
        .find(|c| c["name"] == "Own in production")
        .expect("kept");
    assert_eq!(changed["sync_credentials_to_production"], true, "{changed}");
}
