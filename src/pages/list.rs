//! The list page: the URL query is the state; the previous page stays visible, marked as
//! loading, while the next one loads, and a superseded request is aborted.

use crate::api::client::list;
use crate::api::{ApiError, Cancel, Discrepancy, ListQuery, Page, RetryControl};
use crate::components::pager::showing;
use crate::components::{DiscrepancyTable, ErrorPanel, FilterBar, PageSize, Pager, RetryBanner};
use crate::messages::t;
use crate::routes::{REMOVE, list_href};
use crate::session::use_session;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/discrepancies` (and `/`): table, pagination, sorting and filters.
#[component]
pub fn ListPage() -> impl IntoView {
    let m = t();
    let session = use_session();
    let query_map = use_query_map();
    let query = Memo::new(move |_| query_map.with(|map| ListQuery::from_params(|k| map.get(k))));
    Effect::new(move |_| session.list_search.set(query.get().to_search()));
    // The filter form depends on everything but the page: flipping pages keeps it (and any
    // half-typed filter) instead of rebuilding it on every flip.
    let form_query = Memo::new(move |_| query.get().with_page(1));

    let retry = RwSignal::new(0u32);
    let retries = RetryControl::default();
    let failed = RwSignal::new(false);
    retry_when_back_online(retry, failed);
    let in_flight = StoredValue::new_local(None::<Cancel>);
    let data = LocalResource::new(move || {
        let q = query.get();
        retry.track();
        session.data_version.track();
        let credentials = session.credentials();
        let cancel = Cancel::new();
        if let Some(Some(previous)) = in_flight.try_update_value(|slot| slot.replace(cancel.clone())) {
            previous.abort();
        }
        async move {
            let result = match credentials {
                Some(c) => retries.run(&cancel, || list(&c, &q, &cancel)).await,
                None => Err(ApiError::Unauthorized { detail: String::new() }),
            };
            session.observe(&result);
            failed.try_set(result.is_err());
            (q, result)
        }
    });
    on_cleanup(move || {
        if let Some(Some(cancel)) = in_flight.try_get_value() {
            cancel.abort();
        }
    });

    let (pending, set_pending) = signal(false);
    let on_retry = Callback::new(move |_| retry.update(|n| *n += 1));
    let content = move || {
        Suspend::new(async move {
            let (q, result) = data.await;
            match result {
                Ok(page) => EitherOf3::A(results(q, page)),
                Err(ApiError::Aborted) => EitherOf3::B(()),
                Err(error) => EitherOf3::C(view! {
                    <ErrorPanel error on_retry first_page_href=list_href(&q.with_page(1)) />
                }),
            }
        })
    };

    view! {
        <section class="page list-page">
            <div class="page-head">
                <h1>{m.list_title}</h1>
                <a class="button danger-outline" href=REMOVE>{m.nav_remove}</a>
            </div>
            {move || view! { <FilterBar query=form_query.get() /> }}
            <div class="results" class:is-loading=pending aria-busy=move || pending.get().to_string()>
                <p class="loading-marker" role="status" hidden=move || !pending.get()>{m.refreshing}</p>
                <RetryBanner control=retries />
                <Transition
                    fallback=move || view! { <p class="status" role="status">{m.loading}</p> }
                    set_pending
                >
                    {content}
                </Transition>
            </div>
        </section>
    }
}

/// Going back online re-runs a load that failed while offline (the browser's `online` event).
pub fn retry_when_back_online(retry: RwSignal<u32>, failed: RwSignal<bool>) {
    let handle = window_event_listener(leptos::ev::online, move |_| {
        if failed.try_get_untracked() == Some(true) {
            retry.try_update(|n| *n += 1);
        }
    });
    on_cleanup(move || handle.remove());
}

fn results(query: ListQuery, page: Page<Discrepancy>) -> impl IntoView {
    let m = t();
    let ignored = unhonoured_filters(&query, &page.results);
    let summary = showing(page.count, &query);
    let body = if page.results.is_empty() {
        let (text, action) = if query.is_filtered() {
            (
                m.empty_filtered,
                Some((list_href(&query.without_filters()), m.clear_filters)),
            )
        } else if page.count > 0 {
            (
                m.err_invalid_page,
                Some((list_href(&query.with_page(1)), m.go_first_page)),
            )
        } else {
            (m.empty_list, None)
        };
        view! {
            <div class="empty" role="status">
                <p>{text}</p>
                {action.map(|(href, label)| view! { <a class="button" href=href>{label}</a> })}
            </div>
        }
        .into_any()
    } else {
        view! { <DiscrepancyTable rows=page.results query=query.clone() /> }.into_any()
    };
    view! {
        <div class="summary">
            <p class="showing" aria-live="polite">{summary}</p>
            <PageSize query=query.clone() />
        </div>
        {ignored.into_iter().map(|name| view! { <p class="warning" role="alert">{(m.filter_not_honoured)(name)}</p> }).collect_view()}
        {body}
        <Pager count=page.count query />
    }
}

/// Filters the rows prove the server ignored: a DRF server drops unknown filters silently,
/// so the app checks instead of assuming (CONVENTIONS.md).
pub fn unhonoured_filters(query: &ListQuery, rows: &[Discrepancy]) -> Vec<&'static str> {
    let m = t();
    let mut out = Vec::new();
    if let Some(reason) = &query.reason
        && rows.iter().any(|d| &d.reason != reason)
    {
        out.push(m.filter_reason);
    }
    if let Some(loc) = query.stock_location
        && rows.iter().any(|d| d.stock_location != loc as i64)
    {
        out.push(m.filter_stock_location);
    }
    if let Some(active) = query.is_active
        && rows.iter().any(|d| d.is_active != active)
    {
        out.push(m.filter_active);
    }
    if let Some(before) = query.created_before
        && rows.iter().any(|d| d.created_date.date_naive() >= before)
    {
        out.push(m.col_created);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(reason: &str, loc: i64, active: bool) -> Discrepancy {
        Discrepancy {
            id: 1,
            reason: reason.into(),
            created_date: "2023-01-01T00:00:00Z".parse().unwrap(),
            modified_date: "2023-01-01T00:00:00Z".parse().unwrap(),
            is_active: active,
            stock_location: loc,
            package_item: None,
            transfer_item: Some(3),
        }
    }

    #[test]
    fn detects_ignored_filters() {
        let q = ListQuery {
            reason: Some("damaged".into()),
            stock_location: Some(7),
            ..ListQuery::default()
        };
        assert!(unhonoured_filters(&q, &[record("damaged", 7, true)]).is_empty());
        assert_eq!(
            unhonoured_filters(&q, &[record("damaged", 7, true), record("missing", 7, true)]),
            vec!["Reason"]
        );
        assert_eq!(
            unhonoured_filters(&q, &[record("damaged", 8, true)]),
            vec!["Stock location ID"]
        );
        let q = ListQuery {
            is_active: Some(false),
            ..ListQuery::default()
        };
        assert_eq!(unhonoured_filters(&q, &[record("x", 1, true)]), vec!["Active"]);
        assert!(unhonoured_filters(&ListQuery::default(), &[record("x", 1, true)]).is_empty());
    }
}
