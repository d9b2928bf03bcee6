//! An MCP server's tools as the page shows them (title, parameters, hints, filter), and the
//! differences between two tool lists.

use crate::{search::Query, wire::McpTool};

/// What a person reads as the tool's name: its title, else its annotations' title, else its name.
pub fn tool_title(tool: &McpTool) -> &str {
    fn given(t: &Option<String>) -> Option<&str> {
        t.as_deref().filter(|t| !t.trim().is_empty())
    }
    given(&tool.title)
        .or_else(|| tool.annotations.as_ref().and_then(|a| given(&a.title)))
        .unwrap_or(&tool.name)
}

/// One argument of a tool, from its input schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    pub name: String,
    /// `string`, `integer | null`, `array of string`, `string (low, normal, high)`; `any` if
    /// the schema does not say.
    pub kind: String,
    pub required: bool,
    pub description: Option<String>,
}

/// The tool's parameters: required ones first, each group by name.
pub fn parameters(tool: &McpTool) -> Vec<Parameter> {
    let schema = &tool.input_schema;
    let required: Vec<&str> = schema
        .get("required")
        .and_then(|r| r.as_array())
        .map(|r| r.iter().filter_map(|n| n.as_str()).collect())
        .unwrap_or_default();
    let Some(properties) = schema.get("properties").and_then(|p| p.as_object()) else {
        return Vec::new();
    };
    let mut list: Vec<Parameter> = properties
        .iter()
        .map(|(name, property)| Parameter {
            name: name.clone(),
            kind: kind_of(property),
            required: required.contains(&name.as_str()),
            description: property
                .get("description")
                .and_then(|d| d.as_str())
                .map(str::to_string),
        })
        .collect();
    list.sort_by(|a, b| {
        b.required
            .cmp(&a.required)
            .then_with(|| a.name.cmp(&b.name))
    });
    list
}

fn kind_of(property: &serde_json::Value) -> String {
    let base = match property.get("type") {
        Some(serde_json::Value::String(t)) if t == "array" => match property.get("items") {
            Some(items) if items.get("type").is_some() => format!("array of {}", kind_of(items)),
            _ => "array".to_string(),
        },
        Some(serde_json::Value::String(t)) => t.clone(),
        Some(serde_json::Value::Array(types)) => types
            .iter()
            .filter_map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(" | "),
        _ => "any".to_string(),
    };
    match property.get("enum").and_then(|e| e.as_array()) {
        Some(options) if !options.is_empty() => {
            let options: Vec<String> = options
                .iter()
                .map(|o| match o {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            format!("{base} ({})", options.join(", "))
        }
        _ => base,
    }
}

/// The behaviour hints a server declares for a tool (only those it states as true).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    ReadOnly,
    Destructive,
    Idempotent,
    OpenWorld,
}

pub fn hints(tool: &McpTool) -> Vec<Hint> {
    let Some(a) = &tool.annotations else {
        return Vec::new();
    };
    [
        (a.read_only_hint, Hint::ReadOnly),
        (a.destructive_hint, Hint::Destructive),
        (a.idempotent_hint, Hint::Idempotent),
        (a.open_world_hint, Hint::OpenWorld),
    ]
    .into_iter()
    .filter(|(stated, _)| *stated == Some(true))
    .map(|(_, hint)| hint)
    .collect()
}

/// Why an MCP server's tools could not be read, and so what the person can do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum McpProblem {
    /// Nothing answered at the URL: fix the URL (Edit), or retry.
    Unreachable,
    /// It answered too slowly: retry.
    Timeout,
    /// The server refused the credentials: check the bearer token (Edit), or Reconnect (OAuth).
    Unauthorized,
    /// Something answered, but not as an MCP server: fix the URL (Edit).
    NotMcp,
    /// The MCP server failed: retry later.
    ServerError,
}

impl McpProblem {
    /// From a 424's code (`mcp_unreachable`, …).
    pub fn from_code(code: &str) -> Option<McpProblem> {
        use crate::codes::McpErrorCode as C;
        Some(match C::from_code(code)? {
            C::Unreachable => McpProblem::Unreachable,
            C::Timeout => McpProblem::Timeout,
            C::Unauthorized => McpProblem::Unauthorized,
            C::NotMcp | C::Protocol | C::BadHeader => McpProblem::NotMcp,
            C::ServerError => McpProblem::ServerError,
        })
    }

    /// From a connection's health, for a failure recorded earlier (at creation, or by the hub).
    pub fn from_health(status: crate::HealthStatus) -> Option<McpProblem> {
        use crate::HealthStatus as H;
        match status {
            H::Unreachable => Some(McpProblem::Unreachable),
            H::AuthFailed | H::TokenExpired => Some(McpProblem::Unauthorized),
            H::ConfigError => Some(McpProblem::NotMcp),
            H::Ok | H::Quota | H::Unknown | H::ProductionCredentialMissing | H::Other => None,
        }
    }

