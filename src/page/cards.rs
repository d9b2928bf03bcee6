//! A group of connector cards, each with its existing connections.

use super::kept::SearchKept;
use crate::{
    context::{dom_id, PageContext},
    oauth::ReconnectButton,
    strings::{self, t, tl},
    ui::badges::{ConnectionFacts, HealthBadge},
};
use leptos::prelude::*;
use uuid::Uuid;
use wayai_core::{
    monogram, search::deep_link_names, AuthType, Connection, Connector, ConnectorStatus, Groups,
    HealthStatus, OauthProvider, PageView,
};

/// A group of the catalog (or of the page's own seven): its heading and description, its cards,
/// and its variants' cards under their own headings.
#[component]
pub(super) fn GroupSection(
    id: String,
    groups: Memo<Groups>,
    shown: Vec<(Connector, Vec<Connection>)>,
) -> impl IntoView {
    let heading_id = dom_id(&format!("group-{id}"));
    let labelled_by = heading_id.clone();
    let group = {
        let id = id.clone();
        move || {
            groups.with(|g| {
                g.listed
                    .iter()
                    .chain([&g.other])
                    .find(|x| x.id == id)
                    .cloned()
            })
        }
    };
    // The variants are drawn once: their titles follow the language through `group`.
    let variants = untrack(&group).map(|g| g.variants).unwrap_or_default();
    let kept = id.clone();
    let shown_now = SearchKept::shows(move |k| k.group(&kept));
    let in_variant = |c: &Connector| {
        c.variant
            .as_ref()
            .is_some_and(|v| variants.iter().any(|x| &x.id == v))
    };
    let (grouped, plain): (Vec<_>, Vec<_>) = shown.into_iter().partition(|(c, _)| in_variant(c));
    // A group without variants keeps its list even when empty, as every group always did.
    let plain = (variants.is_empty() || !plain.is_empty()).then(|| view! { <Cards shown=plain /> });
    let title = {
        let group = group.clone();
        move || group().map(|g| g.title).unwrap_or_default()
    };
    let description = move || group().map(|g| g.description).unwrap_or_default();
    view! {
        <section class="wc-group" data-group=id.clone() aria-labelledby=labelled_by hidden=move || !shown_now()>
            <h2 class="wc-group__title" id=heading_id>{title}</h2>
            <p class="wc-group__description">{description}</p>
            {plain}
            {variants
                .into_iter()
                .filter_map(|variant| {
                    let mine: Vec<_> = grouped
                        .iter()
                        .filter(|(c, _)| c.variant.as_deref() == Some(variant.id.as_str()))
                        .cloned()
                        .collect();
                    (!mine.is_empty()).then(|| view! { <VariantSection group=id.clone() variant shown=mine /> })
                })
                .collect_view()}
        </section>
    }
}

/// A variant of a group (Tool: native tools, REST APIs, MCP servers): its heading and cards.
#[component]
fn VariantSection(
    group: String,
    variant: wayai_core::Variant,
    shown: Vec<(Connector, Vec<Connection>)>,
) -> impl IntoView {
    let heading_id = dom_id(&format!("group-{group}-{}", variant.id));
    let labelled_by = heading_id.clone();
    let ids: Vec<Uuid> = shown.iter().map(|(c, _)| c.id).collect();
    let shown_now = SearchKept::shows(move |k| ids.iter().any(|id| k.connector(*id)));
    view! {
        <section class="wc-variant" data-variant=variant.id.clone() aria-labelledby=labelled_by hidden=move || !shown_now()>
            <h3 class="wc-variant__title" id=heading_id>{variant.title}</h3>
            <p class="wc-group__description">{variant.description}</p>
            <Cards shown />
        </section>
    }
}

#[component]
fn Cards(shown: Vec<(Connector, Vec<Connection>)>) -> impl IntoView {
    view! {
        <ul class="wc-grid" role="list">
            {shown
                .into_iter()
                .map(|(connector, connections)| view! { <ConnectorCard connector connections /> })
                .collect_view()}
        </ul>
    }
}

/// Connections whose connector left the hub's catalog: still listed, to be opened and deleted.
#[component]
pub(super) fn OtherConnections(connections: Vec<Connection>) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let heading_id = dom_id("group-other");
    let labelled_by = heading_id.clone();
    let ids: Vec<uuid::Uuid> = connections.iter().map(|c| c.id).collect();
    let shown_now = SearchKept::shows(move |k| ids.iter().any(|id| k.connection(*id)));
    view! {
        <section class="wc-group" data-group="other" aria-labelledby=labelled_by hidden=move || !shown_now()>
            <h2 class="wc-group__title" id=heading_id>
                {tl!(l, other_connections)}
            </h2>
            <p class="wc-group__description">{tl!(l, other_connections_why)}</p>
            <ConnectionRows
                connections
                list_label=Signal::derive(move || t!(l.get(), other_connections).to_string())
                refresh=None
                provider=None
            />
        </section>
    }
}

