//! The simulated provider's accounts and tokens: what a real provider's token endpoint would hand
//! the hub for an authorization code.

use crate::store::Tokens;
use uuid::Uuid;

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
}