    /// Whether editing the connection (URL, token, headers) is the way out.
    pub fn wants_edit(self, oauth: bool) -> bool {
        match self {
            McpProblem::Unreachable | McpProblem::NotMcp => true,
            McpProblem::Unauthorized => !oauth,
            McpProblem::Timeout | McpProblem::ServerError => false,
        }
    }

    /// Whether signing in again is the way out.
    pub fn wants_reconnect(self, oauth: bool) -> bool {
        oauth && self == McpProblem::Unauthorized
    }
}

/// A tool as an MCP server describes it (the MCP wire shape, camelCase members; unknown members
/// such as `outputSchema` ignored).
pub fn from_mcp_json(tool: serde_json::Value) -> Result<McpTool, serde_json::Error> {
    serde_json::from_value(tool)
}

/// A tool in the MCP wire shape, as a server lists it. A missing or non-object input schema
/// becomes `{"type": "object"}`, which MCP requires.
pub fn to_mcp_json(tool: &McpTool) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    out.insert("name".into(), tool.name.clone().into());
    if let Some(title) = &tool.title {
        out.insert("title".into(), title.clone().into());
    }
    if let Some(description) = &tool.description {
        out.insert("description".into(), description.clone().into());
    }
    let schema = match &tool.input_schema {
        serde_json::Value::Object(_) => tool.input_schema.clone(),
        _ => serde_json::json!({ "type": "object" }),
    };
    out.insert("inputSchema".into(), schema);
    if let Some(a) = &tool.annotations {
        let mut hints = serde_json::Map::new();
        if let Some(title) = &a.title {
            hints.insert("title".into(), title.clone().into());
        }
        for (key, value) in [
            ("readOnlyHint", a.read_only_hint),
            ("destructiveHint", a.destructive_hint),
            ("idempotentHint", a.idempotent_hint),
            ("openWorldHint", a.open_world_hint),
        ] {
            if let Some(v) = value {
                hints.insert(key.into(), v.into());
            }
        }
        out.insert("annotations".into(), hints.into());
    }
    out.into()
}

/// Whether a tool matches the tools filter: by name, title or description.
pub fn tool_matches(tool: &McpTool, query: &Query) -> bool {
    query.matches(&[
        &tool.name,
        tool_title(tool),
        tool.description.as_deref().unwrap_or_default(),
    ])
}

