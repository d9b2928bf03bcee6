//! What the search keeps, shared by the search (which decides it) and the groups, cards and rows
//! (which hide or leave out what it does not keep).

use leptos::prelude::*;
use wayai_core::search::Kept;

/// What the search keeps, shared with the groups, cards and rows that hide what it leaves out.
#[derive(Clone, Copy)]
pub(super) struct SearchKept(pub Memo<Kept>);

impl SearchKept {
    /// Whether what `keeps` names is shown (always, outside a page with a search).
    pub fn shows(keeps: impl Fn(&Kept) -> bool + Send + Sync + 'static) -> impl Fn() -> bool {
        let kept = use_context::<SearchKept>();
        move || kept.is_none_or(|k| k.0.with(&keeps))
    }
}
