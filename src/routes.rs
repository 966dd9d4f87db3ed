//! The app's paths and routing policy, in one place, so links, redirects and routes cannot
//! drift apart and none of them leaves the path the app is mounted under.
//!
//! Two kinds of path meet here. An *app path* (`/discrepancies?page=2`) is what the route
//! table, `navigate` and a sign-in return path use: leptos_router adds the base itself when
//! navigating. An *href* is what the browser follows: a plain `<a href>` is left as written
//! by the router, so under `router_base = "/apps/oms"` it must read
//! `/apps/oms/discrepancies?page=2`, or a click leaves the app with a full page load. Every
//! link goes through [`Base::href`], every navigation through [`use_go`], and the current
//! location is read back as an app path through [`use_here`].

use crate::api::ListQuery;
use crate::api::query::encode_pairs;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};

/// The list (also the home page).
pub const LIST: &str = "/discrepancies";
/// The removal form.
pub const REMOVE: &str = "/discrepancies/remove";
/// The insights: counts and charts of the list's filters.
pub const INSIGHTS: &str = "/discrepancies/insights";
/// The sign-in page.
pub const SIGN_IN: &str = "/sign-in";

/// What an app path shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// [`LIST`].
    List,
    /// [`REMOVE`].
    Remove,
    /// [`INSIGHTS`].
    Insights,
    /// `/discrepancies/<anything>`: the page says whether it is an id ([`detail_segment`]).
    Detail,
    /// [`SIGN_IN`].
    SignIn,
    /// Anything else.
    NotFound,
}

/// The page of an app path (without its query); one trailing slash is allowed.
///
/// The app's own matcher instead of the router's route table: four fixed paths need none of
/// its generality, and it costs a sixth of the code.
pub fn page_at(app_path: &str) -> Page {
    let path = app_path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(app_path);
    match path {
        LIST => Page::List,
        REMOVE => Page::Remove,
        INSIGHTS => Page::Insights,
        SIGN_IN => Page::SignIn,
        _ if detail_segment(path).is_some() => Page::Detail,
        _ => Page::NotFound,
    }
}

/// The `<id>` of `/discrepancies/<id>` as written (it may be no number).
pub fn detail_segment(app_path: &str) -> Option<&str> {
    let rest = app_path.strip_prefix("/discrepancies/")?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    (!rest.is_empty() && !rest.contains('/')).then_some(rest)
}

/// The current app path's page, and the path itself, following the router's location.
pub fn use_app_path() -> Memo<String> {
    let base = use_base();
    let pathname = use_location().pathname;
    Memo::new(move |_| pathname.with(|p| base.app_path(p).to_string()))
}

/// The list showing `query`, as an app path.
pub fn list_path(query: &ListQuery) -> String {
    format!("{LIST}{}", query.to_search())
}

/// The insights of `query`'s filters, as an app path (page, size and order are the list's).
pub fn insights_path(query: &ListQuery) -> String {
    let filters_only = ListQuery {
        filters: query.filters.clone(),
        malformed: query.malformed.clone(),
        ..Default::default()
    };
    format!("{INSIGHTS}{}", filters_only.to_search())
}

/// The removal form filled in with `expired_date` (and a stock location), as an app path.
pub fn remove_path(expired_date: chrono::NaiveDate, stock_location: Option<u64>) -> String {
    // A date and a number: nothing to encode.
    let location = stock_location
        .map(|id| format!("&stock_location={id}"))
        .unwrap_or_default();
    format!(
        "{REMOVE}?expired_date={}{location}",
        crate::dates::to_iso_date(expired_date)
    )
}

/// One record's page, as an app path.
pub fn detail_path(id: i64) -> String {
    format!("{LIST}/{id}")
}

/// The sign-in page that returns to the app path `next` afterwards.
pub fn sign_in_path(next: &str) -> String {
    if next == "/" || next.is_empty() || is_sign_in(next) {
        return SIGN_IN.to_string();
    }
    format!("{SIGN_IN}?{}", encode_pairs(&[("next", next.to_string())]))
}

fn is_sign_in(path: &str) -> bool {
    path == SIGN_IN || path.starts_with("/sign-in?") || path.starts_with("/sign-in/")
}

/// Where to go after sign-in: only a path of this app, never another origin
/// (`//evil.example`, `https://…`), so a crafted link cannot redirect the user away.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !is_sign_in(path) => {
            path.to_string()
        }
        _ => LIST.to_string(),
    }
}

/// `/discrepancies?page=3` from a pathname and a query string with or without its `?`.
pub fn path_and_query(pathname: &str, search: &str) -> String {
    let path = if pathname.is_empty() { "/" } else { pathname };
    let query = search.trim_start_matches('?');
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

/// The path the app is mounted under (`""` at the root, `/apps/oms` otherwise), from the
/// configuration's `router_base`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Base(String);

impl Base {
    /// Normalises `router_base`: a leading slash, no trailing one, empty for the root.
    pub fn new(router_base: &str) -> Base {
        let trimmed = router_base.trim().trim_matches('/');
        if trimmed.is_empty() {
            Base(String::new())
        } else {
            Base(format!("/{trimmed}"))
        }
    }

    /// The base as the router takes it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The href of an app path: the base in front.
    pub fn href(&self, app_path: &str) -> String {
        format!("{}{app_path}", self.0)
    }

    /// The app path of a browser pathname: the base taken off. A pathname outside the base
    /// (the router would not have matched it) is returned as it is.
    pub fn app_path<'a>(&self, pathname: &'a str) -> &'a str {
        if self.0.is_empty() {
            return pathname;
        }
        match pathname.strip_prefix(self.0.as_str()) {
            Some("") => "/",
            Some(rest) if rest.starts_with('/') => rest,
            _ => pathname,
        }
    }
}

