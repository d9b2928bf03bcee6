//! Connectors with several authentication types and settings, from a catalog the test adds to
//! the hub at run time; the seed's speech settings; deep links as the real app reads them.

use crate::support::*;
use wasm_bindgen_test::*;

const MULTI: &str = "0f0f0f0f-0000-4000-8000-0000000000a1";

/// A connector with three authentication types and a settings schema of every kind.
async fn add_multi_auth_connector(hub: Uuid) {
    add_to_catalog(
        hub,
        json!([{
            "id": MULTI, "slug": "ledger-api", "type": "tool_user", "name": "Ledger API",
            "description": "Books for agents.", "status": "enabled",
            "authentication_types": [
                { "type": "api_key", "fields": [
                    { "key": "api_key", "label": "API Key", "kind": "secret", "required": true } ] },
                { "type": "basic_auth", "fields": [
                    { "key": "username", "label": "Username", "kind": "text", "required": true },
                    { "key": "password", "label": "Password", "kind": "secret", "required": true } ] },
                { "type": "bearer", "fields": [
                    { "key": "token", "label": "Token", "kind": "secret", "required": true } ] }
            ],
            "fields": [
                { "key": "base_url", "label": "Base URL", "kind": "url", "required": true }
            ],
            "settings": [
                { "key": "region", "label": "Region", "kind": "select", "required": false,
                  "options": [{ "value": "eu", "label": "Europe" }, { "value": "us", "label": "United States" }] },
                { "key": "currency", "label": "Currency", "kind": "select", "required": true, "default": "BRL",
                  "options": [{ "value": "BRL", "label": "Real" }, { "value": "USD", "label": "Dollar" }] },
                { "key": "temperature", "label": "Temperature", "kind": "number", "required": false,
                  "default": 0.5, "min": 0, "max": 1, "step": 0.1 },
                { "key": "retries", "label": "Retries", "kind": "number", "required": false, "max": 5 },
                { "key": "prompt", "label": "Prompt", "kind": "multiline", "required": false, "max_length": 40 },
                { "key": "audit", "label": "Audit log", "kind": "boolean", "required": false, "default": true }
            ]
        }]),
    )
    .await;
}

/// The connector, and a connection "Books" of it with an API key.
async fn add_books(hub: Uuid) -> Value {
    add_multi_auth_connector(hub).await;
    create(
        hub,
        MULTI,
        "Books",
        json!({ "base_url": "https://ledger.example.com", "api_key": "key-abcdefgh1234" }),
    )
    .await
}

/// Records the method, address and body of every request the page sends (`window.__wcSent`).
fn record_requests() {
    js_sys::Function::new_no_args(
        "if (!window.__wcFetch) window.__wcFetch = window.fetch;
         window.__wcSent = [];
         window.fetch = function (input, init) {
           const r = input instanceof Request ? input : new Request(input, init);
           r.clone().text().then((body) => window.__wcSent.push([r.method, r.url, body]));
           return window.__wcFetch.call(window, input, init);
         };",
    )
    .call0(&window())
    .unwrap();
}

/// The bodies of the recorded requests with this method.
fn sent(method: &str) -> Vec<String> {
    let list = js_sys::Reflect::get(&window(), &"__wcSent".into()).unwrap();
    js_sys::Array::from(&list)
        .iter()
        .map(|r| js_sys::Array::from(&r))
        .filter(|r| r.get(0).as_string().as_deref() == Some(method))
        .map(|r| r.get(2).as_string().unwrap_or_default())
        .collect()
}

