//! One loader for every OMS read a page shows: the credentials, cancellation of a
//! superseded or abandoned request, automatic retries with their banner, the manual retry,
//! a reload when the browser comes back online, and the session's 401 handling. Pages say
//! only what to fetch.

use crate::api::{ApiError, Cancel, Credentials, RetryControl};
use crate::session::{Session, use_session};
use crate::ui_state::use_ui;
use leptos::prelude::*;
use std::future::Future;

/// A page's read: the resource, its retry state (for [`crate::components::RetryBanner`])
/// and a manual retry (for [`crate::components::ErrorPanel`]).
pub struct OmsResource<K: 'static, T: 'static> {
    /// The key the result belongs to, and the result.
    pub data: LocalResource<(K, Result<T, ApiError>)>,
    /// The automatic retries of the current read.
    pub retries: RetryControl,
    /// Reads again.
    pub retry: Callback<()>,
}

/// Reads `url(credentials, key())` and turns the answer into a `T` with `decode` whenever
/// the key, the credentials or the data version change. The previous read is aborted when
/// a new one starts and when the page goes away; a failed read runs again when the browser
/// comes back online.
///
/// The request and its retries are one piece of code for every page ([`read`]); only the
/// URL and the decoding are per type, so a page's read adds little to the bundle.
pub fn use_oms_resource<K, T>(
    key: impl Fn() -> K + 'static,
    url: fn(&Credentials, &K) -> String,
    decode: fn(&K, Result<String, ApiError>) -> Result<T, ApiError>,
) -> OmsResource<K, T>
where
    K: Clone + PartialEq + 'static,
    T: Clone + 'static,
{
    let session = use_session();
    let ui = use_ui();
    let data_version = ui.data_version;
    let attempt = RwSignal::new(0u32);
    let retries = RetryControl::default();
    let in_flight = StoredValue::new_local(None::<Cancel>);
    let data = LocalResource::new(move || {
        let key = key();
        attempt.track();
        let version = data_version.get();
        let credentials = session.credentials();
        // Mounted again for a language switch: the data on screen is still current.
        let reused = ui.reads.try_with_value(|r| r.reuse::<K, T>(&key, version)).flatten();
        let cancel = Cancel::new();
        if let Some(Some(previous)) = in_flight.try_update_value(|slot| slot.replace(cancel.clone())) {
            previous.abort();
        }
        async move {
            if let Some(value) = reused {
                return (key, Ok(value));
            }
            let result = match credentials {
                Some(c) => {
                    let url = url(&c, &key);
                    decode(&key, read(retries, cancel, c, url).await)
                }
                None => Err(ApiError::Unauthorized { detail: String::new() }),
            };
            session.observe(&result);
            if let Ok(value) = &result {
                ui.reads
                    .try_update_value(|r| r.keep(key.clone(), version, value.clone()));
            }
            (key, result)
        }
    });
    on_cleanup(move || {
        if let Some(Some(cancel)) = in_flight.try_get_value() {
            cancel.abort();
        }
    });
    let failed = Signal::derive(move || data.with(|v| matches!(v, Some((_, Err(e))) if *e != ApiError::Aborted)));
    retry_when_back_online(attempt, failed);
    OmsResource {
        data,
        retries,
        retry: Callback::new(move |_| attempt.update(|n| *n += 1)),
    }
}

/// `GET url` with the retries, boxed: one copy of the request's code, however many types
/// the pages read.
fn read(
    retries: RetryControl,
    cancel: Cancel,
    credentials: Credentials,
    url: String,
) -> LocalBoxFuture<Result<String, ApiError>> {
    Box::pin(async move {
        retries
            .run(&cancel, || crate::api::client::get(&credentials, &url, &cancel))
            .await
    })
}

/// A future of the page's thread.
type LocalBoxFuture<T> = std::pin::Pin<Box<dyn Future<Output = T>>>;

/// Going back online re-runs a read whose last result is a failure (the browser's `online`
/// event). Not generic, so every loader shares one listener body.
fn retry_when_back_online(attempt: RwSignal<u32>, failed: Signal<bool>) {
    let online = window_event_listener(leptos::ev::online, move |_| {
        if failed.try_get_untracked() == Some(true) {
            attempt.try_update(|n| *n += 1);
        }
    });
    on_cleanup(move || online.remove());
}

/// A single read outside a page's resource (the removal's counts), with the same 401
/// handling: a revoked token signs out wherever it is found.
pub async fn read_once<T>(session: Session, read: impl Future<Output = Result<T, ApiError>>) -> Result<T, ApiError> {
    let result = read.await;
    session.observe(&result);
    result
}
