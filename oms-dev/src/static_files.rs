//! `--static DIR`: serves a built single-page app. Existing files come from DIR; any other
//! GET outside `/api/` and `/__dev/` gets `index.html` so client-side routes survive a
//! reload. HTML is sent with `Cache-Control: no-cache` so a rebuilt app is picked up.
//! Every static response carries the Content-Security-Policy (see [`crate::csp`]),
//! `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`.

use crate::csp::Csp;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::path::Path;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Serves `req` from `dir`, falling back to `dir/index.html`, with `csp` when given.
pub async fn serve(dir: &Path, csp: Option<&Csp>, req: Request) -> Response {
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
    let headers = resp.headers_mut();
    if is_html {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    if let Some(csp) = csp {
        match HeaderValue::from_str(&csp.header_value()) {
            Ok(v) => {
                headers.insert(header::CONTENT_SECURITY_POLICY, v);
            }
            // Values are validated at start-up; never serve the app without its policy.
            Err(_) => return (axum::http::StatusCode::INTERNAL_SERVER_ERROR, "invalid CSP").into_response(),
        }
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    resp.into_response()
}
