//! Response builders that reproduce what Django/DRF put on the wire: compact JSON with the
//! exact bodies the app's error handling is tested against, Django's HTML error pages, and
//! the headers DRF's `finalize_response` adds. Request parsing is in [`parsers`].

pub(crate) mod parsers;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Serialize;
use serde::ser::SerializeMap;

/// Django's production 500 page (`DEBUG=False`), returned by fault injection.
pub(crate) const SERVER_ERROR_HTML: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n";

/// Django's production 404 page, answered for `/api/` paths that no URL pattern matches.
pub(crate) const NOT_FOUND_HTML: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n";

/// Serialises like DRF's `JSONRenderer`: compact separators, UTF-8 kept as is, and
/// U+2028/U+2029 escaped (DRF does that so the output is also valid JavaScript).
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    let s = serde_json::to_string(value).expect("serialisable");
    if s.contains(['\u{2028}', '\u{2029}']) {
        s.replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
    } else {
        s
    }
}

/// A JSON response with DRF's `Content-Type: application/json`.
pub(crate) fn json_response<T: Serialize + ?Sized>(status: StatusCode, value: &T) -> Response {
    let mut r = Response::new(Body::from(to_json(value)));
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

/// `{"detail":"..."}`, the shape of every DRF `APIException`.
pub(crate) fn detail(status: StatusCode, message: &str) -> Response {
    #[derive(Serialize)]
    struct Detail<'a> {
        detail: &'a str,
    }
    json_response(status, &Detail { detail: message })
}

/// An HTML response as Django renders its error pages and redirects.
pub(crate) fn html(status: StatusCode, body: &'static str) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

/// 204 No Content without body or Content-Type, as DRF renders an empty `Response`.
pub(crate) fn no_content() -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::NO_CONTENT;
    r
}

/// DRF's `Throttled` response for a wait of at most one second.
pub(crate) fn throttled() -> Response {
    let mut r = detail(
        StatusCode::TOO_MANY_REQUESTS,
        "Request was throttled. Expected available in 1 second.",
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

/// Django's production 500 response: what an unhandled exception (or an injected fault)
/// produces.
pub(crate) fn server_error() -> Response {
    html(StatusCode::INTERNAL_SERVER_ERROR, SERVER_ERROR_HTML)
}

/// Field errors in declaration order (`{"field":["message"]}`), as DRF serializers and
/// django-filter report them; a plain map would sort the keys and change the bytes.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct FieldErrors(pub(crate) Vec<(String, Vec<String>)>);

impl FieldErrors {
    /// Records one message for `field` (DRF keeps the first failing validator's message).
    pub(crate) fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push((field.to_string(), vec![message.into()]));
    }

    /// True when validation passed.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for FieldErrors {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Adds the headers DRF's `finalize_response` puts on every API response (`Allow` with the
/// view's methods, `Vary: Accept`).
pub(crate) fn finalize(mut r: Response, allow: &'static str) -> Response {
    let h = r.headers_mut();
    h.insert(header::ALLOW, HeaderValue::from_static(allow));
    h.insert(header::VARY, HeaderValue::from_static("Accept"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_compact_and_escapes_line_separators() {
        assert_eq!(
            to_json(&serde_json::json!({"a": [1, "ı\u{2028}"]})),
            "{\"a\":[1,\"ı\\u2028\"]}"
        );
        let mut e = FieldErrors::default();
        e.add("stock_location", "Enter a number.");
        e.add("created_date__lt", "Enter a valid date/time.");
        assert_eq!(
            to_json(&e),
            r#"{"stock_location":["Enter a number."],"created_date__lt":["Enter a valid date/time."]}"#
        );
    }
}
