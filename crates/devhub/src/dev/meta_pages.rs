//! The simulated Meta embedded signup over HTTP: `GET /dev/meta/signup` shows the flow's current
//! step, `POST` submits it (Back, Next, Cancel); the last step redirects to the hub's callback
//! with a code, Cancel with `error=access_denied`, as Meta's dialog does.

use super::meta_signup::{Outcome, Phone, Signup, AD_ACCOUNTS, PAGES, PIXELS, PORTFOLIOS, WABAS};
use crate::{
    domain::flows::FlowRecord,
    error::ApiError,
    html::escape_html,
    state::{AppState, Shared},
};
use axum::{
    extract::{Query, State},
    http::header,
    response::{Html, IntoResponse, Redirect, Response},
    Form,
};
use serde::Deserialize;
use std::collections::BTreeMap;
use uuid::Uuid;
use wayai_core::{signup::SignupStep, view::percent_encode, FlowStatus};

/// How the signup pages behave for a hub's flows (part of the consent script), so that browser
/// tests run the real popup through all eight steps without clicking inside it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignupScript {
    /// `existing` (default) or `new`, at steps 2, 3 and 4; `app` at step 3 too.
    #[serde(default)]
    pub business: Option<String>,
    #[serde(default)]
    pub waba: Option<String>,
    #[serde(default)]
    pub page: Option<String>,
    /// `display_name` (default), `sms`, `voice` or `later`.
    #[serde(default)]
    pub phone: Option<String>,
    /// Press Cancel at this step (1 to 8).
    #[serde(default)]
    pub cancel_at: Option<u8>,
    /// Close the window at this step (1 to 8).
    #[serde(default)]
    pub close_at: Option<u8>,
}

#[derive(Deserialize)]
pub struct SignupQuery {
    #[serde(default)]
    state: String,
}

/// `GET /dev/meta/signup?state=…`: the flow's current step.
pub async fn show(
    State(state): Shared,
    Query(q): Query<SignupQuery>,
) -> Result<Response, ApiError> {
    let Some(mut flow) = pending_flow(&state, &q.state)? else {
        return Ok(ended_page());
    };
    let signup = flow.signup.get_or_insert_with(Signup::new).clone();
    state
        .store
        .with(|tx| tx.save_flow(flow.id, &flow.state, &flow))?;
    let script = state
        .consent
        .lock()
        .expect("consent scripts")
        .get(&flow.hub_id)
        .cloned()
        .unwrap_or_default();
    let page = Html(step_page(
        &flow.state,
        &signup,
        script.signup.as_ref(),
        script.delay_ms,
    ));
    Ok(if script.sever_opener {
        (
            [(
                header::HeaderName::from_static("cross-origin-opener-policy"),
                "same-origin",
            )],
            page,
        )
            .into_response()
    } else {
        ([(header::CACHE_CONTROL, "no-store")], page).into_response()
    })
}

/// `POST /dev/meta/signup`: one step's answer.
pub async fn submit(
    State(state): Shared,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let flow_state = form.get("state").cloned().unwrap_or_default();
    let Some(mut flow) = pending_flow(&state, &flow_state)? else {
        return Ok(ended_page());
    };
    let signup = flow.signup.get_or_insert_with(Signup::new);
    let action = form.get("action").map(String::as_str).unwrap_or_default();
    let outcome = signup.submit(action, &form);
    let business = signup.business_name().to_string();
    let callback = format!("{}/api/oauth/callback", state.base_url());
    let s = percent_encode(&flow.state);
    let to = match outcome {
        Outcome::Show => format!("/dev/meta/signup?state={s}"),
        Outcome::Finished => {
            let code = Uuid::new_v4().simple().to_string();
            flow.code = Some(code.clone());
            flow.account = Some(business);
            format!("{callback}?code={code}&state={s}")
        }
        Outcome::Cancelled(step) => format!(
            "{callback}?error=access_denied&error_description={}&state={s}",
            percent_encode(&format!(
                "The signup was cancelled at step {} of 8.",
                step.number()
            ))
        ),
    };
    state
        .store
        .with(|tx| tx.save_flow(flow.id, &flow.state, &flow))?;
    Ok(Redirect::to(&to).into_response())
}

