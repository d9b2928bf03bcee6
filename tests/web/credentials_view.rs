//! The organization's credentials view (issue 28): its list and search, adding a credential with
//! a tag made on the spot, rotating one (its connections re-tested), a delete the hub refuses
//! while connections use it (with links to them), and the standalone app at its address.

use crate::support::*;
use wasm_bindgen_test::*;
use wayai_connections::{api::TokenSource, ConnectionsConfig, OrgCredentialsPage};

fn mount_credentials(
    el: &web_sys::HtmlElement,
    org: Uuid,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    // The Connections page's configuration: the hub API, the token, the language.
    let mut config = ConnectionsConfig::new(HUB_URL, Uuid::nil(), TokenSource::fixed("dev-token"));
    config.locale = "en".into();
    leptos::mount::mount_to(el.clone(), move || {
        view! { <OrgCredentialsPage config=config.clone() organization_id=org /> }
    })
}

async fn credential(org: Uuid, body: Value) -> Value {
    let made = call(
        "POST",
        &format!("/api/organizations/{org}/credentials"),
        Some(body),
    )
    .await;
    assert!(made["id"].is_string(), "{made}");
    made
}

/// An organization with an API key, a bearer token tagged `eu`, and a hub of it with a
/// connection bound to the key: (org, hub, the key, the connection).
async fn organization_in_use() -> (Uuid, Uuid, Value, Value) {
    let (org, hub) = (Uuid::new_v4(), Uuid::new_v4());
    call(
        "POST",
        &format!("/api/organizations/{org}/tags"),
        Some(json!({ "slug": "eu", "display_name": "Europe", "color": "#2266aa" })),
    )
    .await;
    let key = credential(
        org,
        json!({ "name": "Team key", "description": "Shared by the team",
        "credential_type": "api_key", "values": { "api_key": "sk-proj-team-key-1234" } }),
    )
    .await;
    credential(
        org,
        json!({ "name": "Gateway token", "credential_type": "bearer", "tags": ["eu"],
        "environment": "production", "values": { "token": "tok-gateway-5678" } }),
    )
    .await;
    call(
        "PUT",
        &format!("/dev/hubs/{hub}/placement"),
        Some(json!({ "organization_id": org, "tags": [], "environment": "preview" })),
    )
    .await;
    let bound = call(
        "POST",
        &format!("/api/hubs/{hub}/connections"),
        Some(json!({ "connector_id": OPENAI, "name": "Bound OpenAI", "bindings": { "api_key": key["id"] } })),
    )
    .await;
    assert!(bound["id"].is_string(), "{bound}");
    (org, hub, key, bound)
}

/// The list item of the credential named `name`, shown or hidden by the search.
fn row(el: &web_sys::Element, name: &str) -> web_sys::Element {
    let items = el.query_selector_all("li.wc-cred").unwrap();
    (0..items.length())
        .filter_map(|i| items.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|r| text(&one(r, ".wc-cred__name")) == name)
        .unwrap_or_else(|| panic!("no credential {name}"))
}

fn shown(row: &web_sys::Element) -> bool {
    !row.dyn_ref::<web_sys::HtmlElement>().unwrap().hidden()
}

async fn listed(el: &web_sys::Element) {
    wait_until("the list", || {
        el.query_selector("li.wc-cred").unwrap().is_some()
    })
    .await;
}

