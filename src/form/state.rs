//! The form's state: the model being typed, which fields were left, whether a submit was tried,
//! the hub's field errors, and the messages that follow from them.

use crate::{
    context::{HubData, PageContext},
    i18n::Locale,
    strings,
    ui::dialog::UnsavedChanges,
};
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use wayai_core::{
    form::{FieldState, FormModel, Input, SecretMode},
    said::Told,
    Connector, FieldError, FormField,
};

/// Every signal of one form, shared by its controls (all `Copy`).
#[derive(Clone, Copy)]
pub(crate) struct FormState {
    pub model: RwSignal<FormModel>,
    /// The form as it opened (a connection's saved values).
    original: StoredValue<FormModel>,
    touched: RwSignal<BTreeSet<String>>,
    submitted: RwSignal<bool>,
    /// What the hub told about each field (a 422), each until its field is edited; worded when
    /// shown (in the page's language then).
    server_errors: RwSignal<BTreeMap<String, Told>>,
    /// The page's language: the form's own messages follow it.
    locale: Memo<Locale>,
    /// A pointer is pressed in the form: a field it left then gets its message only once the
    /// pointer is released, so the message never moves what is being pressed.
    pressing: StoredValue<bool>,
    left_while_pressing: StoredValue<Vec<String>>,
    /// The connector as the catalog has it now: its text (labels, help) follows the catalog
    /// asked again in another language, while the model keeps what was typed.
    text: Signal<Option<Connector>>,
}

impl FormState {
    pub fn new(model: FormModel) -> Self {
        let id = model.connector_id;
        let text = match use_context::<HubData>() {
            Some(data) => Signal::derive(move || data.connector(id)),
            None => Signal::stored(None),
        };
        FormState {
            text,
            original: StoredValue::new(model.clone()),
            model: RwSignal::new(model),
            touched: RwSignal::new(BTreeSet::new()),
            submitted: RwSignal::new(false),
            server_errors: RwSignal::new(BTreeMap::new()),
            locale: expect_context::<PageContext>().locale,
            pressing: StoredValue::new(false),
            left_while_pressing: StoredValue::new(Vec::new()),
        }
    }

    /// A pointer went down in the form.
    pub fn pressed(self) {
        self.pressing.set_value(true);
    }

    /// The pointer came up (anywhere): the fields left meanwhile show their messages.
    pub fn released(self) {
        if self.pressing.try_get_value() != Some(true) {
            return;
        }
        self.pressing.set_value(false);
        for key in self
            .left_while_pressing
            .try_update_value(std::mem::take)
            .unwrap_or_default()
        {
            self.left(&key);
        }
    }

    /// Whether the form shows a control for the field `key` (the name included).
    pub fn shows(self, key: &str) -> bool {
        key == wayai_core::form::NAME_KEY
            || self
                .model
                .with_untracked(|m| m.fields.iter().any(|f| f.field.key == key))
    }

    pub fn field(self, index: usize) -> FieldState {
        self.model.with_untracked(|m| m.fields[index].clone())
    }

    /// The text of field `index` as the catalog has it now (its label, help, placeholder): the
    /// catalog's definition of the same key, else the one the form opened with.
    pub fn text_of(self, index: usize) -> FormField {
        let opened = self.field(index);
        let auth = self.model.with_untracked(|m| m.auth);
        self.text
            .with(|c| {
                let c = c.as_ref()?;
                let mut fields = c.form_fields(auth).into_iter().chain(c.settings.clone());
                fields.find(|f| f.key == opened.field.key)
            })
            .unwrap_or(opened.field)
    }

    /// A field's message: the hub's, else the form's own once the field was left or on submit.
    /// `try_`: a focused field blurs while its closing form is taken apart, and what that
    /// changes may ask again of signals already gone (nothing to show then).
    pub fn message(self, key: &str) -> Option<String> {
        if let Some(told) = self.server_errors.try_with(|e| e.get(key).cloned())? {
            return Some(strings::told(self.locale.try_get()?, &told));
        }
        if !(self.submitted.try_get()? || self.touched.try_with(|t| t.contains(key))?) {
            return None;
        }
        let l = self.locale.try_get()?;
        self.model.try_with(|m| {
            m.problems()
                .into_iter()
                .find(|(k, _)| *k == key)
                .map(|(_, p)| strings::problem(l, &p))
        })?
    }

    /// The field was left: its own problems show from now on. A control removed with its form
    /// (after a save) may report leaving once the form is gone: that is ignored.
    pub fn left(self, key: &str) {
        if self.pressing.try_get_value() == Some(true) {
            let _ = self
                .left_while_pressing
                .try_update_value(|keys| keys.push(key.to_string()));
            return;
        }
        if self.touched.try_with_untracked(|t| t.contains(key)) == Some(false) {
            let _ = self.touched.try_update(|t| {
                t.insert(key.to_string());
            });
        }
    }

    /// The field was typed in: the hub's message about its old value goes.
    pub fn edited(self, key: &str) {
        if self.server_errors.with_untracked(|e| e.contains_key(key)) {
            self.server_errors.update(|e| {
                e.remove(key);
            });
        }
    }

    /// Sets a field's input. Moving an address the secrets are sent to asks for them again.
    pub fn set_input(self, index: usize, input: Input) {
        let original = self.original.get_value();
        self.model.update(|m| {
            m.fields[index].input = input;
            if m.fields[index].field.secret_destination {
                m.follow_destination(&original);
            }
        });
    }

    /// The field takes an organization credential, or (`direct`) its own value again; the
    /// rest of the form stays as typed.
    pub fn choose_source(self, index: usize, direct: bool) {
        let original = self.original.get_value();
        self.model.update(|m| {
            let key = m.fields[index].field.key.clone();
            m.choose_source(&key, direct, Some(&original));
        });
    }

    /// The organization credential a bound field takes (none: one is still to be chosen).
    pub fn bind(self, index: usize, credential: Option<uuid::Uuid>) {
        self.model.update(|m| {
            if let Some(SecretMode::Bound { credential: c, .. }) = &mut m.fields[index].secret {
                *c = credential;
            }
        });
    }

    /// Typing in a text-like control: its input changes and the hub's message about the old
    /// value goes.
    pub fn type_text(self, index: usize, key: &str, text: String) {
        self.set_input(index, Input::Text(text));
        self.edited(key);
    }

    /// The text of a text-like field, tracked.
    pub fn text(self, index: usize) -> String {
        self.model.with(|m| match &m.fields[index].input {
            Input::Text(t) => t.clone(),
            _ => String::new(),
        })
    }

    pub fn submit_tried(self) {
        self.submitted.set(true);
    }

    /// Lets the dialog around the form ask whether closing would lose typing. Read when the
    /// dialog is about to close, so even a keystroke just before counts.
    pub fn report_unsaved(self, original: FormModel) {
        if let Some(unsaved) = use_context::<UnsavedChanges>() {
            let model = self.model;
            unsaved.0.set(Some(Signal::derive(move || {
                model.with(|m| m.is_dirty(&original))
            })));
        }
    }

    pub fn set_server_errors(self, fields: &[FieldError]) {
        self.server_errors.set(
            fields
                .iter()
                // A binding's problem is its field's (`bindings.api_key` is `api_key`).
                .map(|f| {
                    let key = f.field.strip_prefix("bindings.").unwrap_or(&f.field);
                    (key.to_string(), Told::of_field(f))
                })
                .collect(),
        );
    }
}