/// The flow behind `state` while it is still waiting for the person.
fn pending_flow(state: &AppState, flow_state: &str) -> Result<Option<FlowRecord>, ApiError> {
    let flow = state
        .store
        .with(|tx| tx.flow_by_state::<FlowRecord>(flow_state))?;
    Ok(
        flow.filter(|f| {
            f.status == FlowStatus::Pending && f.expires_unix > crate::time::now_unix()
        }),
    )
}

fn ended_page() -> Response {
    page_shell(
        "Signup ended",
        "<h1>This signup has ended</h1><p>Close this window and start again from Wayai.</p>",
    )
    .into_response()
}

fn page_shell(title: &str, body: &str) -> Html<String> {
    Html(format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} · Meta (simulated)</title>
<style>body{{font-family:system-ui,sans-serif;max-width:520px;margin:32px auto;padding:0 16px;line-height:1.4}}
fieldset{{margin:12px 0}}label{{display:block;margin:4px 0}}input[type=text],input[type=tel]{{font:inherit;padding:4px;width:100%;box-sizing:border-box}}
button{{font:inherit;padding:6px 16px;margin:12px 8px 0 0}}.problem{{color:#b00020;font-weight:600}}</style></head>
<body><main>{body}</main></body></html>"#,
        title = escape_html(title),
    ))
}

/// Meta's heading for each step.
fn title(step: SignupStep) -> &'static str {
    match step {
        SignupStep::Welcome => "Connect WhatsApp to Wayai",
        SignupStep::BusinessPortfolio => "Select your business portfolio",
        SignupStep::WhatsappBusinessAccount => "Select a WhatsApp Business account",
        SignupStep::FacebookPage => "Select a Facebook Page",
        SignupStep::Pixel => "Select a Pixel (optional)",
        SignupStep::PhoneNumber => "Add a WhatsApp phone number",
        SignupStep::ReviewPermissions => "Review what Wayai can access",
        SignupStep::Complete => "Your account is connected to Wayai",
    }
}

