//! Preview and production hubs. A hub starts as a preview; publishing it makes its production
//! hub (read-only, serving live traffic), and a sync later applies the preview's connection
//! changes to it. A connection's credential goes along unless the connection says not to
//! (`sync_credentials_to_production`): production then keeps a credential of its own, set on
//! production, and reports it missing until it is set. No secret crosses from one hub to the
//! other where the flag says no.

use crate::{
    domain::{binding, credentials},
    store::{DbResult, Record, Tx},
};
use uuid::Uuid;
use wayai_core::said::{Code, Said};
use wayai_core::{org::Environment, Connector, HealthStatus, HubFacts};

/// Whether `hub` is a production hub (read-only to configuration changes).
pub fn is_production(tx: &Tx<'_>, hub: Uuid) -> DbResult<bool> {
    Ok(tx.placement(hub, crate::DEMO_ORG_ID)?.environment == Environment::Production)
}

/// A configuration change sent to a production hub: 403 `hub_read_only`.
pub fn read_only() -> crate::error::ApiError {
    crate::error::ApiError::new(
        axum::http::StatusCode::FORBIDDEN,
        Said::new(Code::HubReadOnly),
    )
}

/// The hub as the connections list shows it.
pub fn facts(tx: &Tx<'_>, hub: Uuid) -> DbResult<HubFacts> {
    let environment = tx.placement(hub, crate::DEMO_ORG_ID)?.environment;
    let published_from = match environment {
        Environment::Production => tx.published_from(hub)?,
        _ => Vec::new(),
    };
    Ok(HubFacts {
        environment,
        published_from,
    })
}

/// What a publish or a sync did, by connection.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Applied {
    pub created: usize,
    pub updated: usize,
    pub removed: usize,
}

/// Applies `preview`'s connections to `production`: each preview connection's production copy
/// made or brought up to date, a copy whose preview connection is gone removed. Run twice, the
/// second changes nothing. `connector` finds a connection's connector (one gone since: the copy
/// is brought up to date without one).
pub fn apply(
    tx: &Tx<'_>,
    preview: Uuid,
    production: Uuid,
    connector: &dyn Fn(Uuid) -> Option<Connector>,
    now: &str,
) -> DbResult<Applied> {
    let sources = tx.connections(preview)?;
    let mut copies = tx.connections(production)?;
    let mut applied = Applied::default();
    for source in &sources {
        // The auto-enabled connection comes with every hub: production's own is its copy.
        let found = copies.iter().position(|c| {
            c.preview_connection == Some(source.connection.id)
                || (!source.connection.deletable
                    && !c.connection.deletable
                    && c.connection.connector_id == source.connection.connector_id)
        });
        let before = found.map(|i| copies.swap_remove(i));
        let needs = connector(source.connection.connector_id)
            .is_some_and(|c| c.takes_credential(source.connection.authentication_type));
        let after = copy(source, before.clone(), needs, now);
        match before {
            None => {
                tx.insert(production, &after)?;
                applied.created += 1;
            }
            Some(before) if !same_record(&before, &after) => {
                tx.update(production, &after)?;
                applied.updated += 1;
            }
            Some(_) => {}
        }
    }
    // What is left was published from connections the preview no longer has.
    for gone in copies.iter().filter(|c| c.preview_connection.is_some()) {
        tx.delete(production, gone.connection.id)?;
        applied.removed += 1;
    }
    Ok(applied)
}

/// Two records alike in everything a sync sets (so a sync that changes nothing writes nothing).
fn same_record(a: &Record, b: &Record) -> bool {
    let kept = |r: &Record| {
        let mut r = r.clone();
        r.connection.updated_at.clear();
        serde_json::to_value(&r).ok()
    };
    kept(a) == kept(b)
}

/// `source`'s production copy: `before` (the copy published earlier, if any) with the preview's
/// configuration, and a credential as `source`'s flag says.
fn copy(source: &Record, before: Option<Record>, needs_credential: bool, now: &str) -> Record {
    let had_own = before
        .as_ref()
        .is_some_and(|b| !b.connection.sync_credentials_to_production);
    let mut next = before.unwrap_or_else(|| {
        let mut fresh = source.clone();
        fresh.connection.id = Uuid::new_v4();
        fresh.connection.created_at = now.to_string();
        fresh.retired.clear();
        fresh
    });
    let (s, c) = (&source.connection, &mut next.connection);
    let own_still_fits = had_own && c.authentication_type == s.authentication_type;
    c.name.clone_from(&s.name);
    c.enabled = s.enabled;
    c.deletable = s.deletable;
    c.authentication_type = s.authentication_type;
    c.config.clone_from(&s.config);
    c.settings.clone_from(&s.settings);
    c.sync_credentials_to_production = s.sync_credentials_to_production;
    next.preview_connection = s.deletable.then_some(s.id);
    if s.sync_credentials_to_production {
        take_credential(&mut next, source);
    } else {
        // Production's own credential stays while it is for the same type and address; moved,
        // it is asked for again (its grant retired, as an edit would).
        let entered_for = next.secrets_for.clone();
        binding::rebind(&mut next);
        let fits = own_still_fits
            && match (&entered_for, &next.secrets_for) {
                (Some(a), Some(b)) => binding::same(a, b),
                (a, b) => a.is_none() && b.is_none(),
            };
        if !fits {
            drop_credential(&mut next);
        }
        let set = !needs_credential || holds_credential(&next);
        next.connection.production_credential_set = Some(set);
        if !set {
            next.connection.health = credentials::health(
                HealthStatus::ProductionCredentialMissing,
                Said::new(Code::ProductionCredentialMissing),
                now,
            );
        }
    }
    next.connection.updated_at = now.to_string();
    next
}

/// The preview's credential, copied: its secrets, bindings and sign-in, and what they found.
fn take_credential(next: &mut Record, source: &Record) {
    next.secrets.clone_from(&source.secrets);
    next.connection
        .secrets
        .clone_from(&source.connection.secrets);
    next.connection
        .bindings
        .clone_from(&source.connection.bindings);
    next.connection.oauth.clone_from(&source.connection.oauth);
    next.connection
        .whatsapp
        .clone_from(&source.connection.whatsapp);
    next.connection.health.clone_from(&source.connection.health);
    next.tokens.clone_from(&source.tokens);
    next.mcp_grant.clone_from(&source.mcp_grant);
    next.secrets_for.clone_from(&source.secrets_for);
    next.connection.production_credential_set = None;
}

/// Everything a credential was: nothing of it stays to be sent.
fn drop_credential(record: &mut Record) {
    record.secrets.clear();
    record.connection.secrets.clear();
    record.connection.bindings.clear();
    record.connection.oauth = None;
    record.connection.whatsapp = None;
    record.tokens = None;
    record.mcp_grant = None;
}

fn holds_credential(record: &Record) -> bool {
    !record.secrets.is_empty() || !record.connection.bindings.is_empty() || record.tokens.is_some()
}
