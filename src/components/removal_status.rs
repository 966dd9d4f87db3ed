//! The removal's progress and outcome, wherever the user went while it was in flight: an
//! answer that arrives after they left the removal page is never lost.

use crate::messages::t;
use crate::removal::texts::failure_headline;
use crate::removal::{Feedback, Stage};
use crate::routes::{REMOVE, use_base};
use crate::ui_state::use_ui;
use leptos::prelude::*;

/// Shown outside the removal page while a removal is in flight, and after its outcome
/// arrived there until the user opens the removal page or dismisses it. The region stays in
/// the document (hidden when there is nothing to say) so that screen readers announce it.
#[component]
pub fn RemovalStatus() -> impl IntoView {
    let ui = use_ui();
    let m = t();
    let text = Memo::new(move |_| {
        if ui.removal_page_open.get() {
            return None;
        }
        let unseen = ui.removal_unseen.get();
        ui.removal.with(|s| match s {
            Stage::Sending(..) => Some(m.removal_in_progress.to_string()),
            Stage::Done(_, count) if unseen => Some(m.removed(*count)),
            Stage::Editing(Feedback::Failed { outcome, .. }) if unseen => Some(failure_headline(*outcome).to_string()),
            Stage::Editing(Feedback::Rejected(_)) if unseen => Some(m.remove_failed.to_string()),
            _ => None,
        })
    });
    view! {
        <div class="removal-status notice" role="status" hidden=move || text.with(Option::is_none)>
            <span>{move || text.get().unwrap_or_default()}</span>
            <a class="button" href=use_base().href(REMOVE)>{m.open_removal}</a>
            <button
                type="button"
                class="button link"
                hidden=move || !ui.removal_unseen.get()
                on:click=move |_| ui.removal_unseen.set(false)
            >
                {m.dismiss}
            </button>
        </div>
    }
}
