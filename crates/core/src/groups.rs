//! Grouping the catalog into the page's groups: the catalog's own (a hub says which groups it has,
//! in which order, with their words and variants), or, for a hub that names none, the seed's seven.

use crate::wire::{Connector, ConnectorType, Group};

/// The groups a page shows, and where a connector of no listed group goes (a newer hub's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Groups {
    pub listed: Vec<Group>,
    pub other: Group,
}

/// One group of the page with its connectors, in catalog order.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectorGroup<'a> {
    pub group: Group,
    pub connectors: Vec<&'a Connector>,
}

impl Groups {
    /// The catalog's groups, or (none named) the seven in the seed's order with the page's words
    /// for each type (`words` gives a title and a description; `Other`'s are the last group's).
    pub fn new(catalog: &[Group], words: impl Fn(ConnectorType) -> (String, String)) -> Groups {
        let group = |t: ConnectorType| {
            let (title, description) = words(t);
            Group {
                id: t.as_str().to_string(),
                title,
                description,
                variants: Vec::new(),
            }
        };
        let listed = if catalog.is_empty() {
            ConnectorType::ALL.into_iter().map(group).collect()
        } else {
            catalog.to_vec()
        };
        Groups {
            listed,
            other: group(ConnectorType::Other),
        }
    }

    /// Every listed group, even empty ones (the page always shows every heading), each keeping
    /// the catalog's order of its connectors; then, when there are connectors of no listed group,
    /// the other group with them.
    pub fn group_connectors<'a>(&self, connectors: &'a [Connector]) -> Vec<ConnectorGroup<'a>> {
        let mut groups: Vec<ConnectorGroup<'a>> = self
            .listed
            .iter()
            .map(|g| ConnectorGroup {
                group: g.clone(),
                connectors: connectors.iter().filter(|c| c.group_id() == g.id).collect(),
            })
            .collect();
        let rest: Vec<&Connector> = connectors
            .iter()
            .filter(|c| !self.listed.iter().any(|g| g.id == c.group_id()))
            .collect();
        if !rest.is_empty() {
            groups.push(ConnectorGroup {
                group: self.other.clone(),
                connectors: rest,
            });
        }
        groups
    }

    /// The id of the group the page shows `connector` in.
    pub fn id_of(&self, connector: &Connector) -> String {
        let id = connector.group_id();
        if self.listed.iter().any(|g| g.id == id) {
            id.to_string()
        } else {
            self.other.id.clone()
        }
    }

    /// The title of the group with this id.
    pub fn title(&self, id: &str) -> &str {
        self.listed
            .iter()
            .find(|g| g.id == id)
            .unwrap_or(&self.other)
            .title
            .as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn connector(name: &str, t: ConnectorType) -> Connector {
        crate::fixtures::connector(Uuid::nil(), name, t)
    }

    fn seven() -> Groups {
        Groups::new(&[], |t| (t.as_str().to_uppercase(), String::new()))
    }

    #[test]
    fn groups_follow_seed_order_whatever_the_catalog_order() {
        let cs = vec![
            connector("Tts1", ConnectorType::Tts),
            connector("Agent1", ConnectorType::Agent),
            connector("Mcp1", ConnectorType::ToolMcp),
        ];
        let groups = seven().group_connectors(&cs);
        let ids: Vec<_> = groups.iter().map(|g| g.group.id.as_str()).collect();
        let seed: Vec<_> = ConnectorType::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(ids, seed);
        assert_eq!(groups[0].connectors[0].name, "Agent1");
        assert_eq!(groups[4].connectors[0].name, "Mcp1");
        assert_eq!(groups[6].connectors[0].name, "Tts1");
        assert_eq!(groups[0].group.title, "AGENT");
    }

    #[test]
    fn empty_groups_are_kept_and_order_within_a_group_is_stable() {
        let cs = vec![
            connector("B", ConnectorType::Agent),
            connector("A", ConnectorType::Agent),
        ];
        let groups = seven().group_connectors(&cs);
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
        let groups = seven().group_connectors(&cs);
        assert_eq!(groups.len(), 8);
        assert_eq!(groups[7].group.id, "newer_kind");
        assert_eq!(groups[7].connectors[0].name, "Newer");
    }

    /// A catalog that names its groups is shown in its groups, in its order, with its words;
    /// a connector naming a group it does not list goes to the other group.
    #[test]
    fn the_catalogs_groups_are_the_pages() {
        let group = |id: &str| Group {
            id: id.into(),
            title: format!("{id} title"),
            description: String::new(),
            variants: Vec::new(),
        };
        let groups = Groups::new(&[group("tool"), group("agent")], |t| {
            (t.as_str().into(), String::new())
        });
        let mut notes = connector("Notes", ConnectorType::ToolNative);
        notes.group = Some("tool".into());
        let mut odd = connector("Odd", ConnectorType::Agent);
        odd.group = Some("somewhere".into());
        let cs = vec![notes, connector("GPT", ConnectorType::Agent), odd];
        let shown = groups.group_connectors(&cs);
        let ids: Vec<_> = shown.iter().map(|g| g.group.id.as_str()).collect();
        assert_eq!(ids, ["tool", "agent", "newer_kind"]);
        assert_eq!(shown[0].connectors[0].name, "Notes");
        assert_eq!(shown[1].connectors[0].name, "GPT");
        assert_eq!(shown[2].connectors[0].name, "Odd");
        assert_eq!(groups.title("tool"), "tool title");
        assert_eq!(groups.id_of(&cs[2]), "newer_kind");
    }
}
