//! Which preview each production hub is published from (see `domain::release`).

use super::{DbResult, Tx};
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

pub(super) const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS releases (
        production_id TEXT PRIMARY KEY,
        preview_id TEXT NOT NULL UNIQUE
    );";

impl Tx<'_> {
    /// The production hub published from `preview`, once it is published.
    pub fn production_of(&self, preview: Uuid) -> DbResult<Option<Uuid>> {
        let id: Option<String> = self
            .0
            .query_row(
                "SELECT production_id FROM releases WHERE preview_id = ?1",
                [preview.to_string()],
                |row| row.get(0),
            )
            .optional()?;
        Ok(id.and_then(|id| id.parse().ok()))
    }

    /// The preview(s) `production` is published from.
    pub fn published_from(&self, production: Uuid) -> DbResult<Vec<Uuid>> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT preview_id FROM releases WHERE production_id = ?1")?;
        let rows = stmt.query_map([production.to_string()], |row| row.get::<_, String>(0))?;
        Ok(rows.filter_map(|r| r.ok()?.parse().ok()).collect())
    }

    pub fn record_release(&self, preview: Uuid, production: Uuid) -> DbResult<()> {
        self.0.execute(
            "INSERT INTO releases (production_id, preview_id) VALUES (?1, ?2)",
            params![production.to_string(), preview.to_string()],
        )?;
        Ok(())
    }
}
