//! Scripted consent: how the simulated provider's consent page behaves for one hub's flows.

use super::meta::signup::{Phone, Signup};
use serde::Deserialize;
use wayai_core::signup::SignupStep;

/// How the consent page behaves for a hub's flows (`PUT /dev/hubs/{hub}/oauth-consent`), so that
/// browser tests run the real popup, redirects and callback page without clicking inside a
/// cross-origin window.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentScript {
    /// `allow` or `deny`, submitted by the page itself; absent: wait for a person.
    #[serde(default)]
    pub decision: Option<String>,
    #[serde(default)]
    pub account: Option<String>,
    /// Serve the consent page with `Cross-Origin-Opener-Policy: same-origin`, as real providers
    /// do: the browser severs `window.opener`, so the opener reads the popup as closed and the
    /// callback page cannot post to it.
    #[serde(default)]
    pub sever_opener: bool,
    /// Delay before the scripted decision, in milliseconds.
    #[serde(default)]
    pub delay_ms: u64,
    /// How WhatsApp's embedded signup answers its eight steps.
    #[serde(default)]
    pub signup: Option<SignupScript>,
}

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

impl SignupScript {
    /// A scripted step: fills in the script's choices and presses the step's button (or Cancel, or
    /// closes the window) after `delay_ms`.
    pub fn autopilot(&self, signup: &Signup, delay_ms: u64) -> String {
        let script = self;
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
}
