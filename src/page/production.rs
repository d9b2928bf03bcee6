//! A production hub's notice: it is read-only, changes are made in its preview (a link when the
//! host says where hubs' pages are), and how many connections need a production credential.

use crate::{
    context::{dom_id, HubData, PageContext},
    strings::{self, tl},
};
use leptos::prelude::*;

#[component]
pub(super) fn ProductionNotice(data: HubData) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let l = context.locale;
    let facts = context.hub;
    let missing = Memo::new(move |_| {
        data.connections.with(|list| {
            list.iter()
                .filter(|c| c.needs_production_credential())
                .count()
        })
    });
    move || {
        let preview =
            facts.with(|h| h.is_production().then(|| h.published_from.first().copied()))?;
        let href = context
            .hub_url
            .as_deref()
            .zip(preview)
            .map(|(pattern, hub)| wayai_core::view::hub_href(pattern, hub));
        Some(view! {
            <aside class="wc-notice wc-notice--production" role="note" aria-labelledby=dom_id("production-title")>
                <div>
                    <p class="wc-notice__title" id=dom_id("production-title")>{tl!(l, production_hub)}</p>
                    <p class="wc-notice__body">{tl!(l, production_read_only)}</p>
                    <p class="wc-notice__body" data-production-missing="">
                        {move || {
                            let count = missing.get();
                            (count > 0).then(|| strings::production_missing(l.get(), count))
                        }}
                    </p>
                </div>
                {href.map(|href| view! { <a class="wc-button" href=href>{tl!(l, open_preview)}</a> })}
            </aside>
        })
    }
}
