//! What every part of one page instance shares: the hub, the client, where links point, the
//! loaded data (and the organization credentials, when wanted), the announcement region, and the
//! ids and elements that belong to this instance.

use crate::{api::ApiClient, config::ConnectionsEvent};
use crate::{i18n::Locale, strings};
use leptos::{html, prelude::*};
use std::sync::Arc;
use uuid::Uuid;
use wayai_core::{
    org::OrgCredential, Catalog, Connection, ConnectionList, HubError, HubFacts, PageView,
};

/// What every part of the page shares: the hub, where its links point and how to follow them.
#[derive(Clone)]
pub(crate) struct PageContext {
    pub client: ApiClient,
    pub hub_id: Uuid,
    /// The page's own path (`…/connections`).
    pub base: Arc<str>,
    pub view: Signal<PageView>,
    pub navigate: Callback<String>,
    /// The last outcome to announce ("Connection saved."), shown in a polite status region.
    pub announcement: RwSignal<Option<String>>,
    /// The hub's connections; changes made on the page update it in place, without a refetch.
    pub connections: LocalResource<Result<ConnectionList, HubError>>,
    /// The hub itself (a preview or a read-only production hub), as the connections came.
    pub hub: Memo<HubFacts>,
    /// The host's listener for created, updated and deleted connections.
    pub events: Option<Callback<ConnectionsEvent>>,
    /// The language of the page's words (see [`page_locale`]).
    pub locale: Memo<Locale>,
    /// The BCP 47 tag dates and numbers are formatted with: the host's or the browser's region
    /// when it is of the page's language (`pt-PT`), else the language's own (`pt-BR`).
    pub date_locale: Memo<Arc<str>>,
    /// Starts every element id of this instance (see [`dom_id`]).
    pub id_prefix: Arc<str>,
    /// This instance's root element: what the page looks for in the document, it looks for
    /// only inside it (another instance may sit beside it).
    pub root: NodeRef<html::Div>,
    /// The control (its `data-focus`) whose click is changing a connection (see `ui::focus`).
    pub focus_after_update: StoredValue<Option<&'static str>>,
    /// Where the organization's credentials view is, when the host said.
    pub credentials_url: Option<Arc<str>>,
    /// A hub's Connections page, `{hub}` for its id, when the host said.
    pub hub_url: Option<Arc<str>>,
}

/// What any page of this crate shares, whatever it shows (the Connections page, the credentials
/// view): its language, its ids and its root element. The page's dialogs, dates and badges need
/// only this.
#[derive(Clone)]
pub(crate) struct Shell {
    pub locale: Memo<Locale>,
    pub date_locale: Memo<Arc<str>>,
    pub id_prefix: Arc<str>,
    pub root: NodeRef<html::Div>,
}

impl Shell {
    /// The language's memos, an instance number claimed for `root` (freed when the owner goes),
    /// and the shell provided to the components below.
    pub fn start(host_locale: Signal<Option<String>>) -> (Self, Words) {
        let (locale, date_locale, words) = page_locale(host_locale);
        let root = NodeRef::new();
        let (instance, id_prefix) = claim_instance(root);
        on_cleanup(move || release_instance(instance));
        let shell = Shell {
            locale,
            date_locale,
            id_prefix,
            root,
        };
        provide_context(shell.clone());
        provide_context(words);
        (shell, words)
    }

    /// The first element of this instance that matches `selector` (none once it is unmounted:
    /// a frame scheduled before may still ask).
    pub fn find(&self, selector: &str) -> Option<web_sys::Element> {
        self.root
            .try_get_untracked()
            .flatten()?
            .query_selector(selector)
            .ok()?
    }
}

/// The organization credentials this hub may use, asked once per page and only when something
/// wants them (a form choosing an organization credential, a bound connection's view).
#[derive(Clone, Copy)]
pub(crate) struct OrgCredentials {
    wanted: RwSignal<bool>,
    list: LocalResource<Option<Result<Vec<OrgCredential>, HubError>>>,
}

impl OrgCredentials {
    pub fn new(client: ApiClient, hub_id: Uuid) -> Self {
        let wanted = RwSignal::new(false);
        let list = LocalResource::new(move || {
            let client = client.clone();
            let wanted = wanted.get();
            async move {
                match wanted {
                    true => Some(client.usable_credentials(hub_id).await),
                    false => None,
                }
            }
        });
        OrgCredentials { wanted, list }
    }

