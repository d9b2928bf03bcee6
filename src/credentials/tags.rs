//! The tags a credential carries: the organization's tags to tick, and a new one made on the spot.

use super::{field::hub_field_errors, OrgPage};
use crate::{
    context::dom_id,
    strings::{self, t, tl},
};
use leptos::prelude::*;
use wayai_core::org::{is_tag_slug, CreateTag, Tag};

#[component]
pub(super) fn TagPicker(chosen: RwSignal<Vec<String>>) -> impl IntoView {
    let page = expect_context::<OrgPage>();
    let l = page.locale;
    let tags = page.tags;
    let help = dom_id("cred-tags-help");
    let described = help.clone();
    let boxes = move || {
        tags.get().map(|loaded| match loaded {
            Ok(list) if list.is_empty() => {
                view! { <p class="wc-field__help">{tl!(l, cred_no_tags_yet)}</p> }.into_any()
            }
            Ok(list) => list.into_iter().map(|tag| view! { <TagBox chosen tag /> }).collect_view().into_any(),
            Err(error) => view! {
                <p class="wc-field__error" role="alert">{move || strings::load_error(l.get(), &error)}</p>
                <button type="button" class="wc-button" on:click=move |_| tags.refetch()>{tl!(l, retry)}</button>
            }
            .into_any(),
        })
    };
    view! {
        <fieldset class="wc-tags" aria-describedby=described>
            <legend class="wc-form__legend">{tl!(l, cred_tags)}</legend>
            <p class="wc-field__help" id=help>{tl!(l, cred_tags_help)}</p>
            <div class="wc-tags__list">{boxes}</div>
            <NewTag chosen />
        </fieldset>
    }
}

/// One tag to tick, with its colour.
#[component]
fn TagBox(chosen: RwSignal<Vec<String>>, tag: Tag) -> impl IntoView {
    let slug = tag.slug.clone();
    let checked = {
        let slug = slug.clone();
        move || chosen.with(|t| t.contains(&slug))
    };
    let on_change = {
        let slug = slug.clone();
        move |ev| {
            let on = event_target_checked(&ev);
            chosen.update(|t| {
                t.retain(|s| *s != slug);
                if on {
                    t.push(slug.clone());
                }
            });
        }
    };
    let label = match &tag.display_name {
        Some(name) if !name.trim().is_empty() => format!("{name} ({slug})"),
        _ => slug,
    };
    let swatch = tag
        .color
        .map(|c| view! { <span class="wc-tag__swatch" style:background-color=c aria-hidden="true"></span> });
    view! {
        <label class="wc-checkbox wc-tag">
            <input type="checkbox" prop:checked=checked on:change=on_change />
            {swatch}
            {label}
        </label>
    }
}

/// A tag made from its slug, ticked at once.
#[component]
fn NewTag(chosen: RwSignal<Vec<String>>) -> impl IntoView {
    let page = expect_context::<OrgPage>();
    let l = page.locale;
    let slug = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let id = dom_id("cred-new-tag");
    let help = format!("{id}-help");
    let error_id = format!("{id}-error");
    let create = Action::new_local(move |slug: &String| {
        let (page, slug) = (page.clone(), slug.clone());
        async move {
            let body = CreateTag {
                slug: slug.clone(),
                display_name: None,
                color: None,
            };
            let key = uuid::Uuid::new_v4().to_string();
            match page.client.create_tag(page.org, &body, &key).await {
                Ok(tag) => {
                    chosen.update(|t| t.push(tag.slug.clone()));
                    page.add_tag(tag);
                    problem.set(None);
                }
                Err(error) => {
                    let l = page.locale.get_untracked();
                    // The page sends only the slug: its problem, if the hub named one.
                    let field = hub_field_errors(l, &error).and_then(|e| e.into_values().next());
                    problem.set(Some(field.unwrap_or_else(|| strings::hub_error(l, &error))));
                }
            }
        }
    });
    let add = move || {
        let typed = slug.get_untracked().trim().to_string();
        if !is_tag_slug(&typed) {
            problem.set(Some(t!(l.get_untracked(), cred_tag_rule).to_string()));
            return;
        }
        slug.set(String::new());
        create.dispatch_local(typed);
    };
    view! {
        <div class="wc-field wc-tags__new">
            <label class="wc-field__label" for=id.clone()>{tl!(l, cred_new_tag)}</label>
            <div class="wc-tags__row">
                <input id=id class="wc-input" type="text" autocomplete="off" spellcheck="false" maxlength="50"
                    aria-describedby=format!("{help} {error_id}")
                    aria-invalid=move || problem.get().is_some().then_some("true")
                    prop:value=move || slug.get()
                    on:input=move |ev| slug.set(event_target_value(&ev))
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        // Enter makes the tag, not the credential.
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add();
                        }
                    } />
                <button type="button" class="wc-button" disabled=move || create.pending().get() on:click=move |_| add()>
                    {tl!(l, cred_create_tag)}
                </button>
            </div>
            <p class="wc-field__help" id=help>{tl!(l, cred_tag_rule)}</p>
            <p class="wc-field__error" id=error_id role="alert">{move || problem.get()}</p>
        </div>
    }
}
