//! `…/connections/new?connector=<uuid>`: what connecting a connector takes: its form, its
//! provider's sign-in, or (disabled) what setup needs.

use super::details::ConnectorFacts;
use crate::{
    context::{HubData, PageContext},
    form::{ConnectionForm, FormMode},
    oauth::{OauthButton, Target},
    strings::{self, t, tl},
    ui::dialog::{unsaved_changes, Dialog},
};
use leptos::prelude::*;
use wayai_core::{AuthType, Connector, ConnectorStatus, OauthProvider};

/// `…/connections/new?connector=<uuid>`: what connecting this connector takes.
#[component]
pub(crate) fn NewConnectionDialog(
    data: HubData,
    connector: Option<String>,
    /// `&auth=<type>`: the authentication type the form starts with.
    auth: Option<String>,
) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let l = context.locale;
    // A production hub's connections come from its preview: nothing is made here.
    let production = context.production();
    unsaved_changes();
    let Some(reference) = connector else {
        return view! {
            <Dialog title=Signal::derive(move || t!(l.get(), not_found_title).to_string())>
                <p role="alert">{tl!(l, connector_missing)}</p>
            </Dialog>
        }
        .into_any();
    };
    // The real app links by connector id; a slug is accepted too.
    // Read once: the form keeps what is typed in it while the catalog's text changes language.
    let found = data.catalog.with_untracked(|catalog| {
        catalog
            .connectors
            .iter()
            .find(|c| c.id.to_string() == reference || c.slug == reference)
            .cloned()
    });
    match found {
        None => view! {
            <Dialog title=Signal::derive(move || t!(l.get(), not_found_title).to_string())>
                <p role="alert">
                    {move || t!(l.get(), connector_not_found, reference = reference.clone()).to_string()}
                </p>
            </Dialog>
        }
        .into_any(),
        Some(connector) => {
            // A form when there is something to fill in (MCP OAuth: the form, then the popup);
            // OAuth alone: the provider's button; disabled connectors: what setup takes.
            // A connector none of whose types this page knows (a newer hub's) cannot be set up
            // here: it says so rather than show a form that cannot be saved.
            let known = connector.default_auth() != AuthType::Other;
            let newer = (!known).then(|| view! { <p class="wc-alert" role="status">{tl!(l, connector_needs_newer_page)}</p> });
            let enabled = connector.status == ConnectorStatus::Enabled && known && !production;
            let oauth_only = connector.is_oauth_only();
            let auth = auth.as_deref().and_then(AuthType::from_wire);
            let form = (enabled && !oauth_only).then(|| match auth {
                Some(auth) => view! { <ConnectionForm connector=connector.clone() mode=FormMode::Create auth /> }.into_any(),
                None => view! { <ConnectionForm connector=connector.clone() mode=FormMode::Create /> }.into_any(),
            });
            let sign_in = (enabled && oauth_only)
                .then(|| view! { <OauthSignIn connector=connector.clone() /> });
            let read_only = production.then(|| view! { <p class="wc-alert" role="note">{tl!(l, production_read_only)}</p> });
            let setup = (known && !enabled && !production)
                .then(|| view! { <ConnectorSetup connector=connector.clone() /> });
            let prerequisites = enabled.then(|| connector.prerequisites.clone()).flatten();
            view! {
                <Dialog title={
                    let name = connector.name.clone();
                    Signal::derive(move || t!(l.get(), new_connection_title, connector = name.clone()).to_string())
                }>
                    <p>{
                        let id = connector.id;
                        move || data.connector(id).map(|c| c.description)
                    }</p>
                    {prerequisites.map(|p| view! { <p class="wc-dialog__prerequisites"><strong>{tl!(l, prerequisites)} ": "</strong>{p}</p> })}
                    {newer}
                    {read_only}
                    {setup}
                    {sign_in}
                    {form}
                </Dialog>
            }
            .into_any()
        }
    }
}

/// An OAuth connector with nothing to fill in: its provider's button; the connection is named
/// from the account signed in with.
#[component]
fn OauthSignIn(connector: Connector) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let oauth = connector.oauth_facts().cloned();
    let provider = oauth.as_ref().map_or(OauthProvider::Google, |o| o.provider);
    let label = oauth.as_ref().map(|o| o.button_label.clone());
    let label = Signal::derive(move || {
        label
            .clone()
            .unwrap_or_else(|| t!(l.get(), connect).to_string())
    });
    let refresh = oauth.as_ref().and_then(|o| o.token_refresh_seconds);
    let signup = oauth.is_some_and(|o| o.embedded_signup);
    view! {
        {signup.then(|| view! { <p>{tl!(l, signup_intro)}</p> })}
        <p>{tl!(l, oauth_named_from_account)}</p>
        {refresh.map(|s| view! { <p>{move || strings::token_refresh(l.get(), s)}</p> })}
        <div class="wc-oauth-start">
            <OauthButton
                label
                provider
                target=Target::New { connector: connector.id, name: None, config: Default::default(), settings: Default::default(), sync_credentials: None }
            />
        </div>
        <ConnectorFacts connector />
    }
}

#[component]
fn ConnectorSetup(connector: Connector) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let disabled = connector.status.is_disabled();
    view! {
        {disabled.then(|| view! { <p class="wc-alert" role="status">{tl!(l, contact_support)}</p> })}
        {connector
            .prerequisites
            .clone()
            .map(|p| {
                view! {
                    <h3 class="wc-dialog__section">{tl!(l, prerequisites)}</h3>
                    <p>{p}</p>
                }
            })}
        {(!connector.is_oauth_only())
            .then(|| {
                view! {
                    <h3 class="wc-dialog__section">{tl!(l, setup_fields)}</h3>
                    <ul class="wc-fields">
                        <li>{tl!(l, connection_name)} " (" {tl!(l, required)} ")"</li>
                        {connector
                            .form_fields(connector.default_auth())
                            .iter()
                            .chain(&connector.settings)
                            .map(|f| {
                                view! {
                                    <li data-field=f.key.clone()>
                                        {f.label.clone()}
                                        " ("
                                        {
                                            let required = f.required;
                                            move || if required { t!(l.get(), required) } else { t!(l.get(), optional) }
                                        }
                                        ")"
                                        {f.help.clone().map(|h| view! { <span class="wc-fields__help">{h}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        {connector.oauth_facts().cloned().map(|o| view! {
            <p>{move || t!(l.get(), oauth_setup, button = &o.button_label).to_string()}</p>
        })}
        <ConnectorFacts connector />
    }
}
