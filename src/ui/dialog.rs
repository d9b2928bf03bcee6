//! A native modal dialog: the browser keeps focus inside and makes the rest inert; the page closes
//! it with Escape or Close (asking first when typing would be lost), and returns focus where it
//! was.

use crate::{
    context::{dom_id, Shell},
    strings::tl,
};
use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

/// What closing a dialog does on this page (the Connections page returns to its list): each page
/// provides it once, for all its dialogs.
#[derive(Clone, Copy)]
pub(crate) struct CloseDialog(pub Callback<()>);

/// Lets the dialog around a form ask, at the moment it would close, whether that loses typing.
#[derive(Clone, Copy)]
pub(crate) struct UnsavedChanges(pub RwSignal<Option<Signal<bool>>>);

impl UnsavedChanges {
    pub fn any(&self) -> bool {
        self.0
            .get_untracked()
            .is_some_and(|dirty| dirty.get_untracked())
    }
}

/// A modal dialog titled `title`; closing it does what the page's [`CloseDialog`] says.
#[component]
pub(crate) fn Dialog(#[prop(into)] title: Signal<String>, children: Children) -> impl IntoView {
    let l = expect_context::<Shell>().locale;
    let CloseDialog(leave_to) = expect_context::<CloseDialog>();
    let dialog = NodeRef::<html::Dialog>::new();
    open_modal(dialog);
    // The view that builds the form provides this before the form exists (see `unsaved_changes`).
    let unsaved = use_context::<UnsavedChanges>().unwrap_or_else(unsaved_changes);
    let confirming = RwSignal::new(false);
    let leave = move || leave_to.run(());
    // Closing with unsaved typing asks first.
    let close = move || {
        if unsaved.any() {
            confirming.set(true);
        } else {
            leave();
        }
    };
    let on_cancel = move |ev: web_sys::Event| {
        // The page decides what is open: Escape closes through it, and the dialog goes with it.
        ev.prevent_default();
        close();
    };
    view! {
        <dialog node_ref=dialog class="wc-dialog" aria-labelledby=dom_id("dialog-title") on:cancel=on_cancel>
            <div class="wc-dialog__header">
                <h2 class="wc-dialog__title" id=dom_id("dialog-title")>
                    {move || title.get()}
                </h2>
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| close()>
                    {tl!(l, close)}
                </button>
            </div>
            {move || confirming.get().then(|| view! { <DiscardConfirm leave confirming /> })}
            <div class="wc-dialog__body">{children()}</div>
        </dialog>
    }
}

/// Shows `dialog` as a modal once it exists; when it goes, closes it and gives focus back to
/// where it was when it opened.
fn open_modal(dialog: NodeRef<html::Dialog>) {
    // Where focus was when the dialog opened, to give it back when it closes.
    let opener = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    // The open dialog, kept so that cleanup can close it before giving focus back: everything
    // behind an open modal is inert and would refuse the focus.
    let shown = send_wrapper::SendWrapper::new(std::rc::Rc::new(std::cell::RefCell::new(
        None::<web_sys::HtmlDialogElement>,
    )));
    {
        let shown = shown.clone();
        Effect::new(move |_| {
            if let Some(d) = dialog.get() {
                if !d.open() {
                    let _ = d.show_modal();
                }
                *shown.borrow_mut() = Some(d);
            }
        });
    }
    let opener = send_wrapper::SendWrapper::new(opener);
    let context = use_context::<Shell>();
    on_cleanup(move || {
        if let Some(d) = shown.borrow_mut().take() {
            d.close();
        }
        if let Some(el) = opener.take() {
            let _ = el.focus();
            // What the dialog changed may have redrawn the opener (a card's link after a
            // create) or removed it (a deleted connection's row): once the page has settled,
            // its new self, else the page's heading.
            if let Some(context) = context {
                request_animation_frame(move || return_focus(&context, &el));
            }
        }
    });
}

/// Focus for a dialog's opener that is no longer on the page.
fn return_focus(context: &Shell, opener: &web_sys::HtmlElement) {
    if opener.is_connected() {
        return;
    }
    let again = opener
        .get_attribute("href")
        .and_then(|href| context.find(&format!("a[href=\"{href}\"]")));
    let target = again.or_else(|| context.find(".wc-title"));
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// "Discard changes?" before a dialog with unsaved typing closes.
#[component]
fn DiscardConfirm(leave: impl Fn() + 'static, confirming: RwSignal<bool>) -> impl IntoView {
    let l = expect_context::<Shell>().locale;
    view! {
        <div class="wc-confirm" role="alertdialog" aria-labelledby=dom_id("discard-title")>
            <p id=dom_id("discard-title")>{tl!(l, discard_title)}</p>
            <button type="button" class="wc-button wc-button--danger" on:click=move |_| leave()>
                {tl!(l, discard)}
            </button>
            <button type="button" class="wc-button wc-button--quiet" on:click=move |_| confirming.set(false)>
                {tl!(l, keep_editing)}
            </button>
        </div>
    }
}

/// Shares, between a form and the dialog around it, whether closing would lose typing. Provided
/// before either is built: a component's body runs when its view is made.
pub(crate) fn unsaved_changes() -> UnsavedChanges {
    let unsaved = UnsavedChanges(RwSignal::new(None));
    provide_context(unsaved);
    unsaved
}
