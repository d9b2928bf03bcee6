//! The credentials as a list: each with what it is, where it may be used and by how many
//! connections, and its actions; the search narrows it.

use super::{Open, OrgPage};
use crate::{
    strings::{org as words, t, tl},
    ui::format::date_time,
};
use leptos::prelude::*;
use wayai_core::org::OrgCredential;

/// The words a search looks in: name, description, type (wire name and words), tags, environment.
fn matches(l: crate::i18n::Locale, c: &OrgCredential, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return true;
    }
    let haystack = [
        c.name.as_str(),
        c.description.as_str(),
        c.credential_type.as_str(),
        words::credential_type(l, c.credential_type),
        c.environment.as_str(),
        words::environment(l, c.environment),
        &c.tags.join(" "),
        &words::used_by(l, c.used_by),
    ]
    .join("\n")
    .to_lowercase();
    query.split_whitespace().all(|w| haystack.contains(w))
}

#[component]
pub(super) fn CredentialList(list: Vec<OrgCredential>, query: RwSignal<String>) -> impl IntoView {
    let l = expect_context::<OrgPage>().locale;
    if list.is_empty() {
        return view! { <p class="wc-empty">{tl!(l, creds_empty)}</p> }.into_any();
    }
    // In the hub's order (by name); a credential added here is put in its place by `upsert`.
    // What the search keeps, decided once per keystroke for the rows and the count alike.
    let kept = {
        let list = list.clone();
        Memo::new(move |_| {
            let (l, q) = (l.get(), query.get());
            list.iter()
                .map(|c| matches(l, c, &q))
                .collect::<Vec<bool>>()
        })
    };
    let shown = move || kept.with(|k| k.iter().filter(|&&k| k).count());
    let rows = list
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            view! { <li class="wc-cred" hidden=move || !kept.with(|k| k[i])><CredentialRow credential=c /></li> }
        })
        .collect_view();
    view! {
        <ul class="wc-creds">{rows}</ul>
        {move || (shown() == 0).then(|| view! {
            <p class="wc-empty" role="status">{t!(l.get(), creds_no_match, query = query.get().trim())}</p>
        })}
    }
    .into_any()
}

/// One credential: name, description, facts and actions.
#[component]
fn CredentialRow(credential: OrgCredential) -> impl IntoView {
    let page = expect_context::<OrgPage>();
    let l = page.locale;
    let open = page.open;
    let description = credential.description.clone();
    let c = credential;
    let hint = c.hint().to_string();
    let rotated = c.rotated_at.clone();
    // A basic credential's username is not secret: shown, so two logins are told apart.
    let username = c.fields.get("username").cloned().map(|user| {
        let label = move || words::value_label(l.get(), "username");
        view! { " · " {label} ": " {user} }
    });
    let tags = c.tags.clone();
    let (kind, env, used) = (c.credential_type, c.environment, c.used_by);
    let name = c.name.clone();
    let action = move |make: fn(OrgCredential) -> Open| {
        let c = c.clone();
        move |_| open.set(Some(make(c.clone())))
    };
    let (edit, rotate, delete, usage) = (
        action(Open::Edit),
        action(Open::Rotate),
        action(Open::Delete),
        action(Open::Usage),
    );
    let usable = kind != wayai_core::org::CredentialType::Other;
    view! {
        <div class="wc-cred__head">
            <h2 class="wc-cred__name">{name.clone()}</h2>
            <span class="wc-badge">{move || words::credential_type(l.get(), kind)}</span>
        </div>
        <p class="wc-card__description">{description}</p>
        <p class="wc-card__facts">
            {move || t!(l.get(), cred_secret, hint = hint.clone(), when = date_time(&rotated))}
            {username}
            " · " {move || words::environment(l.get(), env)}
        </p>
        <p class="wc-card__facts">
            {move || match tags.is_empty() {
                true => t!(l.get(), cred_untagged).to_string(),
                false => format!("{}: {}", t!(l.get(), cred_tags), tags.join(", ")),
            }}
        </p>
        <div class="wc-actions" role="group" aria-label=move || t!(l.get(), cred_actions, name = name.clone())>
            <button type="button" class="wc-button wc-button--quiet" disabled=used == 0 on:click=usage>
                {move || words::used_by(l.get(), used)}
            </button>
            <button type="button" class="wc-button" on:click=edit>{tl!(l, edit)}</button>
            {usable.then(|| view! {
                <button type="button" class="wc-button" on:click=rotate>{tl!(l, cred_rotate)}</button>
            })}
            <button type="button" class="wc-button wc-button--danger" on:click=delete>{tl!(l, delete)}</button>
        </div>
    }
}
