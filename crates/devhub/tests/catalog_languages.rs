//! The catalog in the hub's languages, over real HTTP: `Accept-Language` asks, `Content-Language`
//! says which was served, and text without a translation stays the connector's own.

mod common;

use common::{Hub, DEV_TOKEN};
use reqwest::StatusCode;
use serde_json::json;
use wayai_core::{Catalog, Connector};

async fn catalog(hub: &Hub, accept: Option<&str>) -> (String, Catalog) {
    let mut request = hub.get(&hub.hub_path("/connectors"));
    if let Some(accept) = accept {
        request = request.header("Accept-Language", accept);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["vary"], "Accept-Language");
    let served = response.headers()["content-language"]
        .to_str()
        .unwrap()
        .to_string();
    (served, response.json().await.unwrap())
}

fn by_slug<'a>(catalog: &'a Catalog, slug: &str) -> &'a Connector {
    catalog.connectors.iter().find(|c| c.slug == slug).unwrap()
}

#[tokio::test]
async fn a_brazilian_browser_gets_the_catalog_in_portuguese() {
    let hub = Hub::start().await;
    let (served, pt) = catalog(&hub, Some("pt-BR,pt;q=0.9,en-US;q=0.8")).await;
    assert_eq!(served, "pt");
    let openai = by_slug(&pt, "openai");
    assert_eq!(
        openai.description,
        "Provedor de LLM para os modelos GPT da OpenAI."
    );
    assert_eq!(openai.name, "OpenAI", "names are not translated");
    let key = &openai.authentication_types[0].fields[0];
    assert_eq!(key.label, "Chave de API");
    assert_eq!(key.help.as_deref(), Some("Sua chave de API da OpenAI"));
    let groq = by_slug(&pt, "groq-stt");
    let language = groq.settings.iter().find(|f| f.key == "language").unwrap();
    assert!(language.options.iter().any(|o| o.label == "Português (pt)"));
    let gmail = by_slug(&pt, "gmail");
    assert_eq!(
        gmail.oauth_facts().unwrap().button_label,
        "Conectar com o Google"
    );
}

#[tokio::test]
async fn the_language_goes_by_weight_and_english_is_the_fallback() {
    let hub = Hub::start().await;
    let (served, es) = catalog(&hub, Some("fr-FR, en;q=0.5, es;q=0.8")).await;
    assert_eq!(served, "es");
    assert_eq!(
        by_slug(&es, "openai").description,
        "Proveedor de LLM para los modelos GPT de OpenAI."
    );
    let (served, en) = catalog(&hub, Some("de-DE, fr;q=0.9")).await;
    assert_eq!(served, "en");
    assert_eq!(
        by_slug(&en, "openai").description,
        "LLM provider for OpenAI GPT models."
    );
    let (served, _) = catalog(&hub, None).await;
    assert_eq!(served, "en");
    // Same connectors, same ids, same order: only the words change.
    let ids = |c: &Catalog| c.connectors.iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(&es), ids(&en));
}

#[tokio::test]
async fn a_connector_a_hub_added_without_translations_keeps_its_own_text() {
    let hub = Hub::start().await;
    let added = hub
        .client
        .put(format!("{}/dev/hubs/{}/catalog-extra", hub.url, hub.hub_id))
        .bearer_auth(DEV_TOKEN)
        .json(&json!({ "connectors": [{
            "id": "0f0f0f0f-0000-4000-8000-0000000000aa", "slug": "weather", "type": "tool_user",
            "name": "Weather API", "description": "Forecasts for your agents.", "status": "enabled",
            "authentication_types": [{ "type": "api_key", "fields": [
                { "key": "token", "label": "Token", "kind": "secret", "required": true }
            ] }],
            "fields": [{ "key": "units", "label": "Units", "kind": "text", "required": false }]
        }]}))
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), StatusCode::NO_CONTENT);
    let (served, pt) = catalog(&hub, Some("pt-BR")).await;
    assert_eq!(served, "pt");
    let weather = by_slug(&pt, "weather");
    assert_eq!(weather.description, "Forecasts for your agents.");
    assert_eq!(weather.fields[0].label, "Units");
    // The seed's connectors beside it are translated.
    assert_eq!(
        by_slug(&pt, "anthropic").description,
        "Provedor de LLM para os modelos Claude da Anthropic."
    );
}
