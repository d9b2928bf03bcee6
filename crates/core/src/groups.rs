//! Grouping the catalog into the page's seven groups.

use crate::wire::{Connector, ConnectorType};

/// One group of the page: its type and its connectors in catalog order.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectorGroup<'a> {
    pub connector_type: ConnectorType,
    pub connectors: Vec<&'a Connector>,
}

/// All seven groups in the seed's order, even empty ones (the page always shows every heading),
/// each keeping the catalog's order of its connectors; then, when a newer hub has connectors of
/// a kind this page does not know, a last group of them.
pub fn group_connectors(connectors: &[Connector]) -> Vec<ConnectorGroup<'_>> {
    let other = connectors
        .iter()
        .any(|c| c.connector_type == ConnectorType::Other);
    ConnectorType::ALL
        .iter()
        .chain(other.then_some(&ConnectorType::Other))
        .map(|&t| ConnectorGroup {
            connector_type: t,
            connectors: connectors
                .iter()
                .filter(|c| c.connector_type == t)
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn connector(name: &str, t: ConnectorType) -> Connector {
        crate::fixtures::connector(Uuid::nil(), name, t)
    }

    #[test]
    fn groups_follow_seed_order_whatever_the_catalog_order() {
        let cs = vec![
            connector("Tts1", ConnectorType::Tts),
            connector("Agent1", ConnectorType::Agent),
            connector("Mcp1", ConnectorType::ToolMcp),
        ];
        let groups = group_connectors(&cs);
        let types: Vec<_> = groups.iter().map(|g| g.connector_type).collect();
        assert_eq!(types, ConnectorType::ALL.to_vec());
        assert_eq!(groups[0].connectors[0].name, "Agent1");
        assert_eq!(groups[4].connectors[0].name, "Mcp1");
        assert_eq!(groups[6].connectors[0].name, "Tts1");
    }

    #[test]
    fn empty_groups_are_kept_and_order_within_a_group_is_stable() {
        let cs = vec![
            connector("B", ConnectorType::Agent),
            connector("A", ConnectorType::Agent),
        ];
        let groups = group_connectors(&cs);
        assert_eq!(groups.len(), 7);
        let names: Vec<_> = groups[0]
            .connectors
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(names, ["B", "A"]);
        assert!(groups[1..].iter().all(|g| g.connectors.is_empty()));
    }

    #[test]
    fn connectors_of_a_kind_this_page_does_not_know_come_last_together() {
        let cs = vec![
            connector("Newer", ConnectorType::Other),
            connector("Agent1", ConnectorType::Agent),
        ];
        let groups = group_connectors(&cs);
        assert_eq!(groups.len(), 8);
        assert_eq!(groups[7].connector_type, ConnectorType::Other);
        assert_eq!(groups[7].connectors[0].name, "Newer");
    }
}
