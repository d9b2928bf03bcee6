//! The simulated provider's accounts and tokens: what a real provider's token endpoint would hand
//! the hub for an authorization code.

use crate::{store::Tokens, time};
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

/// Whether an access token from the simulated provider is still valid.
pub fn access_token_is_valid(token: &str) -> bool {
    let mut parts = token.splitn(3, '.');
    parts.next() == Some("dev-at")
        && parts
            .next()
            .and_then(|e| e.parse::<i64>().ok())
            .is_some_and(|expiry| expiry > time::now_unix())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_tokens_carry_their_expiry() {
        let future = time::now_unix() + 100;
        assert!(access_token_is_valid(&format!("dev-at.{future}.abc")));
        assert!(!access_token_is_valid(&format!(
            "dev-at.{}.abc",
            time::now_unix() - 1
        )));
        assert!(!access_token_is_valid("demo-mcp-token"));
        assert!(access_token_is_valid(
            &issue(ACCOUNTS[0], time::now_unix()).access_token
        ));
        assert!(!access_token_is_valid(
            &issue(EXPIRED_ACCOUNT, time::now_unix()).access_token
        ));
    }
}
