//! The hub's own messages in the language a request asks for (`Accept-Language`: en, pt, es),
//! for clients other than the page (which words the codes itself). Every message is made in
//! English from its code (`said`); here, on the way out, each object of a JSON answer that
//! carries a code this hub knows gets its words in the request's language: health states,
//! error bodies, field errors, and failed sign-ins (`error` with `error_params`).

use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};
use serde_json::Value;
use wayai_core::{
    said::{words, Params},
    Lang,
};

/// The largest answer re-worded; a larger one keeps its English (no answer of the hub's is
/// near it).
const BODY_MAX: usize = 16 << 20;

pub async fn speak(request: Request, next: Next) -> Response {
    let lang = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::En, Lang::from_accept_language);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.append(header::VARY, HeaderValue::from_static("Accept-Language"));
    headers
        .entry(header::CONTENT_LANGUAGE)
        .or_insert(HeaderValue::from_static(lang.code()));
    let json = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if lang == Lang::En || !json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, BODY_MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(mut value) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    reword(&mut value, lang);
    let text = serde_json::to_vec(&value).unwrap_or_else(|_| bytes.to_vec());
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(text))
}

/// Every object with a code this hub has words for, worded in `lang`, all the way down.
fn reword(value: &mut Value, lang: Lang) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|v| reword(v, lang)),
        Value::Object(object) => {
            for (code, params, message) in [
                ("code", "params", "message"),
                ("error", "error_params", "error_description"),
            ] {
                let said = object.get(code).and_then(Value::as_str).and_then(|code| {
                    let params: Params = object
                        .get(params)
                        .and_then(|p| serde_json::from_value(p.clone()).ok())
                        .unwrap_or_default();
                    words(lang, code, &params)
                });
                if let (Some(said), Some(Value::String(text))) = (said, object.get_mut(message)) {
                    *text = said;
                }
            }
            object.values_mut().for_each(|v| reword(v, lang));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_are_reworded_and_others_kept() {
        let mut value = serde_json::json!({
            "code": "validation_failed",
            "message": "Some fields need attention.",
            "fields": [
                { "field": "name", "code": "name_taken", "message": "Another connection…" },
                { "field": "x", "code": "newer_code", "message": "From a newer hub." }
            ],
            "health": { "code": "connected_as", "params": { "account": "ada" }, "message": "Connected as ada." }
        });
        reword(&mut value, Lang::Pt);
        assert_eq!(value["message"], "Alguns campos precisam de atenção.");
        assert_eq!(
            value["fields"][0]["message"],
            "Outra conexão deste hub já tem este nome."
        );
        assert_eq!(value["fields"][1]["message"], "From a newer hub.");
        assert_eq!(value["health"]["message"], "Conectada como ada.");
    }
}
