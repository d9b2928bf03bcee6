//! A warm start (issue 31): a host's preload starts the page's two requests; `mount` then renders
//! from their answers without a request of its own. A preload for another hub, or whose answers
//! the hub refused (an expired token), is not used; without one the page mounts as it always did.

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
    wayai_connections::preload_connections(options(warm, "dev-token")).unwrap();
    wayai_connections::preload_connections(options(warm, "dev-token")).unwrap();
    requests_settle(warm, created + 2).await;
    let el = container();
    let mut handle =
        wayai_connections::mount_connections(el.clone(), options(warm, "dev-token")).unwrap();
    wait_for_cards(&el, 21).await;
    wait_until("the preloaded connection", || {
        text(&el).contains("Preloaded")
    })
    .await;
    assert_eq!(
        requests_for(warm).len(),
        created + 2,
        "{:?}",
        requests_for(warm)
    );
    handle.unmount();
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
    wayai_connections::preload_connections(options(expired, "expired-token")).unwrap();
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
