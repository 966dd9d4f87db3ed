//! Request counters behind `/__dev/stats`, so end-to-end tests can prove how many calls the
//! app actually made (e.g. exactly one remove POST, never a retry).

use crate::urls::{Endpoint, Route, resolve};
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Per-endpoint counts of `/api/` requests, including ones that failed (auth, validation,
/// injected faults, and the stock locations' `forbidden` and `missing` modes: the app
/// asked all the same, and tests check it asks once per session).
#[derive(Debug, Default)]
pub(crate) struct Stats {
    list: AtomicU64,
    detail: AtomicU64,
    remove: AtomicU64,
    locations: AtomicU64,
}

/// A snapshot of the counters, serialised as
/// `{"list":n,"detail":n,"remove":n,"locations":n}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Counts {
    /// Requests to the list endpoint.
    pub(crate) list: u64,
    /// Requests to a detail endpoint.
    pub(crate) detail: u64,
    /// Requests to the remove action.
    pub(crate) remove: u64,
    /// Requests to the stock locations' `list-simple`.
    pub(crate) locations: u64,
}

impl Stats {
    /// Counts one request to `endpoint`.
    pub(crate) fn hit(&self, endpoint: Endpoint) {
        let c = match endpoint {
            Endpoint::List => &self.list,
            Endpoint::Detail => &self.detail,
            Endpoint::Remove => &self.remove,
            Endpoint::Locations => &self.locations,
        };
        c.fetch_add(1, Ordering::Relaxed);
    }

    /// The current counts.
    pub(crate) fn snapshot(&self) -> Counts {
        Counts {
            list: self.list.load(Ordering::Relaxed),
            detail: self.detail.load(Ordering::Relaxed),
            remove: self.remove.load(Ordering::Relaxed),
            locations: self.locations.load(Ordering::Relaxed),
        }
    }

    /// Zeroes the counters (`POST /__dev/stats/reset`).
    pub(crate) fn reset(&self) {
        for c in [&self.list, &self.detail, &self.remove, &self.locations] {
            c.store(0, Ordering::Relaxed);
        }
    }
}

/// Counts each `/api/` request that addresses an endpoint, whatever its outcome; a plain
/// OPTIONS (metadata, or a preflight that got this far) is not a call.
pub(crate) async fn count(State(stats): State<Arc<Stats>>, req: Request, next: Next) -> Response {
    if req.method() != Method::OPTIONS
        && let Route::Endpoint(ep, _) = resolve(req.uri().path())
    {
        stats.hit(ep);
    }
    next.run(req).await
}
