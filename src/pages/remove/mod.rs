//! `/discrepancies/remove`: the only destructive action, so it is deliberate.
//!
//! Review shows exactly what goes, with the server's own count; one confirmation sends
//! exactly one POST (the stage moves on before the request leaves, so repeated clicks or
//! Enter find nothing to confirm); on failure the input stays. The flow itself is
//! [`crate::removal`]; its state lives in [`crate::ui_state::UiState`], so an answer that
//! arrives after the user left this page still lands (and is shown wherever they are).

use crate::api::client::{count_created_before, remove};
use crate::api::{Cancel, FieldErrors};
use crate::components::ErrorPanel;
use crate::focus::find;
use crate::loader::read_once;
use crate::messages::t;
use crate::removal::texts::{failure_headline, outcome_text, scope};
use crate::removal::{DateProblem, Feedback, FormErrors, Stage};
use crate::routes::{LIST, list_path, use_base};
use crate::session::use_session;
use crate::ui_state::use_ui;
use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

mod impact;

use impact::Breakdown;

fn confirm_dialog() -> Option<web_sys::HtmlDialogElement> {
    find("dialog.confirm")?.dyn_into().ok()
}

/// Opened with `?expired_date=…&stock_location=…` (the insights' age profile links so): the
/// form arrives filled in, replacing a confirmation or an outcome on screen but never a
/// removal in flight. The address then loses its query, so that a reload or a language
/// switch keeps what the user types afterwards.
fn prefill(ui: crate::ui_state::UiState) {
    // The address as the browser has it: the router's hooks only when there is something to
    // take (the page is also mounted alone, in component tests).
    // The browser's own reader of the query: no decoder linked for it.
    let Some(params) = window()
        .location()
        .search()
        .ok()
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
    else {
        return;
    };
    let Some(expired_date) = params.get("expired_date") else {
        return;
    };
    let stock_location = params.get("stock_location").unwrap_or_default();
    let next = ui.removal.with_untracked(|s| match s {
        Stage::Done(..) => Some(Stage::default()),
        other => other.cancel(),
    });
    ui.advance_removal(next);
    if !ui.removal.with_untracked(Stage::locked) {
        ui.remove_draft.set(crate::removal::RemoveDraft {
            expired_date,
            stock_location,
        });
    }
    let go = crate::routes::use_go();
    leptos::task::spawn_local(async move { go(crate::routes::REMOVE, true) });
}

