//! A newer hub never blanks the page (issue 27): a catalog with a connector type, a status, an
//! authentication type and a field kind this page does not know is shown with words, the rest
//! works, and nothing reaches the console's errors.

use crate::support::*;
use wasm_bindgen_test::*;

const NEWER_KIND: &str = "0f0f0f0f-0000-4000-8000-0000000000b1";
const NEWER_STATUS: &str = "0f0f0f0f-0000-4000-8000-0000000000b2";
const NEWER_PARTS: &str = "0f0f0f0f-0000-4000-8000-0000000000b3";
const NEWER_ONLY: &str = "0f0f0f0f-0000-4000-8000-0000000000b4";

async fn add_newer_connectors(hub: Uuid) {
    let key = json!([{ "key": "api_key", "label": "API Key", "kind": "secret", "required": true }]);
    add_to_catalog(
        hub,
        json!([
            { "id": NEWER_KIND, "slug": "robot", "type": "robot_newer", "name": "Robot Arm",
              "description": "A kind of connector from a newer hub.", "status": "enabled",
              "authentication_types": [{ "type": "api_key", "fields": key }] },
            { "id": NEWER_STATUS, "slug": "beta", "type": "tool_user", "name": "Beta Tool",
              "description": "In a status this page does not know.", "status": "beta_newer",
              "authentication_types": [{ "type": "api_key", "fields": key }] },
            { "id": NEWER_PARTS, "slug": "parts", "type": "tool_user", "name": "Parts API",
              "description": "A type and a field of newer kinds.", "status": "enabled",
              "authentication_types": [
                  { "type": "quantum_newer", "fields": [] },
                  { "type": "api_key", "fields": key } ],
              "fields": [{ "key": "hologram", "label": "Hologram", "kind": "hologram_newer",
                           "required": false }] },
            { "id": NEWER_ONLY, "slug": "quantum", "type": "tool_user", "name": "Quantum Link",
              "description": "Only a type this page does not know.", "status": "enabled",
              "authentication_types": [{ "type": "quantum_newer", "label": "Quantum" }] }
        ]),
    )
    .await;
}

/// Collects what reaches `console.error` from now on (`window.__wcErrors`).
fn record_console_errors() {
    js_sys::Function::new_no_args(
        "window.__wcErrors = [];
         if (!window.__wcConsoleError) window.__wcConsoleError = console.error;
         console.error = function (...args) {
           window.__wcErrors.push(args.map(String).join(' '));
           return window.__wcConsoleError.apply(console, args);
         };",
    )
    .call0(&window())
    .unwrap();
}

fn console_errors() -> Vec<String> {
    let list = js_sys::Reflect::get(&window(), &"__wcErrors".into()).unwrap();
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|e| e.as_string())
        .collect()
}

#[wasm_bindgen_test]
async fn a_newer_catalog_is_shown_with_words_and_its_known_parts_work() {
    let hub = Uuid::new_v4();
    add_newer_connectors(hub).await;
    record_console_errors();
    let el = container();
    let _app = mount_app_at(&el, &base(hub));
    wait_for_cards(&el, 25).await;

    // A kind this page does not know: its own group, last, under words.
    let newer = one(&el, "[data-group='newer_kind']");
    assert_eq!(text(&one(&newer, "h2")).trim(), "Other connectors");
    assert!(text(&newer).contains("Robot Arm"));
    // A status it does not know reads as disabled.
    let beta = one(&el, "[data-connector='beta']");
    assert!(text(&beta).contains("Disabled"), "{}", text(&beta));
    drop(_app);

    // The form: the newer type listed, unavailable; the known one chosen; the newer field
    // read-only, saying why; saving works without it.
    let el = container();
    let (_form_app, form) = new_form(&el, hub, NEWER_PARTS).await;
    let newer_type = one(&form, "[data-auth-choice] input[value='other']");
    assert!(newer_type.has_attribute("disabled"));
    assert!(text(&one(&form, "[data-auth-choice]")).contains("Needs a newer version of this page"));
    let chosen = one(&form, "[data-auth-choice] input[value='api_key']");
    assert!(js_sys::Reflect::get(&chosen, &"checked".into())
        .unwrap()
        .as_bool()
        .unwrap());
    let hologram = one(&form, "#wc-f-hologram");
    assert!(hologram.has_attribute("readonly"));
    assert!(
        text(&one(&form, "[data-field='hologram']")).contains("needs a newer version of this page")
    );
    type_into(&one(&form, "#wc-f-name"), "Newer parts");
    type_into(&one(&form, "#wc-f-api_key"), "key-newer-12345678");
    click(&button(&form, "Save"));
    wait_until("the connection", || {
        el.query_selector("dialog[open] form").unwrap().is_none()
    })
    .await;
    assert!(hub_connection_names(hub)
        .await
        .contains(&"Newer parts".to_string()));
    drop(_form_app);

    // A connector with no type this page knows says so, and offers no form.
    let el = container();
    let _only = mount_app_at(&el, &format!("{}/new?connector={NEWER_ONLY}", base(hub)));
    wait_until("the words", || {
        text(&el).contains("This connector needs a newer version of this page")
    })
    .await;
    assert!(el.query_selector("dialog[open] form").unwrap().is_none());
    assert_eq!(console_errors(), Vec::<String>::new());
}

