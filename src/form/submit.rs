//! Submitting a form: create (with an idempotency key, so a retry makes one connection), update,
//! or test; what follows a hub's answer is handled where the answer arrives.

use super::{state::FormState, FormMode};
use crate::{
    context::PageContext,
    i18n::Locale,
    strings::{self, t},
    ui::dialog::UnsavedChanges,
};
use leptos::prelude::*;
use uuid::Uuid;
use wayai_core::{form::FormModel, Connection, CreateConnection, HubError, PageView, TestResult};

/// The form's requests to the hub, and their outcome.
#[derive(Clone, Copy)]
pub(crate) struct Submitter {
    save: Action<Request, Result<Connection, HubError>>,
    test: Action<CreateConnection, Result<TestResult, HubError>>,
    /// The key of the last create attempt and the body it was for: a retry of the same body
    /// reuses it (one connection however often it is sent); a changed body gets a new one.
    attempt: StoredValue<(String, String)>,
    locale: Memo<Locale>,
}

#[derive(Clone)]
enum Request {
    Create(CreateConnection, String),
    Update(Uuid, wayai_core::UpdateConnection),
    Production(Uuid, wayai_core::ProductionCredential),
}

impl Submitter {
    pub fn new(state: FormState, mode: &FormMode, discovers_tools: bool) -> Self {
        let context = expect_context::<PageContext>();
        let unsaved = use_context::<UnsavedChanges>();
        let creating = matches!(mode, FormMode::Create);
        let production = matches!(mode, FormMode::ProductionCredential(_));
        // Saving an MCP server discovers its tools; its view shows them (or why they could not
        // be read).
        let open_after = creating && discovers_tools;
        let save = {
            let context = context.clone();
            Action::new_local(move |request: &Request| {
                let request = request.clone();
                let context = context.clone();
                async move {
                    let hub = context.hub_id;
                    let result = match request {
                        Request::Create(body, key) => context.client.create(hub, &body, &key).await,
                        Request::Update(id, body) => context.client.update(hub, id, &body).await,
                        Request::Production(id, body) => {
                            (context.client)
                                .set_production_credential(hub, id, &body)
                                .await
                        }
                    };
                    // The form may have closed meanwhile: then the list still learns of it, but
                    // nobody is taken anywhere.
                    let open = state.model.try_with_untracked(|_| ()).is_some();
                    if let (Ok(_), Some(unsaved)) = (&result, unsaved) {
                        unsaved.0.try_set(None);
                    }
                    match &result {
                        Ok(connection) if production => production_set(&context, connection, open),
                        Ok(connection) => saved(&context, connection, creating, open, open_after),
                        Err(HubError::Validation { fields, .. }) if open => {
                            state.set_server_errors(fields)
                        }
                        Err(_) => {}
                    }
                    result
                }
            })
        };
        let saved_id = match mode {
            FormMode::Edit(c) | FormMode::ProductionCredential(c) => Some(c.id),
            FormMode::Create => None,
        };
        let test = Action::new_local(move |body: &CreateConnection| {
            let body = body.clone();
            let client = context.client.clone();
            let hub = context.hub_id;
            async move {
                match saved_id {
                    Some(id) => client.test(hub, id).await,
                    None => client.test_unsaved(hub, &body).await,
                }
            }
        });
        Submitter {
            save,
            test,
            attempt: StoredValue::new((String::new(), String::new())),
            locale: context.locale,
        }
    }

    pub fn saving(self) -> bool {
        self.save.pending().get()
    }

    pub fn save_pending_untracked(self) -> bool {
        self.save.pending().get_untracked()
    }

    pub fn testing(self) -> bool {
        self.test.pending().get()
    }

