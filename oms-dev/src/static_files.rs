//! `--static DIR`: serves a built single-page app. Existing files come from DIR; any other
//! GET outside `/api/` and `/__dev/` gets `index.html` so client-side routes survive a
//! reload. HTML is sent with `Cache-Control: no-cache` so a rebuilt app is picked up.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::path::Path;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Serves `req` from `dir`, falling back to `dir/index.html`.
pub async fn serve(dir: &Path, req: Request) -> Response {
    let svc = ServeDir::new(dir)
        .append_index_html_on_directories(true)
        .fallback(ServeFile::new(dir.join("index.html")));
    let mut resp = match svc.oneshot(req).await {
        Ok(r) => r.map(Body::new),
        Err(e) => match e {},
    };
    let is_html = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        resp.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    resp.into_response()
}
