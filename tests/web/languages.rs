//! The page's languages: from the host's option, from the browser's languages, and switched
//! while mounted; the hub's catalog text follows.

use crate::support::*;
use wasm_bindgen_test::*;

/// The page for `hub`, in the language a signal the test holds says.
fn mount_in(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    locale: RwSignal<Option<String>>,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    leptos::mount::mount_to(el.clone(), move || {
        view! {
            <ConnectionsPage
                client=dev_client()
                hub_id=hub
                base_path="/test/connections"
                locale=Signal::derive(move || locale.get())
            />
        }
    })
}

fn group_titles(el: &web_sys::Element) -> Vec<String> {
    all(el, ".wc-group__title").iter().map(text).collect()
}

fn root_lang(el: &web_sys::Element) -> String {
    one(el, ".wc-root")
        .get_attribute("lang")
        .unwrap_or_default()
}

/// The browser's preferred languages, as `navigator.languages` reports them, until dropped.
struct BrowserLanguages;

impl BrowserLanguages {
    fn set(languages: &[&str]) -> Self {
        let list = js_sys::Array::new();
        languages.iter().for_each(|l| {
            list.push(&(*l).into());
        });
        let getter = js_sys::Function::new_with_args("", "return this.__wcLanguages;");
        let navigator: wasm_bindgen::JsValue = window().navigator().into();
        js_sys::Reflect::set(&navigator, &"__wcLanguages".into(), &list).unwrap();
        let descriptor = js_sys::Object::new();
        js_sys::Reflect::set(&descriptor, &"get".into(), &getter).unwrap();
        js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
        js_sys::Object::define_property(
            navigator.unchecked_ref::<js_sys::Object>(),
            &"languages".into(),
            &descriptor,
        );
        BrowserLanguages
    }
}

impl Drop for BrowserLanguages {
    fn drop(&mut self) {
        // The instance's own property goes; the prototype's (the real one) shows again.
        let navigator: wasm_bindgen::JsValue = window().navigator().into();
        let _ = js_sys::Reflect::delete_property(
            navigator.unchecked_ref::<js_sys::Object>(),
            &"languages".into(),
        );
    }
}

#[wasm_bindgen_test]
async fn a_host_asking_for_brazilian_portuguese_gets_the_page_and_the_catalog_in_it() {
    let el = container();
    let hub = Uuid::new_v4();
    let _app = mount_in(&el, hub, RwSignal::new(Some("pt-BR".into())));
    wait_for_cards(&el, 21).await;
    assert_eq!(text(&one(&el, ".wc-title")), "Conexões");
    assert_eq!(
        group_titles(&el),
        [
            "Agente",
            "Canal",
            "Ferramenta - Nativa",
            "Ferramenta - Personalizada",
            "Ferramenta - MCP",
            "STT",
            "TTS"
        ]
    );
    assert_eq!(root_lang(&el), "pt-BR");
    let openai = one(&el, "[data-connector='openai']");
    // The page's words and the hub's, both in Portuguese.
    assert_eq!(
        text(&one(&openai, ".wc-card__add")),
        "Adicionar conexão OpenAI"
    );
    assert_eq!(text(&one(&openai, ".wc-badge--auth")), "Chave de API");
    assert_eq!(text(&one(&openai, ".wc-badge--enabled")), "Ativado");
    assert_eq!(
        text(&one(&openai, ".wc-card__description")),
        "Provedor de LLM para os modelos GPT da OpenAI."
    );
    // The Wayai connection made with the hub: its facts, dates in Brazilian Portuguese.
    let facts = text(&one(&el, "[data-connector='wayai'] .wc-connection__meta"));
    assert!(facts.starts_with("Criada em "), "{facts}");
    assert!(
        one(&el, ".wc-search__input")
            .get_attribute("placeholder")
            .unwrap()
            == "Pesquise por nome, descrição ou tipo"
    );
}

#[wasm_bindgen_test]
async fn without_a_host_locale_the_page_follows_the_browsers_languages() {
    let _languages = BrowserLanguages::set(&["fr-FR", "es-MX", "en"]);
    let el = container();
    let _app = mount_in(&el, Uuid::new_v4(), RwSignal::new(None));
    wait_for_cards(&el, 21).await;
    assert_eq!(text(&one(&el, ".wc-title")), "Conexiones");
    assert_eq!(group_titles(&el)[0], "Agente");
    assert_eq!(root_lang(&el), "es-MX", "dates follow the browser's region");
    assert_eq!(
        text(&one(&el, "[data-connector='openai'] .wc-card__description")),
        "Proveedor de LLM para los modelos GPT de OpenAI."
    );
}

