//! The schema-driven form and a connection's view: validation, create, retry, edit, secrets,
//! delete, enable and disable, test, unsaved changes, focus.

use crate::support::*;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn the_form_validates_before_sending_and_moves_focus_to_the_first_error() {
    let hub = Uuid::new_v4();
    let el = container();
    let (_app, form) = new_form(&el, hub, "external-resources").await;
    click(&button(&form, "Save"));
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
    click(&button(&form, "Save"));
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
    click(&button(&form, "Save"));
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
    click(&button(&form, "Save"));
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
    click(&button(&form, "Save"));
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
    click(&button(&form, "Save"));
    wait_until("the 500", || {
        text(&one(&form, "[role='alert']")).contains("error 500")
    })
    .await;
    assert_eq!(input_value(&form, "#wc-f-api_key"), "sk-proj-abcdefgh1234");
    // Sent again, the hub's 422 names the field: it shows under the name.
    click(&button(&form, "Save"));
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
    let form = start_editing(&el).await;
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
    let form = start_editing(&el).await;
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
    let question = ask_to_delete(&dialog).await;
    assert!(text(&question).contains("Delete “Doomed”?"));
    click(&button(&question, "Delete"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    assert!(!text(&one(&el, "[data-connector='openai']")).contains("Doomed"));
    assert_eq!(hub_connection_names(hub).await, ["Wayai"]);
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
    let question = the_question(&dialog).await;
    assert!(text(&question).contains("Discard unsaved changes?"));
    click(&button(&question, "Keep editing"));
    wait_until("the question to go", || {
        dialog
            .query_selector("[role='alertdialog']")
            .unwrap()
            .is_none()
    })
    .await;
    assert_eq!(input_value(&dialog, "#wc-f-name"), "Half done");

    click(&button(&dialog, "Close"));
    click(&button(&the_question(&dialog).await, "Discard"));
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

/// A page unmounted in the very task its form appears (a host leaving at once) leaves no frame
/// behind that reaches for it: the name field's focus did, and panicked, and a panic in wasm left
/// the next page's form never drawn.
#[wasm_bindgen_test]
async fn a_page_unmounted_as_its_form_opens_leaves_nothing_that_fails() {
    let el = container();
    let watch = js_sys::Function::new_with_args(
        "el",
        "window.__wcErrors = 0;
         addEventListener('error', () => { window.__wcErrors += 1; });
         return new Promise((done) => new MutationObserver((_, seen) => {
             if (el.querySelector('dialog[open] form')) { seen.disconnect(); done(); }
         }).observe(el, { subtree: true, childList: true, attributes: true }));",
    );
    let opened = js_sys::Promise::from(watch.call1(&wasm_bindgen::JsValue::NULL, &el).unwrap());
    let app = mount_app_at(
        &el,
        &format!("{}/new?connector={OPENAI}", base(Uuid::new_v4())),
    );
    // Resumed in a microtask of the form's drawing: before any frame.
    wasm_bindgen_futures::JsFuture::from(opened).await.unwrap();
    drop(app);
    let two_frames = js_sys::Function::new_no_args(
        "return new Promise((done) =>
             requestAnimationFrame(() => requestAnimationFrame(() => done(window.__wcErrors))));",
    );
    let errors = js_sys::Promise::from(two_frames.call0(&wasm_bindgen::JsValue::NULL).unwrap());
    let errors = wasm_bindgen_futures::JsFuture::from(errors).await.unwrap();
    assert_eq!(
        errors.as_f64(),
        Some(0.0),
        "an error after the page was gone"
    );
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
async fn a_connection_deleted_elsewhere_says_so_not_that_the_hub_is_missing() {
    let hub = Uuid::new_v4();
    let created = create(
        hub,
        OPENAI,
        "Deleted elsewhere",
        json!({ "api_key": "sk-1" }),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_string();
    let el = container();
    let _app = open_connection(&el, hub, &id).await;
    // Someone else deletes it while it is open here.
    call("DELETE", &format!("/api/hubs/{hub}/connections/{id}"), None).await;
    click(&button(&one(&el, "dialog[open]"), "Disable"));
    wait_until("the failure", || {
        !text(&one(&el, "dialog[open] .wc-form__failure")).is_empty()
    })
    .await;
    let failure = text(&one(&el, "dialog[open] .wc-form__failure"));
    assert!(
        failure.contains("This connection no longer exists in this hub"),
        "{failure}"
    );
    assert!(!failure.contains("hub does not exist"), "{failure}");
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
    add_to_catalog(
        hub,
        json!([{
            "id": id, "slug": "weather", "type": "tool_user", "name": "Weather API",
            "description": "Forecasts for agents.", "authentication_types": [{ "type": "api_key" }], "status": "enabled",
            "fields": [
                { "key": "units", "label": "Units", "kind": "select", "required": true,
                  "options": [{ "value": "metric", "label": "Metric" }, { "value": "imperial", "label": "Imperial" }] },
                { "key": "days", "label": "Days ahead", "kind": "number", "required": false,
                  "default": 3, "help": "How far to forecast" },
                { "key": "alerts", "label": "Severe weather alerts", "kind": "boolean", "required": false },
                { "key": "token", "label": "Token", "kind": "secret", "required": true }
            ]
        }]),
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
    click(&button(&form, "Save"));
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
    click(&button(&form, "Save"));
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
    click(&button(&form, "Save"));
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
    click(&button(&form, "Save"));
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
    // The header values are secrets: the hub holds exactly the row typed, and shows its hint.
    assert!(made["config"].get("headers").is_none(), "{made}");
    assert_eq!(made["secrets"]["headers"]["hint"], "X-Team: ••••••••");
    let id = made["id"].as_str().unwrap();
    let stored = call(
        "POST",
        &format!("/dev/hubs/{hub}/connections/{id}/secret-check"),
        Some(json!({ "key": "headers", "value": r#"[{"name":"X-Team","value":"a"}]"# })),
    )
    .await;
    assert_eq!(stored["matches"], true);
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
        click(&button(&form, "Save"));
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
