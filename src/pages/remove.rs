//! `/discrepancies/remove`: the only destructive action, so it is deliberate.
//!
//! Review shows exactly what goes, with the server's own count; one confirmation sends
//! exactly one POST (the stage moves on before the request leaves, so repeated clicks or
//! Enter find nothing to confirm); on failure the input stays.

use crate::api::client::{count_created_before, remove};
use crate::api::query::parse_positive_id;
use crate::api::{ApiError, Cancel, FieldErrors, RemoveRequest};
use crate::components::ErrorPanel;
use crate::dates::{human_date, parse_input_date};
use crate::messages::{count as fmt_count, t};
use crate::routes::LIST;
use crate::session::{RemoveDraft, use_session};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where the removal flow is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The user edits the form.
    Editing,
    /// The preview count is being fetched.
    Counting,
    /// The confirmation is on screen, for this request and count.
    Confirming(RemoveRequest, u64),
    /// The POST is in flight.
    Sending(RemoveRequest, u64),
    /// The OMS answered 204.
    Done(RemoveRequest, u64),
}

/// What a re-count found after a removal whose answer was lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The re-count is in flight.
    Checking,
    /// `left` of the `before` matching records remain.
    Remaining {
        /// Matching records when the user confirmed.
        before: u64,
        /// Matching records now.
        left: u64,
    },
    /// The re-count failed too.
    Unknown,
}

/// Errors after which the OMS may or may not have applied the removal: the request may
/// have arrived, so the app checks instead of guessing (and never re-sends by itself).
pub fn outcome_uncertain(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Network(_)
            | ApiError::Timeout { .. }
            | ApiError::Server { .. }
            | ApiError::UnexpectedStatus { .. }
            | ApiError::Decode { .. }
    )
}

impl Outcome {
    /// True when the re-count shows the removal went through after all.
    pub fn removed_everything(self) -> bool {
        matches!(self, Outcome::Remaining { before, left: 0 } if before > 0)
    }
}

/// The headline over a failed removal: it must not say "did not go through" when the
/// re-count shows it did, nor before the re-count has answered.
pub fn failure_title(outcome: Option<Outcome>) -> &'static str {
    let m = t();
    match outcome {
        None => m.remove_failed,
        Some(o) if o.removed_everything() => m.remove_unconfirmed_done,
        Some(Outcome::Remaining { before, left }) if left >= before => m.remove_failed,
        Some(_) => m.remove_unconfirmed,
    }
}

/// The sentence for an outcome.
pub fn outcome_text(outcome: Outcome) -> String {
    let m = t();
    match outcome {
        Outcome::Checking => m.outcome_checking.to_string(),
        Outcome::Remaining { before, left: 0 } => (m.outcome_done)(&fmt_count(before)),
        Outcome::Remaining { before, left } if left >= before => (m.outcome_not_done)(&fmt_count(left)),
        Outcome::Remaining { before, left } => (m.outcome_partial)(&fmt_count(left), &fmt_count(before)),
        Outcome::Unknown => m.outcome_unknown.to_string(),
    }
}

/// Client-side problems with the form, per field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormErrors {
    /// Problem with the date.
    pub expired_date: Option<&'static str>,
    /// Problem with the stock location.
    pub stock_location: Option<&'static str>,
}

/// Checks the draft before anything is sent: a real date, and a positive whole-number id.
pub fn validate(draft: &RemoveDraft) -> Result<RemoveRequest, FormErrors> {
    let m = t();
    let mut errors = FormErrors::default();
    let date = if draft.expired_date.trim().is_empty() {
        errors.expired_date = Some(m.date_required);
        None
    } else {
        let parsed = parse_input_date(&draft.expired_date);
        if parsed.is_none() {
            errors.expired_date = Some(m.date_invalid);
        }
        parsed
    };
    let location = if draft.stock_location.trim().is_empty() {
        None
    } else {
        let parsed = parse_positive_id(&draft.stock_location);
        if parsed.is_none() {
            errors.stock_location = Some(m.must_be_positive_integer);
        }
        parsed
    };
    match date {
        Some(expired_date) if errors == FormErrors::default() => Ok(RemoveRequest {
            expired_date,
            stock_location: location,
        }),
        _ => Err(errors),
    }
}

