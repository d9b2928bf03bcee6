//! The simulated Meta embedded signup for WhatsApp: the seed's eight steps as a real person
//! meets them (welcome, business portfolio, WhatsApp Business account, Facebook Page, Pixel,
//! phone number with its verification, permissions, completion), each step a page of its own with
//! Back, Next and Cancel. The signup's progress is kept with its flow in the store, so a restart
//! mid-signup loses nothing, and a signup that ends early says at which step.
//!
//! The answer is what Meta's own flow gives an app: an authorization code at the redirect URI, or
//! `error=access_denied` when the person cancels; the hub exchanges the code and reads what was
//! connected (business, account, number) from the finished signup.

use super::rules::{chosen, display_name, new_id, new_name, optional, phone_number};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;
use wayai_core::signup::{PhoneNumber, SignupStep, Verification, WhatsappAccount};

/// What the simulated Meta account already has, to choose from.
pub const PORTFOLIOS: [&str; 2] = ["Acme Trading", "Lumen Studio"];
pub const WABAS: [(&str, &str); 2] = [
    ("102290129340398", "Acme Support"),
    ("109876543210987", "Acme Sales"),
];
pub const PAGES: [&str; 2] = ["Acme Trading", "Acme Outlet"];
pub const PIXELS: [&str; 1] = ["Acme Pixel"];
pub const AD_ACCOUNTS: [&str; 1] = ["Acme Ads (act_1029384756)"];

/// How the phone number step was answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Phone {
    DisplayNameOnly {
        display_name: String,
    },
    Number {
        display_name: String,
        number: String,
        method: Verification,
        /// The code "sent" to the number; `verified` once it was entered.
        code: String,
        verified: bool,
    },
    /// The number of the WhatsApp Business App connected at step 3.
    App,
    Later,
}

/// A signup in progress: the step it is at and what each step chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signup {
    pub step: SignupStep,
    pub business: Option<String>,
    /// The WhatsApp Business account: id and name.
    pub waba: Option<(String, String)>,
    /// Set when step 3 connected a WhatsApp Business App: its number.
    pub app_number: Option<String>,
    pub page: Option<String>,
    pub pixel: Option<String>,
    pub ad_account: Option<String>,
    pub phone: Option<Phone>,
    pub payment_added: bool,
    /// What the last submission got wrong, shown on the step's page.
    pub problem: Option<String>,
    /// What the person typed on the last submission, so a problem loses none of it.
    pub typed: BTreeMap<String, String>,
}

/// What a submitted step leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Show the (same or another) step.
    Show,
    /// The person finished: the signup is done.
    Finished,
    /// The person cancelled at this step.
    Cancelled(SignupStep),
}

impl Signup {
    pub fn new() -> Signup {
        Signup {
            step: SignupStep::Welcome,
            business: None,
            waba: None,
            app_number: None,
            page: None,
            pixel: None,
            ad_account: None,
            phone: None,
            payment_added: false,
            problem: None,
            typed: BTreeMap::new(),
        }
    }

    /// The phone number step is waiting for the code sent to the number.
    pub fn awaiting_code(&self) -> Option<&Phone> {
        self.phone
            .as_ref()
            .filter(|p| {
                matches!(
                    p,
                    Phone::Number {
                        verified: false,
                        ..
                    }
                )
            })
            .filter(|_| self.step == SignupStep::PhoneNumber)
    }

    /// Applies one submission (`action` is `next`, `back`, `cancel` or `payment`).
    pub fn submit(&mut self, action: &str, form: &BTreeMap<String, String>) -> Outcome {
        self.problem = None;
        match action {
            "cancel" => return Outcome::Cancelled(self.step),
            "back" => {
                if self.awaiting_code().is_some() {
                    // Back from the code goes to the choice of number, with it still typed.
                    self.phone = None;
                } else if let Some(previous) = self.step.previous() {
                    self.step = previous;
                }
                self.typed.clear();
                return Outcome::Show;
            }
            "payment" if self.step == SignupStep::Complete => {
                self.payment_added = true;
                return Outcome::Show;
            }
            "next" => {}
            _ => {
                self.problem = Some("Choose one of the buttons on this page.".into());
                return Outcome::Show;
            }
        }
        match self.take(form) {
            Err(problem) => {
                self.problem = Some(problem.into());
                self.typed = form.clone();
                Outcome::Show
            }
            Ok(()) if self.awaiting_code().is_some() => {
                self.typed.clear();
                Outcome::Show
            }
            Ok(()) => {
                self.typed.clear();
                match self.step.next() {
                    Some(next) => {
                        self.step = next;
                        Outcome::Show
                    }
                    None => Outcome::Finished,
                }
            }
        }
    }

