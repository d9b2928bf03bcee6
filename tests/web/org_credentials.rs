//! Organization credentials in a connection's form and view (issue 28): binding one in a create
//! form (its id crosses the wire, never a secret), switching between a credential and a typed
//! value, the bound view, none to choose from, and a hub whose tags hide a bound credential.

use crate::support::*;
use wasm_bindgen_test::*;

/// A fresh organization with `hub` placed in it (with `tags`).
async fn organization(hub: Uuid, tags: &[&str]) -> Uuid {
    let org = Uuid::new_v4();
    for tag in tags {
        call(
            "POST",
            &format!("/api/organizations/{org}/tags"),
            Some(json!({ "slug": tag })),
        )
        .await;
    }
    place(hub, org, tags).await;
    org
}

async fn place(hub: Uuid, org: Uuid, tags: &[&str]) {
    call(
        "PUT",
        &format!("/dev/hubs/{hub}/placement"),
        Some(json!({ "organization_id": org, "tags": tags, "environment": "preview" })),
    )
    .await;
}

async fn team_key(org: Uuid) -> String {
    let made = call(
        "POST",
        &format!("/api/organizations/{org}/credentials"),
        Some(
            json!({ "name": "Team key", "description": "Shared by the team",
            "credential_type": "api_key", "values": { "api_key": "sk-proj-team-key-1234" } }),
        ),
    )
    .await;
    made["id"].as_str().expect("a credential").to_string()
}

/// A hub of a fresh organization with a connection bound to its "Team key": (hub, org, the
/// connection).
async fn bound_connection() -> (Uuid, Uuid, Value) {
    let hub = Uuid::new_v4();
    let org = organization(hub, &[]).await;
    let id = team_key(org).await;
    let made = call(
        "POST",
        &format!("/api/hubs/{hub}/connections"),
        Some(json!({ "connector_id": OPENAI, "name": "Bound", "bindings": { "api_key": id } })),
    )
    .await;
    (hub, org, made)
}

/// The radio button of `field` for the source whose label is `label`.
fn source(form: &web_sys::Element, field: &str, label: &str) -> web_sys::Element {
    all(form, &format!("[data-field='{field}'] .wc-source__option"))
        .into_iter()
        .find(|o| text(o).trim() == label)
        .map(|o| one(&o, "input"))
        .unwrap_or_else(|| panic!("no source {label}"))
}