    /// What the last save failed with, in words: for a 422, also what the hub said of fields
    /// the form does not show (`shown`), which no field could say.
    pub fn failure(self, shown: impl Fn(&str) -> bool) -> Option<String> {
        let l = self.locale.get();
        match self.save.value().get() {
            Some(Err(error)) => {
                let words = strings::hub_error(l, &error);
                let HubError::Validation { fields, .. } = &error else {
                    return Some(words);
                };
                let unplaced: Vec<String> = fields
                    .iter()
                    .filter(|f| !shown(&f.field))
                    .map(|f| strings::told(l, &wayai_core::said::Told::of_field(f)))
                    .collect();
                if unplaced.is_empty() {
                    return Some(words);
                }
                let said = t!(l, hub_said, words = unplaced.join(" "));
                Some(format!("{words} {said}"))
            }
            _ => None,
        }
    }

    /// The last test's outcome, in words.
    pub fn test_outcome(self) -> Option<String> {
        self.test.value().get().map(|result| match result {
            Ok(r) => {
                let l = self.locale.get();
                strings::test_result(l, r.ok, &strings::health_message(l, &r.health))
            }
            Err(e) => strings::hub_error(self.locale.get(), &e),
        })
    }

    /// Forgets the last save's failure (a new submit starts afresh).
    pub fn clear_failure(self) {
        self.save.value().set(None);
    }

    pub fn create(self, model: &FormModel) {
        let body = model.to_create();
        let json = serde_json::to_string(&body).unwrap_or_default();
        let key = self
            .attempt
            .with_value(|(last, key)| (last == &json).then(|| key.clone()));
        let key = key.unwrap_or_else(|| {
            let key = Uuid::new_v4().to_string();
            self.attempt.set_value((json, key.clone()));
            key
        });
        self.save.dispatch(Request::Create(body, key));
    }

    pub fn update(self, id: Uuid, model: &FormModel, original: &FormModel) {
        self.save
            .dispatch(Request::Update(id, model.to_update(original)));
    }

    pub fn set_production_credential(self, id: Uuid, model: &FormModel) {
        self.save
            .dispatch(Request::Production(id, model.to_production_credential()));
    }

    pub fn test(self, model: &FormModel) {
        self.test.value().set(None);
        self.test.dispatch(model.to_create());
    }
}

/// Tests a just-created connection and shows the outcome on it; a failure is announced.
fn test_created(context: PageContext, connection: Connection) {
    leptos::task::spawn_local(async move {
        let Ok(result) = context.client.test(context.hub_id, connection.id).await else {
            // Not tested just now: it stays "Not checked", which is true.
            return;
        };
        let name = connection.name.clone();
        context.updated(Connection {
            health: result.health.clone(),
            ..connection
        });
        if !result.ok {
            let l = context.locale.get_untracked();
            let message = strings::health_message(l, &result.health);
            context.announce(t!(l, created_but_test_failed, name, message).to_string());
        }
    });
}

/// A production credential set: the connection (tested by the hub) shown, announced, and (while
/// the form is open) back to the list, as after an edit.
fn production_set(context: &PageContext, connection: &Connection, open: bool) {
    context.updated(connection.clone());
    let l = context.locale.get_untracked();
    context.announce(t!(l, production_credential_saved).to_string());
    if open {
        context.go(&PageView::List { connector: None });
    }
}

/// A saved connection: listed, announced, and (while the form is open) the view moves on.
fn saved(
    context: &PageContext,
    connection: &Connection,
    creating: bool,
    open: bool,
    open_after: bool,
) {
    let name = connection.name.clone();
    let id = connection.id;
    if creating {
        context.created(connection.clone());
    } else {
        context.updated(connection.clone());
    }
    let l = context.locale.get_untracked();
    context.announce(if creating {
        t!(l, created_announcement, name).to_string()
    } else {
        t!(l, saved_announcement, name).to_string()
    });
    if creating && !open_after {
        // A new connection is tested at once, so it shows a real health state; a failed test
        // keeps it (it is saved) and says what failed. (An MCP server was tested by discovery.)
        test_created(context.clone(), connection.clone());
    }
    if open {
        context.go(&if open_after {
            PageView::Connection { id: id.to_string() }
        } else {
            PageView::List { connector: None }
        });
    }
}
