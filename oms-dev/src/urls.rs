//! Django's URLconf for the API: which view a request path reaches, and when `APPEND_SLASH`
//! answers with a redirect instead. The view pipeline and the request counters both need
//! it, so it lives apart from either. It knows every route oms-dev can serve; whether the
//! stock-location route is installed right now is the view pipeline's call (see
//! [`crate::locations`]).

use crate::querystring::percent_decode;

/// The list endpoint's path (also the base of the other discrepancy endpoints).
pub(crate) const LIST_PATH: &str = "/api/v1/oms/inventory-discrepancies/";

/// The related stock-location resource the app reads names from.
pub(crate) const LOCATIONS_PATH: &str = "/api/v1/oms/stocklocations/list-simple/";

/// Which endpoint a request addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Endpoint {
    /// `GET …/inventory-discrepancies/`.
    List,
    /// `GET …/inventory-discrepancies/<pk>/`.
    Detail,
    /// `POST …/inventory-discrepancies/remove/`.
    Remove,
    /// `GET …/stocklocations/list-simple/`.
    Locations,
}

/// Where a decoded request path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    /// A DRF endpoint; the string is the detail `pk` (empty otherwise).
    Endpoint(Endpoint, String),
    /// Missing trailing slash on a path that exists with one: 301 (`APPEND_SLASH`) to the
    /// slashed path, which reaches this endpoint.
    Redirect(Endpoint),
    /// No URL pattern matches: Django's HTML 404.
    NotFound,
}

/// Resolves a request path as sent (percent-encoded): Django matches its URL patterns
/// against the decoded path.
pub(crate) fn resolve(uri_path: &str) -> Route {
    route(&percent_decode(uri_path, false))
}

/// Resolves a percent-decoded path like the DRF router's patterns: `^…/$`,
/// `^…/remove/$`, `^…/(?P<pk>[^/.]+)/$` and the stock locations' `^…/list-simple/$`.
pub(crate) fn route(path: &str) -> Route {
    fn exact(path: &str) -> Option<(Endpoint, String)> {
        if path == LOCATIONS_PATH {
            return Some((Endpoint::Locations, String::new()));
        }
        let rest = path.strip_prefix(LIST_PATH)?;
        if rest.is_empty() {
            return Some((Endpoint::List, String::new()));
        }
        if rest == "remove/" {
            return Some((Endpoint::Remove, String::new()));
        }
        let pk = rest.strip_suffix('/')?;
        (!pk.is_empty() && !pk.contains(['/', '.'])).then(|| (Endpoint::Detail, pk.to_string()))
    }
    if let Some((ep, pk)) = exact(path) {
        return Route::Endpoint(ep, pk);
    }
    if !path.ends_with('/')
        && let Some((ep, _)) = exact(&format!("{path}/"))
    {
        return Route::Redirect(ep);
    }
    Route::NotFound
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routing() {
        let ep = |e, pk: &str| Route::Endpoint(e, pk.to_string());
        assert_eq!(route(LIST_PATH), ep(Endpoint::List, ""));
        assert_eq!(
            route("/api/v1/oms/inventory-discrepancies"),
            Route::Redirect(Endpoint::List)
        );
        assert_eq!(
            route("/api/v1/oms/inventory-discrepancies/remove/"),
            ep(Endpoint::Remove, "")
        );
        assert_eq!(
            route("/api/v1/oms/inventory-discrepancies/remove"),
            Route::Redirect(Endpoint::Remove)
        );
        assert_eq!(
            route("/api/v1/oms/inventory-discrepancies/5/"),
            ep(Endpoint::Detail, "5")
        );
        assert_eq!(
            route("/api/v1/oms/inventory-discrepancies/abc/"),
            ep(Endpoint::Detail, "abc")
        );
        assert_eq!(
            route("/api/v1/oms/inventory-discrepancies/5"),
            Route::Redirect(Endpoint::Detail)
        );
        assert_eq!(route("/api/v1/oms/inventory-discrepancies/1.5/"), Route::NotFound);
        assert_eq!(route("/api/v1/oms/inventory-discrepancies/5/x/"), Route::NotFound);
        assert_eq!(route("/api/v1/oms/other/"), Route::NotFound);
        assert_eq!(route(LOCATIONS_PATH), ep(Endpoint::Locations, ""));
        assert_eq!(
            route("/api/v1/oms/stocklocations/list-simple"),
            Route::Redirect(Endpoint::Locations)
        );
        assert_eq!(route("/api/v1/oms/stocklocations/"), Route::NotFound);
        assert_eq!(route("/api/v1/oms/stocklocations/list-simple/1/"), Route::NotFound);
    }
}
