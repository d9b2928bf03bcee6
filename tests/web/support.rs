//! What every component test uses: the dev hub over HTTP, the DOM, waiting on conditions, and
//! the one way each kind of host mounts the page.

pub(crate) use gloo_net::http::Request;
pub(crate) use leptos::prelude::*;
pub(crate) use serde_json::{json, Value};
pub(crate) use uuid::Uuid;
pub(crate) use wasm_bindgen::JsCast;
pub(crate) use wayai_connections::{api::ApiClient, App, ConnectionsPage, PageView};

pub(crate) const HUB_URL: &str = match option_env!("WAYAI_DEVHUB_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:18787",
};
pub(crate) const OPENAI: &str = "0cd6a292-895b-4667-b89e-dd298628c272";
pub(crate) const ANTHROPIC: &str = "b3c4d5e6-f7a8-9012-bcde-f12345678902";
pub(crate) const GOOGLE_AI: &str = "c4d5e6f7-a8b9-0123-cdef-234567890123";
pub(crate) const OPENROUTER: &str = "4d7e9f23-1a2b-4c3d-9e8f-5a6b7c8d9e0f";
pub(crate) const MCP_TOKEN: &str = "f1a2b3c4-d5e6-7890-abcd-ef1234567890";
pub(crate) const GMAIL: &str = "e12d4567-89ab-4cef-9012-3456789abcde";
pub(crate) const ORG: &str = "5a1e0000-0000-4000-8000-00000000a001";

pub(crate) async fn call(method: &str, path: &str, body: Option<Value>) -> Value {
    let url = format!("{HUB_URL}{path}");
    let builder = match method {
        "POST" => Request::post(&url),
        "PUT" => Request::put(&url),
        "DELETE" => Request::delete(&url),
        _ => Request::get(&url),
    }
    .header("Authorization", "Bearer dev-token")
    .header("Idempotency-Key", &Uuid::new_v4().to_string());
    let response = match body {
        Some(body) => builder.json(&body).unwrap().send().await,
        None => builder.send().await,
    }
    .unwrap();
    let text = response.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

pub(crate) async fn create(hub: Uuid, connector: &str, name: &str, config: Value) -> Value {
    let created = call(
        "POST",
        &format!("/api/hubs/{hub}/connections"),
        Some(json!({ "connector_id": connector, "name": name, "config": config })),
    )
    .await;
    assert!(created["id"].is_string(), "create failed: {created}");
    created
}

pub(crate) async fn test_connection(hub: Uuid, connection: &Value) {
    let id = connection["id"].as_str().unwrap();
    call(
        "POST",
        &format!("/api/hubs/{hub}/connections/{id}/test"),
        None,
    )
    .await;
}

/// Connects Gmail through the simulated provider with `account`, as the popup would.
pub(crate) async fn connect_gmail(hub: Uuid, account: &str) {
    let flow = call(
        "POST",
        &format!("/api/hubs/{hub}/oauth/flows"),
        Some(json!({ "connector_id": GMAIL, "opener_origin": "http://127.0.0.1:1" })),
    )
    .await;
    let state = flow["state"].as_str().unwrap();
    // The consent form's POST redirects to the callback, which completes the flow.
    let _ = Request::post(&format!("{HUB_URL}/dev/oauth/decide"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!(
            "state={state}&decision=allow&account={}",
            account.replace('@', "%40")
        ))
        .unwrap()
        .send()
        .await;
    let status = call(
        "GET",
        &format!(
            "/api/hubs/{hub}/oauth/flows/{}",
            flow["id"].as_str().unwrap()
        ),
        None,
    )
    .await;
    assert_eq!(status["status"], "succeeded", "{status}");
}

pub(crate) async fn set_faults(rules: Value) {
    call("PUT", "/dev/faults", Some(json!({ "rules": rules }))).await;
}

/// A fresh element for a test's page.
pub(crate) fn container() -> web_sys::HtmlElement {
    clear_up_after_a_failure();
    let document = document();
    let el = document
        .create_element("div")
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    el.set_attribute("data-test-page", "").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el
}

/// Tests run one after another in one document, and a test that fails stops where it panicked:
/// its page stays mounted (an open modal dialog makes the rest of the document inert) and its
/// popups stay open. So that one failure is reported once instead of failing every test after
/// it, a panic first closes the test's dialogs and popups and removes its pages.
fn clear_up_after_a_failure() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = js_sys::Function::new_no_args(
                "for (const w of window.__wcPopups || []) { try { if (w) w.close(); } catch (_) {} }
                 for (const d of document.querySelectorAll('[data-test-page] dialog[open]')) d.close();
                 for (const page of document.querySelectorAll('[data-test-page]')) page.remove();",
            )
            .call0(&window());
            report(info);
        }));
    });
}

