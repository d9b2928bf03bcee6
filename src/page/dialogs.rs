//! The dialogs a view opens over the list (a connector's new connection, a connection's view),
//! and with them every form, OAuth consent and MCP tool list. In the bundles Trunk builds
//! (`forms-apart`) that code is a wasm chunk of its own (`scripts/split.mjs` cuts it out): the
//! page's first load does not carry it, and it is fetched once the list is drawn, so that a
//! dialog rarely waits for it. A Leptos host and the tests carry it in the one module.

use crate::{
    connection::{ConnectionDialog, NewConnectionDialog},
    context::HubData,
};
use leptos::prelude::*;
use wayai_core::PageView;

/// The forms' chunk could not be fetched (a network down, a server without the file).
#[derive(Clone, Copy)]
pub(crate) struct FormsMissing;

#[cfg(feature = "forms-apart")]
impl From<leptos::wasm_split::SplitLoaderError> for FormsMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        FormsMissing
    }
}

/// The split point: everything only this function reaches goes into the chunk.
#[cfg_attr(
    feature = "forms-apart",
    leptos::wasm_split::wasm_split(
        forms,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(preload_forms)
    )
)]
fn dialog_of(view: PageView, data: HubData) -> Result<AnyView, FormsMissing> {
    Ok(match view {
        PageView::New { connector, auth } => {
            view! { <NewConnectionDialog data connector auth /> }.into_any()
        }
        PageView::Connection { id } => view! { <ConnectionDialog data id /> }.into_any(),
        PageView::List { .. } => ().into_any(),
    })
}

/// Whether the forms' code is here, fetching it if not.
#[cfg(feature = "forms-apart")]
async fn forms_here() -> Result<(), FormsMissing> {
    preload_forms().await?;
    Ok(())
}

/// The dialog of `view`, its code here: `dialog_of` answers in the same pass (a split
/// function whose chunk is loaded calls it at once).
fn dialog(view: PageView, data: HubData) -> AnyView {
    #[cfg(feature = "forms-apart")]
    let drawn = Suspend::new(async move { dialog_of(view, data).await.ok() }).into_any();
    #[cfg(not(feature = "forms-apart"))]
    let drawn = dialog_of(view, data).ok().into_any();
    drawn
}

/// Starts fetching the forms' chunk once the list is drawn (an effect runs after it is), so a
/// dialog opened later finds it here. A failure is not kept: opening a dialog tries again.
pub(super) fn prefetch() {
    #[cfg(feature = "forms-apart")]
    Effect::new(|_| {
        leptos::task::spawn_local(async {
            let _ = forms_here().await;
        })
    });
}

/// The dialog of `view` once its code is here (drawn in the same pass as the view when it is
/// already); when it cannot come, a dialog that says so and tries again (the address, so the
/// view asked for, is kept).
#[component]
pub(super) fn Dialog(view: PageView, data: HubData) -> impl IntoView {
    // In the one module, drawn now: a resource would answer only in a later task.
    #[cfg(not(feature = "forms-apart"))]
    return dialog(view, data);
    #[cfg(feature = "forms-apart")]
    fetched(view, data)
}

#[cfg(feature = "forms-apart")]
fn fetched(view: PageView, data: HubData) -> AnyView {
    let attempt = RwSignal::new(0_u32);
    let here = LocalResource::new(move || {
        attempt.track();
        forms_here()
    });
    (move || match here.get() {
        None => None,
        Some(Ok(())) => Some(dialog(view.clone(), data)),
        Some(Err(FormsMissing)) => Some(
            view! { <FormsMissingDialog on_retry=move || attempt.update(|n| *n += 1) /> }
                .into_any(),
        ),
    })
    .into_any()
}

#[cfg(feature = "forms-apart")]
#[component]
fn FormsMissingDialog(on_retry: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    use crate::{
        context::PageContext,
        strings::{t, tl},
        ui::dialog::Dialog as Modal,
    };
    let l = expect_context::<PageContext>().locale;
    view! {
        <Modal title=Signal::derive(move || t!(l.get(), forms_missing_title).to_string())>
            <div class="wc-alert wc-alert--error" role="alert">
                <p class="wc-alert__body">{tl!(l, forms_missing_body)}</p>
                <button type="button" class="wc-button" on:click=move |_| on_retry()>
                    {tl!(l, retry)}
                </button>
            </div>
        </Modal>
    }
}