    /// Asks the hub, the first time.
    pub fn want(self) {
        if !self.wanted.get_untracked() {
            self.wanted.set(true);
        }
    }

    /// The list, once it came (tracked).
    pub fn list(self) -> Option<Result<Vec<OrgCredential>, HubError>> {
        self.list.get().flatten()
    }

    /// Asks again (Retry, after a failure).
    pub fn refetch(self) {
        self.list.refetch();
    }
}

thread_local! {
    /// The pages mounted on this document, by instance number, with their root elements.
    static LIVE: std::cell::RefCell<std::collections::BTreeMap<u32, Instance>> =
        Default::default();
}

/// One page's claim on an instance number.
#[derive(Clone, Copy)]
pub(crate) struct Instance {
    n: u32,
    /// Tells this claim from a later one on the same number.
    claim: u64,
    root: NodeRef<html::Div>,
}

/// Claims the lowest free instance number for the page rooted at `root`: the first page on a
/// document gets ids `wc-…`, a second one side by side `wc2-…`, so that two instances never share
/// an id. A page whose element left the document without being unmounted (a host that replaced
/// its container's content) frees its number too, or every later page would carry `wc2-` ids.
pub(crate) fn claim_instance(root: NodeRef<html::Div>) -> (Instance, Arc<str>) {
    LIVE.with(|live| {
        let mut live = live.borrow_mut();
        let gone = |i: &Instance| {
            i.root
                .try_get_untracked()
                .flatten()
                .is_some_and(|el| !el.is_connected())
        };
        let n = (1..).find(|n| live.get(n).is_none_or(gone)).unwrap_or(1);
        let claim = live.values().map(|i| i.claim + 1).max().unwrap_or(0);
        let instance = Instance { n, claim, root };
        live.insert(n, instance);
        let prefix = if n == 1 {
            "wc-".to_string()
        } else {
            format!("wc{n}-")
        };
        (instance, Arc::from(prefix))
    })
}

/// Frees an instance number when its page goes.
pub(crate) fn release_instance(instance: Instance) {
    LIVE.with(|live| {
        let mut live = live.borrow_mut();
        // Another page may have taken the number over from this one (see `claim_instance`).
        if live
            .get(&instance.n)
            .is_some_and(|i| i.claim == instance.claim)
        {
            live.remove(&instance.n);
        }
    });
}

/// The page's language and the tag its dates use: the host's `locale` when it names one of the
/// page's languages (it may change while the page is mounted), else the browser's preferred
/// languages (`pt-BR`, `pt-PT` → Portuguese; `es-*` → Spanish; anything else → English). The
/// words are shown in the language chosen once they are here (see [`Words`]).
pub(crate) fn page_locale(host: Signal<Option<String>>) -> (Memo<Locale>, Memo<Arc<str>>, Words) {
    let browser = strings::browser_languages();
    let chosen = Memo::new(move |_| {
        let (lang, tag) = strings::page_tags(host.get().as_deref(), &browser);
        (strings::locale(lang), Arc::<str>::from(tag))
    });
    let wanted = Memo::new(move |_| chosen.get().0);
    let words = Words::bring(wanted);
    let shown = Memo::new(move |shown: Option<&Locale>| {
        let wanted = wanted.get();
        match words.here(wanted) {
            true => wanted,
            false => shown.copied().unwrap_or_default(),
        }
    });
    (shown, Memo::new(move |_| chosen.get().1), words)
}

/// The words of the language a page is asked to be in, when its bundle does not carry them
/// (`strings::apart`): the page keeps its language (English at first) until they come, and
/// says so when they cannot.
#[derive(Clone, Copy)]
pub(crate) struct Words {
    /// The language the page is asked to be in (what the hub is asked for).
    pub wanted: Memo<Locale>,
    /// The language last brought (or tried: whether its words are here is `strings::apart`'s).
    brought: LocalResource<Locale>,
    /// Whether the page may be drawn: its words are here, or could not be brought. Once true,
    /// it stays (another language later is shown when it comes, the page kept as it is).
    pub ready: Memo<bool>,
}

