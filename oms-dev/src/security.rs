//! The security headers, in one place: Django's `SecurityMiddleware` set on every API
//! response (the app's tests see what a production OMS sends), and the static app's own set
//! — the Content-Security-Policy, `nosniff` and `no-referrer` — that a production host
//! should send with it.

use crate::csp::Csp;
use crate::error::AppError;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

/// Django's `SecurityMiddleware` and `XFrameOptionsMiddleware` defaults, added to whatever
/// the API answers (throttles and injected 500s included).
pub(crate) async fn django_headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    resp
}

/// The static app's headers on a file it serves (its own 404 and 500 go out without them).
pub(crate) fn app_headers(mut resp: Response, csp: Option<&Csp>) -> Result<Response, AppError> {
    let headers = resp.headers_mut();
    if let Some(csp) = csp {
        // Values are validated at start-up; never serve the app without its policy.
        let value = HeaderValue::from_str(&csp.header_value())
            .map_err(|_| AppError::Plain(StatusCode::INTERNAL_SERVER_ERROR, "invalid CSP"))?;
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    Ok(resp)
}
