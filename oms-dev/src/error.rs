//! The one error type of the request handlers. DRF renders every exception a view raises
//! in one place (`exception_handler`); so does this module: handlers return
//! `Result<Response, AppError>`, bail out with `?`, and [`IntoResponse`] turns each case
//! into the exact bytes the real OMS sends (the app's error handling is tested against
//! them).

use crate::auth::AuthError;
use crate::db::DbError;
use crate::drf::parsers::ParseError;
use crate::drf::{self, FieldErrors};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Why a request failed, one case per response shape.
#[derive(Debug)]
pub(crate) enum AppError {
    /// `NotAuthenticated` / `AuthenticationFailed`: 401 with `WWW-Authenticate: Token`.
    NotAuthenticated(AuthError),
    /// `PermissionDenied`: 403 (the read-only token on an unsafe method).
    PermissionDenied,
    /// `Http404` / `NotFound`, with the message the lookup produced.
    NotFound(&'static str),
    /// `MethodNotAllowed`: 405 naming the method.
    MethodNotAllowed(Method),
    /// A parser refused the body: 415, or 400 for malformed JSON.
    Parse(ParseError),
    /// A serializer's or filter set's `ValidationError`: 400 with the field errors.
    Invalid(FieldErrors),
    /// The body could not be read (over `DATA_UPLOAD_MAX_MEMORY_SIZE`, or cut off): Django's
    /// bare HTML 400, before DRF is involved.
    BadRequest,
    /// An unhandled exception: Django's HTML 500. The text goes to the log, never to the
    /// client.
    Internal(String),
    /// The `/__dev/` API's errors, which are not DRF's: `{"detail": message}` with this
    /// status.
    Dev(StatusCode, String),
    /// The static app's own failures (no file to serve, no policy to send): a plain-text
    /// body with this status.
    Plain(StatusCode, &'static str),
}

impl From<AuthError> for AppError {
    fn from(e: AuthError) -> Self {
        Self::NotAuthenticated(e)
    }
}

impl From<ParseError> for AppError {
    fn from(e: ParseError) -> Self {
        Self::Parse(e)
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        Self::Invalid(e)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            Self::NotAuthenticated(e) => {
                // DRF sends the first authenticator's `authenticate_header`.
                let mut r = drf::detail(StatusCode::UNAUTHORIZED, e.message());
                r.headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Token"));
                r
            }
            Self::PermissionDenied => drf::detail(
                StatusCode::FORBIDDEN,
                "You do not have permission to perform this action.",
            ),
            Self::NotFound(message) => drf::detail(StatusCode::NOT_FOUND, message),
            Self::MethodNotAllowed(method) => drf::detail(
                StatusCode::METHOD_NOT_ALLOWED,
                &format!("Method \"{}\" not allowed.", method.as_str()),
            ),
            Self::Parse(ParseError::UnsupportedMediaType(ct)) => drf::detail(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                &format!("Unsupported media type \"{ct}\" in request."),
            ),
            Self::Parse(ParseError::Json(m)) => {
                drf::detail(StatusCode::BAD_REQUEST, &format!("JSON parse error - {m}"))
            }
            Self::Invalid(errors) => drf::json_response(StatusCode::BAD_REQUEST, &errors),
            Self::BadRequest => drf::html(StatusCode::BAD_REQUEST, "<h1>Bad Request (400)</h1>"),
            Self::Internal(cause) => {
                tracing::error!("{cause}");
                drf::server_error()
            }
            Self::Dev(status, message) => drf::detail(status, &message),
            Self::Plain(status, message) => (status, message).into_response(),
        }
    }
}

/// Runs a store call on the blocking pool (SQLite blocks, and a deep page of a million rows
/// must not stall the async workers); a store error or a dead task is a 500, logged with
/// `what` so the log says which query failed.
pub(crate) async fn blocking<T: Send + 'static>(
    what: &'static str,
    f: impl FnOnce() -> Result<T, DbError> + Send + 'static,
) -> Result<T, AppError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(result) => result.map_err(|e| AppError::Internal(format!("{what} failed: {e}"))),
        Err(e) => Err(AppError::Internal(format!("{what} task failed: {e}"))),
    }
}
