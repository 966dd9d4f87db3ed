//! Guards the pages that need a token: without one, go to sign-in and come back after.

use crate::routes::SIGN_IN;
use crate::session::{sign_in_url, use_session};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};

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
            let here = path_and_query(&location.pathname.get_untracked(), &location.search.get_untracked());
            let target = if here == "/" || here.starts_with(SIGN_IN) {
                SIGN_IN.to_string()
            } else {
                sign_in_url(&here)
            };
            navigate(
                &target,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    move || signed_in.get().then(|| children())
}

/// `/discrepancies?page=3` from the router's pathname and its query string, which comes
/// without the `?`.
pub fn path_and_query(pathname: &str, search: &str) -> String {
    let path = if pathname.is_empty() { "/" } else { pathname };
    let query = search.trim_start_matches('?');
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_path_and_query() {
        assert_eq!(
            path_and_query("/discrepancies", "page=2&sort=-id"),
            "/discrepancies?page=2&sort=-id"
        );
        assert_eq!(path_and_query("/discrepancies", "?page=2"), "/discrepancies?page=2");
        assert_eq!(path_and_query("/discrepancies/4", ""), "/discrepancies/4");
        assert_eq!(path_and_query("", ""), "/");
    }
}
