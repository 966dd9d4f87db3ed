//! Back-office admin for OMS inventory discrepancies: list, detail and removal, straight
//! from the browser to the OMS REST API with the operator's own token.
//!
//! `App` provides the session, the cross-page UI state and the configuration and declares
//! the routes; everything else lives in `pages` (one per route), `components` (shared
//! pieces), `api` (the OMS client) and small host-tested modules of logic.

pub mod api;
pub mod components;
pub mod config;
pub mod dates;
mod json;
pub mod list_filters;
pub mod loader;
pub mod messages;
pub mod pages;
pub mod paging;
pub mod recovery;
pub mod redact;
pub mod removal;
pub mod routes;
pub mod session;
pub mod text;
pub mod ui_state;

use components::{AppHeader, RemovalStatus, RequireSession};
use config::AppConfig;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;
use pages::{DetailPage, ListPage, NotFoundPage, RemovePage, SignInPage};
use routes::{Base, LIST, path_and_query, use_go, use_here};
use session::Session;
use ui_state::UiState;

/// The whole app, configured from the page's `<meta name="oms-admin-config">`.
#[component]
pub fn App() -> impl IntoView {
    app_with(AppConfig::load(), Session::restore())
}

/// The app with explicit configuration and session, for tests and embedding.
pub fn app_with(config: AppConfig, session: Session) -> impl IntoView {
    let base = Base::new(&config.router_base);
    let router_base = base.as_str().to_string();
    let ui = UiState::new();
    provide_context(base);
    provide_context(config);
    provide_context(session);
    provide_context(ui);
    // Closing or reloading the tab while a removal is in flight would leave its outcome
    // unknown to the user: the browser asks first.
    let leave_guard = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if ui.removal.with_untracked(|s| s.sending()) {
            ev.prevent_default();
        }
    });
    on_cleanup(move || leave_guard.remove());
    let signed_in = move || session.credentials().is_some();
    let protected = |page: fn() -> AnyView| move || view! { <RequireSession>{page()}</RequireSession> };
    view! {
        <Router base=router_base>
            {move || signed_in().then(|| view! { <AppHeader /> })}
            <main id="main">
                {move || signed_in().then(|| view! { <RemovalStatus /> })}
                // The routes are flat (no outlets): FlatRoutes matches one view and keeps it
                // while only the query changes, with 15 KB gzip less code than nested Routes.
                <FlatRoutes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=HomeRedirect />
                    <Route path=path!("/discrepancies") view=protected(|| view! { <ListPage /> }.into_any()) />
                    <Route path=path!("/discrepancies/remove") view=protected(|| view! { <RemovePage /> }.into_any()) />
                    <Route path=path!("/discrepancies/:id") view=protected(|| view! { <DetailPage /> }.into_any()) />
                    <Route path=path!("/sign-in") view=SignInPage />
                </FlatRoutes>
            </main>
        </Router>
    }
}

/// `/` is the list: replace it with `/discrepancies` (query kept) so that the first page flip
/// stays on the same route and the list keeps its rows on screen while the next page loads.
#[component]
fn HomeRedirect() -> impl IntoView {
    let go = use_go();
    let here = use_here()();
    let search = here.split_once('?').map(|(_, q)| q).unwrap_or_default();
    let target = path_and_query(LIST, search);
    Effect::new(move |_| go(&target, true));
}
