//! Where each connection's tools and last sync stand, kept at page level.

use crate::{context::PageContext, strings, ui::focus::restore_focus};
use leptos::{prelude::*, task::spawn_local};
use std::{collections::HashMap, sync::Arc};
use uuid::Uuid;
use wayai_core::{HubError, McpTool};

/// Where a connection's tools stand. Kept at page level: an update to the connection rebuilds
/// its view, and neither a sync in flight nor its outcome may be lost with it.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tools {
    Loading,
    Loaded(Arc<Vec<McpTool>>),
    Failed(HubError),
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum SyncState {
    Running,
    Done {
        added: Vec<String>,
        removed: Vec<String>,
        changed: Vec<String>,
    },
    Failed(HubError),
}

#[derive(Clone, Copy)]
pub(crate) struct McpTools {
    tools: RwSignal<HashMap<Uuid, Tools>>,
    syncs: RwSignal<HashMap<Uuid, SyncState>>,
    context: StoredValue<PageContext, LocalStorage>,
}

impl McpTools {
    pub fn new(context: PageContext) -> Self {
        McpTools {
            tools: RwSignal::new(HashMap::new()),
            syncs: RwSignal::new(HashMap::new()),
            context: StoredValue::new_local(context),
        }
    }

    // `try_`: a page unmounted while a request was in flight has disposed these.
    pub(super) fn tools_of(self, id: Uuid) -> Option<Tools> {
        self.tools.try_with(|t| t.get(&id).cloned()).flatten()
    }

    pub(super) fn sync_of(self, id: Uuid) -> Option<SyncState> {
        self.syncs.try_with(|s| s.get(&id).cloned()).flatten()
    }

    /// Loads the tools once (again after a failure, when asked).
    pub(super) fn load(self, id: Uuid) {
        let known = self
            .tools
            .try_with_untracked(|t| matches!(t.get(&id), Some(Tools::Loading | Tools::Loaded(_))));
        if known != Some(false) {
            return;
        }
        self.tools.update(|t| {
            t.insert(id, Tools::Loading);
        });
        let context = self.context.get_value();
        spawn_local(async move {
            let loaded = match context.client.tools(context.hub_id, id).await {
                Ok(list) => Tools::Loaded(Arc::new(list.tools)),
                Err(e) => Tools::Failed(e),
            };
            self.tools.update(|t| {
                t.insert(id, loaded);
            });
        });
    }

    /// Discovers the tools again. One sync per connection at a time.
    pub(super) fn sync(self, id: Uuid) {
        let running = self
            .syncs
            .try_with_untracked(|s| matches!(s.get(&id), Some(SyncState::Running)));
        if running != Some(false) {
            return;
        }
        self.syncs.update(|s| {
            s.insert(id, SyncState::Running);
        });
        let context = self.context.get_value();
        spawn_local(async move {
            let outcome = match context.client.sync(context.hub_id, id).await {
                Ok(result) => {
                    self.tools.update(|t| {
                        t.insert(id, Tools::Loaded(Arc::new(result.tools)));
                    });
                    context.announce(strings::sync_summary(
                        context.locale.get_untracked(),
                        result.added.len(),
                        result.removed.len(),
                        result.changed.len(),
                    ));
                    SyncState::Done {
                        added: result.added,
                        removed: result.removed,
                        changed: result.changed,
                    }
                }
                Err(e) => SyncState::Failed(e),
            };
            self.syncs.update(|s| {
                s.insert(id, outcome);
            });
            // Tool count, last sync and health changed at the hub, whatever the outcome.
            if let Ok(connection) = context.client.connection(context.hub_id, id).await {
                context.updated(connection);
            }
            restore_focus(&context);
        });
    }
}