#[wasm_bindgen_test]
async fn credentials_view_lists_and_searches_the_organizations_credentials() {
    let (org, ..) = organization_in_use().await;
    credential(
        org,
        json!({ "name": "Billing login", "credential_type": "basic_auth",
        "values": { "username": "billing", "password": "pw-billing-1234" } }),
    )
    .await;
    let el = container();
    let _app = mount_credentials(&el, org);
    listed(&el).await;
    let key = row(&el, "Team key");
    assert!(text(&key).contains("API key"), "{}", text(&key));
    assert!(text(&key).contains("Secret ••••1234"), "{}", text(&key));
    assert!(text(&key).contains("Every hub"), "{}", text(&key));
    assert!(text(&key).contains("No tags: hubs without tags"));
    assert!(text(&key).contains("Used by 1 connection"));
    assert!(!text(&key).contains("Username"));
    // A login's username is not secret: shown beside its password's hint.
    let login = row(&el, "Billing login");
    assert!(
        text(&login).contains("Username and password"),
        "{}",
        text(&login)
    );
    assert!(
        text(&login).contains("· Username: billing ·"),
        "{}",
        text(&login)
    );
    let token = row(&el, "Gateway token");
    assert!(text(&token).contains("Production hubs"), "{}", text(&token));
    assert!(text(&token).contains("Tags: eu"), "{}", text(&token));
    assert!(text(&token).contains("Not used"));
    // Search by the type's words, a tag, the environment; nothing matching says so.
    let search = one(&el, "input[type=search]");
    type_into(&search, "bearer");
    wait_until("one left", || !shown(&row(&el, "Team key"))).await;
    assert!(shown(&row(&el, "Gateway token")));
    type_into(&search, "production eu");
    wait_until("the token", || shown(&row(&el, "Gateway token"))).await;
    type_into(&search, "nothing-like-it");
    wait_until("the words", || {
        text(&el).contains("No credential matches “nothing-like-it”.")
    })
    .await;
    // No secret reaches the page, only hints.
    assert!(!text(&el).contains("sk-proj-team-key"));
}