    /// Reads the current step's answers.
    fn take(&mut self, form: &BTreeMap<String, String>) -> Result<(), &'static str> {
        let get = |key: &str| form.get(key).map(|v| v.trim()).unwrap_or_default();
        match self.step {
            SignupStep::Welcome | SignupStep::ReviewPermissions | SignupStep::Complete => Ok(()),
            SignupStep::BusinessPortfolio => {
                self.business = Some(chosen(get("business"), &PORTFOLIOS, get("business_name"))?);
                Ok(())
            }
            SignupStep::WhatsappBusinessAccount => self.take_waba(get("waba"), form),
            SignupStep::FacebookPage => {
                self.page = Some(chosen(get("page"), &PAGES, get("page_name"))?);
                Ok(())
            }
            SignupStep::Pixel => {
                self.pixel = optional(get("pixel"), &PIXELS, "Wayai Pixel")?;
                self.ad_account = optional(get("ad_account"), &AD_ACCOUNTS, "")?;
                Ok(())
            }
            SignupStep::PhoneNumber => self.take_phone(form),
        }
    }

    fn take_waba(
        &mut self,
        choice: &str,
        form: &BTreeMap<String, String>,
    ) -> Result<(), &'static str> {
        let get = |key: &str| form.get(key).map(|v| v.trim()).unwrap_or_default();
        self.app_number = None;
        self.waba = Some(match choice {
            "new" => (new_id(), new_name(get("waba_name"))?),
            "app" => {
                self.app_number = Some(phone_number(get("app_number"))?);
                (
                    new_id(),
                    format!("{} (WhatsApp Business App)", self.business_name()),
                )
            }
            id => WABAS
                .iter()
                .find(|(known, _)| *known == id)
                .map(|(id, name)| (id.to_string(), name.to_string()))
                .ok_or("Choose a WhatsApp Business account, or create one.")?,
        });
        Ok(())
    }

    fn take_phone(&mut self, form: &BTreeMap<String, String>) -> Result<(), &'static str> {
        let get = |key: &str| form.get(key).map(|v| v.trim()).unwrap_or_default();
        if let Some(Phone::Number { code, verified, .. }) = self.phone.as_mut() {
            if *verified {
                return Ok(());
            }
            let typed = get("code");
            if typed.is_empty() {
                return Err("Enter the 6-digit code.");
            }
            if typed != code {
                return Err("That code is not the one we sent. Check it and try again.");
            }
            *verified = true;
            return Ok(());
        }
        if self.app_number.is_some() {
            self.phone = Some(Phone::App);
            return Ok(());
        }
        self.phone = Some(match get("phone") {
            "display_name" => Phone::DisplayNameOnly {
                display_name: display_name(get("display_name"))?,
            },
            "number" => Phone::Number {
                display_name: display_name(get("display_name"))?,
                number: phone_number(get("number"))?,
                method: match get("method") {
                    "sms" => Verification::Sms,
                    "voice" => Verification::Voice,
                    _ => return Err("Choose how to receive the code: text message or phone call."),
                },
                code: format!("{:06}", Uuid::new_v4().as_u128() % 1_000_000),
                verified: false,
            },
            "later" => Phone::Later,
            _ => return Err("Choose how to set up a phone number."),
        });
        Ok(())
    }

    pub fn business_name(&self) -> &str {
        self.business.as_deref().unwrap_or(PORTFOLIOS[0])
    }

    /// What the finished signup connected.
    pub fn account(&self) -> WhatsappAccount {
        let (waba_id, waba_name) = self.waba.clone().unwrap_or_else(|| {
            let (id, name) = WABAS[0];
            (id.to_string(), name.to_string())
        });
        let (display_name, phone_number) = match &self.phone {
            Some(Phone::DisplayNameOnly { display_name }) => (Some(display_name.clone()), None),
            Some(Phone::Number {
                display_name,
                number,
                method,
                ..
            }) => (
                Some(display_name.clone()),
                Some(PhoneNumber {
                    id: new_id(),
                    number: number.clone(),
                    verified_by: *method,
                }),
            ),
            Some(Phone::App) => (
                Some(self.business_name().to_string()),
                self.app_number.as_ref().map(|number| PhoneNumber {
                    id: new_id(),
                    number: number.clone(),
                    verified_by: Verification::BusinessApp,
                }),
            ),
            Some(Phone::Later) | None => (None, None),
        };
        WhatsappAccount {
            business_portfolio: self.business_name().to_string(),
            waba_id,
            waba_name,
            facebook_page: self.page.clone().unwrap_or_else(|| PAGES[0].to_string()),
            pixel: self.pixel.clone(),
            ad_account: self.ad_account.clone(),
            display_name_only: matches!(self.phone, Some(Phone::DisplayNameOnly { .. })),
            display_name,
            phone_number,
        }
    }
}

impl Default for Signup {
    fn default() -> Self {
        Signup::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_problem_keeps_the_step_and_what_was_typed() {
        let mut s = Signup::new();
        assert_eq!(s.submit("next", &form(&[])), Outcome::Show);
        assert_eq!(s.step, SignupStep::BusinessPortfolio);
        let typed = form(&[("business", "new"), ("business_name", "")]);
        assert_eq!(s.submit("next", &typed), Outcome::Show);
        assert_eq!(s.step, SignupStep::BusinessPortfolio);
        assert!(s.problem.is_some());
        assert_eq!(s.typed, typed);
    }

    #[test]
    fn back_from_the_code_returns_to_the_choice_of_number() {
        let mut s = Signup::new();
        s.step = SignupStep::PhoneNumber;
        let number = form(&[
            ("phone", "number"),
            ("display_name", "Acme"),
            ("number", "+55 11 91234 5678"),
            ("method", "sms"),
        ]);
        assert_eq!(s.submit("next", &number), Outcome::Show);
        assert!(s.awaiting_code().is_some());
        s.submit("back", &form(&[]));
        assert_eq!(s.step, SignupStep::PhoneNumber);
        assert!(s.awaiting_code().is_none());
    }
}
