//! The security headers, in one place: Django's `SecurityMiddleware` set on every API
//! response (the app's tests see what a production OMS sends).

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

/// Django's `SecurityMiddleware` and `XFrameOptionsMiddleware` defaults, added to whatever
/// the API answers (throttles and injected 500s included).
pub async fn django_headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    resp
}