/// One step's page: its heading, its choices, a problem if the last answer had one, and Back,
/// the step's own button, Cancel.
fn step_page(
    flow_state: &str,
    signup: &Signup,
    script: Option<&SignupScript>,
    delay_ms: u64,
) -> String {
    let step = signup.step;
    let typed = |key: &str| escape_html(signup.typed.get(key).map_or("", String::as_str));
    let (fields, button) = fields(signup, &typed);
    let problem = signup
        .problem
        .as_deref()
        .map(|p| format!(r#"<p class="problem" role="alert">{}</p>"#, escape_html(p)))
        .unwrap_or_default();
    let back = step
        .previous()
        .filter(|_| step != SignupStep::Complete)
        .map(|_| r#"<button type="submit" name="action" value="back" formnovalidate>Back</button>"#)
        .unwrap_or_default();
    let cancel =
        r#"<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>"#;
    let auto = script
        .map(|script| autopilot(signup, script, delay_ms))
        .unwrap_or_default();
    let body = format!(
        r#"<p>Step {n} of 8</p><h1>{title}</h1>{problem}
<form method="post" action="/dev/meta/signup"><input type="hidden" name="state" value="{state}">
{fields}<p>{back}<button type="submit" name="action" value="next">{button}</button>{cancel}</p></form>{auto}"#,
        n = step.number(),
        title = title(step),
        state = escape_html(flow_state),
    );
    page_shell(title(step), &body).0
}

/// A radio button with its label.
fn radio(name: &str, value: &str, label: &str, checked: bool) -> String {
    format!(
        r#"<label><input type="radio" name="{name}" value="{value}"{}> {label}</label>"#,
        if checked { " checked" } else { "" },
        value = escape_html(value),
        label = escape_html(label),
    )
}

fn text(name: &str, label: &str, value: &str, kind: &str) -> String {
    format!(r#"<label>{label} <input type="{kind}" name="{name}" value="{value}"></label>"#)
}

/// A choice among existing assets or a new one named in a text field.
fn pick(
    name: &str,
    legend: &str,
    known: &[&str],
    create: &str,
    typed: &dyn Fn(&str) -> String,
) -> String {
    let chosen = typed(name);
    let radios: String = known
        .iter()
        .enumerate()
        .map(|(i, k)| {
            radio(
                name,
                k,
                k,
                chosen == escape_html(k) || (chosen.is_empty() && i == 0),
            )
        })
        .collect();
    format!(
        r#"<fieldset><legend>{legend}</legend>{radios}{}{}</fieldset>"#,
        radio(name, "new", create, chosen == "new"),
        text(
            &format!("{name}_name"),
            &format!("Name for the new one ({create})"),
            &typed(&format!("{name}_name")),
            "text"
        ),
    )
}

/// The step's fields and the label of its main button.
fn fields(signup: &Signup, typed: &dyn Fn(&str) -> String) -> (String, &'static str) {
    match signup.step {
        SignupStep::Welcome => (
            "<p>Wayai will use the WhatsApp Business Platform's Cloud API to send and receive messages at scale for your business.</p>\
             <p>You will choose a business portfolio, a WhatsApp Business account, a Facebook Page and a phone number.</p>"
                .into(),
            "Continue",
        ),
        SignupStep::BusinessPortfolio => (
            pick("business", "Business portfolio", &PORTFOLIOS, "Create a Business portfolio", typed),
            "Next",
        ),
        SignupStep::WhatsappBusinessAccount => {
            let chosen = typed("waba");
            let radios: String = WABAS
                .iter()
                .enumerate()
                .map(|(i, (id, name))| radio("waba", id, name, chosen == *id || (chosen.is_empty() && i == 0)))
                .collect();
            (
                format!(
                    r#"<fieldset><legend>WhatsApp Business account</legend>{radios}{}{}{}{}</fieldset>"#,
                    radio("waba", "new", "Create a WhatsApp Business account", chosen == "new"),
                    text("waba_name", "Name for the new account", &typed("waba_name"), "text"),
                    radio("waba", "app", "Connect a WhatsApp Business App", chosen == "app"),
                    text("app_number", "Your WhatsApp Business App's number", &typed("app_number"), "tel"),
                ),
                "Next",
            )
        }
        SignupStep::FacebookPage => (
            pick("page", "Facebook Page", &PAGES, "Create a Facebook Page", typed),
            "Next",
        ),
        SignupStep::Pixel => {
            let pixel = typed("pixel");
            let ad = typed("ad_account");
            (
                format!(
                    r#"<fieldset><legend>Meta Pixel</legend>{}{}{}</fieldset><fieldset><legend>Ad account for conversion tracking</legend>{}{}</fieldset>"#,
                    radio("pixel", "", "No Pixel", pixel.is_empty()),
                    radio("pixel", PIXELS[0], PIXELS[0], pixel == escape_html(PIXELS[0])),
                    radio("pixel", "new", "Create a new Pixel", pixel == "new"),
                    radio("ad_account", "", "No ad account", ad.is_empty()),
                    radio("ad_account", AD_ACCOUNTS[0], AD_ACCOUNTS[0], ad == escape_html(AD_ACCOUNTS[0])),
                ),
                "Next",
            )
        }
        SignupStep::PhoneNumber => (phone_fields(signup, typed), "Next"),
        SignupStep::ReviewPermissions => {
            let waba = signup.waba.as_ref().map_or("", |(_, name)| name.as_str());
            let ad = signup
                .ad_account
                .as_deref()
                .map(|a| format!("<li>Ad account: {}</li>", escape_html(a)))
                .unwrap_or_default();
            (
                format!(
                    "<p>Wayai will be able to:</p><ul><li>WhatsApp Business account: {}</li>{ad}<li>Facebook Page: {}</li><li>Dataset: {}</li></ul>",
                    escape_html(waba),
                    escape_html(signup.page.as_deref().unwrap_or_default()),
                    escape_html(signup.pixel.as_deref().unwrap_or("Wayai dataset")),
                ),
                "Confirm",
            )
        }
        SignupStep::Complete => (
            if signup.payment_added {
                "<p role=\"status\">Payment method added.</p>".to_string()
            } else {
                "<p>You can add a payment method now for WhatsApp conversations, or later in Meta Business Settings.</p>\
                 <p><button type=\"submit\" name=\"action\" value=\"payment\">Add payment method</button></p>"
                    .to_string()
            },
            "Finish",
        ),
    }
}

fn phone_fields(signup: &Signup, typed: &dyn Fn(&str) -> String) -> String {
    if let Some(Phone::Number {
        number,
        method,
        code,
        ..
    }) = signup.awaiting_code()
    {
        let how = match method {
            wayai_core::signup::Verification::Voice => "read out in a phone call",
            _ => "sent by text message",
        };
        return format!(
            r#"<p>Enter the 6-digit code {how} to {}.</p><p>(Simulated: the code is <span id="code">{code}</span>.)</p>{}"#,
            escape_html(number),
            text("code", "Verification code", &typed("code"), "text"),
        );
    }
    if let Some(number) = &signup.app_number {
        return format!(
            "<p>Your WhatsApp Business App's number, {}, will move to the Cloud API. Messages keep coming to the app too.</p>",
            escape_html(number)
        );
    }
    let phone = typed("phone");
    let method = typed("method");
    format!(
        r#"<fieldset><legend>Phone number</legend>{}{}{}</fieldset>{}{}<fieldset><legend>Verification method</legend>{}{}</fieldset>"#,
        radio(
            "phone",
            "display_name",
            "Use a display name only",
            phone.is_empty() || phone == "display_name"
        ),
        radio(
            "phone",
            "number",
            "Use a new or existing WhatsApp number",
            phone == "number"
        ),
        radio(
            "phone",
            "later",
            "Add a phone number later",
            phone == "later"
        ),
        text(
            "display_name",
            "Display name",
            &typed("display_name"),
            "text"
        ),
        text("number", "Phone number", &typed("number"), "tel"),
        radio(
            "method",
            "sms",
            "Text message",
            method.is_empty() || method == "sms"
        ),
        radio("method", "voice", "Phone call", method == "voice"),
    )
}

/// A scripted step: fills in the script's choices and presses the step's button (or Cancel, or
/// closes the window) after `delay_ms`.
fn autopilot(signup: &Signup, script: &SignupScript, delay_ms: u64) -> String {
    let n = signup.step.number();
    if script.close_at == Some(n) {
        return format!("<script>setTimeout(() => window.close(), {delay_ms});</script>");
    }
    let mut fill: Vec<(&str, String)> = Vec::new();
    let press = if script.cancel_at == Some(n) {
        "cancel"
    } else {
        "next"
    };
    let choice = |c: &Option<String>| c.clone().unwrap_or_else(|| "existing".into());
    match signup.step {
        SignupStep::BusinessPortfolio if choice(&script.business) == "new" => {
            fill = vec![
                ("business", "new".into()),
                ("business_name", "Wayai Test Co".into()),
            ];
        }
        SignupStep::WhatsappBusinessAccount => match choice(&script.waba).as_str() {
            "new" => {
                fill = vec![
                    ("waba", "new".into()),
                    ("waba_name", "Wayai Test WABA".into()),
                ]
            }
            "app" => {
                fill = vec![
                    ("waba", "app".into()),
                    ("app_number", "+1 555 010 0199".into()),
                ]
            }
            _ => {}
        },
        SignupStep::FacebookPage if choice(&script.page) == "new" => {
            fill = vec![
                ("page", "new".into()),
                ("page_name", "Wayai Test Page".into()),
            ];
        }
        SignupStep::PhoneNumber => match (signup.awaiting_code(), script.phone.as_deref()) {
            (Some(Phone::Number { code, .. }), _) => fill = vec![("code", code.clone())],
            (None, Some(method @ ("sms" | "voice"))) => {
                fill = vec![
                    ("phone", "number".into()),
                    ("display_name", "Wayai Test".into()),
                    ("number", "+55 11 91234 5678".into()),
                    ("method", method.into()),
                ];
            }
            (None, Some("later")) => fill = vec![("phone", "later".into())],
            _ => {
                fill = vec![
                    ("phone", "display_name".into()),
                    ("display_name", "Wayai Test".into()),
                ]
            }
        },
        _ => {}
    }
    let fill = serde_json::to_string(&fill)
        .expect("pairs serialize")
        .replace('<', "\\u003c");
    format!(
        r#"<script>setTimeout(() => {{
for (const [name, value] of {fill}) {{
  const radio = document.querySelector(`input[type=radio][name="${{name}}"][value="${{value}}"]`);
  if (radio) radio.checked = true; else document.querySelector(`input[name="${{name}}"]`).value = value;
}}
document.querySelector('button[value="{press}"]').click();
}}, {delay_ms});</script>"#
    )
}
