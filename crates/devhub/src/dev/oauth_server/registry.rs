//! What the demo authorization server remembers: registered clients, authorization codes, and
//! the tokens it issued (refresh tokens rotate: each is good once).

use super::ACCESS_SECONDS;
use crate::time::now_unix;
use base64::Engine;
use sha2::Digest;
use std::{collections::HashMap, sync::Mutex};
use uuid::Uuid;

/// Codes are good for this long, once.
const CODE_SECONDS: i64 = 120;

#[derive(Clone)]
pub struct Client {
    pub name: String,
    pub redirect_uris: Vec<String>,
}

/// What a code, an access token or a refresh token stands for.
#[derive(Clone)]
struct Grant {
    client_id: String,
    scopes: Vec<String>,
    resource: String,
    expires: i64,
}

struct Code {
    grant: Grant,
    redirect_uri: String,
    challenge: String,
}

/// An issued token pair, as the token endpoint answers it.
pub struct Issued {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: i64,
    pub scope: String,
}

/// A token request the server refuses, with its RFC 6749 error code.
pub type Refusal = &'static str;

#[derive(Default)]
pub struct Registry {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    clients: HashMap<String, Client>,
    codes: HashMap<String, Code>,
    access: HashMap<String, Grant>,
    refresh: HashMap<String, Grant>,
    /// Access tokens' lifetime when a test set one (else [`ACCESS_SECONDS`]).
    lifetime: Option<i64>,
    /// How many refresh grants were honoured, and revocations asked for.
    refreshes: u64,
    revocations: u64,
    /// Scopes the resource requires beyond reading, when a test raised them (step-up).
    required: Vec<String>,
    /// The next authorization request's answer, when a test scripted it (`allow` or `deny`).
    scripted: Option<String>,
    /// How many revocation requests are still to fail (a test's outage).
    failing_revocations: u32,
    /// How long the token endpoint takes to answer, when a test slowed it, and how many of its
    /// requests are waiting now.
    token_delay_ms: u64,
    tokens_waiting: u64,
    /// The revocation endpoint its metadata names, when a test named another (an attacker's
    /// authorization server would).
    revocation_endpoint: Option<String>,
}

/// The S256 code challenge of a verifier (RFC 7636 §4.2).
pub fn s256(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier))
}

impl Registry {
    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn register(&self, client: Client) -> String {
        let id = format!("demo-client-{}", Uuid::new_v4().simple());
        self.inner().clients.insert(id.clone(), client);
        id
    }

    pub fn client(&self, id: &str) -> Option<Client> {
        self.inner().clients.get(id).cloned()
    }

    /// A code for what the person allowed.
    pub fn issue_code(
        &self,
        client_id: &str,
        redirect_uri: &str,
        challenge: &str,
        scopes: Vec<String>,
        resource: &str,
    ) -> String {
        let code = format!("demo-code-{}", Uuid::new_v4().simple());
        let grant = Grant {
            client_id: client_id.into(),
            scopes,
            resource: resource.into(),
            expires: now_unix() + CODE_SECONDS,
        };
        let entry = Code {
            grant,
            redirect_uri: redirect_uri.into(),
            challenge: challenge.into(),
        };
        self.inner().codes.insert(code.clone(), entry);
        code
    }

    /// The code exchange: the code is taken (good once) and must match the client, the redirect
    /// URI, the PKCE verifier and the resource it was issued for.
    pub fn redeem(
        &self,
        code: &str,
        client_id: &str,
        redirect_uri: &str,
        verifier: &str,
        resource: Option<&str>,
    ) -> Result<Issued, Refusal> {
        let mut inner = self.inner();
        let entry = inner.codes.remove(code).ok_or("invalid_grant")?;
        let fits = entry.grant.client_id == client_id
            && entry.redirect_uri == redirect_uri
            && entry.grant.expires > now_unix()
            && s256(verifier) == entry.challenge;
        if !fits {
            return Err("invalid_grant");
        }
        if resource.is_some_and(|r| r != entry.grant.resource) {
            return Err("invalid_target");
        }
        Ok(issue(&mut inner, entry.grant))
    }

    /// A refresh: the old refresh token is spent and a new pair issued, for the same or fewer
    /// scopes and the same resource.
    pub fn refresh(
        &self,
        token: &str,
        client_id: &str,
        resource: Option<&str>,
        scopes: Option<Vec<String>>,
    ) -> Result<Issued, Refusal> {
        let mut inner = self.inner();
        let mut grant = inner.refresh.remove(token).ok_or("invalid_grant")?;
        if grant.client_id != client_id {
            return Err("invalid_grant");
        }
        if resource.is_some_and(|r| r != grant.resource) {
            return Err("invalid_target");
        }
        if let Some(asked) = scopes {
            if !asked.iter().all(|s| grant.scopes.contains(s)) {
                return Err("invalid_scope");
            }
            grant.scopes = asked;
        }
        inner.refreshes += 1;
        Ok(issue(&mut inner, grant))
    }

