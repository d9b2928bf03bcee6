//! Where a credential may go, in one place. Every credential the hub holds for a connection is
//! bound to the address it was issued or entered for: an MCP server's OAuth grant (its tokens,
//! its refresh token, the client secret) to the grant's `resource`, the secrets typed into a
//! form (a bearer token, secret headers) to the URL they were entered with. A request that
//! carries one asks here at the moment it is sent, so a connection moved meanwhile (an edit, a
//! sign-in or a renewal finishing late) never sends the old address's credential to the new one.

use crate::store::{Record, Retired, Tokens};
use std::collections::BTreeMap;
use wayai_core::FieldValue;

/// The address a connection sends its credentials to (its `url`), as kept.
pub fn destination(record: &Record) -> Option<&str> {
    match record.connection.config.get("url") {
        Some(FieldValue::Text(url)) => Some(url.as_str()),
        _ => None,
    }
}

/// Whether two addresses are the same destination: equal as URLs (scheme, host, port, path and
/// query, in the URL standard's spelling), or as text when either does not parse.
pub fn same(a: &str, b: &str) -> bool {
    match (url::Url::parse(a.trim()), url::Url::parse(b.trim())) {
        (Ok(a), Ok(b)) => a == b,
        _ => a.trim() == b.trim(),
    }
}

/// Whether a grant issued for `resource` may go where the connection points now.
pub fn points_at(record: &Record, resource: &str) -> bool {
    destination(record).is_some_and(|now| same(resource, now))
}

/// The secrets the connection sends, if they were entered (or, for a bound field, its credential
/// chosen) for where it points now: its own, and those its organization credentials lend it. A
/// record kept before bindings were recorded is bound to where it points.
pub fn secrets(record: &Record) -> Option<BTreeMap<String, String>> {
    let bound = match (&record.secrets_for, destination(record)) {
        (Some(entered_for), Some(now)) => same(entered_for, now),
        (Some(_), None) => false,
        (None, _) => true,
    };
    let lent = record.lent.iter().map(|(k, v)| (k.clone(), v.clone()));
    bound.then(|| record.secrets.clone().into_iter().chain(lent).collect())
}

/// The sign-in's tokens, if they may be sent where the connection points now: an MCP server's
/// grant only to the resource it was issued for. (The simulated providers' tokens go nowhere.)
pub fn tokens(record: &Record) -> Option<&Tokens> {
    let tokens = record.tokens.as_ref()?;
    match &record.mcp_grant {
        Some(grant) => points_at(record, &grant.resource).then_some(tokens),
        None => Some(tokens),
    }
}

/// After a change of address: the grant issued for the old one is taken off the connection, to
/// be revoked at its authorization server and never sent again. Records where the secrets now
/// go.
pub fn rebind(record: &mut Record) {
    if let Some(grant) = &record.mcp_grant {
        if !points_at(record, &grant.resource) {
            let grant = record.mcp_grant.take().expect("checked");
            if let Some(tokens) = record.tokens.take() {
                record.retired.push(Retired { grant, tokens });
            }
        }
    }
    record.secrets_for = destination(record).map(str::to_string);
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn addresses_are_compared_as_urls() {
        assert!(same("https://a.example/mcp", " https://A.example:443/mcp "));
        assert!(!same("https://a.example/mcp", "https://a.example/mcp2"));
        assert!(!same("https://a.example/mcp", "http://a.example/mcp"));
        assert!(!same("https://a.example/mcp", "https://a.example:8443/mcp"));
    }
}
