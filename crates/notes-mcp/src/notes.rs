//! The MCP side: a small team-notes server with two tools, on the official SDK's server.

use rmcp::{
    handler::server::wrapper::{Json, Parameters},
    schemars, tool, tool_router,
};
use serde::{Deserialize, Serialize};

/// The notes every session reads (this server stands for someone's real data).
const NOTES: [(&str, &str); 3] = [
    (
        "Onboarding",
        "Read the handbook, then pair with a teammate for a day.",
    ),
    ("On-call", "The pager rotates every Monday at 09:00 UTC."),
    (
        "Release",
        "Tag from main after the test run passes; write the notes the same day.",
    ),
];

#[derive(Clone, Default)]
pub struct Notes;

#[derive(Deserialize, schemars::JsonSchema)]
pub struct ReadNote {
    /// The note's title, as `list_notes` gives it.
    title: String,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct Titles {
    titles: Vec<String>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct Note {
    title: String,
    text: String,
}

#[tool_router(server_handler)]
impl Notes {
    #[tool(
        description = "Lists the titles of the team's notes.",
        annotations(title = "List notes", read_only_hint = true, open_world_hint = false)
    )]
    fn list_notes(&self) -> Json<Titles> {
        Json(Titles {
            titles: NOTES.iter().map(|(t, _)| t.to_string()).collect(),
        })
    }

    #[tool(
        description = "Reads one note by its title.",
        annotations(title = "Read note", read_only_hint = true, open_world_hint = false)
    )]
    fn read_note(
        &self,
        Parameters(ReadNote { title }): Parameters<ReadNote>,
    ) -> Result<Json<Note>, String> {
        NOTES
            .iter()
            .find(|(t, _)| t.eq_ignore_ascii_case(&title))
            .map(|(t, text)| {
                Json(Note {
                    title: t.to_string(),
                    text: text.to_string(),
                })
            })
            .ok_or_else(|| format!("There is no note titled {title}."))
    }
}