    /// Revocation (RFC 7009): either kind of token; revoking a refresh token ends its grant.
    pub fn revoke(&self, token: &str) {
        let mut inner = self.inner();
        inner.revocations += 1;
        inner.access.remove(token);
        if let Some(grant) = inner.refresh.remove(token) {
            inner
                .access
                .retain(|_, g| !(g.client_id == grant.client_id && g.resource == grant.resource));
        }
    }

    /// Tests' controls: the access tokens' lifetime from now on.
    pub fn set_lifetime(&self, seconds: i64) {
        self.inner().lifetime = Some(seconds);
    }

    /// How many clients registered.
    pub fn registrations(&self) -> usize {
        self.inner().clients.len()
    }

    /// How many refreshes were honoured, and revocations asked for.
    pub fn counts(&self) -> (u64, u64) {
        let inner = self.inner();
        (inner.refreshes, inner.revocations)
    }

    /// Tests' controls: the scopes the resource requires besides reading, from now on.
    pub fn require(&self, scopes: Vec<String>) {
        self.inner().required = scopes;
    }

    /// Tests' controls: the next authorization request is answered with `decision`, without the
    /// consent page (browser tests cannot click in a popup of another origin).
    pub fn script_decision(&self, decision: String) {
        self.inner().scripted = Some(decision);
    }

    /// Tests' controls: the next `times` revocation requests fail, as an outage would.
    pub fn fail_revocations(&self, times: u32) {
        self.inner().failing_revocations = times;
    }

    /// Tests' controls: the token endpoint answers after `ms` milliseconds.
    pub fn set_token_delay(&self, ms: u64) {
        self.inner().token_delay_ms = ms;
    }

    /// The token endpoint's delay, counting this request as waiting until [`Registry::answered`].
    pub fn token_delay(&self) -> u64 {
        let mut inner = self.inner();
        if inner.token_delay_ms > 0 {
            inner.tokens_waiting += 1;
        }
        inner.token_delay_ms
    }

    pub fn answered(&self) {
        let mut inner = self.inner();
        inner.tokens_waiting = inner.tokens_waiting.saturating_sub(1);
    }

    /// How many token requests are waiting on the delay.
    pub fn tokens_waiting(&self) -> u64 {
        self.inner().tokens_waiting
    }

    /// Tests' controls: the revocation endpoint the metadata names (`None`: its own).
    pub fn set_revocation_endpoint(&self, url: Option<String>) {
        self.inner().revocation_endpoint = url;
    }

    pub fn revocation_endpoint(&self) -> Option<String> {
        self.inner().revocation_endpoint.clone()
    }

    /// Whether this revocation request fails (counting it down).
    pub fn revocation_fails(&self) -> bool {
        let mut inner = self.inner();
        let fails = inner.failing_revocations > 0;
        inner.failing_revocations = inner.failing_revocations.saturating_sub(1);
        fails
    }

    pub fn take_scripted_decision(&self) -> Option<String> {
        self.inner().scripted.take()
    }

    pub fn required(&self) -> Vec<String> {
        self.inner().required.clone()
    }

    /// Forgets the access tokens only, as a server that revoked them would: a refresh still works.
    pub fn forget_access_tokens(&self) {
        self.inner().access.clear();
    }

    /// Forgets every grant, as an administrator revoking them all would: refreshes are refused.
    pub fn revoke_all(&self) {
        let mut inner = self.inner();
        inner.access.clear();
        inner.refresh.clear();
    }

    /// The scopes of a live access token issued for `resource`.
    pub fn access(&self, token: &str, resource: &str) -> Option<Vec<String>> {
        let inner = self.inner();
        let grant = inner.access.get(token)?;
        (grant.expires > now_unix() && grant.resource == resource).then(|| grant.scopes.clone())
    }
}

fn issue(inner: &mut Inner, grant: Grant) -> Issued {
    let access_token = format!("demo-at-{}", Uuid::new_v4().simple());
    let refresh_token = format!("demo-rt-{}", Uuid::new_v4().simple());
    let scope = grant.scopes.join(" ");
    let lifetime = inner.lifetime.unwrap_or(ACCESS_SECONDS);
    inner.access.insert(
        access_token.clone(),
        Grant {
            expires: now_unix() + lifetime,
            ..grant.clone()
        },
    );
    inner.refresh.insert(refresh_token.clone(), grant);
    Issued {
        access_token,
        refresh_token,
        expires_in: lifetime,
        scope,
    }
}

#[cfg(test)]
mod tests {
    use super::s256;

    #[test]
    fn the_s256_challenge_is_the_unpadded_base64url_of_the_sha_256() {
        // SHA-256 of nothing is e3b0c442…b855, whose base64url is well known.
        assert_eq!(s256(""), "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
        assert_eq!(s256("a").len(), 43, "32 bytes, no padding");
    }
}