/// Saves the form; the connection `name` as the hub keeps it.
async fn save(el: &web_sys::Element, form: &web_sys::Element, hub: Uuid, name: &str) -> Value {
    click(&button(form, "Save"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    let saved = connections_of(hub).await;
    saved
        .into_iter()
        .find(|c| c["name"] == name)
        .expect("saved")
}

#[wasm_bindgen_test]
async fn credentials_bind_a_credential_in_a_create_form_and_send_its_id_only() {
    let hub = Uuid::new_v4();
    let org = organization(hub, &[]).await;
    let id = team_key(org).await;
    let el = container();
    let (_app, form) = new_form(&el, hub, OPENAI).await;
    type_into(&one(&form, "#wc-f-name"), "Team OpenAI");
    type_into(&one(&form, "#wc-f-api_key"), "sk-typed-then-left");
    let group = one(&form, "[data-field='api_key'] [role=radiogroup]");
    assert_eq!(
        group.get_attribute("aria-label").as_deref(),
        Some("Where API Key comes from")
    );
    click(&source(&form, "api_key", "Organization credential"));
    wait_until("the credentials", || {
        form.query_selector("select#wc-f-api_key")
            .unwrap()
            .is_some()
    })
    .await;
    let select = one(&form, "select#wc-f-api_key");
    assert!(
        text(&select).contains("Team key — Shared by the team (••••1234)"),
        "{}",
        text(&select)
    );
    // Nothing typed lingers in the page once the credential is the source.
    assert!(form
        .query_selector("input[type=password]")
        .unwrap()
        .is_none());
    // Saving without choosing one says so.
    click(&button(&form, "Save"));
    wait_until("the message", || {
        text(&one(&form, "#wc-f-api_key-error")).contains("Choose an organization credential")
    })
    .await;
    choose(&select, &id);
    let bound = save(&el, &form, hub, "Team OpenAI").await;
    assert_eq!(bound["bindings"]["api_key"], json!(id));
    assert!(bound["secrets"].get("api_key").is_none(), "{bound}");
}

#[wasm_bindgen_test]
async fn credentials_switching_between_a_credential_and_a_typed_value_keeps_the_rest() {
    let hub = Uuid::new_v4();
    organization(hub, &[]).await;
    let el = container();
    let (_app, form) = new_form(&el, hub, OPENAI).await;
    type_into(&one(&form, "#wc-f-name"), "Kept");
    click(&source(&form, "api_key", "Organization credential"));
    // This hub may use none: said in words, with the way out.
    wait_until("the empty list", || {
        text(&form).contains("This hub may use no organization credential of this kind")
    })
    .await;
    click(&source(&form, "api_key", "Enter directly"));
    wait_until("the key's input", || {
        form.query_selector("input#wc-f-api_key").unwrap().is_some()
    })
    .await;
    assert_eq!(input_value(&form, "#wc-f-name"), "Kept");
    assert_eq!(input_value(&form, "input#wc-f-api_key"), "");
}

#[wasm_bindgen_test]
async fn credentials_a_bound_connection_names_its_credential_and_where_it_is_rotated() {
    let (hub, _, made) = bound_connection().await;
    let el = container();
    let _app = open_connection(&el, hub, made["id"].as_str().unwrap()).await;
    let dialog = one(&el, "dialog[open]");
    wait_until("the credential's name", || {
        text(&dialog).contains("Organization credential “Team key” (••••1234)")
    })
    .await;
    assert!(text(&dialog).contains("for every connection that uses it (now 1)"));
}

#[wasm_bindgen_test]
async fn credentials_a_hub_whose_tags_hide_a_bound_credential_says_so() {
    let (hub, org, made) = bound_connection().await;
    call(
        "POST",
        &format!("/api/organizations/{org}/tags"),
        Some(json!({ "slug": "eu" })),
    )
    .await;
    place(hub, org, &["eu"]).await;
    let el = container();
    let _app = open_connection(&el, hub, made["id"].as_str().unwrap()).await;
    let dialog = one(&el, "dialog[open]");
    wait_until("the words", || {
        text(&dialog).contains("is not available to this hub any more")
            && text(&dialog).contains("An organization credential this hub cannot use")
    })
    .await;
}

#[wasm_bindgen_test]
async fn credentials_a_second_secret_beside_a_key_takes_a_bearer_token() {
    let hub = Uuid::new_v4();
    let org = organization(hub, &[]).await;
    team_key(org).await;
    call(
        "POST",
        &format!("/api/organizations/{org}/credentials"),
        Some(
            json!({ "name": "Gateway token", "credential_type": "bearer",
            "values": { "token": "tok-gateway-5678" } }),
        ),
    )
    .await;
    let el = container();
    let (_app, form) = new_form(&el, hub, "user-tool-api-key").await;
    for (field, offered, not_offered) in [
        ("api_key", "Team key", "Gateway token"),
        ("access_token", "Gateway token", "Team key"),
    ] {
        click(&source(&form, field, "Organization credential"));
        let selector = format!("select#wc-f-{field}");
        wait_until("the credentials", || {
            form.query_selector(&selector).unwrap().is_some()
        })
        .await;
        let list = text(&one(&form, &selector));
        assert!(
            list.contains(offered) && !list.contains(not_offered),
            "{field}: {list}"
        );
    }
}

#[wasm_bindgen_test]
async fn credentials_a_basic_credential_fills_the_username_too() {
    let hub = Uuid::new_v4();
    let org = organization(hub, &[]).await;
    let made = call(
        "POST",
        &format!("/api/organizations/{org}/credentials"),
        Some(
            json!({ "name": "Billing login", "credential_type": "basic_auth",
            "values": { "username": "billing", "password": "pw-billing-1234" } }),
        ),
    )
    .await;
    let id = made["id"].as_str().expect("a credential").to_string();
    let el = container();
    let (_app, form) = new_form(&el, hub, "user-tool-basic").await;
    type_into(&one(&form, "#wc-f-name"), "Billing API");
    type_into(&one(&form, "#wc-f-username"), "typed-user");
    click(&source(&form, "password", "Organization credential"));
    wait_until("the credentials", || {
        form.query_selector("select#wc-f-password")
            .unwrap()
            .is_some()
    })
    .await;
    // The username is the credential's now: said in words, its input out of the way.
    let username = one(&form, "[data-field='username']");
    assert!(text(&username).contains("Comes with the organization credential."));
    assert!(all(&username, "input").is_empty());
    choose(&one(&form, "select#wc-f-password"), &id);
    let bound = save(&el, &form, hub, "Billing API").await;
    assert_eq!(bound["bindings"]["password"], json!(id));
    assert!(bound["config"].get("username").is_none(), "{bound}");
}
