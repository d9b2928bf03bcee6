//! The dev hub's embedded SQLite database: connections survive a restart.
//!
//! Each connection is one row holding a JSON record ([`Record`]): its public part in clear, every
//! credential it holds sealed with the vault's key (each secret once), read by the hub itself
//! only, never serialized into a response.

mod kept;
mod org;
mod release;

pub use kept::{McpGrant, Record, Retired, Tokens};
pub use org::KeptCredential;

use crate::vault::Vault;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::{path::Path, sync::Mutex};
use uuid::Uuid;

/// A stored answer to a create, replayed for a retry with the same idempotency key.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub fingerprint: String,
    pub status: u16,
    pub body: String,
}

pub struct Store {
    db: Mutex<rusqlite::Connection>,
    vault: Vault,
}

pub type DbResult<T> = Result<T, rusqlite::Error>;

impl Store {
    /// Opens (creating if needed) the database at `path`, or an in-memory one for `None`.
    pub fn open(path: Option<&Path>, vault: Vault) -> DbResult<Store> {
        let db = match path {
            Some(p) => rusqlite::Connection::open(p)?,
            None => rusqlite::Connection::open_in_memory()?,
        };
        db.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             CREATE TABLE IF NOT EXISTS hubs (
                 id TEXT PRIMARY KEY,
                 created_at TEXT NOT NULL
             );
             CREATE TABLE IF NOT EXISTS connections (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT,
                 id TEXT NOT NULL UNIQUE,
                 hub_id TEXT NOT NULL,
                 record TEXT NOT NULL
             );
             CREATE INDEX IF NOT EXISTS connections_hub ON connections (hub_id);
             CREATE TABLE IF NOT EXISTS availability (
                 hub_id TEXT NOT NULL,
                 connector_id TEXT NOT NULL,
                 available INTEGER NOT NULL,
                 PRIMARY KEY (hub_id, connector_id)
             );
             CREATE TABLE IF NOT EXISTS idempotency (
                 hub_id TEXT NOT NULL,
                 key TEXT NOT NULL,
                 fingerprint TEXT NOT NULL,
                 status INTEGER NOT NULL,
                 body TEXT NOT NULL,
                 PRIMARY KEY (hub_id, key)
             );
             CREATE TABLE IF NOT EXISTS oauth_flows (
                 id TEXT PRIMARY KEY,
                 state TEXT NOT NULL UNIQUE,
                 record TEXT NOT NULL
             );",
        )?;
        db.execute_batch(org::SCHEMA)?;
        db.execute_batch(release::SCHEMA)?;
        // A file the hub may read but not write would answer every change with a 500: refuse it
        // at start-up instead.
        if db.is_readonly(rusqlite::MAIN_DB)? {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
                Some("the database is read-only".into()),
            ));
        }
        Ok(Store {
            db: Mutex::new(db),
            vault,
        })
    }

    /// Runs `f` with the database locked: everything inside is atomic with respect to other
    /// requests (the dev hub serializes writes; it is not built for load).
    pub fn with<T>(&self, f: impl FnOnce(&Tx<'_>) -> DbResult<T>) -> DbResult<T> {
        let mut db = self.db.lock().unwrap_or_else(|e| e.into_inner());
        let tx = db.transaction()?;
        let out = f(&Tx(&tx, &self.vault))?;
        tx.commit()?;
        Ok(out)
    }

    /// Whether the vault's key opens what the database holds (a check at start, so a wrong key
    /// file is named then rather than failing a request later).
    pub fn key_opens(&self) -> DbResult<bool> {
        let db = self.db.lock().unwrap_or_else(|e| e.into_inner());
        let sealed: Option<String> = db
            .query_row(
                "SELECT json_extract(record, '$.sealed') FROM connections
                 WHERE json_extract(record, '$.sealed') IS NOT NULL
                 UNION ALL
                 SELECT json_extract(record, '$.sealed') FROM oauth_flows
                 WHERE json_extract(record, '$.sealed') IS NOT NULL
                 LIMIT 1",
                [],
                |row| row.get(0),
            )
            .optional()?;
        Ok(sealed.is_none_or(|s| self.vault.unseal(&s).is_ok()))
    }

    /// A keyed hash of a request body, for the idempotency table.
    pub fn fingerprint(&self, bytes: &[u8]) -> String {
        self.vault.fingerprint(bytes)
    }
}