impl Words {
    fn bring(wanted: Memo<Locale>) -> Self {
        let brought = LocalResource::new(move || {
            let l = wanted.get();
            async move {
                strings::apart::bring(l).await;
                l
            }
        });
        let ready = Memo::new(move |was: Option<&bool>| {
            was == Some(&true)
                || strings::apart::here(wanted.get())
                || brought.get() == Some(wanted.get())
        });
        Words {
            wanted,
            brought,
            ready,
        }
    }

    /// Whether `l`'s words are here (tracking their coming).
    fn here(self, l: Locale) -> bool {
        self.brought.track();
        strings::apart::here(l)
    }

    /// The language whose words could not be brought, while the page is asked to be in it.
    pub fn missing(self) -> Option<Locale> {
        let wanted = self.wanted.get();
        let tried = self.brought.get() == Some(wanted);
        (tried && !strings::apart::here(wanted)).then_some(wanted)
    }

    /// Tries again to bring what [`Words::missing`] names.
    pub fn retry(self) {
        self.brought.refetch();
    }
}

/// The id of an element of this page instance, e.g. `dom_id("search-input")`.
pub(crate) fn dom_id(name: &str) -> String {
    let prefix = use_context::<Shell>()
        .map(|c| c.id_prefix)
        .unwrap_or_else(|| Arc::from("wc-"));
    format!("{prefix}{name}")
}

impl PageContext {
    /// Whether the hub is a read-only production hub (as its connections came; untracked).
    pub fn production(&self) -> bool {
        self.hub.with_untracked(HubFacts::is_production)
    }

    pub fn href(&self, view: &PageView) -> String {
        view.href(&self.base)
    }

    pub fn go(&self, view: &PageView) {
        self.navigate.run(self.href(view));
    }

    /// A connection made on the page: listed, and the host told.
    pub fn created(&self, connection: Connection) {
        self.emit(ConnectionsEvent::Created(connection.clone()));
        self.upsert(connection);
    }

    /// A connection changed on the page (saved, enabled, reconnected, synced).
    pub fn updated(&self, connection: Connection) {
        self.emit(ConnectionsEvent::Updated(connection.clone()));
        self.upsert(connection);
    }

    pub fn deleted(&self, id: Uuid) {
        self.emit(ConnectionsEvent::Deleted(id));
        self.remove(id);
    }

    fn emit(&self, event: ConnectionsEvent) {
        if let Some(events) = &self.events {
            events.run(event);
        }
    }

    /// Puts a created or updated connection in the list (replacing its older self).
    fn upsert(&self, connection: Connection) {
        let _ = self.connections.try_update(|loaded| {
            if let Some(Ok(list)) = loaded {
                match list.connections.iter_mut().find(|c| c.id == connection.id) {
                    Some(old) => *old = connection,
                    None => list.connections.push(connection),
                }
            }
        });
    }

    fn remove(&self, id: Uuid) {
        let _ = self.connections.try_update(|loaded| {
            if let Some(Ok(list)) = loaded {
                list.connections.retain(|c| c.id != id);
            }
        });
    }

    pub fn announce(&self, words: String) {
        // `try_`: a request that outlived its page has nobody to tell.
        self.announcement.try_set(Some(words));
    }

    pub fn shell(&self) -> Shell {
        Shell {
            locale: self.locale,
            date_locale: self.date_locale,
            id_prefix: self.id_prefix.clone(),
            root: self.root,
        }
    }

    /// See [`Shell::find`].
    pub fn find(&self, selector: &str) -> Option<web_sys::Element> {
        self.shell().find(selector)
    }
}

/// The loaded data, shared with every component that shows part of it. Both are signals: a
/// change made on the page updates what shows the connections, and the catalog asked again in
/// another language updates its text in place, without rebuilding the page (or an open dialog,
/// which would lose focus and what was typed in it).
#[derive(Clone, Copy)]
pub(crate) struct HubData {
    pub catalog: Memo<Arc<Catalog>>,
    pub connections: Memo<Arc<Vec<Connection>>>,
}

impl HubData {
    /// The connector `id` as the catalog has it now (tracked: a caller follows its text).
    pub fn connector(&self, id: Uuid) -> Option<wayai_core::Connector> {
        self.catalog
            .with(|c| c.connectors.iter().find(|c| c.id == id).cloned())
    }
}
