//! State shared between pages that is not the session: where the list was, whether its data
//! changed, and the removal flow, which must outlive its page so that an answer arriving
//! after the user went elsewhere is not lost.

use crate::removal::{RemoveDraft, Stage};
use leptos::prelude::*;

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
        }
    }

    /// Moves the removal flow to `next`, the result of a step on the current stage; `None`
    /// (the step no longer applies: the user moved on) changes nothing. Marks an outcome
    /// that arrives while the removal page is closed as unseen.
    pub fn advance_removal(&self, next: Option<Stage>) {
        let Some(next) = next else {
            return;
        };
        let settled = !next.sending() && !next.checking() && next != Stage::Counting;
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
