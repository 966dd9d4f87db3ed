//! Page navigation and the page-size selector. Pages are links, so they open in a new tab,
//! work without the mouse, and every page has its own URL.

use crate::api::ListQuery;
use crate::messages::t;
use crate::paging::{PAGE_SIZES, last_page, page_for_new_limit, page_window, row_range};
use crate::routes::{list_path, use_base, use_go};
use leptos::prelude::*;

/// First / previous / numbered / next / last links for `count` records viewed as `query`.
#[component]
pub fn Pager(
    /// Total records (the server's `count`).
    count: u64,
    /// The current view.
    query: ListQuery,
) -> impl IntoView {
    let m = t();
    let base = use_base();
    let href = |page: u64| base.href(&list_path(&query.with_page(page)));
    let last = last_page(count, query.limit);
    let page = query.page;
    // Every item is one element type, an `<a>`; one without `href` is no link (not focusable,
    // no link role): a disabled step or the gap. One type instead of five views to build
    // keeps the bundle smaller.
    let item = |href: Option<String>, text: String, class: &'static str, label: Option<String>, current: bool| {
        let disabled = href.is_none() && class != "gap";
        view! {
            <a
                class=class
                class:disabled=disabled
                href=href
                aria-disabled=disabled.then_some("true")
                aria-current=current.then_some("page")
                aria-label=label
                aria-hidden=(class == "gap").then_some("true")
            >
                {text}
            </a>
        }
    };
    let link = |target: u64, label: String, class: &'static str, enabled: bool| {
        item(enabled.then(|| href(target)), label, class, None, false)
    };
    let numbers = page_window(page, last)
        .into_iter()
        .map(|slot| match slot {
            Some(n) => item(Some(href(n)), n.to_string(), "page", Some(m.page_n(n)), n == page),
            None => item(None, "…".to_string(), "gap", None, false),
        })
        .collect_view();
    view! {
        <nav class="pager" aria-label=m.pagination_label>
            {link(1, m.first_page.to_string(), "step first", page > 1)}
            {link(page.saturating_sub(1).max(1), m.previous_page.to_string(), "step previous", page > 1)}
            <span class="pages">{numbers}</span>
            {link(page.saturating_add(1), m.next_page.to_string(), "step next", page < last)}
            {link(last, m.last_page.to_string(), "step last", page < last)}
            <span class="page-of">{m.page_of(page, last)}</span>
        </nav>
    }
}

/// "Showing 41–60 of 1,234".
pub fn showing(count: u64, query: &ListQuery) -> String {
    let (from, to) = row_range(count, query.page, query.limit);
    t().showing(from, to, count)
}

/// The rows-per-page selector; keeps the first visible row on screen when the size changes.
#[component]
pub fn PageSize(
    /// The current view.
    query: ListQuery,
) -> impl IntoView {
    let m = t();
    let go = use_go();
    let current = query.limit;
    let mut sizes: Vec<u32> = PAGE_SIZES.to_vec();
    if !sizes.contains(&current) {
        sizes.push(current);
        sizes.sort_unstable();
    }
    let on_change = move |ev: leptos::ev::Event| {
        let Ok(limit) = event_target_value(&ev).parse::<u32>() else {
            return;
        };
        let page = page_for_new_limit(query.page, query.limit, limit);
        go(
            &list_path(&ListQuery {
                limit,
                page,
                ..query.clone()
            }),
            false,
        );
    };
    view! {
        <label class="page-size">
            <span>{m.page_size_label}</span>
            <select on:change=on_change>
                {sizes
                    .into_iter()
                    .map(|n| view! { <option value=n.to_string() selected=n == current>{n}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
