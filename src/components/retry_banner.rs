//! "Retrying in 3 s…" with a way to stop, while a read waits for its next attempt.

use crate::api::RetryControl;
use crate::api::retry::MAX_RETRIES;
use crate::messages::t;
use leptos::prelude::*;

/// Shows the pending automatic retry of `control`, if any.
#[component]
pub fn RetryBanner(
    /// The loader's retry state.
    control: RetryControl,
) -> impl IntoView {
    let m = t();
    move || {
        control.status.get().map(|status| {
            view! {
                <div class="retry-banner warning" role="status">
                    <span>{m.retrying_in(status.seconds_left, status.attempt, MAX_RETRIES)}</span>
                    <button type="button" class="button" on:click=move |_| control.stop()>
                        {m.stop_retrying}
                    </button>
                </div>
            }
        })
    }
}
