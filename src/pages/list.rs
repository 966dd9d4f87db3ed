//! The list page: the URL query is the state; the previous page stays visible, marked as
//! loading, while the next one loads, and a superseded request is aborted.

use crate::api::client::{list_page, list_request};
use crate::api::{ApiError, Discrepancy, ListQuery, Page};
use crate::components::pager::showing;
use crate::components::{
    DiscrepancyTable, ErrorPanel, ExportPanel, FilterBar, FilterChips, PageSize, Pager, RetryBanner,
};
use crate::focus;
use crate::list_filters::{filter_label, unhonoured_filters};
use crate::loader::{use_oms_resource, value};
use crate::messages::t;
use crate::routes::{REMOVE, insights_path, list_path, use_base};
use crate::ui_state::use_ui;
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

/// `/discrepancies` (and `/`): table, pagination, sorting and filters.
#[component]
pub fn ListPage() -> impl IntoView {
    let ui = use_ui();
    let base = use_base();
    let query_map = use_query_map();
    let query = Memo::new(move |_| query_map.with(|map| ListQuery::from_params(&|k| map.get(k))));
    // The list's view is remembered, and the insights link carries its filters (set here,
    // in an effect the page has anyway, rather than by a reactive attribute of its own).
    let insights_base = base.clone();
    Effect::new(move |_| {
        let q = query.get();
        ui.list_search.set(q.to_search());
        if let Some(link) = crate::focus::find(".list-page .insights-link") {
            let _ = link.set_attribute("href", &insights_base.href(&insights_path(&q)));
        }
    });
    // The filter form depends on everything but the page: flipping pages keeps it (and any
    // half-typed filter) instead of rebuilding it on every flip.
    let form_query = Memo::new(move |_| query.get().with_page(1));

    let resource = use_oms_resource(move || query.get(), list_request, list_page);
    let data = resource.data;
    let pending = resource.pending;
    let on_retry = resource.retry;
    let error_base = base.clone();
    let shown = StoredValue::new(None);
    let content = move || {
        // The results are built again, in place, when the stock location names arrive.
        ui.locations.track();
        let Some(read) = data.get() else {
            return EitherOf4::A(view! { <p class="status" role="status">{t().loading}</p> });
        };
        let (q, result) = value::<ListQuery, Page<Discrepancy>>(&read);
        match result {
            Ok(page) => EitherOf4::B(results(q, page, shown)),
            // Not asked: a filter of the URL does not read (marked in the form above).
            Err(ApiError::Aborted) => EitherOf4::C(
                (!q.malformed.is_empty())
                    .then(|| view! { <p class="warning" role="alert">{t().filters_malformed}</p> }),
            ),
            Err(error) => EitherOf4::D(view! {
                <ErrorPanel error on_retry first_page_href=error_base.href(&list_path(&q.with_page(1))) />
            }),
        }
    };

    let filter_form = ui.filter_form;
    let m = t();
    view! {
        <section class="page list-page">
            <div class="page-head">
                <h1>{m.list_title}</h1>
                <a class="button insights-link" href=base.href(&insights_path(&query.get_untracked()))>
                    {m.nav_insights}
                </a>
                <a class="button danger-outline" href=base.href(REMOVE)>{m.nav_remove}</a>
            </div>
            {move || view! { <FilterBar query=form_query.get() form=filter_form /> }}
            <FilterChips query=form_query />
            <ExportPanel query=form_query />
            <div class="results" class:is-loading=pending aria-busy=move || pending.get().to_string()>
                <p class="loading-marker" role="status" hidden=move || !pending.get()>{m.refreshing}</p>
                <RetryBanner control=resource.retries />
                {content}
            </div>
        </section>
    }
}

/// A control's name that its counterpart in the next page's results has too: its
/// accessible label ("Page 3", "Next page") or else its text (a column's sort link).
fn name_of(el: &web_sys::Element) -> Option<String> {
    el.get_attribute("aria-label").or_else(|| el.text_content())
}

/// Called as new results are built, while the old ones are still in the document.
///
/// A new view (another page, sort or filter; not a refresh of the same, nor the first) is
/// announced once: "Page 3 of 31". Most controls are updated in place, and keep the focus;
/// one that goes (the pager loses its "Next" link on the last page, rows give way to "no
/// match") would leave it on `<body>`: it goes to the control of the same name, or else to
/// the table. A focus elsewhere, or none, stays where it is.
fn keep_focus(query: &ListQuery, count: u64, shown: StoredValue<Option<ListQuery>>) {
    if shown.with_value(|s| s.as_ref().is_some_and(|s| s != query)) {
        focus::announce(t().page_of(query.page, crate::paging::last_page(count, query.limit)));
    }
    shown.set_value(Some(query.clone()));
    let Some(active) = document()
        .active_element()
        .filter(|el| el.closest(".results").ok().flatten().is_some())
    else {
        return;
    };
    let Some(wanted) = name_of(&active) else {
        return;
    };
    // The pager and the table are markup, replaced whole: let go of the focus before its
    // element goes, or the browser lays out the whole page at once to move it (a frame's
    // work, before the rows are even in); it comes back below, after the frame.
    if active.closest(".pager, table").ok().flatten().is_some()
        && let Ok(el) = active.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = el.blur();
    }
    request_animation_frame(move || {
        if !focus::lost() {
            return;
        }
        // The few controls first (pager, sort links, page size, the empty state's action); a
        // row's link only by its exact label: reading the name of each of 1,000 row links
        // costs more than a frame.
        let label = wanted.replace('\\', "\\\\").replace('"', "\\\"");
        let same = focus::find_all(".results a[href]:not(tbody a), .results select")
            .into_iter()
            .find(|el| name_of(el).as_ref() == Some(&wanted))
            .or_else(|| focus::find(&format!(".results tbody a[aria-label=\"{label}\"]")));
        if let Some(el) = same.or_else(|| focus::find(".results table, .results .empty")) {
            focus::focus(&el);
        }
    });
}

fn results(query: ListQuery, page: Page<Discrepancy>, shown: StoredValue<Option<ListQuery>>) -> impl IntoView {
    let m = t();
    let base = use_base();
    keep_focus(&query, page.count, shown);
    // After the first rows, not before: names never delay them.
    crate::locations::ensure(crate::session::use_session(), use_ui().locations);
    let ignored = unhonoured_filters(&query.filters, &page.results);
    let summary = showing(page.count, &query);
    let body = if page.results.is_empty() {
        let (text, action) = if query.is_filtered() {
            (
                m.empty_filtered,
                Some((list_path(&query.without_filters()), m.clear_filters)),
            )
        } else if page.count > 0 {
            (
                m.err_invalid_page,
                Some((list_path(&query.with_page(1)), m.go_first_page)),
            )
        } else {
            (m.empty_list, None)
        };
        Either::Left(view! {
            <div class="empty" role="status">
                <p>{text}</p>
                {action.map(|(path, label)| view! { <a class="button" href=base.href(&path)>{label}</a> })}
            </div>
        })
    } else {
        Either::Right(view! { <DiscrepancyTable rows=page.results query=query.clone() /> })
    };
    view! {
        <div class="summary">
            <p class="showing">{summary}</p>
            <PageSize query=query.clone() />
        </div>
        {ignored
            .into_iter()
            .map(|kind| view! { <p class="warning" role="alert">{m.filter_not_honoured(filter_label(kind))}</p> })
            .collect_view()}
        {body}
        <Pager count=page.count query />
    }
}
