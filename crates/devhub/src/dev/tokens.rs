//! The simulated providers' token endpoint: the codes their consent page and Meta's signup
//! issue, and the accounts and tokens a code is exchanged for, as a real provider's token
//! endpoint hands them to the hub (`domain::providers::TokenEndpoint`).

use crate::{
    domain::providers::{ProviderGrant, TokenEndpoint},
    store::Tokens,
};
use std::{collections::HashMap, sync::Mutex};
use uuid::Uuid;
use wayai_core::signup::WhatsappAccount;

/// Access tokens of the simulated provider live this long (Gmail's refresh interval).
pub const TOKEN_SECONDS: i64 = 3600;
/// The account whose consent issues an already-expired token, to show Reconnect.
pub const EXPIRED_ACCOUNT: &str = "expired@example.com";
/// The accounts the consent page offers.
pub const ACCOUNTS: [&str; 3] = ["ada@example.com", "grace@example.com", EXPIRED_ACCOUNT];

/// Tokens for `account`, issued at `now_unix` (`dev-at.<expiry>.<id>`).
pub fn issue(account: &str, now_unix: i64) -> Tokens {
    let expires = if account == EXPIRED_ACCOUNT {
        now_unix - 60
    } else {
        now_unix + TOKEN_SECONDS
    };
    Tokens {
        access_token: format!("dev-at.{expires}.{}", Uuid::new_v4().simple()),
        refresh_token: format!("dev-rt.{}", Uuid::new_v4().simple()),
        expires_at_unix: expires,
    }
}

/// The codes issued and not yet exchanged.
#[derive(Default)]
pub struct Codes(Mutex<HashMap<String, Issued>>);

struct Issued {
    flow_state: String,
    account: String,
    whatsapp: Option<WhatsappAccount>,
}

impl Codes {
    /// A new code for the flow `flow_state`, behind which `account` signed in.
    pub fn issue(
        &self,
        flow_state: &str,
        account: String,
        whatsapp: Option<WhatsappAccount>,
    ) -> String {
        let code = Uuid::new_v4().simple().to_string();
        let issued = Issued {
            flow_state: flow_state.to_string(),
            account,
            whatsapp,
        };
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(code.clone(), issued);
        code
    }
}

impl TokenEndpoint for Codes {
    fn exchange(&self, flow_state: &str, code: &str) -> Option<ProviderGrant> {
        let mut codes = self.0.lock().unwrap_or_else(|e| e.into_inner());
        // Taken whether or not it matches: a code offered with another flow's state is spent,
        // as a provider revokes a code presented wrongly.
        let issued = codes.remove(code)?;
        (issued.flow_state == flow_state).then(|| ProviderGrant {
            tokens: issue(&issued.account, crate::time::now_unix()),
            account: issued.account,
            whatsapp: issued.whatsapp,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expired_account_gets_a_token_that_already_ran_out() {
        let now = crate::time::now_unix();
        assert_eq!(issue(ACCOUNTS[0], now).expires_at_unix, now + TOKEN_SECONDS);
        assert!(issue(EXPIRED_ACCOUNT, now).expires_at_unix < now);
        assert_ne!(
            issue(ACCOUNTS[0], now).refresh_token,
            issue(ACCOUNTS[0], now).refresh_token
        );
    }

    #[test]
    fn a_code_is_good_once_and_only_for_its_flow() {
        let codes = Codes::default();
        let code = codes.issue("s1", ACCOUNTS[1].to_string(), None);
        let grant = codes.exchange("s1", &code).expect("issued for s1");
        assert_eq!(grant.account, ACCOUNTS[1]);
        assert!(codes.exchange("s1", &code).is_none(), "spent");
        let code = codes.issue("s1", ACCOUNTS[0].to_string(), None);
        assert!(codes.exchange("s2", &code).is_none(), "another flow's");
        assert!(
            codes.exchange("s1", &code).is_none(),
            "spent by the wrong try"
        );
    }
}
