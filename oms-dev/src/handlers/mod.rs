//! The `/api/` side: after URL resolution ([`crate::urls`]), the DRF view pipeline —
//! authenticate, check permissions, dispatch on method, finalize.

pub(crate) mod detail;
pub(crate) mod list;
pub(crate) mod locations;
pub(crate) mod remove;

use crate::auth::Access;
use crate::drf::{self, NOT_FOUND_HTML};
use crate::error::AppError;
use crate::locations::LocationsMode;
use crate::state::Shared;
use crate::urls::{Endpoint, Route, resolve};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::sync::Arc;

impl Endpoint {
    /// DRF's `Allow` header for the view (`http_method_names` order).
    fn allow(self) -> &'static str {
        match self {
            Endpoint::List | Endpoint::Detail | Endpoint::Locations => "GET, HEAD, OPTIONS",
            Endpoint::Remove => "POST, OPTIONS",
        }
    }

    /// DRF's view name, shown by the OPTIONS metadata.
    fn view_name(self) -> &'static str {
        match self {
            Endpoint::List => "Inventory Discrepancy List",
            Endpoint::Detail => "Inventory Discrepancy Instance",
            Endpoint::Remove => "Remove",
            Endpoint::Locations => "List simple",
        }
    }
}

/// Entry point for every `/api/` request, inside the API's layers (see `router.rs`).
pub(crate) async fn api(State(state): State<Arc<Shared>>, req: Request) -> Response {
    // One reading per request, so a concurrent switch cannot split a request between modes.
    let locations = state.locations.mode();
    match resolve(req.uri().path()) {
        // `missing`: the installation has no such URL pattern (nor its slash-less redirect).
        Route::Endpoint(Endpoint::Locations, _) | Route::Redirect(Endpoint::Locations)
            if locations == LocationsMode::Missing =>
        {
            drf::html(StatusCode::NOT_FOUND, NOT_FOUND_HTML)
        }
        Route::NotFound => drf::html(StatusCode::NOT_FOUND, NOT_FOUND_HTML),
        Route::Redirect(_) => {
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
        Route::Endpoint(ep, pk) => drf::finalize(view(state, req, ep, pk, locations).await.into_response(), ep.allow()),
    }
}

/// DRF's `APIView.dispatch` order: authentication (401), permissions (403 for the read-only
/// token on unsafe methods, and for everyone on the stock locations in `forbidden` mode),
/// then the method handler or 405.
async fn view(
    state: Arc<Shared>,
    req: Request,
    ep: Endpoint,
    pk: String,
    locations: LocationsMode,
) -> Result<Response, AppError> {
    let access = state.tokens.authenticate(req.headers())?;
    let method = req.method().clone();
    let safe = matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && access == Access::ReadOnly {
        return Err(AppError::PermissionDenied);
    }
    if ep == Endpoint::Locations && locations == LocationsMode::Forbidden {
        return Err(AppError::PermissionDenied);
    }
    match (ep, &method) {
        (_, &Method::OPTIONS) => Ok(metadata(ep)),
        (Endpoint::List, &Method::GET | &Method::HEAD) => list::handle(&state, req).await,
        (Endpoint::Detail, &Method::GET | &Method::HEAD) => detail::handle(&state, &pk).await,
        (Endpoint::Remove, &Method::POST) => remove::handle(&state, req).await,
        (Endpoint::Locations, &Method::GET | &Method::HEAD) => locations::handle(&state, &req, locations),
        _ => Err(AppError::MethodNotAllowed(method)),
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
