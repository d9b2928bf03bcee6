//! Every word in the admin's language, the hub's included (issue 30): what the hub says comes
//! with a code the page words in its language; a code it does not know shows the hub's own
//! message; a language switch keeps an open form and everything typed in it.

use crate::support::*;
use wasm_bindgen_test::*;

/// The page at `start`, in the language `locale` holds (the test switches it).
fn mount_speaking(
    el: &web_sys::HtmlElement,
    hub: Uuid,
    start: PageView,
    locale: RwSignal<Option<String>>,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    let locale = Signal::derive(move || locale.get());
    mount_view_in(el, hub, start, test_timings(), locale.into()).0
}

fn new_connection(connector: &str) -> PageView {
    PageView::New {
        connector: Some(connector.to_string()),
        auth: None,
    }
}

async fn the_form(el: &web_sys::Element) -> web_sys::Element {
    wait_until("the form", || {
        el.query_selector("dialog[open] form").unwrap().is_some()
    })
    .await;
    one(el, "dialog[open] form")
}

async fn shows(el: &web_sys::Element, selector: &str, words: &str) {
    wait_until(words, || {
        el.query_selector(selector)
            .unwrap()
            .is_some_and(|e| text(&e).contains(words))
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_health_message_is_in_the_pages_language_and_follows_a_switch() {
    let hub = Uuid::new_v4();
    let refused = create(
        hub,
        OPENAI,
        "Refused key",
        json!({ "api_key": "sk-invalid-000000" }),
    )
    .await;
    test_connection(hub, &refused).await;
    let el = container();
    let locale = RwSignal::new(Some("pt-BR".to_string()));
    let _app = mount_speaking(&el, hub, PageView::List { connector: None }, locale);
    let row = format!(
        "[data-connection='{}'] .wc-connection__message",
        refused["id"].as_str().unwrap()
    );
    shows(
        &el,
        &row,
        "OpenAI recusou estas credenciais (HTTP 401). Digite a chave de novo e salve.",
    )
    .await;
    locale.set(Some("es".into()));
    shows(
        &el,
        &row,
        "OpenAI rechazó estas credenciales (HTTP 401). Escribe la clave de nuevo y guarda.",
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_server_only_422_is_worded_under_its_field_and_a_switch_keeps_the_form() {
    let hub = Uuid::new_v4();
    create(
        hub,
        OPENAI,
        "Main",
        json!({ "api_key": "sk-proj-main-000000" }),
    )
    .await;
    let el = container();
    let locale = RwSignal::new(Some("pt-BR".to_string()));
    let _app = mount_speaking(&el, hub, new_connection(OPENAI), locale);
    let form = the_form(&el).await;
    type_into(&one(&form, "#wc-f-name"), "main");
    type_into(&one(&form, "input[type=password]"), "sk-proj-second-00000");
    click(&button(&form, "Salvar"));
    shows(
        &form,
        ".wc-field__error",
        "Outra conexão deste hub já tem este nome.",
    )
    .await;

    // Switching the language while the form is open keeps it, and everything typed in it.
    locale.set(Some("es".into()));
    shows(
        &el,
        "dialog[open] .wc-dialog__title",
        "Nueva conexión de OpenAI",
    )
    .await;
    // Once the catalog has come again in Spanish (its text is the hub's):
    shows(
        &el,
        "dialog[open]",
        "Proveedor de LLM para los modelos GPT de OpenAI.",
    )
    .await;
    let form = one(&el, "dialog[open] form");
    // The same form, its labels in the new language, and what was typed still in it.
    let labels: Vec<String> = all(&form, ".wc-field__label").iter().map(text).collect();
    assert_eq!(
        labels,
        [
            "Nombre de la conexión *",
            "Clave de API *",
            "Usar la misma credencial en producción"
        ]
    );
    assert_eq!(input_value(&form, "#wc-f-name"), "main");
    assert_eq!(
        input_value(&form, "input[type=password]"),
        "sk-proj-second-00000"
    );
    shows(
        &form,
        ".wc-field__error",
        "Otra conexión de este hub ya tiene este nombre.",
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_409_is_worded_and_a_code_the_page_does_not_know_shows_the_hubs_message() {
    let hub = Uuid::new_v4();
    let path = format!("/api/hubs/{hub}/connections");
    set_faults(json!([
        { "method": "POST", "path": path, "status": 409, "times": 1 },
        { "method": "POST", "path": path, "status": 409, "times": 1,
          "code": "newer_conflict", "message": "A newer hub's own words." }
    ]))
    .await;
    let el = container();
    let locale = RwSignal::new(Some("es".to_string()));
    let _app = mount_speaking(&el, hub, new_connection(OPENAI), locale);
    let form = the_form(&el).await;
    type_into(&one(&form, "#wc-f-name"), "Conflict");
    type_into(&one(&form, "input[type=password]"), "sk-proj-conflict-0000");
    click(&button(&form, "Guardar"));
    shows(
        &form,
        ".wc-form__failure",
        "Fallo inyectado por el hub de desarrollo (HTTP 409).",
    )
    .await;
    locale.set(Some("pt-BR".into()));
    shows(
        &form,
        ".wc-form__failure",
        "Falha injetada pelo hub de desenvolvimento (HTTP 409).",
    )
    .await;
    click(&button(&form, "Salvar"));
    shows(&form, ".wc-form__failure", "A newer hub's own words.").await;
    set_faults(json!([])).await;
}

#[wasm_bindgen_test]
async fn a_424_of_an_mcp_server_is_in_the_pages_language() {
    let hub = Uuid::new_v4();
    let config = json!({ "url": "https://down.invalid/mcp", "bearer_token": "tok-down-000000" });
    let connection = create(hub, MCP_TOKEN, "Down server", config).await;
    let id = connection["id"].as_str().unwrap().to_string();
    let el = container();
    let locale = RwSignal::new(Some("pt-BR".to_string()));
    let _app = mount_speaking(&el, hub, PageView::Connection { id }, locale);
    // Recorded at creation, in Portuguese; then the same from a sync's 424, in Spanish.
    shows(
        &el,
        ".wc-tools__problem[data-source='health']",
        "Não foi possível alcançar o servidor MCP em down.invalid.",
    )
    .await;
    locale.set(Some("es".into()));
    shows(
        &el,
        ".wc-tools__problem[data-source='health']",
        "No se pudo llegar al servidor MCP en down.invalid.",
    )
    .await;
    click(&button(&one(&el, ".wc-tools__problem"), "Reintentar"));
    shows(
        &el,
        ".wc-tools__problem[data-source='sync']",
        "No se pudo conectar con el servidor MCP en su URL.",
    )
    .await;
}

#[wasm_bindgen_test]
async fn an_mcp_sign_in_that_cannot_start_says_why_in_the_pages_language() {
    let hub = Uuid::new_v4();
    watch_popups(false);
    let el = container();
    let locale = RwSignal::new(Some("pt-BR".to_string()));
    let _app = mount_speaking(&el, hub, new_connection(MCP_OAUTH), locale);
    let form = the_form(&el).await;
    type_into(&one(&form, "#wc-f-name"), "No sign-in");
    // A server that says nothing of OAuth: discovery fails at the hub.
    let url = demo_mcp(Uuid::new_v4());
    type_into(&one(&form, "#wc-f-url"), &url);
    click_as_user(&button(&form, "Autorizar")).await;
    let words = format!("O servidor MCP em {url} não diz como entrar");
    shows(&el, "dialog[open]", &words).await;
    locale.set(Some("es".into()));
    let words = format!("El servidor MCP en {url} no indica cómo iniciar sesión");
    shows(&el, "dialog[open]", &words).await;
    assert_eq!(
        input_value(&form, "#wc-f-url"),
        url,
        "nothing typed is lost"
    );
}
