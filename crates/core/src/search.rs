//! The page's search: which connectors and connections a query keeps.

use crate::{
    groups::Groups,
    wire::{Connection, Connector, Group},
};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

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

/// A group as the search leaves it: its connectors that match, each with its connections that
/// match (all of them when the connector itself matches).
#[derive(Debug, Clone, PartialEq)]
pub struct ShownGroup {
    pub group: Group,
    pub connectors: Vec<(Connector, Vec<Connection>)>,
}

/// What the page shows for `query`: the groups in order (every group while the query is empty;
/// only those with a match otherwise), and how many connectors matched. A connector matches by
/// name, description or its group's title (in the page's language); a connection by name or
/// health message.
pub fn filter_catalog(
    groups: &Groups,
    connectors: &[Connector],
    connections: &[Connection],
    query: &Query,
) -> (Vec<ShownGroup>, usize) {
    let groups: Vec<ShownGroup> = groups
        .group_connectors(connectors)
        .into_iter()
        .map(|group| {
            let title = group.group.title.clone();
            let shown = group
                .connectors
                .into_iter()
                .filter_map(|connector| {
                    let hit = query.matches(&[&connector.name, &connector.description, &title]);
                    let own: Vec<Connection> = connections
                        .iter()
                        .filter(|c| c.connector_id == connector.id)
                        .filter(|c| hit || query.matches(&[&c.name, &c.health.message]))
                        .cloned()
                        .collect();
                    (hit || !own.is_empty()).then(|| (connector.clone(), own))
                })
                .collect();
            ShownGroup {
                group: group.group,
                connectors: shown,
            }
        })
        .filter(|g| query.is_empty() || !g.connectors.is_empty())
        .collect();
    let matched = groups.iter().map(|g| g.connectors.len()).sum();
    (groups, matched)
}

/// Connections whose connector is no longer in the catalog (the hub removed it), that `query`
/// keeps (by name or health message): the page still lists them, so they can be deleted.
pub fn orphaned_connections(
    connectors: &[Connector],
    connections: &[Connection],
    query: &Query,
) -> Vec<Connection> {
    connections
        .iter()
        .filter(|c| !connectors.iter().any(|k| k.id == c.connector_id))
        .filter(|c| query.matches(&[&c.name, &c.health.message]))
        .cloned()
        .collect()
}

/// What a search keeps, by id: the page draws every group, card and row once and hides what a
/// query leaves out, so a keystroke costs a match test per connection, not a redraw.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Kept {
    /// An empty query keeps everything.
    pub everything: bool,
    /// Group ids.
    pub groups: HashSet<String>,
    pub connectors: HashSet<Uuid>,
    /// Connections kept, orphaned ones included.
    pub connections: HashSet<Uuid>,
    /// How many connectors matched (as [`filter_catalog`] counts them).
    pub matched: usize,
}

impl Kept {
    pub fn group(&self, id: &str) -> bool {
        self.everything || self.groups.contains(id)
    }

    pub fn connector(&self, id: Uuid) -> bool {
        self.everything || self.connectors.contains(&id)
    }

    pub fn connection(&self, id: Uuid) -> bool {
        self.everything || self.connections.contains(&id)
    }
}