/// Names of tools added, removed and changed from `before` to `after`, each sorted. A tool
/// changed when anything but its name differs (title, description, input schema, annotations).
pub fn tool_diff(before: &[McpTool], after: &[McpTool]) -> (Vec<String>, Vec<String>, Vec<String>) {
    let find = |list: &[McpTool], name: &str| list.iter().position(|t| t.name == name);
    let mut added: Vec<String> = after
        .iter()
        .filter(|t| find(before, &t.name).is_none())
        .map(|t| t.name.clone())
        .collect();
    let mut removed: Vec<String> = before
        .iter()
        .filter(|t| find(after, &t.name).is_none())
        .map(|t| t.name.clone())
        .collect();
    let mut changed: Vec<String> = after
        .iter()
        .filter(|t| find(before, &t.name).is_some_and(|i| &before[i] != *t))
        .map(|t| t.name.clone())
        .collect();
    added.sort();
    removed.sort();
    changed.sort();
    (added, removed, changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tool(name: &str, schema: serde_json::Value) -> McpTool {
        McpTool {
            name: name.into(),
            title: None,
            description: Some(format!("{name} tool")),
            input_schema: schema,
            annotations: None,
        }
    }

    #[test]
    fn titles_fall_back_to_the_annotations_then_the_name() {
        let mut t = tool("search", json!({}));
        assert_eq!(tool_title(&t), "search");
        t.annotations = Some(crate::ToolAnnotations {
            title: Some("Search (annotated)".into()),
            ..Default::default()
        });
        assert_eq!(tool_title(&t), "Search (annotated)");
        t.title = Some("Search docs".into());
        assert_eq!(tool_title(&t), "Search docs");
        t.title = Some("  ".into());
        assert_eq!(tool_title(&t), "Search (annotated)");
    }

    #[test]
    fn parameters_come_from_the_input_schema_required_first() {
        let t = tool(
            "t",
            json!({"type": "object", "required": ["subject"], "properties": {
                "priority": {"type": "string", "enum": ["low", "high"]},
                "subject": {"type": "string", "description": "What it is about"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "limit": {"type": ["integer", "null"]},
                "extra": {}
            }}),
        );
        let got: Vec<(String, String, bool)> = parameters(&t)
            .into_iter()
            .map(|p| (p.name, p.kind, p.required))
            .collect();
        assert_eq!(
            got,
            [
                ("subject".into(), "string".into(), true),
                ("extra".into(), "any".into(), false),
                ("limit".into(), "integer | null".into(), false),
                ("priority".into(), "string (low, high)".into(), false),
                ("tags".into(), "array of string".into(), false),
            ]
        );
        assert_eq!(
            parameters(&t)[0].description.as_deref(),
            Some("What it is about")
        );
        assert!(parameters(&tool("none", json!({"type": "object"}))).is_empty());
        assert!(parameters(&tool("odd", json!("not a schema"))).is_empty());
    }

    #[test]
    fn only_hints_stated_as_true_are_shown() {
        let mut t = tool("t", json!({}));
        assert!(hints(&t).is_empty());
        t.annotations = Some(crate::ToolAnnotations {
            read_only_hint: Some(true),
            destructive_hint: Some(false),
            idempotent_hint: Some(true),
            open_world_hint: Some(true),
            ..Default::default()
        });
        assert_eq!(
            hints(&t),
            [Hint::ReadOnly, Hint::Idempotent, Hint::OpenWorld]
        );
    }

    #[test]
    fn the_filter_looks_at_name_title_and_description() {
        let mut t = tool("create_ticket", json!({}));
        t.title = Some("Open a ticket".into());
        assert!(tool_matches(&t, &Query::new("CREATE")));
        assert!(tool_matches(&t, &Query::new("open a")));
        assert!(tool_matches(&t, &Query::new("create_ticket tool")));
        assert!(!tool_matches(&t, &Query::new("delete")));
        assert!(tool_matches(&t, &Query::new("")));
    }

    #[test]
    fn each_mcp_failure_leads_to_its_action() {
        use crate::HealthStatus;
        let p = |code| McpProblem::from_code(code).unwrap();
        assert!(p("mcp_unreachable").wants_edit(false));
        assert!(!p("mcp_timeout").wants_edit(false));
        assert!(
            p("mcp_unauthorized").wants_edit(false),
            "bearer: check the token"
        );
        assert!(!p("mcp_unauthorized").wants_edit(true));
        assert!(
            p("mcp_unauthorized").wants_reconnect(true),
            "OAuth: reconnect"
        );
        assert!(!p("mcp_unauthorized").wants_reconnect(false));
        assert_eq!(p("mcp_protocol_error"), McpProblem::NotMcp);
        assert_eq!(McpProblem::from_code("validation_failed"), None);
        assert_eq!(
            McpProblem::from_health(HealthStatus::TokenExpired),
            Some(McpProblem::Unauthorized),
            "an expired token is never shown as connected"
        );
        assert_eq!(McpProblem::from_health(HealthStatus::Ok), None);
    }

    #[test]
    fn added_removed_and_changed_by_name() {
        let before = vec![
            tool("keep", json!({"type":"object"})),
            tool("gone", json!({"type":"object"})),
            tool("schema", json!({"type":"object"})),
        ];
        let mut described = tool("keep", json!({"type":"object"}));
        described.description = Some("new words".into());
        let after = vec![
            tool("new", json!({"type":"object"})),
            described,
            tool(
                "schema",
                json!({"type":"object","properties":{"q":{"type":"string"}}}),
            ),
        ];
        let (added, removed, changed) = tool_diff(&before, &after);
        assert_eq!(added, ["new"]);
        assert_eq!(removed, ["gone"]);
        assert_eq!(changed, ["keep", "schema"]);
        let (a, r, c) = tool_diff(&after, &after);
        assert!(a.is_empty() && r.is_empty() && c.is_empty());
    }

    #[test]
    fn tools_cross_the_mcp_wire_both_ways() {
        let wire = json!({
            "name": "t", "title": "T", "description": "d",
            "inputSchema": {"type": "object", "properties": {"q": {"type": "string"}}},
            "outputSchema": {"type": "object"},
            "annotations": {"title": "A", "readOnlyHint": true, "openWorldHint": false}
        });
        let tool = from_mcp_json(wire.clone()).unwrap();
        assert_eq!(tool.title.as_deref(), Some("T"));
        let hints = tool.annotations.clone().unwrap();
        assert_eq!(hints.read_only_hint, Some(true));
        assert_eq!(hints.open_world_hint, Some(false));
        assert_eq!(hints.destructive_hint, None);
        let back = to_mcp_json(&tool);
        assert_eq!(back["inputSchema"], wire["inputSchema"]);
        assert_eq!(back["annotations"], wire["annotations"]);
        assert_eq!(from_mcp_json(back).unwrap(), tool);
        // MCP requires an object schema.
        assert_eq!(
            to_mcp_json(&tool_named("x", json!(null)))["inputSchema"],
            json!({"type": "object"})
        );
    }

    fn tool_named(name: &str, schema: serde_json::Value) -> McpTool {
        tool(name, schema)
    }
}
