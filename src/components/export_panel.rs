//! The list's CSV export: its button, and one line that says where the export is, with
//! the actions that apply (the cap's question, cancel, resume, close). The export itself is
//! [`crate::export`]; it goes on while the user is elsewhere, and this shows it on return.

use crate::api::ListQuery;
use crate::export::{MAX_ROWS, Status, seconds_left};
use crate::messages::t;
use crate::session::use_session;
use crate::ui_state::use_ui;
use leptos::prelude::*;

/// The export of `query`: the list as filtered and sorted.
#[component]
pub fn ExportPanel(query: Memo<ListQuery>) -> impl IntoView {
    let m = t();
    let ui = use_ui();
    let session = use_session();
    let export = ui.export;
    let status = export.status;
    let start = move |_| {
        if let Some(credentials) = session.credentials_untracked() {
            ui.locations
                .with_untracked(|names| export.start(credentials, &query.get_untracked(), names));
        }
    };
    let text = move || {
        let throttled = export.retries.status.get().map(|r| m.export_throttled(r.seconds_left));
        status.with(|s| match s {
            Status::Idle => String::new(),
            Status::Asking { total } => m.export_cap(*total, MAX_ROWS),
            Status::Running {
                done,
                of,
                started_ms,
                now_ms,
            } => {
                let progress = m.export_progress(*done, *of, seconds_left(*done, *of, now_ms - started_ms));
                match throttled {
                    Some(t) => format!("{progress} {t}"),
                    None => progress,
                }
            }
            Status::Failed { error, done, of } => format!("{} {error}", m.export_failed(*done, *of)),
            Status::Cancelled { done } => m.export_cancelled(*done),
            Status::Done(summary) => {
                let mut text = m.export_done(summary.rows, &summary.file);
                if summary.capped {
                    text += " ";
                    text += &m.export_cap(summary.totals.0, MAX_ROWS);
                }
                if summary.totals.0 != summary.totals.1 {
                    text += " ";
                    text += &m.export_changed(summary.totals.0, summary.totals.1);
                }
                text
            }
        })
    };
    // One attribute says the state; the style sheet shows the actions that apply to it.
    let state = move || {
        status.with(|s| match s {
            Status::Idle => "idle",
            Status::Asking { .. } => "asking",
            Status::Running { .. } => "running",
            Status::Failed { .. } => "failed",
            Status::Cancelled { .. } | Status::Done(_) => "ended",
        })
    };
    // Whole percents: an integer's text, not a float's (whose formatting code is large).
    let percent = move || {
        status.with(|s| match s {
            Status::Running { done, of, .. } if *of > 0 => (done * 100 / of).to_string(),
            _ => "0".to_string(),
        })
    };
    view! {
        <div class="export" data-state=state>
            <button type="button" class="button" aria-describedby="export-status" on:click=start>
                {m.export_button}
            </button>
            <progress max="100" value=percent aria-label=m.export_button></progress>
            <span id="export-status" role="status">{text}</span>
            <button
                type="button"
                class="button primary export-go"
                on:click=move |_| {
                    if let Some(credentials) = session.credentials_untracked() {
                        export.confirm(credentials);
                    }
                }
            >
                {m.export_cap_go(MAX_ROWS)}
            </button>
            <button
                type="button"
                class="button export-resume"
                on:click=move |_| {
                    if let Some(credentials) = session.credentials_untracked() {
                        export.resume(credentials);
                    }
                }
            >
                {m.export_resume}
            </button>
            <button type="button" class="button export-cancel" on:click=move |_| export.cancel()>
                {m.cancel}
            </button>
            <button type="button" class="button export-close" on:click=move |_| export.dismiss()>
                {m.close}
            </button>
        </div>
    }
}