/// A catalog shaped unlike the seed's (five groups, one with three variants, renamed
/// connectors, a required Account ID beside a key, a connector with two types), served to
/// the test's hub in place of the seed's.
const FIVE_GROUPS: &str = include_str!("../fixtures/five_groups.json");
const AGENT: &str = "5e1f0000-0000-4000-8000-000000000001";
const DEEPGRAM: &str = "5e1f0000-0000-4000-8000-000000000006";
const REST: &str = "5e1f0000-0000-4000-8000-000000000004";

async fn serve_five_groups(hub: Uuid) {
    let body: Value = serde_json::from_str(FIVE_GROUPS).unwrap();
    call("PUT", &format!("/dev/hubs/{hub}/catalog"), Some(body)).await;
}

fn titles(el: &web_sys::Element, selector: &str) -> Vec<String> {
    all(el, selector)
        .iter()
        .map(|t| text(t).trim().to_string())
        .collect()
}

#[wasm_bindgen_test]
async fn the_page_shows_the_catalogs_groups_and_variants_in_three_languages() {
    let hub = Uuid::new_v4();
    serve_five_groups(hub).await;
    for (locale, groups, variants, description) in [
        (
            "en",
            ["Agent", "Channel", "Tool", "STT", "TTS"],
            ["Native tools", "REST APIs", "MCP servers"],
            "What your agents can do.",
        ),
        (
            "pt-BR",
            ["Agente", "Canal", "Ferramenta", "STT", "TTS"],
            ["Ferramentas nativas", "APIs REST", "Servidores MCP"],
            "O que seus agentes podem fazer.",
        ),
        (
            "es",
            ["Agente", "Canal", "Herramienta", "STT", "TTS"],
            ["Herramientas nativas", "APIs REST", "Servidores MCP"],
            "Lo que pueden hacer tus agentes.",
        ),
    ] {
        let el = container();
        let list = PageView::List { connector: None };
        let (_app, _) = mount_view_in(&el, hub, list, test_timings(), locale.into());
        wait_for_cards(&el, 7).await;
        assert_eq!(titles(&el, ".wc-group__title"), groups, "{locale}");
        assert_eq!(titles(&el, ".wc-variant__title"), variants, "{locale}");
        let tool = one(&el, "[data-group='tool']");
        assert!(text(&tool).contains(description), "{locale}");
        assert!(text(&one(&tool, "[data-variant='rest']")).contains("REST API"));
    }
}

#[wasm_bindgen_test]
async fn capabilities_not_groups_drive_the_agent_notice_and_a_connection_is_made_end_to_end() {
    let hub = Uuid::new_v4();
    serve_five_groups(hub).await;
    {
        let el = container();
        let _app = mount_page(&el, dev_client(), hub);
        wait_for_cards(&el, 7).await;
        let notice = one(&el, ".wc-notice");
        assert_eq!(text(&one(&notice, "a")), "Add OpenAI GPT connection");
        assert!(one(&notice, "a")
            .get_attribute("href")
            .unwrap()
            .ends_with(&format!("connector={AGENT}")));
    }
    // Two authentication types, each with its own words from the catalog's form.
    {
        let el = container();
        let (_app, form) = new_form(&el, hub, REST).await;
        assert_eq!(
            titles(&form, "[data-auth-choice] label"),
            ["API Key", "Bearer Token"]
        );
    }
    // The required Account ID beside the key: refused empty, then saved.
    let el = container();
    let (_app, form) = new_form(&el, hub, DEEPGRAM).await;
    type_into(&one(&form, "#wc-f-name"), "Transcripts");
    type_into(&one(&form, "#wc-f-api_key"), "dg-key-12345678");
    click(&button(&form, "Save"));
    wait_until("the Account ID's message", || {
        text(&one(&form, "[data-field='account_id']")).contains("required")
    })
    .await;
    type_into(&one(&form, "#wc-f-account_id"), "acct-42");
    click(&button(&form, "Save"));
    wait_until("the saved connection", || {
        el.query_selector("dialog[open] form").unwrap().is_none()
    })
    .await;
    assert!(hub_connection_names(hub)
        .await
        .contains(&"Transcripts".to_string()));
    // An Agent connection, by capability: the notice is gone.
    create(hub, AGENT, "GPT", json!({ "api_key": "sk-gpt-12345678" })).await;
    let el = container();
    let _app = mount_page(&el, dev_client(), hub);
    wait_for_cards(&el, 7).await;
    wait_until("the GPT connection", || text(&el).contains("GPT")).await;
    assert!(el.query_selector(".wc-notice").unwrap().is_none());
}

