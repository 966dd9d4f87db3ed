//! Guards the pages that need a token: without one, go to sign-in and come back after.

use crate::routes::SIGN_IN;
use crate::session::{sign_in_url, use_session};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// Renders `children` while signed in; otherwise replaces the history entry with the
/// sign-in page, carrying the current path and query as `next`.
#[component]
pub fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let signed_in = Memo::new(move |_| session.credentials().is_some());
    Effect::new(move |_| {
        if !signed_in.get() {
            let here = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
            let here = if here.starts_with('?') { format!("/{here}") } else { here };
            let target = if here == "/" || here.starts_with(SIGN_IN) { SIGN_IN.to_string() } else { sign_in_url(&here) };
            navigate(&target, NavigateOptions { replace: true, ..Default::default() });
        }
    });
    move || signed_in.get().then(|| children())
}
