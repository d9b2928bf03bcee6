//! The page's search: which connectors and connections a query keeps.

/// A search query, normalized once: lowercase words, all of which must appear.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query(Vec<String>);

impl Query {
    pub fn new(text: &str) -> Query {
        Query(text.split_whitespace().map(str::to_lowercase).collect())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether every word appears in at least one of `haystacks` (case-insensitive).
    pub fn matches(&self, haystacks: &[&str]) -> bool {
        let lowered: Vec<String> = haystacks.iter().map(|h| h.to_lowercase()).collect();
        self.0
            .iter()
            .all(|word| lowered.iter().any(|h| h.contains(word.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::Query;

    #[test]
    fn every_word_must_match_somewhere_ignoring_case() {
        let q = Query::new("  Open  gpt ");
        assert!(q.matches(&["OpenAI", "LLM provider for OpenAI GPT models."]));
        assert!(!q.matches(&["OpenAI", "Speech-to-text"]));
        assert!(Query::new("tool - mcp").matches(&["MCP Server - Token", "Tool - MCP"]));
        assert!(Query::new("").is_empty());
        assert!(Query::new("").matches(&["anything"]));
        assert!(Query::new("ÉLAN").matches(&["élan vital"]));
    }
}
