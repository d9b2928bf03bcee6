//! Differences between two tool lists of an MCP server.

use crate::wire::McpTool;

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
}
