//! Embedding: routes under a host's router, styles, two instances, unmounting, tokens, events,
//! and `mount` for plain JavaScript.

use crate::support::*;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn embed_routes_nest_under_the_hosts_path_in_its_own_router() {
    let hub = Uuid::new_v4();
    let el = container();
    let app = mount_host_at(
        &el,
        &format!("/host/admin/connections/new?connector={OPENAI}"),
        config(hub),
    );
    wait_until("the create view", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    assert_eq!(text(&one(&el, "#wc-dialog-title")), "New OpenAI connection");
    assert_eq!(
        all(&el, ".host-nav a").len(),
        2,
        "the host's navigation stays"
    );
    // The page's links point under the host's path.
    let add = one(&el, "[data-connector='anthropic'] .wc-card__add");
    assert_eq!(
        add.get_attribute("href").unwrap(),
        format!("/host/admin/connections/new?connector={ANTHROPIC}")
    );
    click(&button(&el, "Close"));
    wait_until("the list URL", || {
        window().location().pathname().unwrap() == "/host/admin/connections"
    })
    .await;
    wait_until("the dialog to close", || {
        el.query_selector("dialog[open]").unwrap().is_none()
    })
    .await;
    drop(app);

    // A host route that is not the page's is the host's.
    let el = container();
    let _app = mount_host_at(&el, "/host/home", config(hub));
    wait_until("the host's own page", || {
        el.query_selector(".host-home").unwrap().is_some()
    })
    .await;
    assert!(el.query_selector(".wc-root").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn embed_the_page_leaves_the_hosts_styles_alone_and_two_instances_work_side_by_side() {
    // The host's own page: headings, paragraphs, links, buttons, inputs, a list.
    let host = container();
    host.set_inner_html(
        r#"<h1>Host title</h1><p>Host text <a href="/x">link</a></p><button>Host button</button>
           <input value="host"><ul><li>one</li></ul><dialog open>host dialog</dialog>"#,
    );
    let before = host_styles(&host);
    // The page's stylesheet, as a host includes it.
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../../style/connections.css")));
    document().head().unwrap().append_child(&style).unwrap();

    let (one_hub, two_hub) = (Uuid::new_v4(), Uuid::new_v4());
    create(
        two_hub,
        OPENAI,
        "Second instance's key",
        json!({ "api_key": "sk-proj-abcdefgh1234" }),
    )
    .await;
    let (first, second) = (container(), container());
    let _a = mount_page(&first, dev_client(), one_hub);
    let _b = mount_page(&second, dev_client(), two_hub);
    wait_for_cards(&first, 21).await;
    wait_for_cards(&second, 21).await;
    assert_eq!(
        host_styles(&host),
        before,
        "the host's computed styles are unchanged"
    );

    // Each instance shows its own hub.
    assert!(!text(&first).contains("Second instance's key"));
    assert!(text(&second).contains("Second instance's key"));
    // No id appears twice in the document, and every label points into its own instance.
    let ids: Vec<String> = all(&document().document_element().unwrap(), "[id]")
        .iter()
        .map(|e| e.id())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate ids: {ids:?}");
    for (root, prefix) in [(&first, "wc-"), (&second, "wc2-")] {
        let search = one(root, "input[type=search]");
        assert_eq!(search.id(), format!("{prefix}search-input"));
        let label = one(root, "label[for]");
        assert!(root.contains(
            document()
                .get_element_by_id(&label.get_attribute("for").unwrap())
                .as_ref()
                .map(|e| e.unchecked_ref())
        ));
    }
    // Typing in one search box filters only its own page.
    type_into(&one(&first, "input[type=search]"), "gmail");
    wait_until("the first page filtered", || {
        all(&first, ".wc-card").len() == 1
    })
    .await;
    assert_eq!(all(&second, ".wc-card").len(), 21);
    style.remove();
}

#[wasm_bindgen_test]
async fn embed_a_page_its_host_threw_away_without_unmounting_frees_its_ids() {
    let hub = Uuid::new_v4();
    let thrown = container();
    let leaked = mount_page(&thrown, dev_client(), hub);
    wait_for_cards(&thrown, 21).await;
    assert_eq!(one(&thrown, "input[type=search]").id(), "wc-search-input");
    // The host replaces its content and never calls unmount.
    thrown.remove();
    std::mem::forget(leaked);
    let el = container();
    let _app = mount_page(&el, dev_client(), hub);
    wait_for_cards(&el, 21).await;
    assert_eq!(one(&el, "input[type=search]").id(), "wc-search-input");
    // A page still in the document keeps its number: the next one beside it is the second.
    let beside = container();
    let _beside = mount_page(&beside, dev_client(), hub);
    wait_for_cards(&beside, 21).await;
    assert_eq!(one(&beside, "input[type=search]").id(), "wc2-search-input");
}

#[wasm_bindgen_test]
async fn embed_unmounting_removes_every_listener_and_timer_it_added() {
    let hub = Uuid::new_v4();
    watch_popups(false);
    // Leptos registers its delegated event listeners once per document: a first mount does that.
    {
        let el = container();
        let _app = open_gmail_sign_in(&el, hub, test_timings()).await;
        click_as_user(&button(&el, "Connect with Google")).await;
    }
    let ledger = listener_ledger()
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
    let el = container();
    let app = open_gmail_sign_in(&el, hub, test_timings()).await;
    type_into(&one(&el, "#wc-search-input"), "gmail");
    click_as_user(&button(&el, "Connect with Google")).await;
    wait_until("the flow listening", || {
        ledger_count(&ledger, "added") > 0.0
    })
    .await;
    assert_eq!(
        ledger_count(&ledger, "intervals"),
        1.0,
        "the flow's one timer"
    );
    drop(app);
    let restore: js_sys::Function = js_sys::Reflect::get(&ledger, &"restore".into())
        .unwrap()
        .unchecked_into();
    restore.call0(&ledger).unwrap();
    assert_eq!(
        ledger_count(&ledger, "added"),
        ledger_count(&ledger, "removed"),
        "every listener added while mounted was removed"
    );
    assert_eq!(
        ledger_count(&ledger, "intervals"),
        ledger_count(&ledger, "cleared")
    );
    assert!(popup(popups().len() - 1).closed().unwrap());
}

#[wasm_bindgen_test]
async fn embed_a_401_asks_the_token_source_again_and_retries_once() {
    let hub = Uuid::new_v4();
    let asked = std::rc::Rc::new(std::cell::RefCell::new(Vec::<bool>::new()));
    let log = asked.clone();
    // A host whose cached token went stale: a refresh gets the good one.
    let token = wayai_connections::api::TokenSource::refreshing(move |refresh| {
        log.borrow_mut().push(refresh);
        async move {
            gloo_timers::future::TimeoutFuture::new(10).await;
            if refresh { "dev-token" } else { "stale-token" }.to_string()
        }
    });
    let el = container();
    let client = ApiClient::with_token_source(HUB_URL, token);
    let _app = mount_page(&el, client, hub);
    wait_for_cards(&el, 21).await;
    let asked = asked.borrow().clone();
    assert_eq!(
        asked.iter().filter(|r| **r).count(),
        2,
        "one refresh for each of the two first requests: {asked:?}"
    );
    assert_eq!(asked.len(), 4, "{asked:?}");
}

#[wasm_bindgen_test]
async fn embed_events_tell_the_host_of_changes_and_of_a_token_that_keeps_failing() {
    let hub = Uuid::new_v4();
    let events = RwSignal::new(Vec::<String>::new());
    let record = Callback::new(move |e: ConnectionsEvent| {
        let line = match e {
            ConnectionsEvent::Created(c) => format!("created {}", c.name),
            ConnectionsEvent::Updated(c) => format!("updated {} {}", c.name, c.enabled),
            ConnectionsEvent::Deleted(_) => "deleted".to_string(),
            ConnectionsEvent::AuthenticationRequired => "authentication required".to_string(),
        };
        events.update(|v| v.push(line));
    });
    let mut cfg = config(hub);
    cfg.on_event = Some(record);
    let el = container();
    let app = mount_host_at(
        &el,
        &format!("/host/admin/connections/new?connector={OPENAI}"),
        cfg,
    );
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    type_into(&one(&el, "#wc-f-name"), "Evented");
    type_into(&one(&el, "#wc-f-api_key"), "sk-proj-abcdefgh1234");
    click(&button(&el, "Save"));
    // Created, then tested at once: its health is an update the host hears of too.
    wait_until("the created and tested events", || {
        events.get_untracked().len() == 2
    })
    .await;
    assert_eq!(
        events.get_untracked(),
        ["created Evented", "updated Evented true"]
    );
    drop(app);

    // A token the hub refuses even after a refresh.
    let mut cfg = config(hub);
    cfg.token = wayai_connections::api::TokenSource::fixed("revoked-token");
    cfg.on_event = Some(record);
    let el = container();
    let _app = mount_host_at(&el, "/host/admin/connections", cfg);
    wait_until("the sign-in message", || {
        el.query_selector("[role='alert']").unwrap().is_some()
    })
    .await;
    wait_until("the event", || {
        events
            .get_untracked()
            .contains(&"authentication required".to_string())
    })
    .await;
}

#[wasm_bindgen_test]
async fn embed_mount_for_plain_javascript_hosts_renders_follows_links_and_unmounts() {
    let hub = Uuid::new_v4();
    let options = js_sys::Object::new();
    for (k, v) in [
        ("apiBaseUrl", HUB_URL.to_string()),
        ("hubId", hub.to_string()),
    ] {
        js_sys::Reflect::set(&options, &k.into(), &v.into()).unwrap();
    }
    let token = js_sys::Function::new_with_args("refresh", "return Promise.resolve('dev-token');");
    js_sys::Reflect::set(&options, &"token".into(), &token).unwrap();
    let el = container();
    let mut handle = wayai_connections::mount_connections(el.clone(), options.into()).unwrap();
    wait_for_cards(&el, 21).await;
    let path = window().location().pathname().unwrap();
    // Without a base path, views live in memory: a link opens its view, the address stays.
    click(&one(&el, "[data-connector='openai'] .wc-card__add"));
    wait_until("the create view", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    assert_eq!(window().location().pathname().unwrap(), path);
    handle.unmount();
    assert_eq!(el.child_element_count(), 0);
    let bad = js_sys::Object::new();
    assert!(wayai_connections::mount_connections(container(), bad.into()).is_err());
}

#[wasm_bindgen_test]
async fn embed_a_dropped_mount_handle_leaves_the_page_working() {
    // JavaScript frees a handle nobody kept whenever it collects garbage: that must not take the
    // page away; only unmount does.
    let options = js_sys::Object::new();
    for (k, v) in [
        ("apiBaseUrl", HUB_URL.to_string()),
        ("hubId", Uuid::new_v4().to_string()),
        ("token", "dev-token".to_string()),
    ] {
        js_sys::Reflect::set(&options, &k.into(), &v.into()).unwrap();
    }
    let el = container();
    drop(wayai_connections::mount_connections(el.clone(), options.into()).unwrap());
    wait_for_cards(&el, 21).await;
    click(&one(&el, "[data-connector='openai'] .wc-card__add"));
    wait_until("the create view", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    // The host throws its element away: the page's instance number is freed with it.
    el.remove();
}

#[wasm_bindgen_test]
async fn embed_under_a_host_router_only_the_routers_own_listeners_outlive_it() {
    let hub = Uuid::new_v4();
    {
        let el = container();
        let _app = mount_host_at(&el, "/host/admin/connections", config(hub));
        wait_for_cards(&el, 21).await;
    }
    let ledger = listener_ledger()
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
    let el = container();
    let app = mount_host_at(&el, "/host/admin/connections", config(hub));
    wait_for_cards(&el, 21).await;
    drop(app);
    let restore: js_sys::Function = js_sys::Reflect::get(&ledger, &"restore".into())
        .unwrap()
        .unchecked_into();
    restore.call0(&ledger).unwrap();
    // leptos_router 0.8.17's <Router> (the host's) adds a click and a popstate listener to the
    // window and never removes them; the page's routes add none of their own.
    let left: Vec<String> =
        js_sys::Array::from(&js_sys::Reflect::get(&ledger, &"left".into()).unwrap())
            .iter()
            .filter_map(|t| t.as_string())
            .collect();
    assert_eq!(left, ["click", "popstate"]);
}

#[wasm_bindgen_test]
async fn embed_focus_after_an_update_stays_in_the_instance_that_made_it() {
    let (one_hub, two_hub) = (Uuid::new_v4(), Uuid::new_v4());
    let first_id = create(
        one_hub,
        OPENAI,
        "First page's",
        json!({ "api_key": "sk-1" }),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let second_id = create(
        two_hub,
        OPENAI,
        "Second page's",
        json!({ "api_key": "sk-2" }),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (first, second) = (container(), container());
    // Both pages show a connection; the second one's dialog opens last, so it is the active one.
    let _a = mount_view(
        &first,
        one_hub,
        PageView::Connection { id: first_id },
        test_timings(),
    );
    wait_until("the first dialog", || {
        first.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    let _b = mount_view(
        &second,
        two_hub,
        PageView::Connection {
            id: second_id.clone(),
        },
        test_timings(),
    );
    wait_until("the second dialog", || {
        second.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    let dialog = one(&second, "dialog[open]");
    let disable = button(&dialog, "Disable");
    disable
        .dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    click(&disable);
    let stored = || async {
        call(
            "GET",
            &format!("/api/hubs/{two_hub}/connections/{second_id}"),
            None,
        )
        .await
    };
    wait_until("the second page's Enable", || {
        text(&one(&second, "dialog[open] [data-focus='toggle']")) == "Enable"
    })
    .await;
    assert_eq!(stored().await["enabled"], false);
    // Focus comes back to the second page's own control, not to the first page's.
    wait_until("focus on the second page's Enable", || {
        document()
            .active_element()
            .is_some_and(|a| text(&a) == "Enable" && second.contains(Some(a.unchecked_ref())))
    })
    .await;
}

#[wasm_bindgen_test]
async fn embed_mount_takes_the_sign_in_bounds_from_its_options() {
    let hub = Uuid::new_v4();
    watch_popups(false);
    let options = js_sys::Object::new();
    for (k, v) in [
        ("apiBaseUrl", HUB_URL.to_string()),
        ("hubId", hub.to_string()),
        ("token", "dev-token".to_string()),
    ] {
        js_sys::Reflect::set(&options, &k.into(), &v.into()).unwrap();
    }
    let timings =
        js_sys::JSON::parse(r#"{"timeoutMs": 1500, "graceMs": 1200, "pollMs": 300}"#).unwrap();
    js_sys::Reflect::set(&options, &"oauthTimings".into(), &timings).unwrap();
    let el = container();
    let mut handle = wayai_connections::mount_connections(el.clone(), options.into()).unwrap();
    wait_for_cards(&el, 21).await;
    click(&one(&el, "[data-connector='gmail'] .wc-card__add"));
    wait_until("the Google button", || {
        all(&el, "dialog[open] button")
            .iter()
            .any(|b| text(b) == "Connect with Google")
    })
    .await;
    click_as_user(&button(&el, "Connect with Google")).await;
    // Nobody answers the consent page: the host's 1.5 s bound ends the flow, not the default 5 min.
    wait_until("the timeout", || {
        oauth_status(&el, GMAIL).contains("not finished in time")
    })
    .await;
    assert!(popup(0).closed().unwrap(), "the page closed its popup");
    handle.unmount();
}
