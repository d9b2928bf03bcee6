//! What an organization keeps: its credentials (each secret sealed, like a connection's), its
//! tags, and where each hub stands in it (`HubPlacement`).

use super::{DbResult, Tx};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;
use wayai_core::org::{Environment, HubPlacement, OrgCredential, Tag};

pub(super) const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS org_credentials (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL,
        name_key TEXT NOT NULL,
        record TEXT NOT NULL,
        UNIQUE (org_id, name_key)
    );
    CREATE TABLE IF NOT EXISTS org_tags (
        org_id TEXT NOT NULL,
        slug TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (org_id, slug)
    );
    CREATE TABLE IF NOT EXISTS hub_placements (
        hub_id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL,
        record TEXT NOT NULL
    );";

/// What a credential record keeps sealed: its secret values.
const CREDENTIAL_SECRETS: [&str; 1] = ["secrets"];

/// Everything the hub keeps of an organization credential.
#[derive(Clone, Serialize, Deserialize)]
pub struct KeptCredential {
    pub credential: OrgCredential,
    /// Secret values by field name. Server-side only.
    #[serde(default)]
    pub secrets: BTreeMap<String, String>,
}

/// Names compare without case: "OpenAI" and "openai" are one name to a person.
fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Tx<'_> {
    pub fn credentials(&self, org: Uuid) -> DbResult<Vec<KeptCredential>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT record FROM org_credentials WHERE org_id = ?1 ORDER BY name_key",
        )?;
        let rows = stmt.query_map([org.to_string()], |row| row.get::<_, String>(0))?;
        rows.map(|r| r.map(|json| self.decode(&json))).collect()
    }

    pub fn credential(&self, org: Uuid, id: Uuid) -> DbResult<Option<KeptCredential>> {
        self.0
            .query_row(
                "SELECT record FROM org_credentials WHERE org_id = ?1 AND id = ?2",
                params![org.to_string(), id.to_string()],
                |row| row.get::<_, String>(0),
            )
            .optional()
            .map(|r| r.map(|json| self.decode(&json)))
    }

    /// Whether another credential of `org` than `except` has this name.
    pub fn credential_name_taken(
        &self,
        org: Uuid,
        name: &str,
        except: Option<Uuid>,
    ) -> DbResult<bool> {
        let holder: Option<String> = self
            .0
            .query_row(
                "SELECT id FROM org_credentials WHERE org_id = ?1 AND name_key = ?2",
                params![org.to_string(), name_key(name)],
                |row| row.get(0),
            )
            .optional()?;
        Ok(holder.is_some_and(|id| Some(id) != except.map(|e| e.to_string())))
    }

    /// Inserts or replaces the credential.
    pub fn save_credential(&self, org: Uuid, kept: &KeptCredential) -> DbResult<()> {
        self.0.execute(
            "INSERT INTO org_credentials (id, org_id, name_key, record) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET name_key = ?3, record = ?4",
            params![
                kept.credential.id.to_string(),
                org.to_string(),
                name_key(&kept.credential.name),
                self.encode(kept, &CREDENTIAL_SECRETS)
            ],
        )?;
        Ok(())
    }

    pub fn delete_credential(&self, org: Uuid, id: Uuid) -> DbResult<bool> {
        Ok(self.0.execute(
            "DELETE FROM org_credentials WHERE org_id = ?1 AND id = ?2",
            params![org.to_string(), id.to_string()],
        )? == 1)
    }

    pub fn tags(&self, org: Uuid) -> DbResult<Vec<Tag>> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT record FROM org_tags WHERE org_id = ?1 ORDER BY slug")?;
        let rows = stmt.query_map([org.to_string()], |row| row.get::<_, String>(0))?;
        rows.map(|r| r.map(|json| self.decode(&json))).collect()
    }

    pub fn tag(&self, org: Uuid, slug: &str) -> DbResult<Option<Tag>> {
        self.0
            .query_row(
                "SELECT record FROM org_tags WHERE org_id = ?1 AND slug = ?2",
                params![org.to_string(), slug],
                |row| row.get::<_, String>(0),
            )
            .optional()
            .map(|r| r.map(|json| self.decode(&json)))
    }

    /// Inserts or replaces the tag.
    pub fn save_tag(&self, org: Uuid, tag: &Tag) -> DbResult<()> {
        self.0.execute(
            "INSERT INTO org_tags (org_id, slug, record) VALUES (?1, ?2, ?3)
             ON CONFLICT (org_id, slug) DO UPDATE SET record = ?3",
            params![org.to_string(), tag.slug, self.encode(tag, &[])],
        )?;
        Ok(())
    }

    pub fn delete_tag(&self, org: Uuid, slug: &str) -> DbResult<bool> {
        Ok(self.0.execute(
            "DELETE FROM org_tags WHERE org_id = ?1 AND slug = ?2",
            params![org.to_string(), slug],
        )? == 1)
    }

    /// Where the hub stands: as placed, else in `default_org`, untagged, a preview.
    pub fn placement(&self, hub: Uuid, default_org: Uuid) -> DbResult<HubPlacement> {
        let kept: Option<String> = self
            .0
            .query_row(
                "SELECT record FROM hub_placements WHERE hub_id = ?1",
                [hub.to_string()],
                |row| row.get(0),
            )
            .optional()?;
        Ok(kept.map_or_else(
            || HubPlacement {
                organization_id: default_org,
                tags: Vec::new(),
                environment: Environment::Preview,
            },
            |json| self.decode(&json),
        ))
    }

    pub fn place(&self, hub: Uuid, placement: &HubPlacement) -> DbResult<()> {
        self.0.execute(
            "INSERT INTO hub_placements (hub_id, org_id, record) VALUES (?1, ?2, ?3)
             ON CONFLICT (hub_id) DO UPDATE SET org_id = ?2, record = ?3",
            params![
                hub.to_string(),
                placement.organization_id.to_string(),
                self.encode(placement, &[])
            ],
        )?;
        Ok(())
    }

    /// The connections, in every hub, with a field bound to credential `id`.
    pub fn bound_to(&self, id: Uuid) -> DbResult<Vec<(Uuid, super::Record)>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT hub_id, record FROM connections WHERE instr(record, ?1) > 0 ORDER BY seq",
        )?;
        let rows = stmt.query_map([id.to_string()], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut found = Vec::new();
        for row in rows {
            let (hub, json) = row?;
            let record: super::Record = self.record(&json);
            if record.connection.bindings.values().any(|b| *b == id) {
                found.push((Uuid::parse_str(&hub).unwrap_or_default(), record));
            }
        }
        Ok(found)
    }

    /// The hubs placed in `org` that carry `slug` (an unplaced hub carries no tag).
    pub fn hubs_tagged(&self, org: Uuid, slug: &str) -> DbResult<usize> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT record FROM hub_placements WHERE org_id = ?1")?;
        let rows = stmt.query_map([org.to_string()], |row| row.get::<_, String>(0))?;
        let mut count = 0;
        for json in rows {
            let placement: HubPlacement = self.decode(&json?);
            count += usize::from(placement.tags.iter().any(|t| t == slug));
        }
        Ok(count)
    }
}