/// The current value of any form control (input, select or textarea).
fn value_of(root: &web_sys::Element, selector: &str) -> String {
    js_sys::Reflect::get(&one(root, selector), &"value".into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

fn choose(form: &web_sys::Element, auth: &str) {
    click(&one(
        form,
        &format!("[data-auth-choice] input[value='{auth}']"),
    ));
}

fn field_keys(form: &web_sys::Element) -> Vec<String> {
    all(form, "[data-field]")
        .iter()
        .map(|f| f.get_attribute("data-field").unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn several_auth_types_switch_credentials_only_and_settings_take_every_kind() {
    let hub = Uuid::new_v4();
    add_multi_auth_connector(hub).await;
    let el = container();
    let (_app, form) = new_form(&el, hub, MULTI).await;
    let choices: Vec<String> = all(&form, "[data-auth-choice] label")
        .iter()
        .map(|l| text(l).trim().to_string())
        .collect();
    assert_eq!(choices, ["API Key", "Basic Auth", "Bearer Token"]);
    assert_eq!(
        field_keys(&form),
        [
            "base_url",
            "api_key",
            "region",
            "currency",
            "temperature",
            "retries",
            "prompt",
            "audit"
        ]
    );
    let settings = one(&form, ".wc-form__settings");
    assert_eq!(text(&one(&settings, "legend")), "Settings");
    // Every settings kind: an automatic choice, a default, a slider with its value, a
    // multi-line text, a switch.
    assert_eq!(text(&one(&form, "#wc-f-region option")), "Automatic");
    assert_eq!(value_of(&form, "#wc-f-currency"), "BRL");
    let slider = one(&form, "#wc-f-temperature");
    assert_eq!(slider.get_attribute("type").as_deref(), Some("range"));
    assert_eq!(
        text(&one(&form, "[data-field='temperature'] output")),
        "0.5"
    );
    assert_eq!(one(&form, "#wc-f-prompt").tag_name(), "TEXTAREA");
    let audit = one(&form, "#wc-f-audit");
    assert_eq!(audit.get_attribute("role").as_deref(), Some("switch"));
    assert!(audit
        .dyn_ref::<web_sys::HtmlInputElement>()
        .unwrap()
        .checked());

    // Switching keeps the name, the shared address and the settings; only credentials change.
    type_into(&one(&form, "#wc-f-name"), "Books");
    type_into(&one(&form, "#wc-f-base_url"), "https://ledger.example.com");
    type_into(&one(&form, "#wc-f-api_key"), "key-abcdefgh1234");
    type_into(&one(&form, "#wc-f-prompt"), "Round to cents.");
    choose(&form, "basic_auth");
    wait_until("the basic auth fields", || {
        form.query_selector("#wc-f-username").unwrap().is_some()
    })
    .await;
    assert_eq!(
        field_keys(&form),
        [
            "base_url",
            "username",
            "password",
            "region",
            "currency",
            "temperature",
            "retries",
            "prompt",
            "audit"
        ]
    );
    assert_eq!(input_value(&form, "#wc-f-name"), "Books");
    assert_eq!(
        input_value(&form, "#wc-f-base_url"),
        "https://ledger.example.com"
    );
    assert_eq!(value_of(&form, "#wc-f-prompt"), "Round to cents.");

    // Settings are checked as credentials are, here and at the hub.
    type_into(&one(&form, "#wc-f-username"), "ada");
    type_into(&one(&form, "#wc-f-password"), "pw-abcdefgh1234");
    type_into(&one(&form, "#wc-f-retries"), "9");
    click(&button(&form, "Save"));
    wait_until("the range message", || {
        text(&one(&form, "#wc-f-retries-error")).contains("Use a number of at most 5.")
    })
    .await;
    type_into(&one(&form, "#wc-f-retries"), "2");
    click(&button(&form, "Save"));
    wait_until("the dialog to close", || {
        el.query_selector("dialog").unwrap().is_none()
    })
    .await;
    let made = connections_of(hub)
        .await
        .into_iter()
        .find(|c| c["name"] == "Books")
        .unwrap();
    assert_eq!(made["authentication_type"], "basic_auth");
    assert_eq!(made["config"]["username"], "ada");
    assert!(made["config"].get("api_key").is_none() && made["secrets"].get("api_key").is_none());
    assert_eq!(made["settings"]["currency"], "BRL");
    assert_eq!(made["settings"]["temperature"], 0.5);
    assert_eq!(made["settings"]["retries"], 2.0);
    assert_eq!(made["settings"]["audit"], true);
    assert!(
        made["settings"].get("region").is_none(),
        "Automatic is left out"
    );
}

#[wasm_bindgen_test]
async fn editing_settings_sends_no_secret_and_a_new_type_asks_for_its_credentials() {
    let hub = Uuid::new_v4();
    let created = add_books(hub).await;
    let id = created["id"].as_str().unwrap().to_string();
    record_requests();
    let el = container();
    let app = open_connection(&el, hub, &id).await;
    let dialog = one(&el, "dialog[open]");
    assert!(
        text(&dialog).contains("Authentication"),
        "{}",
        text(&dialog)
    );
    assert!(text(&dialog).contains("API Key"));
    assert!(
        text(&dialog).contains("Real"),
        "a setting's default is shown: {}",
        text(&dialog)
    );
    let form = start_editing(&el).await;
    type_into(&one(&form, "#wc-f-prompt"), "Round to cents.");
    click(&button(&form, "Save"));
    wait_until("the settings saved", || !sent("PATCH").is_empty()).await;
    let body: Value = serde_json::from_str(&sent("PATCH")[0]).unwrap();
    assert_eq!(body, json!({ "settings": { "prompt": "Round to cents." } }));
    // Saved, the view goes back to the list.
    wait_until("the dialog to close", || {
        el.query_selector("dialog[open]").unwrap().is_none()
    })
    .await;
    drop(app);

    // Another type: its credentials are asked for, and the hub drops the old ones.
    let _app = open_connection(&el, hub, &id).await;
    let form = start_editing(&el).await;
    choose(&form, "bearer");
    wait_until("the token field", || {
        form.query_selector("#wc-f-token").unwrap().is_some()
    })
    .await;
    assert!(form.query_selector("#wc-f-api_key").unwrap().is_none());
    click(&button(&form, "Save"));
    wait_until("the token required", || {
        text(&one(&form, "#wc-f-token-error")).contains("required")
    })
    .await;
    type_into(&one(&form, "#wc-f-token"), "tok-abcdefgh1234");
    click(&button(&form, "Save"));
    wait_until("the switch saved", || sent("PATCH").len() == 2).await;
    let body: Value = serde_json::from_str(&sent("PATCH")[1]).unwrap();
    assert_eq!(
        body,
        json!({ "authentication_type": "bearer", "config": { "token": "tok-abcdefgh1234" } })
    );
    wait_until("the dialog to close", || {
        el.query_selector("dialog[open]").unwrap().is_none()
    })
    .await;
    let now = call("GET", &format!("/api/hubs/{hub}/connections/{id}"), None).await;
    assert_eq!(now["authentication_type"], "bearer");
    assert!(now["secrets"].get("api_key").is_none(), "{now}");
    assert!(now["secrets"].get("token").is_some());
    assert_eq!(now["settings"]["prompt"], "Round to cents.");
}

#[wasm_bindgen_test]
async fn a_settings_error_from_the_hub_shows_under_its_field() {
    let hub = Uuid::new_v4();
    let created = add_books(hub).await;
    // The hub's catalog changes under the open form: the bound the form knew is gone.
    let el = container();
    let _app = open_connection(&el, hub, created["id"].as_str().unwrap()).await;
    let form = start_editing(&el).await;
    add_tightened_connector(hub).await;
    type_into(&one(&form, "#wc-f-retries"), "4");
    click(&button(&form, "Save"));
    wait_until("the hub's message", || {
        text(&one(&form, "#wc-f-retries-error")).contains("Use a number of at most 3.")
    })
    .await;
    assert_eq!(
        one(&form, "#wc-f-retries")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
}

/// The same connector with `retries` bounded to 3.
async fn add_tightened_connector(hub: Uuid) {
    let mut catalog = call("GET", &format!("/api/hubs/{hub}/connectors"), None).await;
    let connectors = catalog["connectors"].as_array_mut().unwrap();
    let mut multi = connectors
        .iter()
        .find(|c| c["id"] == MULTI)
        .unwrap()
        .clone();
    for s in multi["settings"].as_array_mut().unwrap() {
        if s["key"] == "retries" {
            s["max"] = json!(3);
        }
    }
    add_to_catalog(hub, json!([multi])).await;
}

#[wasm_bindgen_test]
async fn the_auth_query_preselects_a_type() {
    let hub = Uuid::new_v4();
    add_multi_auth_connector(hub).await;
    let el = container();
    let _app = mount_app_at(
        &el,
        &format!("{}/new?connector={MULTI}&auth=bearer", base(hub)),
    );
    wait_until("the form", || {
        el.query_selector("dialog[open] #wc-f-token")
            .unwrap()
            .is_some()
    })
    .await;
    let checked = one(&el, "[data-auth-choice] input[value='bearer']")
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap();
    assert!(checked.checked());
    assert!(el.query_selector("#wc-f-api_key").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_seeds_speech_connectors_offer_their_providers_settings() {
    let hub = Uuid::new_v4();
    let el = container();
    for (connector, expected) in [
        (
            "openai-tts",
            vec![("voice", "alloy"), ("model", "gpt-4o-mini-tts")],
        ),
        (
            "elevenlabs-tts",
            vec![
                ("model", "eleven_multilingual_v2"),
                ("voice_id", "JBFqnCBsd6RMkjVDRZzb"),
            ],
        ),
        (
            "groq-stt",
            vec![("model", "whisper-large-v3"), ("language", "")],
        ),
        (
            "openai-stt",
            vec![("model", "gpt-4o-mini-transcribe"), ("language", "")],
        ),
    ] {
        let (app, form) = new_form(&el, hub, connector).await;
        for (key, value) in expected {
            assert_eq!(
                value_of(&form, &format!("#wc-f-{key}")),
                value,
                "{connector} {key}"
            );
        }
        drop(app);
    }
    let (_app, form) = new_form(&el, hub, "elevenlabs-tts").await;
    for (key, min, max) in [
        ("stability", "0", "1"),
        ("similarity_boost", "0", "1"),
        ("style", "0", "1"),
        ("speed", "0.7", "1.2"),
    ] {
        let slider = one(&form, &format!("#wc-f-{key}"));
        assert_eq!(slider.get_attribute("min").as_deref(), Some(min), "{key}");
        assert_eq!(slider.get_attribute("max").as_deref(), Some(max), "{key}");
    }
    let boost = one(&form, "#wc-f-use_speaker_boost");
    assert_eq!(boost.get_attribute("role").as_deref(), Some("switch"));
    let models: Vec<String> = all(&form, "#wc-f-model option")
        .iter()
        .map(|o| o.get_attribute("value").unwrap())
        .collect();
    assert_eq!(
        models,
        [
            "",
            "eleven_v3",
            "eleven_flash_v2_5",
            "eleven_turbo_v2_5",
            "eleven_multilingual_v2"
        ]
    );
}

#[wasm_bindgen_test]
async fn deep_links_highlight_every_connector_they_name_and_open_nothing() {
    let hub = Uuid::new_v4();
    let el = container();
    for (link, named) in [
        ("mcp-server", vec!["mcp-server-token", "mcp-server-oauth"]),
        ("whatsapp", vec!["whatsapp", "whatsapp-token"]),
        ("openai", vec!["openai", "openai-stt", "openai-tts"]),
    ] {
        let app = mount_app_at(&el, &format!("{}?connector={link}", base(hub)));
        wait_for_cards(&el, 21).await;
        wait_until("the highlight", || {
            !all(&el, ".wc-card--highlight").is_empty()
        })
        .await;
        let highlighted: Vec<String> = all(&el, ".wc-card--highlight")
            .iter()
            .map(|c| c.get_attribute("data-connector").unwrap())
            .collect();
        assert_eq!(highlighted, named, "{link}");
        assert!(
            el.query_selector("dialog").unwrap().is_none(),
            "{link} opens nothing"
        );
        drop(app);
    }
}

#[wasm_bindgen_test]
async fn an_oauth_type_among_others_ends_in_its_providers_sign_in() {
    let hub = Uuid::new_v4();
    let id = "0f0f0f0f-0000-4000-8000-0000000000a2";
    add_to_catalog(
        hub,
        json!([{
            "id": id, "slug": "mail-api", "type": "channel", "name": "Mail API",
            "description": "Mail for agents.", "status": "enabled",
            "authentication_types": [
                { "type": "api_key", "fields": [
                    { "key": "api_key", "label": "API Key", "kind": "secret", "required": true } ] },
                { "type": "oauth", "oauth": { "provider": "google", "button_label": "Connect with Google" } }
            ],
            "settings": [
                { "key": "signature", "label": "Signature", "kind": "multiline", "required": false, "max_length": 80 }
            ]
        }]),
    )
    .await;
    script_consent(
        hub,
        json!({ "decision": "allow", "account": "grace@example.com" }),
    )
    .await;
    watch_popups(false);
    let el = container();
    let (_app, _) = mount_view(
        &el,
        hub,
        PageView::New {
            connector: Some(id.into()),
            auth: Some("oauth".into()),
        },
        test_timings(),
    );
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    let form = one(&el, "dialog[open] form");
    assert!(form.query_selector("#wc-f-api_key").unwrap().is_none());
    assert!(
        all(&form, "button").iter().all(|b| text(b) != "Test"),
        "nothing to test before a sign-in"
    );
    type_into(&one(&form, "#wc-f-name"), "Team mail");
    type_into(&one(&form, "#wc-f-signature"), "Sent by Wayai");
    click_as_user(&button(&form, "Connect with Google")).await;
    assert_eq!(popups().len(), 1, "the popup opens in the submit itself");
    wait_until("the connection in the list", || {
        all(&el, ".wc-connection__name")
            .iter()
            .any(|n| text(n) == "Team mail")
    })
    .await;
    let made = connections_of(hub)
        .await
        .into_iter()
        .find(|c| c["name"] == "Team mail")
        .unwrap();
    assert_eq!(made["authentication_type"], "oauth");
    assert_eq!(made["oauth"]["account"], "grace@example.com");
    assert_eq!(made["settings"]["signature"], "Sent by Wayai");
}