/// The base provided by `App` (the root when none was provided, as in component tests).
pub fn use_base() -> Base {
    use_context::<Base>().unwrap_or_default()
}

/// The current location as an app path with its query, without subscribing.
pub fn use_here() -> impl Fn() -> String + Clone {
    let base = use_base();
    let location = use_location();
    move || {
        path_and_query(
            base.app_path(&location.pathname.get_untracked()),
            &location.search.get_untracked(),
        )
    }
}

/// Navigates to an app path (the router adds the base); `replace` replaces the history entry.
pub fn use_go() -> impl Fn(&str, bool) + Clone {
    let navigate = use_navigate();
    move |app_path: &str, replace: bool| {
        navigate(
            app_path,
            NavigateOptions {
                replace,
                ..Default::default()
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_paths() {
        assert_eq!(page_at("/discrepancies"), Page::List);
        assert_eq!(page_at("/discrepancies/"), Page::List);
        assert_eq!(page_at("/discrepancies/remove"), Page::Remove);
        assert_eq!(page_at("/sign-in"), Page::SignIn);
        assert_eq!(page_at("/discrepancies/42"), Page::Detail);
        assert_eq!(page_at("/discrepancies/abc/"), Page::Detail);
        assert_eq!(detail_segment("/discrepancies/abc/"), Some("abc"));
        assert_eq!(detail_segment("/discrepancies/42"), Some("42"));
        for other in [
            "/",
            "",
            "/discrepancies/4/2",
            "/discrepanciesx",
            "/sign-in/x",
            "/discrepancies//",
        ] {
            assert_eq!(page_at(other), Page::NotFound, "{other}");
        }
    }

    #[test]
    fn app_paths() {
        assert_eq!(list_path(&ListQuery::default()), "/discrepancies");
        assert_eq!(list_path(&ListQuery::default().with_page(3)), "/discrepancies?page=3");
        assert_eq!(detail_path(42), "/discrepancies/42");
    }

    #[test]
    fn hrefs_carry_the_base_once() {
        let root = Base::new("");
        assert_eq!(root.href("/discrepancies?page=2"), "/discrepancies?page=2");
        for written in ["/apps/oms", "/apps/oms/", "apps/oms", " /apps/oms/ "] {
            let base = Base::new(written);
            assert_eq!(base.as_str(), "/apps/oms", "{written:?}");
            assert_eq!(base.href("/discrepancies?page=2"), "/apps/oms/discrepancies?page=2");
        }
        assert_eq!(Base::new("/").as_str(), "");
    }

    #[test]
    fn browser_paths_become_app_paths() {
        let base = Base::new("/apps/oms");
        assert_eq!(base.app_path("/apps/oms/discrepancies/4"), "/discrepancies/4");
        assert_eq!(base.app_path("/apps/oms"), "/");
        assert_eq!(base.app_path("/apps/oms/"), "/");
        assert_eq!(base.app_path("/apps/omsx/discrepancies"), "/apps/omsx/discrepancies");
        assert_eq!(Base::new("").app_path("/discrepancies"), "/discrepancies");
        // The round trip a 401 takes: browser path -> app path -> sign-in -> back, base once.
        let here = path_and_query(base.app_path("/apps/oms/discrepancies"), "page=3");
        let next = safe_next(Some(&here));
        assert_eq!(next, "/discrepancies?page=3");
        assert_eq!(base.href(&next), "/apps/oms/discrepancies?page=3");
    }

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

    #[test]
    fn next_is_limited_to_this_app() {
        assert_eq!(safe_next(Some("/discrepancies?page=3")), "/discrepancies?page=3");
        assert_eq!(safe_next(Some("/discrepancies/42")), "/discrepancies/42");
        for bad in [
            "//evil.example.com",
            "https://evil.example.com",
            "javascript:alert(1)",
            "/\\evil.example.com",
            "",
            "/sign-in?next=/x",
            "/sign-in",
        ] {
            assert_eq!(safe_next(Some(bad)), "/discrepancies", "{bad}");
        }
        assert_eq!(safe_next(None), "/discrepancies");
        // Only the sign-in page itself is refused, not a path that merely starts alike.
        assert_eq!(safe_next(Some("/sign-inx")), "/sign-inx");
    }

    #[test]
    fn sign_in_path_encodes_the_return_path() {
        assert_eq!(
            sign_in_path("/discrepancies?page=3&limit=50"),
            "/sign-in?next=%2Fdiscrepancies%3Fpage%3D3%26limit%3D50"
        );
        assert_eq!(sign_in_path("/"), "/sign-in");
        assert_eq!(sign_in_path("/sign-in?next=%2Fx"), "/sign-in");
    }
}
