//! State shared between pages that is not the session: where the list was, whether its data
//! changed, the removal flow (which must outlive its page so that an answer arriving after
//! the user went elsewhere is not lost), and what forms hold: a language switch mounts the
//! app again ([`crate::start`]) and must lose neither typed input nor loaded data.

use crate::components::filter_bar::FilterForm;
use crate::removal::{RemoveDraft, Stage};
use leptos::prelude::*;
use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

/// Cross-page UI state, provided once by `App` (and by component tests).
#[derive(Clone, Copy)]
pub struct UiState {
    /// The list's last query string, so "back to the list" returns to the same page and sort.
    pub list_search: RwSignal<String>,
    /// Bumped after a removal so every list shows fresh data.
    pub data_version: RwSignal<u64>,
    /// The removal form's input, kept across a sign-in caused by an expired token.
    pub remove_draft: RwSignal<RemoveDraft>,
    /// Where the removal flow is; written by its requests even after the page is left.
    pub removal: RwSignal<Stage>,
    /// True while the removal page is on screen.
    pub removal_page_open: RwSignal<bool>,
    /// An outcome arrived while the removal page was not on screen: shown wherever the
    /// user is until they open the removal page or dismiss it.
    pub removal_unseen: RwSignal<bool>,
    /// The list's filter form as typed.
    pub filter_form: RwSignal<FilterForm>,
    /// The sign-in form as typed.
    pub sign_in: SignInFields,
    /// The stock location names of the signed-in OMS ([`crate::locations`]).
    pub locations: RwSignal<crate::locations::Names>,
    /// The CSV export: it runs on while the user looks elsewhere, and survives a remount.
    pub export: crate::export::Exporter,
    /// The last result of each kind of read, and whether the app is being mounted again
    /// for a language switch (when reads take it instead of asking the OMS again).
    pub reads: StoredValue<ReadCache, LocalStorage>,
}

/// The sign-in form's fields. The token typed here stays in memory, like the session's.
#[derive(Clone, Copy)]
pub struct SignInFields {
    /// The OMS address; empty until the page proposes one.
    pub base_url: RwSignal<String>,
    /// The token as typed (emptied once accepted).
    pub token: RwSignal<String>,
    /// "Keep me signed in on this tab".
    pub remember: RwSignal<bool>,
}

/// The last successful result of each kind of read (one per key and result type), offered
/// to the same read only while the app is mounted again for a language switch.
#[derive(Default)]
pub struct ReadCache {
    entries: Vec<Rc<dyn Any>>,
    remounting: Cell<bool>,
}

/// One cached read: what it was for, the data version it saw, and the value.
struct Cached<K, T> {
    key: K,
    version: u64,
    value: T,
}

impl ReadCache {
    /// Marks the mount in progress as a language switch (or its end).
    pub fn set_remounting(&self, on: bool) {
        self.remounting.set(on);
    }

    /// The cached value for `key` at `version`, during a language switch only.
    pub fn reuse<K: PartialEq + 'static, T: Clone + 'static>(&self, key: &K, version: u64) -> Option<T> {
        if !self.remounting.get() {
            return None;
        }
        self.entries
            .iter()
            .find_map(|e| e.downcast_ref::<Cached<K, T>>())
            .filter(|c| c.key == *key && c.version == version)
            .map(|c| c.value.clone())
    }

    /// Keeps `value` as the last result of its kind.
    pub fn keep<K: 'static, T: 'static>(&mut self, key: K, version: u64, value: T) {
        self.entries.retain(|e| !e.is::<Cached<K, T>>());
        self.entries.push(Rc::new(Cached { key, version, value }));
    }
}

impl UiState {
    /// Fresh state: the list at its defaults, an empty removal form.
    pub fn new() -> UiState {
        UiState {
            list_search: RwSignal::new(String::new()),
            data_version: RwSignal::new(0),
            remove_draft: RwSignal::new(RemoveDraft::default()),
            removal: RwSignal::new(Stage::default()),
            removal_page_open: RwSignal::new(false),
            removal_unseen: RwSignal::new(false),
            filter_form: RwSignal::new(FilterForm::default()),
            sign_in: SignInFields {
                base_url: RwSignal::new(String::new()),
                token: RwSignal::new(String::new()),
                remember: RwSignal::new(false),
            },
            locations: RwSignal::new(Default::default()),
            reads: StoredValue::new_local(ReadCache::default()),
            export: crate::export::Exporter::new(),
        }
    }

    /// Moves the removal flow to `next`, the result of a step on the current stage; `None`
    /// (the step no longer applies: the user moved on) changes nothing. Marks an outcome
    /// that arrives while the removal page is closed as unseen. Every change of the flow
    /// passes here, so the embedding can show it in the host too.
    pub fn advance_removal(&self, next: Option<Stage>) {
        let Some(next) = next else {
            return;
        };
        let settled = !next.sending() && !next.checking() && next != Stage::Counting;
        crate::embed::removal_changed(&next);
        self.removal.try_set(next);
        if settled && self.removal_page_open.try_get_untracked() == Some(false) {
            self.removal_unseen.try_set(true);
        }
    }
}

impl Default for UiState {
    fn default() -> Self {
        UiState::new()
    }
}

/// The UI state provided by `App`.
pub fn use_ui() -> UiState {
    expect_context::<UiState>()
}