/// The removal form, its confirmation and its outcome.
#[component]
pub fn RemovePage() -> impl IntoView {
    let m = t();
    let session = use_session();
    let ui = use_ui();
    let base = use_base();
    let draft = ui.remove_draft;
    let stage = ui.removal;
    ui.removal_page_open.set(true);
    crate::locations::ensure(session, ui.locations);
    ui.removal_unseen.set(false);
    on_cleanup(move || {
        ui.removal_page_open.try_set(false);
    });
    prefill(ui);
    let heading = NodeRef::<leptos::html::H2>::new();
    let locked = Memo::new(move |_| stage.with(Stage::locked));
    let breakdown = Breakdown::new();
    // The breakdown counts while the total is counted and the confirmation is open (again
    // after a language switch); sending freezes it, and editing forgets it.
    Effect::new(move |_| match stage.get() {
        Stage::Confirming(request, _) => ui.locations.with_untracked(|n| breakdown.start(request, session, n)),
        Stage::Counting => {}
        Stage::Sending(..) | Stage::Done(..) => breakdown.stop(),
        Stage::Editing(_) => breakdown.clear(),
    });

    let review = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(step) = stage.with_untracked(|s| s.review(&draft.get_untracked())) else {
            return;
        };
        let request = match step {
            Ok((counting, request)) => {
                ui.advance_removal(Some(counting));
                request
            }
            Err(invalid) => return ui.advance_removal(Some(invalid)),
        };
        let Some(credentials) = session.credentials_untracked() else {
            return;
        };
        ui.locations.with_untracked(|n| breakdown.start(request, session, n));
        spawn_local(async move {
            let result = read_once(session, count_created_before(&credentials, &request, &Cancel::new())).await;
            ui.advance_removal(stage.try_with_untracked(|s| s.counted(request, result)).flatten());
        });
    };

    let confirm = move |_| {
        // Take the confirmation *before* sending: a second click finds nothing to confirm.
        let Some(credentials) = session.credentials_untracked() else {
            return;
        };
        let Some((sending, request, _)) = stage.with_untracked(Stage::confirm) else {
            return;
        };
        ui.advance_removal(Some(sending));
        spawn_local(async move {
            let result = read_once(session, remove(&credentials, &request)).await;
            let succeeded = result.is_ok();
            ui.advance_removal(stage.try_with_untracked(|s| s.sent(result)).flatten());
            let checking = stage.try_with_untracked(Stage::checking) == Some(true);
            if succeeded || checking {
                // Whatever happened, the list must not show stale rows.
                ui.data_version.try_update(|v| *v += 1);
            }
            if checking {
                let recount = read_once(session, count_created_before(&credentials, &request, &Cancel::new())).await;
                ui.advance_removal(stage.try_with_untracked(|s| s.recounted(recount)).flatten());
            }
        });
    };

    // The confirmation is a modal dialog: the page behind it is inert, so the focus stays in
    // it; its heading takes the focus, so a screen reader reads what is asked. Once sent it
    // asks nothing more: the dialog, its buttons disabled, is no longer modal, so the user
    // may leave the page while the OMS works, and the outcome follows them
    // (`RemovalStatus`).
    Effect::new(move |_| {
        let sending = stage.with(Stage::sending);
        if stage.with(|s| matches!(s, Stage::Confirming(..) | Stage::Sending(..) | Stage::Done(..)))
            && let Some(h) = heading.get()
        {
            // The same element stays from "Confirm" to "Sending" (it is updated in place).
            if let Some(d) = confirm_dialog()
                && !(d.open() && d.matches(":modal").unwrap_or_default() != sending)
            {
                d.close();
                if sending {
                    d.show();
                } else {
                    let _ = d.show_modal();
                }
            }
            let _ = h.focus();
        }
    });
    // Cancelling gives the focus back to the button that opened the confirmation, once the
    // form is enabled again. Escape closes a modal dialog, which cancels too.
    let cancel = move || {
        if let Some(next) = stage.with_untracked(Stage::cancel) {
            ui.advance_removal(Some(next));
            request_animation_frame(|| {
                if let Some(b) = find("#review-button") {
                    let _ = b.focus();
                }
            });
        }
    };

    let form_errors = move || {
        stage.with(|s| match s {
            Stage::Editing(Feedback::Invalid(e)) => *e,
            _ => FormErrors::default(),
        })
    };
    let server_errors = move || {
        stage.with(|s| match s {
            Stage::Editing(Feedback::Rejected(e)) => e.clone(),
            _ => FieldErrors::default(),
        })
    };
    let field_messages = move |field: &'static str, client: Option<&'static str>| {
        let mut msgs: Vec<String> = client.map(|c| vec![c.to_string()]).unwrap_or_default();
        msgs.extend(server_errors().for_field(field));
        msgs
    };
    let date_msgs = move || {
        let client = form_errors().expired_date.map(|p| match p {
            DateProblem::Missing => m.date_required,
            DateProblem::Invalid => m.date_invalid,
        });
        field_messages("expired_date", client)
    };
    let loc_msgs = move || {
        let client = form_errors()
            .stock_location_invalid
            .then_some(m.must_be_positive_integer);
        field_messages("stock_location", client)
    };
    let other_msgs = move || server_errors().other_than(&["expired_date", "stock_location"]);
    // Leaving through "View the list" acknowledges the outcome: a fresh form next time.
    let acknowledge = move |_| ui.advance_removal(Some(Stage::default()));

    // Opening the records leaves the confirmation: it is cancelled (the form keeps its
    // input), after the router has taken the click.
    let leave_confirmation = move |_| {
        request_animation_frame(move || {
            if let Some(next) = stage.try_with_untracked(Stage::cancel).flatten() {
                ui.advance_removal(Some(next));
            }
        })
    };
    let list_href = base.href(LIST);
    let list_href_done = list_href.clone();
    view! {
        <section class="page remove-page">
            <h1>{m.remove_title}</h1>
            <p class="intro">{m.remove_intro}</p>
            {move || {
                stage
                    .with(|s| match s {
                        Stage::Editing(Feedback::Failed { error, outcome }) => Some((error.clone(), *outcome)),
                        _ => None,
                    })
                    .map(|(error, outcome)| {
                        let went_through = outcome.is_some_and(|o| o.removed_everything());
                        view! {
                            <div class="failure">
                                <p class="failure-title">{failure_headline(outcome)}</p>
                                <ErrorPanel error />
                                {outcome.map(|o| view! { <p class="outcome" role="status">{outcome_text(o)}</p> })}
                                {if went_through {
                                    Either::Left(view! {
                                        <a class="button primary" href=list_href.clone() on:click=acknowledge>
                                            {m.view_list}
                                        </a>
                                    })
                                } else {
                                    Either::Right(view! { <p>{m.input_kept}</p> })
                                }}
                            </div>
                        }
                    })
            }}
            {move || {
                let msgs = other_msgs();
                (!msgs.is_empty())
                    .then(|| {
                        view! {
                            <div class="error-panel" role="alert">
                                <p>{m.err_validation}</p>
                                <ul>{msgs.into_iter().map(|msg| view! { <li>{msg}</li> }).collect_view()}</ul>
                            </div>
                        }
                    })
            }}
            <form class="remove-form" on:submit=review novalidate>
                <div class="field">
                    <label for="expired-date">{m.expired_date_label}</label>
                    <input
                        id="expired-date"
                        type="date"
                        name="expired_date"
                        required
                        aria-describedby="expired-date-hint expired-date-error"
                        aria-invalid=move || (!date_msgs().is_empty()).to_string()
                        disabled=locked
                        prop:value=move || draft.with(|d| d.expired_date.clone())
                        on:input:target=move |ev| draft.update(|d| d.expired_date = ev.target().value())
                    />
                    <p id="expired-date-hint" class="hint">{m.expired_date_hint}</p>
                    <p id="expired-date-error" class="field-error">{move || date_msgs().join(" ")}</p>
                </div>
                <div class="field">
                    <label for="stock-location">{m.remove_stock_location_label}</label>
                    <input
                        id="stock-location"
                        type="text"
                        inputmode="numeric"
                        list="location-names"
                        name="stock_location"
                        autocomplete="off"
                        aria-describedby="stock-location-hint stock-location-error"
                        aria-invalid=move || (!loc_msgs().is_empty()).to_string()
                        disabled=locked
                        prop:value=move || draft.with(|d| d.stock_location.clone())
                        on:input:target=move |ev| draft.update(|d| d.stock_location = ev.target().value())
                    />
                    <p id="stock-location-hint" class="hint">
                        {m.remove_stock_location_hint}
                        <span class="location-name" dir="auto">
                            {move || {
                                draft
                                    .with(|d| d.stock_location.trim().parse::<i64>().ok())
                                    .and_then(|id| ui.locations.with(|n| n.name(id).map(|s| format!(" {s}"))))
                            }}
                        </span>
                    </p>
                    <p id="stock-location-error" class="field-error">{move || loc_msgs().join(" ")}</p>
                </div>
                <button type="submit" id="review-button" class="button primary" disabled=locked>
                    {move || if stage.with(|s| *s == Stage::Counting) { m.reviewing } else { m.review_button }}
                </button>
            </form>
            {move || match stage.get() {
                Stage::Confirming(request, count) | Stage::Sending(request, count) => {
                    let sending = stage.with_untracked(Stage::sending);
                    Some(Either::Left(
                        view! {
                            <dialog class="dialog confirm" aria-labelledby="confirm-title" on:close=move |_| cancel()>
                                <h2 id="confirm-title" tabindex="-1" node_ref=heading>{m.confirm_title}</h2>
                                <p class="scope">{scope(&request, &ui.locations.get_untracked())}</p>
                                <p class="server-count">{m.server_count(count)}</p>
                                {(count == 0).then(|| view! { <p class="warning">{m.nothing_to_remove}</p> })}
                                {(count > 0).then(|| breakdown.view(count, ui.locations))}
                                <p class="irreversible">{m.irreversible}</p>
                                <div class="actions">
                                    <button
                                        type="button"
                                        class="button danger"
                                        disabled=sending || count == 0
                                        aria-busy=sending.to_string()
                                        on:click=confirm
                                    >
                                        {if sending { m.removing.to_string() } else { m.confirm_button(count) }}
                                    </button>
                                    <button
                                        type="button"
                                        class="button"
                                        disabled=sending
                                        on:click=move |_| cancel()
                                    >
                                        {m.cancel}
                                    </button>
                                    {(count > 0 && !sending)
                                        .then(|| {
                                            view! {
                                                <a
                                                    class="impact-show"
                                                    href=base.href(&list_path(&request.scope()))
                                                    on:click=leave_confirmation
                                                >
                                                    {m.impact_show}
                                                </a>
                                            }
                                        })}
                                </div>
                            </dialog>
                        },
                    ))
                }
                Stage::Done(request, count) => Some(Either::Right(
                    view! {
                        <section class="done" role="status" aria-labelledby="done-title">
                            <h2 id="done-title" tabindex="-1" node_ref=heading>{m.removed(count)}</h2>
                            <p class="scope">{scope(&request, &ui.locations.get_untracked())}</p>
                            <div class="actions">
                                <a class="button primary" href=list_href_done.clone() on:click=acknowledge>
                                    {m.view_list}
                                </a>
                                <button type="button" class="button" on:click=acknowledge>
                                    {m.review_button}
                                </button>
                            </div>
                        </section>
                    },
                )),
                Stage::Editing(_) | Stage::Counting => None,
            }}
        </section>
    }
}