#[wasm_bindgen_test]
async fn credentials_view_adds_a_credential_with_a_tag_made_on_the_spot() {
    let org = Uuid::new_v4();
    let el = container();
    let _app = mount_credentials(&el, org);
    wait_until("the empty list", || {
        text(&el).contains("No credentials yet")
    })
    .await;
    click(&button(&el, "Add credential"));
    wait_until("the dialog", || {
        el.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    let dialog = one(&el, "dialog[open]");
    // Saving with nothing typed says what is missing, in place.
    click(&button(&dialog, "Save"));
    wait_until("the messages", || {
        text(&one(&dialog, "#wc-cred-name-error")) == "This field is required."
    })
    .await;
    type_into(&one(&dialog, "#wc-cred-name"), "Search gateway");
    let kind = one(&dialog, "#wc-cred-type");
    let kind = kind.dyn_ref::<web_sys::HtmlSelectElement>().unwrap();
    kind.set_value("bearer");
    kind.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    wait_until("the token's field", || {
        dialog
            .query_selector("#wc-cred-values-token")
            .unwrap()
            .is_some()
    })
    .await;
    type_into(&one(&dialog, "#wc-cred-values-token"), "tok-search-9876");
    // A tag that breaks the rule is refused before asking; a good one is made and ticked.
    type_into(&one(&dialog, "#wc-cred-new-tag"), "Team X");
    click(&button(&dialog, "Create tag"));
    wait_until("the rule", || {
        text(&one(&dialog, "#wc-cred-new-tag-error")).contains("Lowercase letters")
    })
    .await;
    type_into(&one(&dialog, "#wc-cred-new-tag"), "team-x");
    click(&button(&dialog, "Create tag"));
    wait_until("the new tag, ticked", || {
        all(&dialog, ".wc-tag input")
            .iter()
            .any(|b| b.dyn_ref::<web_sys::HtmlInputElement>().unwrap().checked())
    })
    .await;
    click(&button(&dialog, "Save"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    assert_eq!(announcement(&el), "Credential “Search gateway” added.");
    assert!(text(&row(&el, "Search gateway")).contains("••••9876"));
    let kept = call(
        "GET",
        &format!("/api/organizations/{org}/credentials"),
        None,
    )
    .await;
    let made = &kept["credentials"][0];
    assert_eq!(made["credential_type"], "bearer");
    assert_eq!(made["tags"], json!(["team-x"]));
    assert!(!made.to_string().contains("tok-search-9876"), "{made}");
}

#[wasm_bindgen_test]
async fn credentials_view_rotates_a_secret_for_every_connection_that_uses_it() {
    let (org, hub, key, bound) = organization_in_use().await;
    let el = container();
    let _app = mount_credentials(&el, org);
    listed(&el).await;
    click(&button(&row(&el, "Team key"), "Rotate secret"));
    wait_until("the dialog", || {
        el.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    let dialog = one(&el, "dialog[open]");
    assert!(text(&dialog).contains("Used by 1 connection"));
    type_into(
        &one(&dialog, "input[type=password]"),
        "sk-proj-rotated-4321",
    );
    click(&button(&dialog, "Rotate secret"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    assert!(announcement(&el).contains("The connections that use it were tested with it"));
    assert!(text(&row(&el, "Team key")).contains("••••4321"));
    // The hub re-tested the bound connection: its health is no longer unchecked.
    let id = bound["id"].as_str().unwrap();
    let after = call("GET", &format!("/api/hubs/{hub}/connections/{id}"), None).await;
    assert_ne!(after["health"]["status"], "unknown", "{after}");
    let again = call(
        "GET",
        &format!(
            "/api/organizations/{org}/credentials/{}",
            key["id"].as_str().unwrap()
        ),
        None,
    )
    .await;
    assert_eq!(again["secrets"]["api_key"]["hint"], "••••4321", "{again}");
}

#[wasm_bindgen_test]
async fn credentials_view_a_delete_refused_lists_the_connections_with_links() {
    let (org, hub, _, bound) = organization_in_use().await;
    let el = container();
    let _app = mount_credentials(&el, org);
    listed(&el).await;
    click(&button(&row(&el, "Team key"), "Delete"));
    wait_until("the dialog", || {
        el.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    let dialog = one(&el, "dialog[open]");
    click(&button(&dialog, "Delete"));
    wait_until("the links", || {
        dialog.query_selector("a").unwrap().is_some()
    })
    .await;
    let refusal = text(&one(&dialog, "[role=alert]"));
    assert_eq!(
        refusal,
        "Connections use this credential (1): bind them to another one, or enter their own keys, first."
    );
    assert!(button(&dialog, "Delete")
        .dyn_ref::<web_sys::HtmlButtonElement>()
        .unwrap()
        .disabled());
    let link = one(&dialog, "a");
    assert_eq!(text(&link), "Bound OpenAI");
    let id = bound["id"].as_str().unwrap();
    assert_eq!(
        link.get_attribute("href").unwrap(),
        format!("/settings/organizations/{org}/hubs/{hub}/connections/{id}")
    );
    assert!(text(&dialog).contains(&format!("Hub {hub}")));
    // Still there; the unused one goes.
    press_escape(&dialog);
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    click(&button(&row(&el, "Gateway token"), "Delete"));
    wait_until("the dialog", || {
        el.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    click(&button(&one(&el, "dialog[open]"), "Delete"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    assert_eq!(announcement(&el), "Credential “Gateway token” deleted.");
    assert_eq!(all(&el, "li.wc-cred").len(), 1);
}

/// What the credentials page (`credentials.html`) and a JavaScript host call: `mountCredentials`
/// with their options, the handle's `unmount` removing the view.
#[wasm_bindgen_test]
async fn credentials_view_mounts_from_javascript_options() {
    let (org, ..) = organization_in_use().await;
    let el = container();
    let options = js_sys::Object::new();
    for (key, value) in [
        ("apiBaseUrl", HUB_URL.to_string()),
        ("organizationId", org.to_string()),
        ("token", "dev-token".to_string()),
        ("locale", "es".to_string()),
    ] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).unwrap();
    }
    let mut handle = wayai_connections::mount_credentials(el.clone(), options.into()).unwrap();
    listed(&el).await;
    assert!(
        text(&el).contains("Credenciales de la organización"),
        "{}",
        text(&el)
    );
    assert_eq!(all(&el, "li.wc-cred").len(), 2);
    handle.unmount();
    assert!(el.query_selector(".wc-root").unwrap().is_none());
    let bad = js_sys::Object::new();
    js_sys::Reflect::set(&bad, &"organizationId".into(), &"not-a-uuid".into()).unwrap();
    let refused = wayai_connections::mount_credentials(container(), bad.into()).err();
    assert_eq!(
        refused.and_then(|e| e.as_string()).as_deref(),
        Some("options.organizationId must be a UUID")
    );
}

#[wasm_bindgen_test]
async fn credentials_view_a_form_with_none_to_offer_links_to_it() {
    let (org, hub) = (Uuid::new_v4(), Uuid::new_v4());
    call(
        "PUT",
        &format!("/dev/hubs/{hub}/placement"),
        Some(json!({ "organization_id": org, "tags": [], "environment": "preview" })),
    )
    .await;
    let el = container();
    let page = format!("/settings/organizations/{org}/hubs/{hub}/connections");
    let _app = mount_app_at(&el, &format!("{page}/new?connector={OPENAI}"));
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    let form = one(&el, "dialog[open] form");
    let org_source = all(&form, ".wc-source__option")
        .into_iter()
        .find(|o| text(o).trim() == "Organization credential")
        .expect("the choice");
    click(&one(&org_source, "input"));
    wait_until("the link", || {
        form.query_selector(".wc-credential a").unwrap().is_some()
    })
    .await;
    let link = one(&form, ".wc-credential a");
    assert_eq!(text(&link), "Open the organization's credentials (new tab)");
    assert_eq!(
        link.get_attribute("href").unwrap(),
        format!("/settings/organizations/{org}/credentials")
    );
    // A new tab: what is typed here stays.
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
}

#[wasm_bindgen_test]
async fn credentials_view_edits_what_it_is_called_and_where_it_may_be_used() {
    let (org, ..) = organization_in_use().await;
    let el = container();
    let _app = mount_credentials(&el, org);
    listed(&el).await;
    click(&button(&row(&el, "Gateway token"), "Edit"));
    wait_until("the dialog", || {
        el.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    let dialog = one(&el, "dialog[open]");
    // What it is: no secret to type (that is a rotation), and its tag ticked.
    assert!(dialog
        .query_selector("input[type=password]")
        .unwrap()
        .is_none());
    // The organization's tags come in their own request.
    wait_until("the tags", || {
        dialog.query_selector(".wc-tag input").unwrap().is_some()
    })
    .await;
    let eu = one(&dialog, ".wc-tag input");
    assert!(eu.dyn_ref::<web_sys::HtmlInputElement>().unwrap().checked());
    // A name another credential has is refused by the hub, beside the field.
    type_into(&one(&dialog, "#wc-cred-name"), "team KEY");
    click(&button(&dialog, "Save"));
    wait_until("the hub's message", || {
        text(&one(&dialog, "#wc-cred-name-error"))
            == "Another credential of this organization already has this name."
    })
    .await;
    type_into(&one(&dialog, "#wc-cred-name"), "Search token");
    click(&eu);
    let env = one(&dialog, "#wc-cred-environment");
    let env = env.dyn_ref::<web_sys::HtmlSelectElement>().unwrap();
    env.set_value("all");
    env.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    click(&button(&dialog, "Save"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    assert_eq!(announcement(&el), "Credential “Search token” saved.");
    let edited = row(&el, "Search token");
    assert!(text(&edited).contains("Every hub"), "{}", text(&edited));
    assert!(text(&edited).contains("No tags"), "{}", text(&edited));
    // Its secret is as it was.
    assert!(text(&edited).contains("••••5678"), "{}", text(&edited));
}
