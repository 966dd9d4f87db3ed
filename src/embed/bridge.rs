//! The protocol's part inside the router: where the app is goes to the shell, where the
//! shell asks the app to go is followed.

use super::{host, report};
use crate::routes::{LIST, path_and_query, use_base, use_go};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::rc::Rc;

/// Reports each route change to the shell (`NAVIGATE`) and lends the router's navigation to
/// the protocol for the shell's requests (`NAVIGATE_CHILD`, new search parameters). Those
/// replace the current entry: the shell keeps its own history entry for them, and the
/// frame's entries stay one per in-app move, so the browser's back and forward go through
/// both in order. Renders nothing; mounted inside the router only when embedded.
#[component]
pub fn EmbedBridge() -> impl IntoView {
    let base = use_base();
    let location = use_location();
    let go = use_go();
    let here = move || path_and_query(base.app_path(&location.pathname.get()), &location.search.get());
    let current = here.clone();
    if let Some(lender) = host() {
        lender.state.borrow_mut().go = Some(Rc::new(move |target: &str| {
            let now = untrack(&current);
            let target = match target.strip_prefix('?') {
                Some(query) => path_and_query(now.split('?').next().unwrap_or("/"), query),
                // The app's root is the list (the router has no `/` route).
                None if target == "/" => LIST.to_string(),
                None => target.to_string(),
            };
            if target == now {
                return;
            }
            if let Some(host) = super::host() {
                host.state.borrow_mut().reported = target.clone();
            }
            go(&target, true);
        }));
        // The next mount lends its own; none in between (this router is gone).
        on_cleanup(move || {
            if let Some(host) = super::host() {
                host.state.borrow_mut().go = None;
            }
        });
    }
    Effect::new(move |_| report(here()));
}
