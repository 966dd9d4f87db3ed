//! How every failed request looks: what happened, and the way forward.

use crate::api::ApiError;
use crate::messages::t;
use crate::routes::{SIGN_IN, use_base};
use leptos::prelude::*;

/// An alert for `error` with the actions that fit it: retry for transient failures,
/// "go to page 1" for a page that no longer exists, sign-in for a rejected token.
#[component]
pub fn ErrorPanel(
    /// What went wrong.
    error: ApiError,
    /// Repeats the failed request; no Retry button when absent.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
    /// The href of "Go to page 1", for list errors.
    #[prop(optional, into)]
    first_page_href: Option<String>,
) -> impl IntoView {
    let m = t();
    let show_retry = on_retry.filter(|_| error.is_transient() || matches!(error, ApiError::Forbidden { .. }));
    let show_first_page = first_page_href.filter(|_| error.is_invalid_page());
    let show_sign_in = matches!(error, ApiError::Unauthorized { .. });
    // A 400's messages are listed below, each once; the headline does not repeat them (its
    // one-line form, with the messages, is for where there is no list).
    let (message, details) = match &error {
        ApiError::Validation(fields) => (m.err_validation.to_string(), fields.other_than(&[])),
        _ => (error.to_string(), Vec::new()),
    };
    view! {
        <div class="error-panel" role="alert">
            <h2 class="error-title">{m.error_title}</h2>
            <p class="error-message">{message}</p>
            {(!details.is_empty())
                .then(|| {
                    view! {
                        <ul class="error-details">
                            {details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                        </ul>
                    }
                })}
            <div class="actions">
                {show_retry
                    .map(|retry| {
                        view! {
                            <button type="button" class="button primary" on:click=move |_| retry.run(())>
                                {m.retry}
                            </button>
                        }
                    })}
                {show_first_page.map(|href| view! { <a class="button" href=href>{m.go_first_page}</a> })}
                {show_sign_in.then(|| view! { <a class="button" href=use_base().href(SIGN_IN)>{m.sign_in_again}</a> })}
            </div>
        </div>
    }
}
