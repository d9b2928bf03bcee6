//! The headers the page's HTML is served with: a Content-Security-Policy without
//! `'unsafe-inline'` (scripts and styles from files of the page's own origin, its wasm compiled,
//! the API on its origin), with the hashes of the page's own inline scripts (the bootstrap that
//! starts its two API requests while the wasm downloads, which as a file would wait for its own
//! request); no referrer to the providers it opens; and an opener policy that keeps the sign-in
//! popups it opens able to report back (`same-origin` would cut them off).

use axum::http::{header, HeaderName, HeaderValue};
use base64::{engine::general_purpose::STANDARD, Engine};
use sha2::{Digest, Sha256};

/// The policy before the inline scripts' hashes are added to `script-src`.
pub const PAGE_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// The headers of a page whose HTML is `index_html` (none: no inline script to allow).
pub struct PagePolicy(Vec<(HeaderName, HeaderValue)>);

impl PagePolicy {
    pub fn new(index_html: Option<&str>) -> PagePolicy {
        let hashes: Vec<String> = index_html.map(inline_script_hashes).unwrap_or_default();
        let mut csp = PAGE_CSP.to_string();
        if !hashes.is_empty() {
            let allowed = "script-src 'self' 'wasm-unsafe-eval'";
            csp = csp.replace(allowed, &format!("{allowed} {}", hashes.join(" ")));
        }
        let value = |v: &str| HeaderValue::from_str(v).expect("the policy is a header value");
        PagePolicy(vec![
            (header::CONTENT_SECURITY_POLICY, value(&csp)),
            (header::REFERRER_POLICY, value("no-referrer")),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                value("same-origin-allow-popups"),
            ),
        ])
    }

    pub fn headers(&self) -> impl Iterator<Item = &(HeaderName, HeaderValue)> {
        self.0.iter()
    }
}

/// `'sha256-…'` of the text of every `<script>` without `src` in `html`, as CSP hashes it.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body_and_rest = &after[open_end + 1..];
        let Some(close) = body_and_rest.find("</script>") else {
            break;
        };
        let body = &body_and_rest[..close];
        if !tag.contains(" src=") && !body.trim().is_empty() {
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(format!("'sha256-{}'", STANDARD.encode(digest)));
        }
        rest = &body_and_rest[close..];
    }
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_allowed_by_their_hash_and_files_need_none() {
        let html = r#"<head><script>alert(1)</script><script type="module" src="/boot.js"></script></head>"#;
        // `echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            inline_script_hashes(html),
            ["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"]
        );
        let policy = PagePolicy::new(Some(html));
        let csp = policy.0[0].1.to_str().unwrap();
        assert!(
            csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")
        );
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(PagePolicy::new(None).0[0].1, PAGE_CSP);
    }
}
