//! One loader for every OMS read a page shows: the credentials, cancellation of a
//! superseded or abandoned request, automatic retries with their banner, the manual retry,
//! a reload when the browser comes back online, and the session's 401 handling. Pages say
//! only what to fetch.

use crate::api::client::{list_page, list_url};
use crate::api::{ApiError, Cancel, Credentials, Discrepancy, ListQuery, Page, RetryControl};
use crate::session::{Session, use_session};
use crate::ui_state::use_ui;
use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::rc::Rc;

/// What a read left: the key and the result, of the page's types, and whether it failed.
/// One type for every page's read, so that the machinery around it (the effect that starts
/// it, the task that awaits it) is compiled once, not once per page: the bundle is smaller.
/// [`value`] gives the page its types back.
#[derive(Clone)]
pub struct Read {
    failed: bool,
    value: Rc<dyn Any>,
}

/// A page's read: its latest result, whether a newer one is on its way, its retry state
/// (for [`crate::components::RetryBanner`]) and a manual retry (for
/// [`crate::components::ErrorPanel`]).
///
/// Plain signals and one task per read, not an async resource under `<Transition>`: the
/// page keeps showing the last result while the next loads either way, and leaving the
/// async resource machinery (its futures, the suspense boundary, the transition registry
/// with its channel) out of the bundle saves more than its weight (see README
/// "Performance").
pub struct OmsResource {
    /// The latest finished read ([`value`] reads it); `None` until the first one ends.
    pub data: ReadSignal<Option<Read>, LocalStorage>,
    /// A read is on its way (the first, or one that will replace `data`).
    pub pending: ReadSignal<bool>,
    /// The automatic retries of the current read.
    pub retries: RetryControl,
    /// Reads again.
    pub retry: Callback<()>,
}

/// The key and the result of `read`: the `K` and `T` its [`use_oms_resource`] was called
/// with.
pub fn value<K, T>(read: &Read) -> (K, Result<T, ApiError>)
where
    K: Clone + Default + 'static,
    T: Clone + 'static,
{
    read.value
        .downcast_ref::<(K, Result<T, ApiError>)>()
        .cloned()
        // Not reached: a resource only ever holds its own types.
        .unwrap_or_else(|| (K::default(), Err(ApiError::Aborted)))
}

/// A read as it starts: already known (the data on screen, mounted again for a language
/// switch), or on its way.
enum Started {
    Ready(Read),
    Later(LocalBoxFuture<Read>),
}

/// One read as the resource starts it: the data version and credentials of the moment, the
/// retry state and the cancel handle. Made by [`use_oms_resource`] for its types.
type Job = Box<dyn Fn(u64, Option<Credentials>, RetryControl, Cancel) -> Started>;

/// Reads `url(credentials, key())` (nothing when it is `None`) and turns the answer into a `T` with `decode` whenever
/// the key, the credentials or the data version change. The previous read is aborted when
/// a new one starts and when the page goes away; a failed read runs again when the browser
/// comes back online.
///
/// The request and its retries are one piece of code for every page ([`read`]), and so is
/// the resource around them ([`resource`]); only the URL and the decoding are per type, so
/// a page's read adds little to the bundle.
pub fn use_oms_resource<K, T>(
    key: impl Fn() -> K + 'static,
    url: fn(&Credentials, &K) -> Option<String>,
    decode: fn(&K, Result<String, ApiError>) -> Result<T, ApiError>,
) -> OmsResource
where
    K: Clone + PartialEq + 'static,
    T: Clone + 'static,
{
    let session = use_session();
    let ui = use_ui();
    let done = |key: K, result: Result<T, ApiError>| Read {
        failed: matches!(&result, Err(e) if *e != ApiError::Aborted),
        value: Rc::new((key, result)),
    };
    let job: Job = Box::new(move |version, credentials, retries, cancel| {
        let key = key();
        // Mounted again for a language switch: the data on screen is still current, and
        // shown at once (no "Loading…" in between, so the scroll position stays).
        if let Some(value) = ui.reads.try_with_value(|r| r.reuse::<K, T>(&key, version)).flatten() {
            return Started::Ready(done(key, Ok(value)));
        }
        Started::Later(Box::pin(async move {
            let result = match credentials {
                Some(c) => match url(&c, &key) {
                    Some(url) => decode(&key, read(retries, cancel, c, url).await),
                    // Nothing to ask: the page says why.
                    None => Err(ApiError::Aborted),
                },
                None => Err(ApiError::Unauthorized { detail: String::new() }),
            };
            session.observe(&result);
            if let Ok(value) = &result {
                ui.reads
                    .try_update_value(|r| r.keep(key.clone(), version, value.clone()));
            }
            done(key, result)
        }))
    });
    resource(job, session, ui.data_version)
}

/// The resource around a page's [`Job`]: not generic. The effect runs at once, so a read
/// that is already known is on screen in the page's first render.
fn resource(job: Job, session: Session, data_version: RwSignal<u64>) -> OmsResource {
    let attempt = RwSignal::new(0u32);
    let retries = RetryControl::default();
    let data = RwSignal::new_local(None::<Read>);
    let pending = RwSignal::new(false);
    let in_flight = StoredValue::new_local(None::<Cancel>);
    let effect = RenderEffect::new(move |_| {
        attempt.track();
        let version = data_version.get();
        let credentials = session.credentials();
        let cancel = Cancel::new();
        if let Some(Some(previous)) = in_flight.try_update_value(|slot| slot.replace(cancel.clone())) {
            previous.abort();
        }
        // A superseded read is aborted (above), and so is one whose page went: either way
        // its result must not land.
        let superseded = cancel.clone();
        // The job reads the key: tracked, so a new key starts a new read.
        match job(version, credentials, retries, cancel) {
            Started::Ready(read) => {
                data.set(Some(read));
                pending.set(false);
            }
            Started::Later(future) => {
                pending.set(true);
                leptos::task::spawn_local(async move {
                    let read = future.await;
                    if !superseded.is_aborted() {
                        data.try_set(Some(read));
                        pending.try_set(false);
                    }
                });
            }
        }
    });
    // The page owns the effect: it stops when the page goes.
    StoredValue::new_local(effect);
    on_cleanup(move || {
        if let Some(Some(cancel)) = in_flight.try_get_value() {
            cancel.abort();
        }
    });
    let failed = Signal::derive(move || data.with(|v| v.as_ref().is_some_and(|r| r.failed)));
    retry_when_back_online(attempt, failed);
    OmsResource {
        data: data.read_only(),
        pending: pending.read_only(),
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

/// A list page of `query` by [`read`], outside a page's resource (the removal's breakdown,
/// the export): the same request, retry and decoding code as the list's own.
pub(crate) async fn read_page(
    retries: RetryControl,
    cancel: Cancel,
    credentials: &Credentials,
    query: &ListQuery,
) -> Result<Page<Discrepancy>, ApiError> {
    let url = list_url(credentials, query);
    list_page(query, read(retries, cancel, credentials.clone(), url).await)
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
