//! A warm start (issue 31): a host's preload starts the page's two requests and, once they came,
//! draws the page ahead; `mount` then shows it at once, without a request of its own, with the
//! token, events and language `mount` gave. A preload for another hub or other options, or whose
//! answers the hub refused (an expired token), is not used; without one the page mounts as it
//! always did.

use crate::support::*;
use wasm_bindgen_test::*;

/// The hub API requests the document has completed for `hub`, by URL.
fn requests_for(hub: Uuid) -> Vec<String> {
    let names = js_sys::Function::new_no_args(
        "return performance.getEntriesByType('resource').map((e) => e.name);",
    )
    .call0(&window())
    .unwrap();
    js_sys::Array::from(&names)
        .iter()
        .filter_map(|n| n.as_string())
        .filter(|n| n.contains(&format!("/api/hubs/{hub}/")))
        .collect()
}

/// Room for every request of the run: a full buffer would drop the entries counted here.
fn count_requests() {
    js_sys::Function::new_no_args("performance.setResourceTimingBufferSize(100000);")
        .call0(&window())
        .unwrap();
}

fn options(hub: Uuid, token: &str) -> wasm_bindgen::JsValue {
    let options = js_sys::Object::new();
    for (k, v) in [
        ("apiBaseUrl", HUB_URL.to_string()),
        ("hubId", hub.to_string()),
        ("token", token.to_string()),
        ("locale", "en".to_string()),
    ] {
        js_sys::Reflect::set(&options, &k.into(), &v.into()).unwrap();
    }
    options.into()
}

/// `options` with `key` set to `value`.
fn with(
    options: wasm_bindgen::JsValue,
    key: &str,
    value: &wasm_bindgen::JsValue,
) -> wasm_bindgen::JsValue {
    js_sys::Reflect::set(&options, &key.into(), value).unwrap();
    options
}

/// A host's preload, awaited: whether the page was drawn ahead.
async fn preload(options: wasm_bindgen::JsValue) -> bool {
    let ready = wayai_connections::preload_connections(options).unwrap();
    let drawn = wasm_bindgen_futures::JsFuture::from(ready).await.unwrap();
    drawn.as_bool().unwrap()
}

