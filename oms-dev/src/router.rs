//! How the pieces compose into one axum application: which requests reach the DRF
//! emulation, the static app or the dev API, and the layers each passes through. Only this
//! module knows the whole picture; the parts it wires together do not know each other.

use crate::csp::Csp;
use crate::error::AppError;
use crate::state::{AppState, Error, Shared};
use crate::static_files::StaticApp;
use crate::{cors, dev_api, drf, faults, handlers, security, stats};
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

/// The whole application. Layers, outermost first: request tracing (info), CORS (so every
/// response, errors included, carries it), gzip; `/api/` requests then pass the API's own
/// layers (see [`api`]).
pub(crate) fn router(state: AppState) -> Router {
    let shared = state.0;
    let api = api(&shared);
    Router::new()
        .merge(dev_api::routes())
        .fallback(move |State(shared): State<Arc<Shared>>, req: Request| fallback(shared, api.clone(), req))
        .layer(CompressionLayer::new())
        .layer(from_fn_with_state(shared.cors, cors::cors))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(shared)
}

/// The DRF emulation behind its middleware, outermost first: Django's security headers (on
/// whatever comes back), request counting, latency, throttling (429) and injected 500s.
/// They wrap URL resolution too, so 401s, 404s and redirects are delayed, throttled and
/// failed like any view's response.
fn api(shared: &Arc<Shared>) -> Router {
    Router::new()
        .fallback(handlers::api)
        .layer(from_fn_with_state(Arc::clone(&shared.faults), faults::inject_failures))
        .layer(from_fn_with_state(Arc::clone(&shared.faults), faults::throttle))
        .layer(from_fn_with_state(Arc::clone(&shared.faults), faults::add_latency))
        .layer(from_fn_with_state(Arc::clone(&shared.stats), stats::count))
        .layer(from_fn(security::django_headers))
        .with_state(Arc::clone(shared))
}

/// Everything that is not a `/__dev/` route: `/api/` goes to the DRF emulation, other GETs
/// to the static app when `--static` is set, the rest to Django's 404 page.
async fn fallback(shared: Arc<Shared>, api: Router, req: Request) -> Response {
    let path = req.uri().path();
    if path.starts_with("/api/") {
        return api.oneshot(req).await.unwrap_or_else(|never| match never {});
    }
    let is_get = matches!(*req.method(), Method::GET | Method::HEAD);
    match &shared.static_app {
        Some(app) if is_get && !path.starts_with("/__dev/") => serve_app(Arc::clone(app), shared.csp.as_ref(), req)
            .await
            .into_response(),
        _ => drf::html(StatusCode::NOT_FOUND, drf::NOT_FOUND_HTML),
    }
}

/// A file of the static app, with the app's security headers.
async fn serve_app(app: Arc<StaticApp>, csp: Option<&Csp>, req: Request) -> Result<Response, AppError> {
    let resp = app.serve(req).await?;
    security::app_headers(resp, csp)
}

/// Serves an already built state on `listener` until the task is dropped.
pub async fn serve_state(state: AppState, listener: tokio::net::TcpListener) -> Result<(), Error> {
    axum::serve(listener, router(state)).await?;
    Ok(())
}
