//! The `/api/` side: Django-style URL resolution (including `APPEND_SLASH` redirects) and
//! the DRF view pipeline — authenticate, check permissions, dispatch on method, finalize.

pub mod detail;
pub mod list;
pub mod remove;

use crate::AppState;
use crate::auth::Access;
use crate::drf::{self, NOT_FOUND_HTML};
pub use crate::stats::Endpoint;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use serde::Serialize;

/// The list endpoint's path (also the base of every other endpoint).
pub const LIST_PATH: &str = "/api/v1/oms/inventory-discrepancies/";

/// Where a decoded request path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// A DRF endpoint; the string is the detail `pk` (empty otherwise).
    Endpoint(Endpoint, String),
    /// Missing trailing slash on a path that exists with one: 301 (`APPEND_SLASH`).
    Redirect,
    /// No URL pattern matches: Django's HTML 404.
    NotFound,
}

/// Resolves a percent-decoded path like the DRF router's patterns: `^…/$`,
/// `^…/remove/$` and `^…/(?P<pk>[^/.]+)/$`.
pub fn route(path: &str) -> Route {
    fn exact(path: &str) -> Option<Route> {
        let rest = path.strip_prefix(LIST_PATH)?;
        if rest.is_empty() {
            return Some(Route::Endpoint(Endpoint::List, String::new()));
        }
        if rest == "remove/" {
            return Some(Route::Endpoint(Endpoint::Remove, String::new()));
        }
        let pk = rest.strip_suffix('/')?;
        (!pk.is_empty() && !pk.contains(['/', '.'])).then(|| Route::Endpoint(Endpoint::Detail, pk.to_string()))
    }
    if let Some(r) = exact(path) {
        return r;
    }
    if !path.ends_with('/') && exact(&format!("{path}/")).is_some() {
        return Route::Redirect;
    }
    Route::NotFound
}

impl Endpoint {
    /// DRF's `Allow` header for the view (`http_method_names` order).
    fn allow(self) -> &'static str {
        match self {
            Endpoint::List | Endpoint::Detail => "GET, HEAD, OPTIONS",
            Endpoint::Remove => "POST, OPTIONS",
        }
    }

    /// DRF's view name, shown by the OPTIONS metadata.
    fn view_name(self) -> &'static str {
        match self {
            Endpoint::List => "Inventory Discrepancy List",
            Endpoint::Detail => "Inventory Discrepancy Instance",
            Endpoint::Remove => "Remove",
        }
    }
}

/// Entry point for every `/api/` request (the router's fallback sends them here).
pub async fn api(State(state): State<AppState>, req: Request) -> Response {
    let path = crate::querystring::percent_decode(req.uri().path(), false);
    match route(&path) {
        Route::NotFound => drf::html(StatusCode::NOT_FOUND, NOT_FOUND_HTML),
        Route::Redirect => {
            let mut location = format!("{}/", req.uri().path());
            if let Some(q) = req.uri().query().filter(|q| !q.is_empty()) {
                location.push('?');
                location.push_str(q);
            }
            let mut r = drf::html(StatusCode::MOVED_PERMANENTLY, "");
            if let Ok(v) = HeaderValue::from_str(&location) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Route::Endpoint(ep, pk) => drf::finalize(view(state, req, ep, pk).await, ep.allow()),
    }
}

/// DRF's `APIView.dispatch` order: authentication (401), permissions (403 for the read-only
/// token on unsafe methods), then the method handler or 405.
async fn view(state: AppState, req: Request, ep: Endpoint, pk: String) -> Response {
    let access = match state.tokens.authenticate(req.headers()) {
        Ok(a) => a,
        Err(e) => return e.response(),
    };
    let method = req.method().clone();
    let safe = matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && access == Access::ReadOnly {
        return drf::detail(
            StatusCode::FORBIDDEN,
            "You do not have permission to perform this action.",
        );
    }
    match (ep, &method) {
        (_, &Method::OPTIONS) => metadata(ep),
        (Endpoint::List, &Method::GET | &Method::HEAD) => list::handle(&state, req).await,
        (Endpoint::Detail, &Method::GET | &Method::HEAD) => detail::handle(&state, &pk).await,
        (Endpoint::Remove, &Method::POST) => remove::handle(&state, req).await,
        _ => drf::detail(
            StatusCode::METHOD_NOT_ALLOWED,
            &format!("Method \"{}\" not allowed.", method.as_str()),
        ),
    }
}

/// DRF `SimpleMetadata` for a plain (non-preflight) OPTIONS request.
fn metadata(ep: Endpoint) -> Response {
    #[derive(Serialize)]
    struct Meta {
        name: &'static str,
        description: &'static str,
        renders: [&'static str; 1],
        parses: [&'static str; 2],
    }
    drf::json_response(
        StatusCode::OK,
        &Meta {
            name: ep.view_name(),
            description: "",
            renders: ["application/json"],
            parses: ["application/json", "application/x-www-form-urlencoded"],
        },
    )
}

/// 204 No Content without body or Content-Type, as DRF renders an empty `Response`.
pub fn no_content() -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::NO_CONTENT;
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routing() {
        let ep = |e, pk: &str| Route::Endpoint(e, pk.to_string());
        assert_eq!(route(LIST_PATH), ep(Endpoint::List, ""));
        assert_eq!(route("/api/v1/oms/inventory-discrepancies"), Route::Redirect);
        assert_eq!(
            route("/api/v1/oms/inventory-discrepancies/remove/"),
            ep(Endpoint::Remove, "")
        );
        assert_eq!(route("/api/v1/oms/inventory-discrepancies/remove"), Route::Redirect);
        assert_eq!(
            route("/api/v1/oms/inventory-discrepancies/5/"),
            ep(Endpoint::Detail, "5")
        );
        assert_eq!(
            route("/api/v1/oms/inventory-discrepancies/abc/"),
            ep(Endpoint::Detail, "abc")
        );
        assert_eq!(route("/api/v1/oms/inventory-discrepancies/5"), Route::Redirect);
        assert_eq!(route("/api/v1/oms/inventory-discrepancies/1.5/"), Route::NotFound);
        assert_eq!(route("/api/v1/oms/inventory-discrepancies/5/x/"), Route::NotFound);
        assert_eq!(route("/api/v1/oms/other/"), Route::NotFound);
    }
}
