//! The requests themselves: headers, cancellation, a time limit, and the three endpoints.
//!
//! Every call returns `Result<_, ApiError>`; nothing from the network is unwrapped.

use super::decode::{check_status, decode_body};
use super::error::{ApiError, Body};
use super::query::{ListQuery, build_url};
use super::types::{Discrepancy, Page, RemoveRequest};
use gloo_net::http::{Request, RequestBuilder};
use std::fmt;

/// The list endpoint; the detail and remove paths hang off it.
pub const LIST_PATH: &str = "/api/v1/oms/inventory-discrepancies/";
/// Time limit of a read: past it the request is aborted and the user told.
pub const READ_TIMEOUT_SECS: u32 = 30;
/// Time limit of the removal: longer, since deleting many rows takes the OMS a while.
pub const REMOVE_TIMEOUT_SECS: u32 = 120;

/// Where the OMS is and the token to use. `Debug` never prints the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// `https://acme-oms.example.com`, or empty for the app's own origin (dev proxy).
    pub base_url: String,
    /// The user's API token.
    pub token: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("base_url", &self.base_url)
            .field("token", &"[redacted]")
            .finish()
    }
}

/// Aborts an in-flight request, so a superseded page load does not land after a newer one.
#[derive(Clone, Default)]
pub struct Cancel(Option<web_sys::AbortController>);

impl Cancel {
    /// A fresh handle; `abort` affects only requests sent with it.
    pub fn new() -> Cancel {
        Cancel(web_sys::AbortController::new().ok())
    }

    /// True once `abort` was called (a newer request superseded this one).
    pub fn is_aborted(&self) -> bool {
        self.0.as_ref().is_some_and(|c| c.signal().aborted())
    }