#[component]
fn ConnectorCard(connector: Connector, connections: Vec<Connection>) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let l = context.locale;
    let status = connector.status;
    let disabled = status.is_disabled();
    let view = context.view;
    let named = connector.clone();
    // `?connector=` highlights every connector it names.
    let highlighted = move || matches!(view.get(), PageView::List { connector: Some(link) } if deep_link_names(&link, &named));
    // The auto-enabled connector has exactly one connection, made with the hub.
    let production = context.production();
    let add_href = (status == ConnectorStatus::Enabled && !production).then(|| {
        context.href(&PageView::New {
            connector: Some(connector.id.to_string()),
            auth: None,
        })
    });
    let list_label = {
        let connector = connector.name.clone();
        Signal::derive(move || {
            t!(l.get(), connections_of, connector = connector.clone()).to_string()
        })
    };
    let refresh = connector
        .oauth_facts()
        .and_then(|o| o.token_refresh_seconds);
    // A disabled connector's connections are read-only: no Reconnect from the row.
    let provider = connector
        .oauth_facts()
        .map(|o| o.provider)
        .filter(|_| !disabled);
    let has_connections = !connections.is_empty();
    let note = disabled.then_some(move || strings::disabled_note(l.get(), has_connections));
    let id = connector.id;
    let shown_now = SearchKept::shows(move |k| k.connector(id));
    view! {
        <li
            class="wc-card"
            hidden=move || !shown_now()
            class:wc-card--disabled=disabled
            class:wc-card--highlight=highlighted
            data-connector=connector.slug.clone()
            aria-disabled=disabled.then_some("true")
        >
            <div class="wc-card__head">
                <CardLogo name=connector.name.clone() logo=connector.logo.clone() />
                <div class="wc-card__body">
                    <h3 class="wc-card__name">{connector.name.clone()}</h3>
                    <p class="wc-card__description">{connector.description.clone()}</p>
                    <CardFacts connector=connector.clone() />
                    {note.map(|note| view! { <p class="wc-card__note">{note}</p> })}
                </div>
            </div>
            {(!connections.is_empty())
                .then(|| view! { <ConnectionRows connections list_label refresh provider /> })}
            {add_href
                .map(|href| {
                    view! {
                        <a class="wc-card__add" href=href>
                            {
                                let name = connector.name.clone();
                                move || t!(l.get(), add_connector, name = name.clone()).to_string()
                            }
                        </a>
                    }
                })}
        </li>
    }
}

/// A connector's logo where the catalog gives one, at the monogram's size and with an empty
/// `alt` (its name is beside it); the monogram where it gives none or the logo fails to load.
/// Loaded lazily (`loading` comes before `src`, which starts the load): a logo the browser
/// already holds is otherwise read while the card is drawn, an SVG parsed there and then (the
/// demo hub's eleven: 7-12 ms of a second visit's drawing, 1.5-2 ms lazily).
#[component]
fn CardLogo(name: String, logo: Option<String>) -> impl IntoView {
    let failed = RwSignal::new(false);
    let initials = monogram(&name);
    move || {
        match logo.clone().filter(|_| !failed.get()) {
        Some(src) => view! {
            <img class="wc-card__logo wc-card__logo--image" loading="lazy" src=src alt="" width="40" height="40" on:error=move |_| failed.set(true) />
        }
        .into_any(),
        None => view! { <span class="wc-card__logo" aria-hidden="true">{initials.clone()}</span> }.into_any(),
    }
    }
}

/// A card's authentication types and status.
#[component]
fn CardFacts(connector: Connector) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let status = connector.status;
    let status_class = match status {
        ConnectorStatus::Enabled => "wc-badge wc-badge--enabled",
        ConnectorStatus::Disabled | ConnectorStatus::Other => "wc-badge wc-badge--disabled",
        ConnectorStatus::AutoEnabled => "wc-badge wc-badge--auto",
    };
    view! {
        <dl class="wc-card__facts">
            <dt class="wc-visually-hidden">{tl!(l, authentication)}</dt>
            <dd class="wc-badge wc-badge--auth">
                {move || strings::auth_types_label(l.get(), &connector)}
            </dd>
            <dt class="wc-visually-hidden">{tl!(l, status)}</dt>
            <dd class=status_class>{move || strings::status_label(l.get(), status)}</dd>
        </dl>
    }
}

/// Rows per chunk. A chunk is what the browser skips as a whole while it is off screen; a few
/// dozen rows keep a visible chunk cheap and a thousand rows down to a few dozen chunks.
const CHUNK_ROWS: usize = 40;