/// The operations available inside [`Store::with`].
pub struct Tx<'a>(&'a rusqlite::Transaction<'a>, &'a Vault);

/// What a connection record keeps sealed: every credential it holds.
const RECORD_SECRETS: [&str; 5] = ["secrets", "tokens", "mcp_grant", "secrets_for", "retired"];
/// What a flow keeps sealed while it is pending: the form's secrets, an MCP sign-in's client
/// secret and PKCE verifier, the code.
const FLOW_SECRETS: [&str; 3] = ["secrets", "mcp_auth", "code"];

impl Tx<'_> {
    fn encode<T: Serialize>(&self, value: &T, sealed: &[&str]) -> String {
        self.1.seal_members(value, sealed)
    }

    /// Records are only ever written by this code with this key, so one that does not decode
    /// or open is a bug or the wrong key file (which `Store::key_opens` names at start).
    fn decode<T: for<'de> Deserialize<'de>>(&self, text: &str) -> T {
        self.1
            .open_members(text)
            .expect("a stored record decodes and opens")
    }
}

impl Tx<'_> {
    /// Records the hub; returns true the first time it is seen. A known hub is only read.
    pub fn insert_hub(&self, hub_id: Uuid, now: &str) -> DbResult<bool> {
        let known = self
            .0
            .prepare_cached("SELECT 1 FROM hubs WHERE id = ?1")?
            .exists(params![hub_id.to_string()])?;
        if known {
            return Ok(false);
        }
        Ok(self.0.execute(
            "INSERT OR IGNORE INTO hubs (id, created_at) VALUES (?1, ?2)",
            params![hub_id.to_string(), now],
        )? == 1)
    }

    /// Support's per-hub choices, all hubs: (hub, connector, available).
    pub fn availability(&self) -> DbResult<Vec<(Uuid, Uuid, bool)>> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT hub_id, connector_id, available FROM availability")?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, bool>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (hub, connector, available) = row?;
            if let (Ok(hub), Ok(connector)) = (Uuid::parse_str(&hub), Uuid::parse_str(&connector)) {
                out.push((hub, connector, available));
            }
        }
        Ok(out)
    }

    /// Sets (or, with `None`, forgets) support's choice for one connector of a hub.
    pub fn set_availability(
        &self,
        hub_id: Uuid,
        connector_id: Uuid,
        available: Option<bool>,
    ) -> DbResult<()> {
        match available {
            Some(available) => self.0.execute(
                "INSERT INTO availability (hub_id, connector_id, available) VALUES (?1, ?2, ?3)
                 ON CONFLICT (hub_id, connector_id) DO UPDATE SET available = excluded.available",
                params![hub_id.to_string(), connector_id.to_string(), available],
            )?,
            None => self.0.execute(
                "DELETE FROM availability WHERE hub_id = ?1 AND connector_id = ?2",
                params![hub_id.to_string(), connector_id.to_string()],
            )?,
        };
        Ok(())
    }

    pub fn connections(&self, hub_id: Uuid) -> DbResult<Vec<Record>> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT record FROM connections WHERE hub_id = ?1 ORDER BY seq")?;
        let rows = stmt.query_map([hub_id.to_string()], |row| row.get::<_, String>(0))?;
        rows.map(|r| r.map(|json| self.record(&json))).collect()
    }

    /// The hub's connections' ids and names, read without unsealing any record: a create's name
    /// check needs no more, and unsealing every record for it made adding a connection cost in
    /// proportion to the hub's size.
    pub fn connection_names(&self, hub_id: Uuid) -> DbResult<Vec<(Uuid, String)>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT id, json_extract(record, '$.connection.name') FROM connections
             WHERE hub_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([hub_id.to_string()], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, Option<String>>(1)?))
        })?;
        let mut names = Vec::new();
        for row in rows {
            let (id, name) = row?;
            if let (Ok(id), Some(name)) = (id.parse(), name) {
                names.push((id, name));
            }
        }
        Ok(names)
    }

    pub fn connection(&self, hub_id: Uuid, id: Uuid) -> DbResult<Option<Record>> {
        self.0
            .query_row(
                "SELECT record FROM connections WHERE hub_id = ?1 AND id = ?2",
                params![hub_id.to_string(), id.to_string()],
                |row| row.get::<_, String>(0),
            )
            .optional()
            .map(|r| r.map(|json| self.record(&json)))
    }

    /// A connection record as kept: each secret once. The live grant's client secret is the
    /// form's (`secrets.client_secret`), so it is not written a second time.
    fn encode_record(&self, record: &Record) -> String {
        let mut kept = record.clone();
        if let Some(grant) = &mut kept.mcp_grant {
            if grant.client_secret.as_ref() == kept.secrets.get("client_secret") {
                grant.client_secret = None;
            }
        }
        self.encode(&kept, &RECORD_SECRETS)
    }

    fn record(&self, text: &str) -> Record {
        let mut record: Record = self.decode(text);
        if let Some(grant) = &mut record.mcp_grant {
            if grant.client_secret.is_none() {
                grant.client_secret = record.secrets.get("client_secret").cloned();
            }
        }
        record
    }

    pub fn insert(&self, hub_id: Uuid, record: &Record) -> DbResult<()> {
        self.0.execute(
            "INSERT INTO connections (id, hub_id, record) VALUES (?1, ?2, ?3)",
            params![
                record.connection.id.to_string(),
                hub_id.to_string(),
                self.encode_record(record)
            ],
        )?;
        Ok(())
    }

    pub fn update(&self, hub_id: Uuid, record: &Record) -> DbResult<()> {
        self.0.execute(
            "UPDATE connections SET record = ?3 WHERE hub_id = ?1 AND id = ?2",
            params![
                hub_id.to_string(),
                record.connection.id.to_string(),
                self.encode_record(record)
            ],
        )?;
        Ok(())
    }

    pub fn delete(&self, hub_id: Uuid, id: Uuid) -> DbResult<bool> {
        Ok(self.0.execute(
            "DELETE FROM connections WHERE hub_id = ?1 AND id = ?2",
            params![hub_id.to_string(), id.to_string()],
        )? == 1)
    }

    pub fn idempotent_response(&self, hub_id: Uuid, key: &str) -> DbResult<Option<StoredResponse>> {
        self.0
            .query_row(
                "SELECT fingerprint, status, body FROM idempotency WHERE hub_id = ?1 AND key = ?2",
                params![hub_id.to_string(), key],
                |row| {
                    Ok(StoredResponse {
                        fingerprint: row.get(0)?,
                        status: row.get(1)?,
                        body: row.get(2)?,
                    })
                },
            )
            .optional()
    }

    pub fn save_idempotent_response(
        &self,
        hub_id: Uuid,
        key: &str,
        response: &StoredResponse,
    ) -> DbResult<()> {
        self.0.execute(
            "INSERT INTO idempotency (hub_id, key, fingerprint, status, body) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![hub_id.to_string(), key, response.fingerprint, response.status, response.body],
        )?;
        Ok(())
    }

    pub fn flow_by_state<T: for<'de> Deserialize<'de>>(&self, state: &str) -> DbResult<Option<T>> {
        self.0
            .query_row(
                "SELECT record FROM oauth_flows WHERE state = ?1",
                [state],
                |row| row.get::<_, String>(0),
            )
            .optional()
            .map(|r| r.map(|json| self.decode(&json)))
    }

    pub fn flow<T: for<'de> Deserialize<'de>>(&self, id: Uuid) -> DbResult<Option<T>> {
        self.0
            .query_row(
                "SELECT record FROM oauth_flows WHERE id = ?1",
                [id.to_string()],
                |row| row.get::<_, String>(0),
            )
            .optional()
            .map(|r| r.map(|json| self.decode(&json)))
    }

    /// Deletes the flows that ended (or whose deadline passed) at or before `before_unix`: they
    /// can only be read for their status.
    pub fn purge_flows(&self, before_unix: i64) -> DbResult<usize> {
        self.0.execute(
            "DELETE FROM oauth_flows WHERE COALESCE(json_extract(record, '$.ended_unix'),
                                                    json_extract(record, '$.expires_unix')) <= ?1",
            [before_unix],
        )
    }

    pub fn save_flow<T: Serialize>(&self, id: Uuid, state: &str, flow: &T) -> DbResult<()> {
        self.0.execute(
            "INSERT INTO oauth_flows (id, state, record) VALUES (?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET state = excluded.state, record = excluded.record",
            params![id.to_string(), state, self.encode(flow, &FLOW_SECRETS)],
        )?;
        Ok(())
    }
}