    /// Aborts the request(s) sent with this handle; their result becomes `ApiError::Aborted`.
    pub fn abort(&self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}

/// The status, `Retry-After` and body text of a response.
struct Raw {
    status: u16,
    retry_after: Option<String>,
    body: String,
}

fn authorized(builder: RequestBuilder, creds: &Credentials, cancel: &Cancel) -> RequestBuilder {
    let signal = cancel.0.as_ref().map(|c| c.signal());
    builder
        .header("Authorization", &format!("Token {}", creds.token))
        .header("Accept", "application/json")
        .abort_signal(signal.as_ref())
}

/// Sends and reads the whole body, aborting after `timeout_secs`.
async fn send(request: Result<Request, gloo_net::Error>, cancel: &Cancel, timeout_secs: u32) -> Result<Raw, ApiError> {
    let request = request.map_err(|e| match e {
        gloo_net::Error::JsError(js) => ApiError::Network(js.message),
        _ => ApiError::Network(String::new()),
    })?;
    let timer = Timeout::start(cancel, timeout_secs);
    let result = async {
        let response = request.send().await?;
        let retry_after = response.headers().get("retry-after");
        let body = response.text().await?;
        Ok::<_, gloo_net::Error>(Raw {
            status: response.status(),
            retry_after,
            body,
        })
    }
    .await;
    let timed_out = timer.finish();
    result.map_err(|e| {
        if timed_out {
            ApiError::Timeout { seconds: timeout_secs }
        } else {
            match e {
                gloo_net::Error::JsError(js) if js.name == "AbortError" => ApiError::Aborted,
                gloo_net::Error::JsError(js) => ApiError::Network(js.message),
                // Not reached for a request and its text (the other variants are JSON's and
                // gloo's own); their Display would bring serde_json's error texts along.
                _ => ApiError::Network(String::new()),
            }
        }
    })
}

/// A read: `GET url` within the read time limit, its status checked; the body of a success,
/// else the error the status means. Not generic, so that every read (a list page, a record,
/// a count) shares this code and the retry loop around it, and only the decoding of the
/// body is per type.
pub async fn get(creds: &Credentials, url: &str, cancel: &Cancel) -> Result<String, ApiError> {
    let raw = match super::early::adopt(url, &creds.token).await {
        Some((status, retry_after, body)) => Raw {
            status,
            retry_after,
            body,
        },
        None => {
            crate::perf::mark("first-request-sent");
            fetch(creds, url, cancel).await?
        }
    };
    crate::perf::mark("first-response");
    check_status(raw.status, raw.retry_after.as_deref(), &raw.body)?;
    Ok(raw.body)
}

/// A read beside the page's own (the stock location names): no early answer to adopt and no
/// start-up marks, which time the page's first read.
pub async fn get_aside(creds: &Credentials, url: &str, cancel: &Cancel) -> Result<String, ApiError> {
    let raw = fetch(creds, url, cancel).await?;
    check_status(raw.status, raw.retry_after.as_deref(), &raw.body)?;
    Ok(raw.body)
}

async fn fetch(creds: &Credentials, url: &str, cancel: &Cancel) -> Result<Raw, ApiError> {
    send(
        authorized(Request::get(url), creds, cancel).build(),
        cancel,
        READ_TIMEOUT_SECS,
    )
    .await
}

/// The request URL of a list page.
pub fn list_url(creds: &Credentials, query: &ListQuery) -> String {
    build_url(&creds.base_url, LIST_PATH, &query.api_pairs())
}

/// The request of a list view, or none while a filter of its URL does not read: the list
/// would otherwise come back without that filter.
pub fn list_request(creds: &Credentials, query: &ListQuery) -> Option<String> {
    query.malformed.is_empty().then(|| list_url(creds, query))
}

/// A list page from the answer to [`list_url`].
pub fn list_page(query: &ListQuery, body: Result<String, ApiError>) -> Result<Page<Discrepancy>, ApiError> {
    body.and_then(|body| decode_body(&body, Body::Page))
        .map_err(|e| invalid_page(e, query.page))
}

/// One page of the list.
pub async fn list(creds: &Credentials, query: &ListQuery, cancel: &Cancel) -> Result<Page<Discrepancy>, ApiError> {
    list_page(query, get(creds, &list_url(creds, query), cancel).await)
}

/// A 404 for a list page after the first is DRF's "Invalid page.": the page is past the
/// end. Decided from the request, not from the server's (possibly localised) wording.
pub fn invalid_page(error: ApiError, page: u64) -> ApiError {
    match error {
        ApiError::NotFound { .. } if page > 1 => ApiError::InvalidPage,
        other => other,
    }
}

/// How many records a removal would take, by the server's own count (`limit=1`).
pub async fn count_created_before(
    creds: &Credentials,
    request: &RemoveRequest,
    cancel: &Cancel,
) -> Result<u64, ApiError> {
    let query = ListQuery {
        limit: 1,
        ..request.scope()
    };
    list(creds, &query, cancel).await.map(|page| page.count)
}

/// The URL of one record; always the slashed path (the slash-less one is a 301).
pub fn detail_url(creds: &Credentials, id: &u64) -> Option<String> {
    Some(build_url(&creds.base_url, &format!("{LIST_PATH}{id}/"), &[]))
}

/// A record from the answer to [`detail_url`].
pub fn record(_id: &u64, body: Result<String, ApiError>) -> Result<Discrepancy, ApiError> {
    body.and_then(|body| decode_body(&body, Body::Record))
}

/// The removal POST, form-encoded as the vendor sends it. Never retried by this client.
pub async fn remove(creds: &Credentials, request: &RemoveRequest) -> Result<(), ApiError> {
    let url = build_url(&creds.base_url, &format!("{LIST_PATH}remove/"), &[]);
    let cancel = Cancel::new();
    let builder =
        authorized(Request::post(&url), creds, &cancel).header("Content-Type", "application/x-www-form-urlencoded");
    let raw = send(builder.body(request.form_body()), &cancel, REMOVE_TIMEOUT_SECS).await?;
    check_status(raw.status, raw.retry_after.as_deref(), &raw.body)
}

/// A browser timer that aborts the request when the time limit passes.
struct Timeout {
    #[cfg(target_arch = "wasm32")]
    handle: Option<(i32, wasm_bindgen::closure::Closure<dyn FnMut()>)>,
    fired: std::rc::Rc<std::cell::Cell<bool>>,
}

impl Timeout {
    fn start(cancel: &Cancel, seconds: u32) -> Timeout {
        let fired = std::rc::Rc::new(std::cell::Cell::new(false));
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            let controller = cancel.0.clone();
            let flag = fired.clone();
            let closure = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                flag.set(true);
                if let Some(c) = &controller {
                    c.abort();
                }
            });
            let handle = web_sys::window().and_then(|w| {
                w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    closure.as_ref().unchecked_ref(),
                    i32::try_from(seconds.saturating_mul(1000)).unwrap_or(i32::MAX),
                )
                .ok()
            });
            Timeout {
                handle: handle.map(|h| (h, closure)),
                fired,
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = (cancel, seconds);
            Timeout { fired }
        }
    }

    /// Stops the timer; true when it had already fired.
    fn finish(self) -> bool {
        #[cfg(target_arch = "wasm32")]
        if let Some((handle, _closure)) = &self.handle
            && let Some(w) = web_sys::window()
        {
            w.clear_timeout_with_handle(*handle);
        }
        self.fired.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_404_past_the_first_page_is_an_invalid_page() {
        let not_found = || ApiError::NotFound {
            detail: "Geçersiz sayfa.".into(),
        };
        assert_eq!(invalid_page(not_found(), 7), ApiError::InvalidPage);
        assert_eq!(invalid_page(not_found(), 1), not_found());
        assert_eq!(
            invalid_page(ApiError::Server { status: 500 }, 7),
            ApiError::Server { status: 500 }
        );
    }

    #[test]
    fn debug_never_prints_the_token() {
        let c = Credentials {
            base_url: "https://oms.example.com".into(),
            token: "s3cret-token".into(),
        };
        let printed = format!("{c:?}");
        assert!(!printed.contains("s3cret"), "{printed}");
        assert!(printed.contains("oms.example.com"));
    }
}
