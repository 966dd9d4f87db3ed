//! Guards the pages that need a token: without one, go to sign-in and come back after.

use crate::messages::t;
use crate::routes::{sign_in_path, use_go, use_here};
use crate::session::use_session;
use leptos::either::Either;
use leptos::prelude::*;

/// Renders `children` while signed in; otherwise replaces the history entry with the
/// sign-in page, carrying the current app path and query as `next`. Embedded, while the host
/// has not yet said whether it provides a token, it says so and waits.
#[component]
pub fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let here = use_here();
    let go = use_go();
    let signed_in = Memo::new(move |_| session.credentials().is_some());
    let waiting = Memo::new(move |_| session.awaiting_host.get() && !signed_in.get());
    Effect::new(move |_| {
        if !signed_in.get() && !session.awaiting_host.get() {
            go(&sign_in_path(&here()), true);
        }
    });
    move || {
        if waiting.get() {
            Some(Either::Left(
                view! { <p class="loading" role="status">{t().connecting}</p> },
            ))
        } else {
            signed_in.get().then(|| Either::Right(children()))
        }
    }
}
