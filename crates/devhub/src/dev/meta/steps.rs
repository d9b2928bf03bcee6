//! Each step of the signup as a page: its heading, its choices, a problem if the last answer
//! had one, and Back, the step's own button and Cancel.

use super::{
    page_shell,
    signup::{Phone, Signup, AD_ACCOUNTS, PAGES, PIXELS, PORTFOLIOS, WABAS},
};
use crate::{dev::consent::SignupScript, html::escape_html};
use wayai_core::signup::SignupStep;

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
pub(super) fn step_page(
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
        .map(|script| script.autopilot(signup, delay_ms))
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