/// Issue 27: a hub 422 on a field the form does not show (its connector left the catalog while
/// the form was open) is said in the form's failure line, in the hub's words, with everything
/// typed kept.
#[wasm_bindgen_test]
async fn an_error_on_a_field_the_form_does_not_show_is_said_in_words() {
    let hub = Uuid::new_v4();
    serve_five_groups(hub).await;
    let el = container();
    let (_app, form) = new_form(&el, hub, DEEPGRAM).await;
    type_into(&one(&form, "#wc-f-name"), "Transcripts");
    type_into(&one(&form, "#wc-f-account_id"), "acct-42");
    type_into(&one(&form, "#wc-f-api_key"), "dg-key-12345678");
    // The hub goes back to the seed's catalog, which has no such connector.
    call("DELETE", &format!("/dev/hubs/{hub}/catalog"), None).await;
    click(&button(&form, "Save"));
    wait_until("the failure line", || {
        text(&one(&form, ".wc-form__failure")).contains("The hub said:")
    })
    .await;
    assert_eq!(
        text(&one(&form, ".wc-form__failure")),
        "Some fields need attention. The hub said: There is no connector with this id."
    );
    assert_eq!(input_value(&form, "#wc-f-account_id"), "acct-42");
}

fn pointer(el: &web_sys::Element, kind: &str) {
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

fn top(el: &web_sys::Element) -> f64 {
    el.get_bounding_client_rect().top()
}

/// Issue 27: leaving the empty name field by pressing another authentication type does not
/// move that type from under the pointer: the name's message waits for the release, and the
/// one click switches the type.
#[wasm_bindgen_test]
async fn a_click_on_another_type_right_after_the_empty_name_switches_it() {
    let hub = Uuid::new_v4();
    serve_five_groups(hub).await;
    let el = container();
    let (_app, form) = new_form(&el, hub, REST).await;
    let name = one(&form, "#wc-f-name");
    let bearer = one(&form, "[data-auth-choice] input[value='bearer']");
    let before = top(&bearer);
    pointer(&bearer, "pointerdown");
    // The press takes focus off the name, as a mouse down does (the event itself: a headless
    // browser whose window is not focused sends no blur for focus()).
    name.dispatch_event(&web_sys::Event::new("blur").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(text(&one(&form, "#wc-f-name-error")), "");
    assert_eq!(top(&bearer), before, "the type moved under the pointer");
    pointer(&bearer, "pointerup");
    click(&bearer);
    wait_until("the switch", || {
        el.query_selector("dialog[open] #wc-f-token")
            .unwrap()
            .is_some()
    })
    .await;
    wait_until("the name's message", || {
        text(&one(&el, "dialog[open] #wc-f-name-error")) == "This field is required."
    })
    .await;
}

/// Logos are catalog data (issue 27): a connector whose brand the hub has shows its logo at the
/// monogram's place with an empty `alt`; one whose logo fails to load shows its monogram.
#[wasm_bindgen_test]
async fn a_logo_shows_where_the_catalog_names_one_and_the_monogram_where_it_fails() {
    let hub = Uuid::new_v4();
    add_to_catalog(
        hub,
        json!([{ "id": "0f0f0f0f-0000-4000-8000-0000000000c1", "slug": "broken-logo",
                 "type": "tool_user", "name": "Broken Logo", "description": "Its logo is gone.",
                 "status": "enabled", "logo": format!("{HUB_URL}/logos/no-such-brand.svg"),
                 "authentication_types": [{ "type": "none" }] }]),
    )
    .await;
    let el = container();
    let _app = mount_page(&el, dev_client(), hub);
    wait_for_cards(&el, 22).await;
    let anthropic = one(&el, "[data-connector='anthropic']");
    let logo = one(&anthropic, "img.wc-card__logo");
    assert_eq!(logo.get_attribute("alt").as_deref(), Some(""));
    assert!(logo
        .get_attribute("src")
        .unwrap()
        .ends_with("/logos/anthropic.svg"));
    // No brand for OpenAI: its monogram.
    assert_eq!(
        text(&one(&el, "[data-connector='openai'] .wc-card__logo")),
        "O"
    );
    // A logo loads lazily, once its card is near the screen: where a person would see it.
    let broken = one(&el, "[data-connector='broken-logo']");
    broken.scroll_into_view();
    wait_until("the monogram in place of the broken logo", || {
        broken.query_selector("img").unwrap().is_none()
            && text(&one(&broken, ".wc-card__logo")) == "BL"
    })
    .await;
}
