//! WhatsApp's embedded signup as both sides name it: its eight steps (where a cancelled signup
//! stopped) and what a finished one connected.

use serde::{Deserialize, Serialize};

/// The steps of Meta's embedded signup, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignupStep {
    Welcome,
    BusinessPortfolio,
    WhatsappBusinessAccount,
    FacebookPage,
    Pixel,
    PhoneNumber,
    ReviewPermissions,
    Complete,
}

impl SignupStep {
    pub const ALL: [SignupStep; 8] = [
        SignupStep::Welcome,
        SignupStep::BusinessPortfolio,
        SignupStep::WhatsappBusinessAccount,
        SignupStep::FacebookPage,
        SignupStep::Pixel,
        SignupStep::PhoneNumber,
        SignupStep::ReviewPermissions,
        SignupStep::Complete,
    ];

    /// The step's number, from 1.
    pub fn number(self) -> u8 {
        Self::ALL.iter().position(|s| *s == self).expect("listed") as u8 + 1
    }

    /// The step numbered `n` (from 1).
    pub fn from_number(n: u8) -> Option<SignupStep> {
        Self::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    pub fn next(self) -> Option<SignupStep> {
        Self::from_number(self.number() + 1)
    }

    pub fn previous(self) -> Option<SignupStep> {
        Self::from_number(self.number() - 1)
    }

    /// The wire name (also the dev hub's scripting name).
    pub fn as_str(self) -> &'static str {
        match self {
            SignupStep::Welcome => "welcome",
            SignupStep::BusinessPortfolio => "business_portfolio",
            SignupStep::WhatsappBusinessAccount => "whatsapp_business_account",
            SignupStep::FacebookPage => "facebook_page",
            SignupStep::Pixel => "pixel",
            SignupStep::PhoneNumber => "phone_number",
            SignupStep::ReviewPermissions => "review_permissions",
            SignupStep::Complete => "complete",
        }
    }
}

/// How a phone number was verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    /// A code sent by text message.
    Sms,
    /// A code read out in a phone call.
    Voice,
    /// The number of a WhatsApp Business App moved to the Cloud API.
    BusinessApp,
}

/// A WhatsApp phone number registered during the signup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumber {
    /// Meta's phone number id, used to send messages.
    pub id: String,
    /// As people see it, e.g. `+55 11 91234 5678`.
    pub number: String,
    pub verified_by: Verification,
}

/// What a finished embedded signup connected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhatsappAccount {
    pub business_portfolio: String,
    /// The WhatsApp Business account (WABA): Meta's id and its name.
    pub waba_id: String,
    pub waba_name: String,
    pub facebook_page: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pixel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ad_account: Option<String>,
    /// The name customers see on messages (none when the number is to be added later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// None: messages show the display name only, or a number is to be added later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<PhoneNumber>,
    /// The person chose to send with the display name only (rather than add a number later).
    #[serde(default)]
    pub display_name_only: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_numbered_one_to_eight_in_order() {
        for (i, step) in SignupStep::ALL.iter().enumerate() {
            assert_eq!(step.number() as usize, i + 1);
            assert_eq!(SignupStep::from_number(step.number()), Some(*step));
            let wire = serde_json::to_value(step).unwrap();
            assert_eq!(wire, step.as_str());
        }
        assert_eq!(SignupStep::from_number(0), None);
        assert_eq!(SignupStep::from_number(9), None);
        assert_eq!(SignupStep::Welcome.previous(), None);
        assert_eq!(SignupStep::Complete.next(), None);
        assert_eq!(SignupStep::Pixel.next(), Some(SignupStep::PhoneNumber));
    }
}