/// The words a search looks in, lowercased once (when the connections or the language change),
/// so that a keystroke costs a substring test per connector and connection and nothing more.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchIndex {
    connectors: Vec<IndexedConnector>,
    /// Connections whose connector is not in the catalog, kept by their own words.
    orphans: Vec<(Uuid, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct IndexedConnector {
    id: Uuid,
    /// The id of the group it is shown in.
    group: String,
    /// Name, description and group title, lowercased, one per line.
    words: String,
    /// Each connection's id and its name and health message, lowercased, one per line.
    connections: Vec<(Uuid, String)>,
}

/// Texts lowercased and joined by a newline, which no query word contains (words are split on
/// whitespace): a word is in the joined text exactly when it is in one of the texts.
fn lowered(texts: &[&str]) -> String {
    texts
        .iter()
        .map(|t| t.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
}

impl SearchIndex {
    pub fn new(
        groups: &Groups,
        connectors: &[Connector],
        connections: &[Connection],
    ) -> SearchIndex {
        let mut by_connector: HashMap<Uuid, Vec<(Uuid, String)>> = HashMap::new();
        for c in connections {
            by_connector
                .entry(c.connector_id)
                .or_default()
                .push((c.id, lowered(&[&c.name, &c.health.message])));
        }
        let connectors = connectors
            .iter()
            .map(|k| {
                let group = groups.id_of(k);
                IndexedConnector {
                    id: k.id,
                    words: lowered(&[&k.name, &k.description, groups.title(&group)]),
                    group,
                    connections: by_connector.remove(&k.id).unwrap_or_default(),
                }
            })
            .collect();
        SearchIndex {
            connectors,
            orphans: by_connector.into_values().flatten().collect(),
        }
    }

    /// What `query` keeps, by the same rules as [`filter_catalog`] and [`orphaned_connections`].
    pub fn kept(&self, query: &Query) -> Kept {
        let found = |words: &str| query.0.iter().all(|w| words.contains(w.as_str()));
        if query.is_empty() {
            return Kept {
                everything: true,
                matched: self.connectors.len(),
                ..Kept::default()
            };
        }
        let mut kept = Kept::default();
        for connector in &self.connectors {
            let hit = found(&connector.words);
            let mut any = false;
            for (id, words) in &connector.connections {
                if hit || found(words) {
                    kept.connections.insert(*id);
                    any = true;
                }
            }
            if hit || any {
                kept.connectors.insert(connector.id);
                kept.groups.insert(connector.group.clone());
                kept.matched += 1;
            }
        }
        for (id, words) in &self.orphans {
            if found(words) {
                kept.connections.insert(*id);
            }
        }
        kept
    }
}

/// Whether a `?connector=` deep link names `connector`, as the real app reads them: its id, or a
/// part of its name read case-insensitively with hyphens, underscores and spaces ignored
/// (`mcp-server` names both MCP Server connectors; `openai` names every OpenAI one).
pub fn deep_link_names(link: &str, connector: &Connector) -> bool {
    fn squeezed(s: &str) -> String {
        s.chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect()
    }
    let link = link.trim();
    if connector.id.to_string().eq_ignore_ascii_case(link) {
        return true;
    }
    let wanted = squeezed(link);
    !wanted.is_empty()
        && (squeezed(&connector.name).contains(&wanted) || squeezed(&connector.slug) == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::ConnectorType;

    fn connector(n: u128, name: &str, t: ConnectorType, description: &str) -> Connector {
        Connector {
            description: description.into(),
            ..crate::fixtures::connector(Uuid::from_u128(n), name, t)
        }
    }

    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(100);

    fn connection(of: u128, name: &str, message: &str) -> Connection {
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut c =
            crate::fixtures::connection(Uuid::from_u128(id.into()), Uuid::from_u128(of), name);
        c.health.message = message.into();
        c
    }

    fn title(t: ConnectorType) -> String {
        match t {
            ConnectorType::ToolMcp => "Tool - MCP".into(),
            other => other.as_str().into(),
        }
    }

    /// The seed's seven groups, titled as above.
    fn seven() -> Groups {
        Groups::new(&[], |t| (title(t), String::new()))
    }

    /// A connector's name and its connections' names.
    type Named = (String, Vec<String>);

    fn names(groups: &[ShownGroup]) -> Vec<(String, Vec<Named>)> {
        groups
            .iter()
            .map(|g| {
                let shown = g
                    .connectors
                    .iter()
                    .map(|(k, cs)| (k.name.clone(), cs.iter().map(|c| c.name.clone()).collect()))
                    .collect();
                (g.group.id.clone(), shown)
            })
            .collect()
    }

    #[test]
    fn search_keeps_matching_connectors_with_their_connections_and_counts_them() {
        let connectors = [
            connector(1, "OpenAI", ConnectorType::Agent, "GPT models"),
            connector(2, "Anthropic", ConnectorType::Agent, "Claude models"),
            connector(
                3,
                "MCP Server - Token",
                ConnectorType::ToolMcp,
                "Bearer token",
            ),
        ];
        let connections = [
            connection(1, "Production", "Connected."),
            connection(2, "Old key", "The key was refused."),
            connection(2, "Claude main", "Connected."),
        ];
        let everything = filter_catalog(&seven(), &connectors, &connections, &Query::new(""));
        assert_eq!(
            everything.0.len(),
            7,
            "every group while nothing is searched"
        );
        assert_eq!(everything.1, 3);

        // A connector's name keeps it with all its connections.
        let (groups, matched) =
            filter_catalog(&seven(), &connectors, &connections, &Query::new("gpt"));
        assert_eq!(matched, 1);
        assert_eq!(
            names(&groups),
            vec![(
                "agent".to_string(),
                vec![("OpenAI".into(), vec!["Production".into()])]
            )]
        );
        // A connection's health message keeps that connection and its connector only.
        let (groups, _) =
            filter_catalog(&seven(), &connectors, &connections, &Query::new("refused"));
        assert_eq!(
            names(&groups),
            vec![(
                "agent".to_string(),
                vec![("Anthropic".into(), vec!["Old key".into()])]
            )]
        );
        // The group's title counts, in the page's words.
        let (groups, matched) = filter_catalog(
            &seven(),
            &connectors,
            &connections,
            &Query::new("tool - mcp"),
        );
        assert_eq!((groups.len(), matched), (1, 1));
        // A connection whose connector left the catalog is not lost.
        let stray = [connection(9, "Left behind", "Connected.")];
        let all: Vec<Connection> = connections.iter().chain(&stray).cloned().collect();
        let orphans = orphaned_connections(&connectors, &all, &Query::new(""));
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].name, "Left behind");
        assert!(orphaned_connections(&connectors, &all, &Query::new("gpt")).is_empty());
        // Nothing matches: no group at all.
        let (groups, matched) =
            filter_catalog(&seven(), &connectors, &connections, &Query::new("zzz"));
        assert!(groups.is_empty());
        assert_eq!(matched, 0);
    }

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

    #[test]
    fn deep_links_name_connectors_by_a_tolerant_part_of_their_name() {
        let named = |name: &str, slug: &str| Connector {
            slug: slug.into(),
            ..crate::fixtures::connector(Uuid::from_u128(5), name, ConnectorType::Tts)
        };
        let catalog = [
            named("MCP Server - Token", "mcp-server-token"),
            named("MCP Server - OAuth", "mcp-server-oauth"),
            named("WhatsApp", "whatsapp"),
            named("WhatsApp - Token", "whatsapp-token"),
            named("OpenAI", "openai"),
            named("OpenAI STT", "openai-stt"),
            named("OpenAI TTS", "openai-tts"),
            named("Groq STT", "groq-stt"),
        ];
        let found = |link: &str| -> Vec<&str> {
            catalog
                .iter()
                .filter(|c| deep_link_names(link, c))
                .map(|c| c.slug.as_str())
                .collect()
        };
        assert_eq!(
            found("mcp-server"),
            ["mcp-server-token", "mcp-server-oauth"]
        );
        assert_eq!(
            found("MCP server"),
            ["mcp-server-token", "mcp-server-oauth"]
        );
        assert_eq!(found("whatsapp"), ["whatsapp", "whatsapp-token"]);
        assert_eq!(found("openai"), ["openai", "openai-stt", "openai-tts"]);
        assert_eq!(found("open_ai tts"), ["openai-tts"]);
        assert_eq!(found("groq-stt"), ["groq-stt"]);
        assert!(found("fax-machine").is_empty());
        assert!(found(" - ").is_empty());
        assert!(deep_link_names(
            "00000000-0000-0000-0000-000000000005",
            &catalog[0]
        ));
    }

    #[test]
    fn what_a_search_keeps_is_what_the_filtered_groups_show() {
        let connectors = [
            connector(1, "OpenAI", ConnectorType::Agent, "GPT models"),
            connector(2, "Gmail", ConnectorType::Channel, "Email"),
            connector(3, "MCP Server", ConnectorType::ToolMcp, "External servers"),
        ];
        let connections = [
            connection(1, "Team key", "Credentials accepted."),
            connection(1, "Old key", "Rejected"),
            connection(2, "Support inbox", "Connected as ada@example.com."),
            connection(3, "Docs", "3 tools"),
            connection(9, "Gone tool", "Rejected"),
        ];
        for text in [
            "",
            "key",
            "gpt",
            "rejected",
            "mcp",
            "ada",
            "nothing at all",
            "tool",
        ] {
            let q = Query::new(text);
            let kept = SearchIndex::new(&seven(), &connectors, &connections).kept(&q);
            let (groups, matched) = filter_catalog(&seven(), &connectors, &connections, &q);
            assert_eq!(kept.matched, matched, "{text}");
            for g in &groups {
                assert!(kept.group(&g.group.id), "{text}");
                for (k, cs) in &g.connectors {
                    assert!(kept.connector(k.id), "{text}");
                    for c in cs {
                        assert!(kept.connection(c.id), "{text}");
                    }
                }
            }
            let shown_connections: usize = groups
                .iter()
                .flat_map(|g| &g.connectors)
                .map(|(_, cs)| cs.len())
                .sum::<usize>()
                + orphaned_connections(&connectors, &connections, &q).len();
            if !kept.everything {
                assert_eq!(kept.connections.len(), shown_connections, "{text}");
                assert_eq!(kept.connectors.len(), matched, "{text}");
                assert_eq!(
                    kept.groups.len(),
                    groups.iter().filter(|g| !g.connectors.is_empty()).count(),
                    "{text}"
                );
            }
        }
    }
}
