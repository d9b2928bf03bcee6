//! A connection's secret fields filled by organization credentials: which binding a form takes
//! (`check`), the secrets lent to a connection at the moment it is used (`lend`: never stored
//! with it, so a rotation reaches it at once), and which connections use a credential (`users`).

use crate::{
    domain::{config::Stored, credentials, org::usable_by},
    error::{field_error, field_said},
    store::{DbResult, Record, Tx},
    DEMO_ORG_ID,
};
use std::collections::BTreeMap;
use uuid::Uuid;
use wayai_core::{
    org::bindable,
    said::{Code, Said},
    validate::{is_present, Problem},
    AuthType, Connector, FieldError, FormField, Health, HealthStatus, UpdateConnection,
};

/// Problems with binding `bindings` (field key to credential id) in a form of type `auth` of
/// hub `hub`: each field takes an organization credential, the credential is one this hub may
/// use, of the field's type.
pub fn check(
    tx: &Tx<'_>,
    hub: Uuid,
    auth: AuthType,
    fields: &[FormField],
    bindings: &BTreeMap<String, Uuid>,
) -> DbResult<Vec<FieldError>> {
    let mut errors = Vec::new();
    for (key, id) in bindings {
        let at = format!("bindings.{key}");
        let Some(kind) = bindable(auth, fields, key) else {
            errors.push(field_said(&at, Said::new(Code::UnknownField)));
            continue;
        };
        match credential(tx, hub, *id)? {
            Some(c) if c.credential.credential_type == kind => {}
            Some(_) => errors.push(field_said(&at, Said::new(Code::NotAnOption))),
            None => errors.push(field_said(&at, Said::new(Code::CredentialNotFound))),
        }
    }
    Ok(errors)
}

/// The credential `id` if hub `hub` may use it.
pub fn credential(
    tx: &Tx<'_>,
    hub: Uuid,
    id: Uuid,
) -> DbResult<Option<crate::store::KeptCredential>> {
    let placement = tx.placement(hub, DEMO_ORG_ID)?;
    Ok(tx
        .credential(placement.organization_id, id)?
        .filter(|k| usable_by(&k.credential, &placement)))
}

/// Lends the record the secrets of the credentials its fields are bound to, for this use only
/// (`Record::lent` is never stored); a binding the hub may no longer follow (the credential is
/// gone, or the hub's tags or environment hide it) is listed in `Record::unlent`.
pub fn lend(tx: &Tx<'_>, hub: Uuid, record: &mut Record) -> DbResult<()> {
    record.lent.clear();
    record.unlent.clear();
    for (key, id) in record.connection.bindings.clone() {
        let kept = credential(tx, hub, id)?;
        // A basic credential lends its username too (the form took none beside it).
        if let Some(username) = kept
            .as_ref()
            .and_then(|k| k.credential.fields.get("username"))
        {
            record.lent.insert("username".to_string(), username.clone());
        }
        let value = kept.and_then(|k| {
            let name = k.credential.credential_type.lends()?;
            k.secrets.get(name).cloned()
        });
        match value {
            Some(secret) => {
                record.lent.insert(key, secret);
            }
            None => record.unlent.push(key),
        }
    }
    Ok(())
}

/// What a connection whose binding the hub cannot follow shows: it needs attention, in words,
/// before anything fails at run time.
pub fn unavailable(now: &str) -> Health {
    credentials::health(
        HealthStatus::ConfigError,
        Said::new(Code::CredentialUnavailable),
        now,
    )
}

/// The connections, in every hub, whose fields are bound to credential `id`: (hub, connection
/// id, name).
pub fn users(tx: &Tx<'_>, id: Uuid) -> DbResult<Vec<(Uuid, Uuid, String)>> {
    Ok(tx
        .bound_to(id)?
        .into_iter()
        .map(|(hub, r)| (hub, r.connection.id, r.connection.name))
        .collect())
}

/// The bindings a change leaves a connection with (of type `auth` after it; `stored`, its
/// values after it): a credential's id binds a field, `null` unbinds it (a required field then
/// needs its value in the same change); a type switched away from takes its bindings with it.
/// A value typed for a field that stays bound is refused, and so is a move of the address the
/// secrets go to (`moved`) unless every binding is chosen again in the same change: the
/// credential's secret would follow the new address.
pub fn rebound(
    connector: &Connector,
    auth: AuthType,
    stored: &Stored,
    record: &Record,
    request: &UpdateConnection,
    moved: bool,
) -> Result<BTreeMap<String, Uuid>, Vec<FieldError>> {
    let fields = connector.form_fields(auth);
    let mut bindings = record.connection.bindings.clone();
    bindings.retain(|key, _| bindable(auth, &fields, key).is_some());
    let mut errors = Vec::new();
    for (key, asked) in &request.bindings {
        match asked {
            Some(id) => {
                bindings.insert(key.clone(), *id);
            }
            None => {
                bindings.remove(key);
                let required = fields.iter().any(|f| &f.key == key && f.required);
                if required && !stored.secrets.contains_key(key) {
                    errors.push(field_error(key, &Problem::Required));
                }
            }
        }
    }
    for (key, value) in &request.config {
        if bindings.contains_key(key) && value.as_ref().is_some_and(is_present) {
            errors.push(field_said(key, Said::new(Code::BoundAndTyped)));
        }
    }
    if moved {
        for key in bindings.keys() {
            if !matches!(request.bindings.get(key), Some(Some(_))) {
                let at = format!("bindings.{key}");
                errors.push(field_said(&at, Said::new(Code::ConfirmBinding)));
            }
        }
    }
    if errors.is_empty() {
        Ok(bindings)
    } else {
        Err(errors)
    }
}

/// Gives the record `bindings` (a change's): a bound field keeps no secret of its own (in
/// `secrets`, the values the record will keep), and a change of binding is untested until tested.
pub fn bind(
    record: &mut Record,
    secrets: &mut BTreeMap<String, String>,
    bindings: BTreeMap<String, Uuid>,
) {
    secrets.retain(|k, _| !bindings.contains_key(k));
    if bindings != record.connection.bindings {
        record.connection.health = credentials::unchecked();
    }
    record.connection.bindings = bindings;
}