async fn requests_settle(hub: Uuid, n: usize) {
    let deadline = js_sys::Date::now() + PATIENCE_MS;
    while js_sys::Date::now() < deadline {
        if requests_for(hub).len() == n {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    let all = js_sys::Function::new_no_args(
        "return performance.getEntriesByType('resource').map((e) => e.name).slice(-8).join(' ');",
    )
    .call0(&window())
    .unwrap();
    panic!(
        "{n} requests for {hub}: {:?}; the last: {all:?}",
        requests_for(hub)
    );
}

#[wasm_bindgen_test]
async fn without_a_preload_the_page_asks_and_with_one_it_asks_nothing() {
    count_requests();
    // No preload: the page's own two requests, as ever.
    let cold = Uuid::new_v4();
    let el = container();
    let mut handle =
        wayai_connections::mount_connections(el.clone(), options(cold, "dev-token")).unwrap();
    wait_for_cards(&el, 21).await;
    requests_settle(cold, 2).await;
    handle.unmount();

    // A preload, asked twice (the second starts nothing), then mount: no request of its own.
    let warm = Uuid::new_v4();
    create(
        warm,
        OPENAI,
        "Preloaded",
        json!({ "api_key": "sk-proj-preloaded-0000" }),
    )
    .await;
    let created = requests_for(warm).len();
    let _ = wayai_connections::preload_connections(options(warm, "dev-token")).unwrap();
    assert!(preload(options(warm, "dev-token")).await, "drawn ahead");
    requests_settle(warm, created + 2).await;
    let el = container();
    let mut handle =
        wayai_connections::mount_connections(el.clone(), options(warm, "dev-token")).unwrap();
    // Shown as `mount` returns: the page was drawn ahead, with its answers.
    assert!(text(&el).contains("Preloaded"), "{}", text(&el));
    assert_eq!(el.query_selector_all(".wc-card").unwrap().length(), 21);
    assert!(el.query_selector(".wc-skeleton").unwrap().is_none());
    assert_eq!(
        requests_for(warm).len(),
        created + 2,
        "{:?}",
        requests_for(warm)
    );
    // The page moved into the element is removed from it like any other.
    handle.unmount();
    assert!(el.query_selector(".wc-root").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_preload_for_another_hub_or_refused_by_the_hub_is_not_used() {
    count_requests();
    // A Leptos host's preload for one hub; the page is then mounted for another.
    let first = Uuid::new_v4();
    let second = Uuid::new_v4();
    create(
        second,
        OPENAI,
        "Second hub's",
        json!({ "api_key": "sk-proj-second-00000" }),
    )
    .await;
    let created = requests_for(second).len();
    config(first).preload();
    requests_settle(first, 2).await;
    let el = container();
    let mut handle =
        wayai_connections::mount_connections(el.clone(), options(second, "dev-token")).unwrap();
    wait_until("the second hub's connection", || {
        text(&el).contains("Second hub's")
    })
    .await;
    requests_settle(second, created + 2).await;
    handle.unmount();

    // A preload made with a token the hub no longer takes: its 401s are not the page's answer.
    let expired = Uuid::new_v4();
    assert!(
        !preload(options(expired, "expired-token")).await,
        "not drawn ahead"
    );
    // Each asked twice: once more after the 401, with the token asked for again.
    requests_settle(expired, 4).await;
    let el = container();
    let mut handle =
        wayai_connections::mount_connections(el.clone(), options(expired, "dev-token")).unwrap();
    wait_for_cards(&el, 21).await;
    requests_settle(expired, 6).await;
    assert!(el.query_selector(".wc-alert--error").unwrap().is_none());
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_page_drawn_ahead_takes_mounts_token_events_and_language() {
    count_requests();
    let hub = Uuid::new_v4();
    let made = create(
        hub,
        OPENAI,
        "Ahead",
        json!({ "api_key": "sk-proj-ahead-000000" }),
    )
    .await;
    let id = made["id"].as_str().unwrap().to_string();
    assert!(preload(options(hub, "dev-token")).await);
    let asked = requests_for(hub);
    let listed = |r: &[String]| r.iter().filter(|r| r.ends_with("/connections")).count();
    // The host's own token (counted), events and language at mount.
    let token = js_sys::Function::new_no_args(
        "window.__wcTokens = (window.__wcTokens || 0) + 1; return 'dev-token';",
    );
    js_sys::Reflect::set(&window(), &"__wcEvents".into(), &js_sys::Array::new()).unwrap();
    let on_event = js_sys::Function::new_with_args("e", "window.__wcEvents.push(e.type);");
    let mounted = with(options(hub, "unused"), "token", &token);
    let mounted = with(mounted, "onEvent", &on_event);
    let mounted = with(mounted, "locale", &"pt-BR".into());
    let el = container();
    let mut handle = wayai_connections::mount_connections(el.clone(), mounted).unwrap();
    assert!(text(&el).contains("Ahead"));
    wait_until("the page in Portuguese", || {
        one(&el, ".wc-title").text_content().unwrap_or_default() == "Conexões"
    })
    .await;
    click(&one(&el, &format!("[data-connection='{id}'] a")));
    wait_until("the connection's view", || {
        el.query_selector("dialog[open] [data-focus='toggle']")
            .unwrap()
            .is_some()
    })
    .await;
    click(&one(&el, "dialog[open] [data-focus='toggle']"));
    let read = |name: &str| js_sys::Reflect::get(&window(), &name.into()).unwrap();
    wait_until("the host told of the update", || {
        js_sys::Array::from(&read("__wcEvents")).includes(&"updated".into(), 0)
    })
    .await;
    assert!(
        read("__wcTokens").as_f64().unwrap_or(0.0) >= 1.0,
        "mount's token asked"
    );
    // The catalog again, in Portuguese; the connections were not asked again.
    let now = requests_for(hub);
    assert_eq!(listed(&now), listed(&asked), "{now:?}");
    assert!(now.len() > asked.len());
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_page_drawn_ahead_with_other_options_is_not_used() {
    count_requests();
    let hub = Uuid::new_v4();
    create(
        hub,
        OPENAI,
        "Themed",
        json!({ "api_key": "sk-proj-themed-00000" }),
    )
    .await;
    assert!(preload(with(options(hub, "dev-token"), "theme", &"dark".into())).await);
    let asked = requests_for(hub).len();
    let el = container();
    let light = with(options(hub, "dev-token"), "theme", &"light".into());
    let mut handle = wayai_connections::mount_connections(el.clone(), light).unwrap();
    wait_until("the connection", || text(&el).contains("Themed")).await;
    assert_eq!(
        one(&el, ".wc-root")
            .get_attribute("data-wc-theme")
            .as_deref(),
        Some("light")
    );
    // Drawn anew, so asked anew.
    requests_settle(hub, asked + 2).await;
    handle.unmount();
}
