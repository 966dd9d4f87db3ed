//! CORS as `django-cors-headers` does it with `CORS_ALLOW_ALL_ORIGINS = True`: preflights
//! (OPTIONS + `Access-Control-Request-Method`) are answered here without auth, and every
//! response to a request with `Origin` — errors, throttles and injected 500s included —
//! carries the headers. Runs outermost so nothing inside can skip it. Written by hand
//! rather than with tower-http's `CorsLayer` because that one treats *every* OPTIONS as a
//! preflight, while DRF answers a plain OPTIONS itself.
//!
//! No response header is exposed by default, as with django-cors-headers' default
//! `CORS_EXPOSE_HEADERS = []`: a script on another origin cannot read `Retry-After` from a
//! real OMS, and the app must cope with that. `--expose-retry-after` exposes it, for an
//! OMS configured to.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

/// Methods a browser may use cross-origin.
pub(crate) const ALLOW_METHODS: &str = "GET, POST, OPTIONS";
/// Request headers a browser may send cross-origin.
pub(crate) const ALLOW_HEADERS: &str = "authorization, content-type";
/// The response header `--expose-retry-after` lets scripts read.
pub(crate) const EXPOSE_RETRY_AFTER: &str = "Retry-After";
/// Preflight cache lifetime (django-cors-headers' default).
pub(crate) const MAX_AGE: &str = "86400";

/// What the CORS layer allows beyond django-cors-headers' defaults.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CorsPolicy {
    /// Send `Access-Control-Expose-Headers: Retry-After`.
    pub(crate) expose_retry_after: bool,
}

/// The CORS middleware (see the module docs).
pub(crate) async fn cors(State(policy): State<CorsPolicy>, req: Request, next: Next) -> Response {
    let has_origin = req.headers().contains_key(header::ORIGIN);
    let is_options = req.method() == Method::OPTIONS;
    let preflight = is_options && req.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut resp = if preflight {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::OK;
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        r
    } else {
        next.run(req).await
    };
    let h = resp.headers_mut();
    let vary = match h.get(header::VARY).and_then(|v| v.to_str().ok()) {
        Some(v) if !v.is_empty() => format!("{v}, origin"),
        _ => "origin".to_string(),
    };
    if let Ok(v) = HeaderValue::from_str(&vary) {
        h.insert(header::VARY, v);
    }
    if has_origin {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        if policy.expose_retry_after {
            h.insert(
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                HeaderValue::from_static(EXPOSE_RETRY_AFTER),
            );
        }
        if is_options {
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static(ALLOW_HEADERS),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static(ALLOW_METHODS),
            );
            h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static(MAX_AGE));
        }
    }
    resp
}
