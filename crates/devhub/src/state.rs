//! The hub's state: its store, its catalog (the seed plus connectors support added at run time),
//! its addresses, and the parts it is composed with (the providers' token endpoint). What the
//! simulations keep is theirs (`dev::Dev`), above this.

use crate::{
    domain::{catalog::Served, config::Reach, providers::TokenEndpoint},
    origins::Origins,
    store::{DbResult, Store},
};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};
use uuid::Uuid;
use wayai_core::{Catalog, Connector, ConnectorStatus};

/// The state as handlers take it.
pub type Shared = axum::extract::State<Arc<AppState>>;

pub struct AppState {
    /// The token every `/api` request and every dev control endpoint must carry.
    pub token: String,
    /// Connectors added to a hub's catalog at run time (`PUT /dev/hubs/{hub}/catalog-extra`),
    /// to show that the page renders any schema it is given.
    pub extra_connectors: Mutex<HashMap<Uuid, Vec<Connector>>>,
    /// Support's per-hub choices (`PUT /dev/hubs/{hub}/connectors/{id}/availability`), by
    /// (hub, connector): a copy of the store's, read without taking the store's lock (the
    /// catalog is read inside store transactions).
    pub availability: Mutex<HashMap<(Uuid, Uuid), bool>>,
    pub store: Store,
    /// Where the codes of the providers whose sign-in the hub runs are exchanged.
    pub providers: Arc<dyn TokenEndpoint>,
    pub mcp_timeout: Duration,
    /// How long an ended OAuth flow is kept before it is deleted.
    pub flow_retention: Duration,
    /// The hub's own address and the pages it serves.
    pub origins: Arc<Origins>,
    /// Where connection URLs may point.
    pub reach: Reach,
    /// The catalog every hub is served: the seed's, or a whole catalog given with `--catalog`.
    pub served: Arc<Served>,
    /// A hub's own catalog, when a test replaced its whole catalog (`PUT /dev/hubs/{hub}/catalog`).
    pub hub_catalogs: Mutex<HashMap<Uuid, Arc<Served>>>,
    /// Connectors' logos, when the hub was given a folder of them.
    pub logos: Option<Arc<crate::logos::Logos>>,
    /// The one client for every request the hub sends on an admin's behalf.
    pub outbound: crate::domain::outbound::Outbound,
}

impl AppState {
    /// The hub's catalog: the seed's connectors, then any added to this hub, each with its
    /// status for this hub (support may enable a disabled one, or disable one again).
    pub fn catalog(&self, hub: Uuid) -> Catalog {
        let mut catalog = self.served_to(hub).catalog.clone();
        if let Some(extra) = self
            .extra_connectors
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&hub)
        {
            catalog.connectors.extend(extra.iter().cloned());
        }
        for connector in &mut catalog.connectors {
            self.apply_availability(hub, connector);
        }
        catalog
    }

    pub fn connector(&self, hub: Uuid, id: Uuid) -> Option<Connector> {
        let base = self.served_to(hub);
        let served = base.catalog.connectors.iter().find(|c| c.id == id);
        let mut connector = served.cloned().or_else(|| {
            self.extra_connectors
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(&hub)?
                .iter()
                .find(|c| c.id == id)
                .cloned()
        })?;
        self.apply_availability(hub, &mut connector);
        Some(connector)
    }

    /// The catalog `hub` is served before support's additions: its own, else the hub's.
    pub fn served_to(&self, hub: Uuid) -> Arc<Served> {
        let own = self
            .hub_catalogs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&hub)
            .cloned();
        own.unwrap_or_else(|| self.served.clone())
    }

    /// Support's choice for this connector, if any, over its catalog status. The auto-enabled
    /// connector is the hub's own and is never switched.
    fn apply_availability(&self, hub: Uuid, connector: &mut Connector) {
        if connector.status == ConnectorStatus::AutoEnabled {
            return;
        }
        let choice = self
            .availability
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&(hub, connector.id))
            .copied();
        if let Some(available) = choice {
            connector.status = if available {
                ConnectorStatus::Enabled
            } else {
                ConnectorStatus::Disabled
            };
        }
    }

    /// Records support's choice (`None`: back to the catalog's status), in the store and here.
    pub fn set_availability(
        &self,
        hub: Uuid,
        connector: Uuid,
        available: Option<bool>,
    ) -> DbResult<()> {
        self.store
            .with(|tx| tx.set_availability(hub, connector, available))?;
        let mut choices = self.availability.lock().unwrap_or_else(|e| e.into_inner());
        match available {
            Some(available) => choices.insert((hub, connector), available),
            None => choices.remove(&(hub, connector)),
        };
        Ok(())
    }

    /// The hub's own base URL, from configuration (never from a request's Host).
    pub fn base_url(&self) -> &str {
        self.origins.base_url()
    }
}
