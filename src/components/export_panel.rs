//! The list's CSV export: its button, and one line that says where the export is, with
//! the actions that apply (the cap's question, cancel, resume, close). The export itself is
//! [`crate::export`]; it goes on while the user is elsewhere, and this shows it on return.

use crate::api::ListQuery;
use crate::export::{MAX_ROWS, Status, seconds_left};
use crate::messages::t;
use crate::session::use_session;
use crate::text::escape_html;
use crate::ui_state::use_ui;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The panel's buttons and status as markup: written once per mount; the effect below
/// updates its state, progress and text in place, and one click handler reads the
/// buttons' `data-act`. Fewer closures than a reactive view: a smaller bundle.
fn panel_html(m: &crate::messages::Messages) -> String {
    let button = |act: &str, class: &str, label: &str| {
        format!(
            "<button type=\"button\" class=\"button{class}\" data-act=\"{act}\"{}>{}</button>",
            if act == "start" {
                " aria-describedby=\"export-status\""
            } else {
                ""
            },
            escape_html(label)
        )
    };
    [
        button("start", "", m.export_button),
        format!(
            "<progress max=\"100\" value=\"0\" aria-label=\"{}\"></progress><span id=\"export-status\" role=\"status\"></span>",
            escape_html(m.export_button)
        ),
        button("go", " primary export-go", &m.export_cap_go(MAX_ROWS)),
        button("resume", " export-resume", m.export_resume),
        button("cancel", " export-cancel", m.cancel),
        button("close", " export-close", m.close),
    ]
    .concat()
}

/// What the status line says.
fn status_text(m: &crate::messages::Messages, status: &Status, throttled: Option<String>) -> String {
    match status {
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
    }
}

/// The export of `query`: the list as filtered and sorted.
#[component]
pub fn ExportPanel(query: Memo<ListQuery>) -> impl IntoView {
    let m = t();
    let ui = use_ui();
    let session = use_session();
    let export = ui.export;
    let status = export.status;
    let panel = NodeRef::<leptos::html::Div>::new();
    // One attribute says the state; the style sheet shows the actions that apply to it.
    // Whole percents: an integer's text, not a float's (whose formatting code is large).
    Effect::new(move |_| {
        let throttled = export.retries.status.get().map(|r| m.export_throttled(r.seconds_left));
        let Some(el) = panel.get() else { return };
        let (state, percent, text) = status.with(|s| {
            let state = match s {
                Status::Idle => "idle",
                Status::Asking { .. } => "asking",
                Status::Running { .. } => "running",
                Status::Failed { .. } => "failed",
                Status::Cancelled { .. } | Status::Done(_) => "ended",
            };
            let percent = match s {
                Status::Running { done, of, .. } if *of > 0 => (done * 100 / of).to_string(),
                _ => "0".to_string(),
            };
            (state, percent, status_text(m, s, throttled))
        });
        let _ = el.set_attribute("data-state", state);
        if let Ok(Some(progress)) = el.query_selector("progress") {
            let _ = progress.set_attribute("value", &percent);
        }
        if let Ok(Some(line)) = el.query_selector("#export-status") {
            line.set_text_content(Some(&text));
        }
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let act = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-act]").ok().flatten())
            .and_then(|b| b.get_attribute("data-act"));
        let Some(credentials) = session.credentials_untracked() else {
            return;
        };
        match act.as_deref() {
            Some("start") => ui
                .locations
                .with_untracked(|names| export.start(credentials, &query.get_untracked(), names)),
            Some("go") => export.confirm(credentials),
            Some("resume") => export.resume(credentials),
            Some("cancel") => export.cancel(),
            Some("close") => export.dismiss(),
            _ => {}
        }
    };
    view! { <div class="export" data-state="idle" node_ref=panel on:click=on_click inner_html=panel_html(m)></div> }
}