/// The removal form, its confirmation and its outcome.
#[component]
pub fn RemovePage() -> impl IntoView {
    let m = t();
    let session = use_session();
    let draft = session.remove_draft;
    let stage = RwSignal::new(Stage::Editing);
    let form_errors = RwSignal::new(FormErrors::default());
    let server_errors = RwSignal::new(FieldErrors::default());
    let failure = RwSignal::new(None::<ApiError>);
    let outcome = RwSignal::new(None::<Outcome>);
    let heading = NodeRef::<leptos::html::H2>::new();
    let locked = move || !matches!(stage.get(), Stage::Editing);

    let review = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if stage.get_untracked() != Stage::Editing {
            return;
        }
        server_errors.set(FieldErrors::default());
        failure.set(None);
        outcome.set(None);
        let request = match validate(&draft.get_untracked()) {
            Ok(r) => r,
            Err(errors) => {
                form_errors.set(errors);
                return;
            }
        };
        form_errors.set(FormErrors::default());
        let Some(credentials) = session.credentials_untracked() else {
            return;
        };
        stage.set(Stage::Counting);
        spawn_local(async move {
            let result = count_created_before(&credentials, &request, &Cancel::new()).await;
            session.observe(&result);
            match result {
                Ok(count) => {
                    stage.try_set(Stage::Confirming(request, count));
                }
                Err(error) => {
                    failure.try_set(Some(error));
                    stage.try_set(Stage::Editing);
                }
            }
        });
    };

    let confirm = move |_| {
        // Take the confirmation *before* sending: a second click finds nothing to confirm.
        let Stage::Confirming(request, count) = stage.get_untracked() else {
            return;
        };
        let Some(credentials) = session.credentials_untracked() else {
            return;
        };
        stage.set(Stage::Sending(request, count));
        session.removal_in_flight.set(true);
        spawn_local(async move {
            let result = remove(&credentials, &request).await;
            session.removal_in_flight.set(false);
            session.observe(&result);
            match result {
                Ok(()) => {
                    session.data_version.update(|v| *v += 1);
                    stage.try_set(Stage::Done(request, count));
                }
                Err(ApiError::Validation(errors)) => {
                    server_errors.try_set(errors);
                    stage.try_set(Stage::Editing);
                }
                Err(error) => {
                    let uncertain = outcome_uncertain(&error);
                    failure.try_set(Some(error));
                    stage.try_set(Stage::Editing);
                    if uncertain {
                        // Whatever happened, the list must not show stale rows.
                        session.data_version.update(|v| *v += 1);
                        outcome.try_set(Some(Outcome::Checking));
                        let recount = count_created_before(&credentials, &request, &Cancel::new()).await;
                        outcome.try_set(Some(match recount {
                            Ok(left) => Outcome::Remaining { before: count, left },
                            Err(_) => Outcome::Unknown,
                        }));
                    }
                }
            }
        });
    };

    Effect::new(move |_| {
        if matches!(stage.get(), Stage::Confirming(..) | Stage::Done(..))
            && let Some(h) = heading.get()
        {
            let _ = h.focus();
        }
    });

    let field_messages = move |field: &'static str, client: Option<&'static str>| {
        let mut msgs: Vec<String> = client.map(|c| vec![c.to_string()]).unwrap_or_default();
        msgs.extend(server_errors.with(|e| e.for_field(field)));
        msgs
    };
    let date_msgs = move || field_messages("expired_date", form_errors.with(|e| e.expired_date));
    let loc_msgs = move || field_messages("stock_location", form_errors.with(|e| e.stock_location));
    let other_msgs = move || server_errors.with(|e| e.other_than(&["expired_date", "stock_location"]));

    view! {
        <section class="page remove-page">
            <h1>{m.remove_title}</h1>
            <p class="intro">{m.remove_intro}</p>
            {move || {
                failure
                    .get()
                    .map(|error| {
                        view! {
                            <div class="failure">
                                <p class="failure-title">{move || failure_title(outcome.get())}</p>
                                <ErrorPanel error />
                                {move || outcome.get().map(|o| view! { <p class="outcome" role="status">{outcome_text(o)}</p> })}
                                {move || {
                                    if outcome.get().is_some_and(|o| o.removed_everything()) {
                                        view! { <a class="button primary" href=LIST>{m.view_list}</a> }.into_any()
                                    } else {
                                        view! { <p>{m.input_kept}</p> }.into_any()
                                    }
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
                        name="stock_location"
                        autocomplete="off"
                        aria-describedby="stock-location-hint stock-location-error"
                        aria-invalid=move || (!loc_msgs().is_empty()).to_string()
                        disabled=locked
                        prop:value=move || draft.with(|d| d.stock_location.clone())
                        on:input:target=move |ev| draft.update(|d| d.stock_location = ev.target().value())
                    />
                    <p id="stock-location-hint" class="hint">{m.remove_stock_location_hint}</p>
                    <p id="stock-location-error" class="field-error">{move || loc_msgs().join(" ")}</p>
                </div>
                <button type="submit" class="button primary" disabled=locked>
                    {move || if stage.get() == Stage::Counting { m.reviewing } else { m.review_button }}
                </button>
            </form>
            {move || match stage.get() {
                Stage::Confirming(request, count) | Stage::Sending(request, count) => {
                    let sending = matches!(stage.get_untracked(), Stage::Sending(..));
                    Some(
                        view! {
                            <section class="confirm" aria-labelledby="confirm-title">
                                <h2 id="confirm-title" tabindex="-1" node_ref=heading>{m.confirm_title}</h2>
                                <p class="scope">{scope(&request)}</p>
                                <p class="server-count">{(m.server_count)(&fmt_count(count))}</p>
                                {(count == 0).then(|| view! { <p class="warning">{m.nothing_to_remove}</p> })}
                                <p class="irreversible">{m.irreversible}</p>
                                <div class="actions">
                                    <button
                                        type="button"
                                        class="button danger"
                                        disabled=sending || count == 0
                                        aria-busy=sending.to_string()
                                        on:click=confirm
                                    >
                                        {if sending { m.removing.to_string() } else { (m.confirm_button)(&fmt_count(count)) }}
                                    </button>
                                    <button
                                        type="button"
                                        class="button"
                                        disabled=sending
                                        on:click=move |_| {
                                            if matches!(stage.get_untracked(), Stage::Confirming(..)) {
                                                stage.set(Stage::Editing);
                                            }
                                        }
                                    >
                                        {m.cancel}
                                    </button>
                                </div>
                            </section>
                        }
                            .into_any(),
                    )
                }
                Stage::Done(request, count) => Some(
                    view! {
                        <section class="done" role="status" aria-labelledby="done-title">
                            <h2 id="done-title" tabindex="-1" node_ref=heading>{(m.removed)(&fmt_count(count))}</h2>
                            <p class="scope">{scope(&request)}</p>
                            <div class="actions">
                                <a class="button primary" href=LIST>{m.view_list}</a>
                                <button type="button" class="button" on:click=move |_| stage.set(Stage::Editing)>
                                    {m.review_button}
                                </button>
                            </div>
                        </section>
                    }
                        .into_any(),
                ),
                Stage::Editing | Stage::Counting => None,
            }}
        </section>
    }
}

/// "Records created before 10 Oct 2023 (00:00 UTC) at stock location 7 will be removed."
pub fn scope(request: &RemoveRequest) -> String {
    (t().confirm_scope)(&human_date(request.expired_date), request.stock_location)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn draft(date: &str, loc: &str) -> RemoveDraft {
        RemoveDraft {
            expired_date: date.into(),
            stock_location: loc.into(),
        }
    }

    #[test]
    fn valid_input_becomes_a_request() {
        let r = validate(&draft("2023-10-10", " 7 ")).unwrap();
        assert_eq!(
            r,
            RemoveRequest {
                expired_date: NaiveDate::from_ymd_opt(2023, 10, 10).unwrap(),
                stock_location: Some(7)
            }
        );
        assert_eq!(r.form_body(), "expired_date=10-10-2023&stock_location=7");
        assert_eq!(validate(&draft("2023-10-10", "")).unwrap().stock_location, None);
    }

    #[test]
    fn each_field_reports_its_own_problem() {
        let e = validate(&draft("", "abc")).unwrap_err();
        assert_eq!(e.expired_date, Some("Choose a date."));
        assert_eq!(e.stock_location, Some("Enter a whole number greater than 0."));
        let e = validate(&draft("2023-02-30", "0")).unwrap_err();
        assert_eq!(e.expired_date, Some("Enter a real date."));
        assert_eq!(e.stock_location, Some("Enter a whole number greater than 0."));
        let e = validate(&draft("2023-10-10", "-5")).unwrap_err();
        assert_eq!(e.expired_date, None);
    }

    #[test]
    fn outcome_is_stated_honestly() {
        assert_eq!(
            outcome_text(Outcome::Remaining { before: 12, left: 0 }),
            "The removal went through although its answer was lost: none of the 12 matching records is left."
        );
        assert!(outcome_text(Outcome::Remaining { before: 12, left: 12 }).starts_with("Nothing was removed"));
        assert!(outcome_text(Outcome::Remaining { before: 12, left: 5 }).starts_with("5 of the 12"));
        assert_eq!(failure_title(None), "The removal did not go through");
        assert_eq!(
            failure_title(Some(Outcome::Remaining { before: 12, left: 12 })),
            "The removal did not go through"
        );
        assert_eq!(
            failure_title(Some(Outcome::Remaining { before: 12, left: 0 })),
            "The removal went through"
        );
        assert_eq!(
            failure_title(Some(Outcome::Checking)),
            "The OMS did not confirm the removal"
        );
        assert_eq!(
            failure_title(Some(Outcome::Unknown)),
            "The OMS did not confirm the removal"
        );
        assert!(outcome_uncertain(&ApiError::Server { status: 502 }));
        assert!(outcome_uncertain(&ApiError::Timeout { seconds: 120 }));
        assert!(!outcome_uncertain(&ApiError::Forbidden { detail: String::new() }));
        assert!(!outcome_uncertain(&ApiError::Throttled { retry_after: None }));
    }

    #[test]
    fn scope_states_date_and_location() {
        let r = validate(&draft("2023-10-10", "7")).unwrap();
        assert_eq!(
            scope(&r),
            "Records created before 10 Oct 2023 (00:00 UTC) at stock location 7 will be removed."
        );
        let r = validate(&draft("2023-10-10", "")).unwrap();
        assert_eq!(
            scope(&r),
            "Records created before 10 Oct 2023 (00:00 UTC) at every stock location will be removed."
        );
    }
}