/// A chunk of a card's rows and the row elements in it, which the search hides.
#[derive(Clone)]
struct Chunk {
    node: NodeRef<leptos::html::Div>,
    rows: Vec<(Uuid, NodeRef<leptos::html::Li>)>,
}

impl Chunk {
    /// Hides the chunk when `kept` leaves out all of its rows, else the rows it leaves out. A
    /// hidden chunk keeps its rows as they were, without height: skipped, or laid out and unseen
    /// for a card's first chunk (see the stylesheet), so showing them again costs the browser
    /// next to nothing. Touches only what changes.
    fn hide_left_out(&self, kept: &wayai_core::search::Kept) {
        let any = self.rows.iter().any(|(id, _)| kept.connection(*id));
        if let Some(chunk) = self.node.get().filter(|c| c.hidden() == any) {
            chunk.set_hidden(!any);
        }
        if any {
            for (id, row) in &self.rows {
                let hide = !kept.connection(*id);
                if let Some(row) = row.get().filter(|r| r.hidden() != hide) {
                    row.set_hidden(hide);
                }
            }
        }
    }
}

/// A card's connections, each drawn once: a search only hides the rows it leaves out, so clearing
/// it shows them again without rebuilding any. Rows are blocks, not list items (hiding list
/// items renumbers every following one). They come in chunks that the browser neither styles nor
/// lays out while off screen (`content-visibility: auto`), so showing a thousand rows again costs
/// about what the visible ones cost; everything stays in the page for find-in-page and screen
/// readers (a chunk has no role: its rows are the list's items).
#[component]
fn ConnectionRows(
    connections: Vec<Connection>,
    list_label: Signal<String>,
    refresh: Option<u64>,
    provider: Option<OauthProvider>,
) -> impl IntoView {
    let chunks: Vec<Chunk> = connections
        .chunks(CHUNK_ROWS)
        .map(|rows| Chunk {
            node: NodeRef::new(),
            rows: rows.iter().map(|c| (c.id, NodeRef::new())).collect(),
        })
        .collect();
    // One effect per card rather than one per row: a thousand subscribers to the search cost
    // more to re-run and re-subscribe than the search itself. It writes the DOM, no signal.
    if let Some(kept) = use_context::<SearchKept>() {
        let chunks = chunks.clone();
        Effect::new(move |_| {
            kept.0
                .with(|k| chunks.iter().for_each(|c| c.hide_left_out(k)))
        });
    }
    let mut connections = connections.into_iter();
    // An explicit list role: its items sit in chunks without a role of their own.
    view! {
        <ul class="wc-connections" role="list" aria-label=list_label>
            {chunks
                .into_iter()
                .map(|chunk| {
                    let count = chunk.rows.len();
                    let rows = connections
                        .by_ref()
                        .take(count)
                        .zip(chunk.rows)
                        .map(|(connection, (_, row))| view! { <ConnectionRow connection refresh provider row /> })
                        .collect_view();
                    view! {
                        <div
                            class="wc-connections__chunk"
                            role="none"
                            style:--wc-rows=count.to_string()
                            node_ref=chunk.node
                        >
                            {rows}
                        </div>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn ConnectionRow(
    connection: Connection,
    refresh: Option<u64>,
    provider: Option<OauthProvider>,
    /// The row's element, which its card hides when a search leaves it out.
    row: NodeRef<leptos::html::Li>,
) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let l = context.locale;
    let href = context.href(&PageView::Connection {
        id: connection.id.to_string(),
    });
    let status = connection.health.status;
    let id = connection.id.to_string();
    // An expired or rejected sign-in is fixed from the row itself.
    let signed_in = connection.authentication_type == AuthType::Oauth;
    let reconnect = provider
        .filter(|_| {
            signed_in
                && matches!(
                    status,
                    HealthStatus::TokenExpired | HealthStatus::AuthFailed
                )
        })
        .map(|provider| view! { <ReconnectButton connection=connection.clone() provider /> });
    view! {
        <li class="wc-connection" data-connection=id data-health=status.as_str() node_ref=row>
            <div class="wc-connection__top">
                <a class="wc-connection__name" href=href>
                    {connection.name.clone()}
                </a>
                <HealthBadge status />
                <span class="wc-badge" class:wc-badge--enabled=connection.enabled>
                    {move || if connection.enabled { t!(l.get(), enabled) } else { t!(l.get(), disabled) }}
                </span>
            </div>
            <p class="wc-connection__message">
                {
                    let health = connection.health.clone();
                    move || strings::health_message(l.get(), &health)
                }
            </p>
            {reconnect}
            <ConnectionFacts connection refresh />
        </li>
    }
}