/// The elements matching `selector` that a person can see: none inside something `hidden` (what
/// a search leaves out stays on the page, hidden).
pub(crate) fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter(|e| e.closest("[hidden]").ok().flatten().is_none())
        .collect()
}

pub(crate) fn one(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

pub(crate) fn text(el: &web_sys::Element) -> String {
    el.text_content().unwrap_or_default()
}

/// How long a condition may take to hold. Generous: data arrives over HTTP and popups run in
/// windows of their own, and a shared two-core machine running the browser, the hub and the
/// build at once can take many times a quiet machine's time.
pub(crate) const PATIENCE_MS: f64 = 30_000.0;

/// Polls until `ready` holds, for at most `PATIENCE_MS` of wall-clock time (a count of ticks
/// would stretch with a throttled timer, and a fixed number of ticks would be a race).
pub(crate) async fn wait_until(what: &str, ready: impl Fn() -> bool) {
    let deadline = js_sys::Date::now() + PATIENCE_MS;
    while js_sys::Date::now() < deadline {
        if ready() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    if ready() {
        return;
    }
    panic!("timed out waiting for {what}");
}

pub(crate) async fn wait_for_cards(el: &web_sys::Element, n: usize) {
    wait_until(&format!("{n} cards"), || all(el, ".wc-card").len() == n).await;
}

pub(crate) fn dev_client() -> ApiClient {
    ApiClient::new(HUB_URL, "dev-token")
}

pub(crate) fn mount_page(
    el: &web_sys::HtmlElement,
    client: ApiClient,
    hub_id: Uuid,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    leptos::mount::mount_to(el.clone(), move || {
        view! { <ConnectionsPage client=client.clone() hub_id base_path="/test/connections" /> }
    })
}

/// Puts `path` in the address bar, as a navigation does, for a router mounted next.
fn push_path(path: &str) {
    window()
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
}

/// The standalone app (with its router) at `path`, as after a navigation to it.
pub(crate) fn mount_app_at(
    el: &web_sys::HtmlElement,
    path: &str,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    push_path(path);
    leptos::mount::mount_to(el.clone(), || view! { <App client=dev_client() /> })
}

/// Types `value` into an input or a textarea, as a person's typing arrives (an input event).
pub(crate) fn type_into(input: &web_sys::Element, value: &str) {
    js_sys::Reflect::set(input, &"value".into(), &value.into()).unwrap();
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

/// Chooses `value` in a select, as a person's choice arrives (a change event).
pub(crate) fn choose(select: &web_sys::Element, value: &str) {
    let select = select.dyn_ref::<web_sys::HtmlSelectElement>().unwrap();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    select.dispatch_event(&event).unwrap();
}

pub(crate) fn click(el: &web_sys::Element) {
    el.dyn_ref::<web_sys::HtmlElement>().unwrap().click();
}

pub(crate) async fn error_for(client: ApiClient, hub: Uuid) -> (web_sys::HtmlElement, String) {
    let el = container();
    let app = mount_page(&el, client, hub);
    wait_until("the error", || {
        el.query_selector("[role='alert']").unwrap().is_some()
    })
    .await;
    let message = text(&one(&el, "[role='alert']"));
    drop(app);
    (el, message)
}

pub(crate) fn base(hub: Uuid) -> String {
    format!("/settings/organizations/{ORG}/hubs/{hub}/connections")
}

pub(crate) fn button(root: &web_sys::Element, label: &str) -> web_sys::Element {
    all(root, "button")
        .into_iter()
        .find(|b| text(b).trim() == label)
        .unwrap_or_else(|| panic!("no button {label}"))
}

/// The standalone app at `…/<connection id>` of `hub`, once the connection's dialog is open.
pub(crate) async fn open_connection(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    id: &str,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    let app = mount_app_at(el, &format!("{}/{id}", base(hub)));
    wait_until("the dialog", || {
        el.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    app
}

/// Edit, in the open connection view: its form, once it is up.
pub(crate) async fn start_editing(el: &web_sys::Element) -> web_sys::Element {
    click(&button(&one(el, "dialog[open]"), "Edit"));
    wait_until("the edit form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    one(el, "dialog[open] form")
}

/// What support does to a hub's catalog: adds `connectors` (a JSON list), in place of any it
/// added before.
pub(crate) async fn add_to_catalog(hub: Uuid, connectors: Value) {
    call(
        "PUT",
        &format!("/dev/hubs/{hub}/catalog-extra"),
        Some(json!({ "connectors": connectors })),
    )
    .await;
}

/// The standalone app at `…/new?connector=<connector>` of `hub`, once its form is up.
pub(crate) async fn new_form(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    connector: &str,
) -> (
    leptos::mount::UnmountHandle<impl Mountable>,
    web_sys::Element,
) {
    let app = mount_app_at(el, &format!("{}/new?connector={connector}", base(hub)));
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    (app, one(el, "dialog[open] form"))
}

pub(crate) fn input_value(root: &web_sys::Element, selector: &str) -> String {
    one(root, selector)
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap()
        .value()
}

pub(crate) async fn hub_connection_names(hub: Uuid) -> Vec<String> {
    let list = call("GET", &format!("/api/hubs/{hub}/connections"), None).await;
    list["connections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

pub(crate) fn press_escape(dialog: &web_sys::Element) {
    // What the browser does on Escape for a modal dialog: a cancelable `cancel` event.
    let init = web_sys::EventInit::new();
    init.set_cancelable(true);
    let event = web_sys::Event::new_with_event_init_dict("cancel", &init).unwrap();
    dialog.dispatch_event(&event).unwrap();
}

pub(crate) const MCP_OAUTH: &str = "a2b3c4d5-e6f7-8901-bcde-f12345678901";

/// Short bounds, so that "cancelled" and "timed out" are reached in a test's time.
pub(crate) fn test_timings() -> wayai_connections::OauthTimings {
    wayai_connections::OauthTimings {
        timeout_ms: 30_000,
        grace_ms: 1_200,
        poll_ms: 300,
    }
}

/// The page at `start`, its view in a signal that the page's own navigation moves: no router.
pub(crate) fn mount_view(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    start: PageView,
    timings: wayai_connections::OauthTimings,
) -> (
    leptos::mount::UnmountHandle<impl Mountable>,
    RwSignal<PageView>,
) {
    mount_view_in(el, hub, start, timings, MaybeProp::default())
}

/// [`mount_view`], in the language `locale` names (the browser's when absent; a signal the
/// test holds may switch it).
pub(crate) fn mount_view_in(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    start: PageView,
    timings: wayai_connections::OauthTimings,
    locale: MaybeProp<String>,
) -> (
    leptos::mount::UnmountHandle<impl Mountable>,
    RwSignal<PageView>,
) {
    let view_signal = RwSignal::new(start);
    let handle = leptos::mount::mount_to(el.clone(), move || {
        let base = "/test/connections";
        let navigate = Callback::new(move |href: String| {
            view_signal.set(PageView::from_href(base, &href));
        });
        view! {
            <ConnectionsPage
                client=dev_client()
                hub_id=hub
                base_path=base
                view=view_signal
                navigate
                oauth_timings=Some(timings)
                locale
            />
        }
    });
    (handle, view_signal)
}

/// How the dev hub's consent page behaves for this hub's flows.
pub(crate) async fn script_consent(hub: Uuid, script: Value) {
    call(
        "PUT",
        &format!("/dev/hubs/{hub}/oauth-consent"),
        Some(script),
    )
    .await;
}

/// Waits for the question a dialog asks before it goes on (its `alertdialog`): that question.
pub(crate) async fn the_question(dialog: &web_sys::Element) -> web_sys::Element {
    wait_until("the question", || {
        dialog
            .query_selector("[role='alertdialog']")
            .unwrap()
            .is_some()
    })
    .await;
    one(dialog, "[role='alertdialog']")
}

/// Clicks a connection view's Delete and waits for its confirmation: the question.
pub(crate) async fn ask_to_delete(dialog: &web_sys::Element) -> web_sys::Element {
    click(&button(dialog, "Delete"));
    the_question(dialog).await
}

/// The dev hub's OAuth-protected demo MCP server (the MCP authorization spec's resource server).
pub(crate) fn protected_mcp() -> String {
    format!("{HUB_URL}/dev/mcp-protected")
}

/// Its authorization server answers the next request with `decision` without showing its page
/// (a test cannot click in a popup of another origin).
pub(crate) async fn script_authorization_server(decision: &str) {
    call(
        "PUT",
        "/dev/oauth-as/consent",
        Some(json!({ "decision": decision })),
    )
    .await;
}

/// An MCP Server - OAuth connection to the protected demo server, signed in as a browser does:
/// the hub's flow, then its authorization URL in a window of its own (consent given).
pub(crate) async fn connect_protected_mcp(hub: Uuid, name: &str) -> Value {
    script_authorization_server("allow").await;
    let flow = call(
        "POST",
        &format!("/api/hubs/{hub}/oauth/flows"),
        Some(
            json!({ "connector_id": MCP_OAUTH, "name": name, "opener_origin": "http://127.0.0.1:1",
                     "config": { "url": protected_mcp() } }),
        ),
    )
    .await;
    // A window of its own, as the page's popup: the hub's result page closes it when done.
    let window = web_sys::window()
        .unwrap()
        .open_with_url(flow["authorize_url"].as_str().unwrap())
        .unwrap()
        .expect("a window for the sign-in");
    wait_until("the sign-in window to close", || window.closed().unwrap()).await;
    connections_of(hub)
        .await
        .into_iter()
        .find(|c| c["name"] == name)
        .expect("the sign-in made the connection")
}

/// Records every window the page opens (`window.__wcPopups`); with `blocked`, opens none and
/// returns null, as a browser's popup blocker does.
pub(crate) fn watch_popups(blocked: bool) {
    let body = format!(
        "if (!window.__wcOpen) window.__wcOpen = window.open;
         window.__wcPopups = [];
         window.open = function (...args) {{
           const w = {} ;
           window.__wcPopups.push(w);
           return w;
         }};",
        if blocked {
            "null"
        } else {
            "window.__wcOpen.apply(window, args)"
        }
    );
    js_sys::Function::new_no_args(&body)
        .call0(&window())
        .unwrap();
}

/// Clicks `el` in a task of its own, as a person's click arrives. Firefox's `window.open` can run
/// queued tasks before it returns; from inside the test's own task that would re-enter it.
pub(crate) async fn click_as_user(el: &web_sys::Element) {
    let clicked = js_sys::Promise::new(&mut |resolve, _| {
        let f = js_sys::Function::new_with_args(
            "el, done",
            "setTimeout(() => { el.click(); done(); }, 0);",
        );
        f.call2(&wasm_bindgen::JsValue::NULL, el, &resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(clicked).await.unwrap();
}

pub(crate) fn popups() -> Vec<wasm_bindgen::JsValue> {
    let list = js_sys::Reflect::get(&window(), &"__wcPopups".into()).unwrap();
    js_sys::Array::from(&list).to_vec()
}

pub(crate) fn popup(n: usize) -> web_sys::Window {
    popups()[n].clone().unchecked_into::<web_sys::Window>()
}

pub(crate) fn oauth_status(el: &web_sys::Element, key: &str) -> String {
    el.query_selector(&format!("[data-oauth-for=\"{key}\"]"))
        .unwrap()
        .map(|e| text(&e))
        .unwrap_or_default()
}

pub(crate) fn announcement(el: &web_sys::Element) -> String {
    text(&one(el, ".wc-announcement"))
}

pub(crate) async fn connections_of(hub: Uuid) -> Vec<Value> {
    call("GET", &format!("/api/hubs/{hub}/connections"), None).await["connections"]
        .as_array()
        .unwrap()
        .clone()
}

pub(crate) async fn open_gmail_sign_in(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    timings: wayai_connections::OauthTimings,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    let (app, _) = mount_view(
        el,
        hub,
        PageView::New {
            connector: Some(GMAIL.into()),
            auth: None,
        },
        timings,
    );
    wait_until("the Google button", || {
        all(el, "dialog[open] button")
            .iter()
            .any(|b| text(b) == "Connect with Google")
    })
    .await;
    app
}

/// Gmail's view with "Connect with Google" clicked.
pub(crate) async fn click_connect_with_google(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    timings: wayai_connections::OauthTimings,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    let app = open_gmail_sign_in(el, hub, timings).await;
    click_as_user(&button(el, "Connect with Google")).await;
    app
}

/// A demo MCP server URL with a tool set of its own (a new set starts as the three demo tools).
pub(crate) fn demo_mcp(set: Uuid) -> String {
    format!("{HUB_URL}/dev/mcp?set={set}")
}

pub(crate) async fn set_demo_tools(set: Uuid, tools: Value) {
    call(
        "PUT",
        &format!("/dev/mcp-tools?set={set}"),
        Some(json!({ "tools": tools })),
    )
    .await;
}

pub(crate) async fn open_tools(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    connection: &Value,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    let id = connection["id"].as_str().unwrap().to_string();
    let (app, _) = mount_view(el, hub, PageView::Connection { id }, test_timings());
    wait_until("the tools section", || {
        el.query_selector("dialog[open] .wc-tools")
            .unwrap()
            .is_some()
    })
    .await;
    app
}

pub(crate) fn tool_titles(el: &web_sys::Element) -> Vec<String> {
    all(el, ".wc-tool:not([hidden]) .wc-tool__title")
        .iter()
        .map(text)
        .collect()
}

/// Opens the view of an MCP connection whose server fails, syncs until the failure says
/// `expected`, and returns the words shown and the buttons offered.
pub(crate) async fn sync_failure(
    connector: &str,
    config: Value,
    expected: &str,
) -> (String, Vec<String>) {
    let hub = Uuid::new_v4();
    let connection = create(hub, connector, "Failing server", config).await;
    let el = container();
    let _app = open_tools(&el, hub, &connection).await;
    // The failure the hub recorded when the connection was saved shows before any sync.
    wait_until("the recorded failure", || {
        el.query_selector(".wc-tools__problem").unwrap().is_some()
    })
    .await;
    click(&button(&one(&el, ".wc-tools__problem"), "Retry"));
    let failure = ".wc-tools__problem[data-source=\"sync\"]";
    wait_until(expected, || {
        el.query_selector(failure)
            .unwrap()
            .is_some_and(|p| text(&p).contains(expected))
    })
    .await;
    // The row behind the dialog says the same: never "connected".
    let health = one(
        &el,
        &format!(
            "[data-connection=\"{}\"]",
            connection["id"].as_str().unwrap()
        ),
    )
    .get_attribute("data-health")
    .unwrap();
    assert_ne!(health, "ok");
    let problem = one(&el, failure);
    let buttons = all(&problem, "button").iter().map(text).collect();
    (text(&problem), buttons)
}

pub(crate) use leptos_router::{
    components::{Route, Router, Routes},
    path,
};
pub(crate) use wayai_connections::{ConnectionsConfig, ConnectionsEvent, ConnectionsRoutes};

pub(crate) fn config(hub: Uuid) -> ConnectionsConfig {
    ConnectionsConfig::new(
        HUB_URL,
        hub,
        wayai_connections::api::TokenSource::fixed("dev-token"),
    )
}

/// A host app with its own router, navigation and routes, and the page's routes under
/// `/host/admin/connections`.
pub(crate) fn mount_host_at(
    el: &web_sys::HtmlElement,
    path: &str,
    config: ConnectionsConfig,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    push_path(path);
    leptos::mount::mount_to(el.clone(), move || {
        let config = config.clone();
        view! {
            <Router>
                <nav class="host-nav">
                    <a href="/host/home">"Home"</a>
                    <a href="/host/admin/connections">"Connections"</a>
                </nav>
                <main class="host-main">
                    <Routes fallback=|| view! { <p class="host-missing">"Host: not found"</p> }>
                        <Route path=path!("/host/home") view=|| view! { <h1 class="host-home">"Host home"</h1> } />
                        <ConnectionsRoutes path=path!("/host/admin/connections") config />
                    </Routes>
                </main>
            </Router>
        }
    })
}

/// Computed styles of the host's own elements, to compare before and after the page arrives.
pub(crate) fn host_styles(host: &web_sys::Element) -> Vec<String> {
    let mut out = Vec::new();
    let mut elements = vec![
        document().document_element().unwrap(),
        document().body().unwrap().into(),
    ];
    elements.extend(all(host, "*"));
    for el in elements {
        let style = window().get_computed_style(&el).unwrap().unwrap();
        for property in [
            "font-family",
            "font-size",
            "line-height",
            "color",
            "background-color",
            "margin-top",
            "padding-left",
            "box-sizing",
            "border-top-width",
            "display",
            "text-decoration-line",
        ] {
            out.push(format!(
                "{} {property}: {}",
                el.tag_name(),
                style.get_property_value(property).unwrap()
            ));
        }
    }
    out
}

/// Counts listeners and timers added and removed on window and document while `run` runs.
pub(crate) fn listener_ledger() -> js_sys::Function {
    js_sys::Function::new_no_args(
        "const ledger = { added: 0, removed: 0, intervals: 0, cleared: 0 };
         const targets = [window, document];
         const saved = targets.map(t => [t.addEventListener, t.removeEventListener]);
         const live = new Map();
         targets.forEach(t => {
           const [add, remove] = [t.addEventListener, t.removeEventListener];
           t.addEventListener = function (...a) {
             ledger.added++; live.set(a[1], a[0]); return add.apply(this, a);
           };
           t.removeEventListener = function (...a) {
             ledger.removed++; live.delete(a[1]); return remove.apply(this, a);
           };
         });
         Object.defineProperty(ledger, 'left', { get: () => [...live.values()].sort() });
         const [setI, clearI] = [window.setInterval, window.clearInterval];
         window.setInterval = function (...a) { ledger.intervals++; return setI.apply(window, a); };
         window.clearInterval = function (...a) { ledger.cleared++; return clearI.apply(window, a); };
         ledger.restore = () => {
           targets.forEach((t, i) => { t.addEventListener = saved[i][0]; t.removeEventListener = saved[i][1]; });
           window.setInterval = setI; window.clearInterval = clearI;
         };
         return ledger;",
    )
}

pub(crate) fn ledger_count(ledger: &wasm_bindgen::JsValue, key: &str) -> f64 {
    js_sys::Reflect::get(ledger, &key.into())
        .unwrap()
        .as_f64()
        .unwrap()
}