#[wasm_bindgen_test]
async fn a_browser_in_a_language_the_page_lacks_gets_english() {
    let _languages = BrowserLanguages::set(&["de-DE", "fr"]);
    let el = container();
    let _app = mount_in(&el, Uuid::new_v4(), RwSignal::new(Some("ja".into())));
    wait_for_cards(&el, 21).await;
    assert_eq!(text(&one(&el, ".wc-title")), "Connections");
    assert_eq!(root_lang(&el), "en");
}

#[wasm_bindgen_test]
async fn the_host_switches_the_language_while_the_page_is_mounted() {
    let el = container();
    let locale = RwSignal::new(Some("en".to_string()));
    let _app = mount_in(&el, Uuid::new_v4(), locale);
    wait_for_cards(&el, 21).await;
    // What the person typed in the search survives the switch.
    let search = one(&el, ".wc-search__input");
    type_into(&search, "gemini");
    wait_until("the search summary", || {
        el.query_selector(".wc-search-summary").unwrap().is_some()
    })
    .await;
    assert_eq!(
        text(&one(&el, ".wc-search-summary")),
        "1 connector matches."
    );

    locale.set(Some("pt-BR".into()));
    wait_until("the catalog in Portuguese", || {
        text(&one(&el, "[data-connector='openai'] .wc-card__description"))
            == "Provedor de LLM para os modelos GPT da OpenAI."
    })
    .await;
    assert_eq!(text(&one(&el, ".wc-title")), "Conexões");
    assert_eq!(
        text(&one(&el, ".wc-search-summary")),
        "1 conector encontrado."
    );
    assert_eq!(input_value(&el, ".wc-search__input"), "gemini");

    locale.set(Some("es".into()));
    wait_until("the page in Spanish", || {
        text(&one(&el, ".wc-title")) == "Conexiones"
    })
    .await;
    assert_eq!(
        text(&one(&el, ".wc-search-summary")),
        "1 conector coincide."
    );
    assert_eq!(root_lang(&el), "es");
}

#[wasm_bindgen_test]
async fn a_plain_javascript_host_switches_with_set_locale() {
    let hub = Uuid::new_v4();
    let options = js_sys::Object::new();
    for (k, v) in [
        ("apiBaseUrl", HUB_URL.to_string()),
        ("hubId", hub.to_string()),
        ("token", "dev-token".to_string()),
        ("locale", "es-AR".to_string()),
    ] {
        js_sys::Reflect::set(&options, &k.into(), &v.into()).unwrap();
    }
    let el = container();
    let mut handle = wayai_connections::mount_connections(el.clone(), options.into()).unwrap();
    wait_for_cards(&el, 21).await;
    assert_eq!(text(&one(&el, ".wc-title")), "Conexiones");
    assert_eq!(root_lang(&el), "es-AR");
    handle.set_locale(Some("pt".into()));
    wait_until("the page in Portuguese", || {
        text(&one(&el, ".wc-title")) == "Conexões"
    })
    .await;
    assert_eq!(root_lang(&el), "pt-BR");
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_form_its_messages_and_the_announcement_speak_the_pages_language() {
    let el = container();
    let hub = Uuid::new_v4();
    let start = PageView::New {
        connector: Some(OPENAI.to_string()),
        auth: None,
    };
    let _app = mount_view_in(&el, hub, start, test_timings(), "pt-BR".into());
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    let form = one(&el, "dialog[open] form");
    let labels: Vec<String> = all(&form, ".wc-field__label").iter().map(text).collect();
    assert_eq!(
        labels,
        [
            "Nome da conexão *",
            "Chave de API *",
            "Usar a mesma credencial em produção"
        ]
    );
    assert_eq!(
        text(&one(&el, "dialog[open] .wc-dialog__title")),
        "Nova conexão OpenAI"
    );
    click(&button(&form, "Salvar"));
    wait_until("the messages", || {
        form.query_selector(".wc-field__error")
            .unwrap()
            .is_some_and(|e| !text(&e).is_empty())
    })
    .await;
    assert_eq!(
        text(&one(&form, ".wc-form__failure")),
        "Alguns campos precisam de atenção."
    );
    assert_eq!(
        text(&one(&form, ".wc-field__error")),
        "Este campo é obrigatório."
    );

    type_into(&one(&form, "input[type=text]"), "Minha OpenAI");
    type_into(&one(&form, "input[type=password]"), "sk-proj-portugues1234");
    click(&button(&form, "Salvar"));
    wait_until("the announcement", || {
        announcement(&el) == "Conexão “Minha OpenAI” criada."
    })
    .await;
}
