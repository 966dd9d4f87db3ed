//! Page navigation and the page-size selector. Pages are links, so they open in a new tab,
//! work without the mouse, and every page has its own URL.

use crate::api::ListQuery;
use crate::messages::{Messages, t};
use crate::paging::{PAGE_SIZES, last_page, page_for_new_limit, page_window, row_range};
use crate::routes::{Base, list_path, use_base, use_go};
use crate::text::escape_html;
use leptos::prelude::*;

/// First / previous / numbered / next / last links for `count` records viewed as `query`.
///
/// Escaped markup ([`pager_html`]): links only, built whole for each page.
#[component]
pub fn Pager(
    /// Total records (the server's `count`).
    count: u64,
    /// The current view.
    query: ListQuery,
) -> impl IntoView {
    let m = t();
    view! { <nav class="pager" aria-label=m.pagination_label inner_html=pager_html(m, count, &query, &use_base())></nav> }
}

/// The pager's items as markup. Every item is an `<a>`; one without `href` is no link (not
/// focusable, no link role): a disabled step or the gap.
pub fn pager_html(m: &Messages, count: u64, query: &ListQuery, base: &Base) -> String {
    let last = last_page(count, query.limit);
    let page = query.page;
    let item = |target: Option<u64>, text: &str, class: &str, label: Option<String>, current: bool| {
        let gap = class == "gap";
        let mut attrs = String::new();
        match target {
            Some(n) => attrs += &format!(" href=\"{}\"", escape_html(&base.href(&list_path(&query.with_page(n))))),
            None if gap => attrs += " aria-hidden=\"true\"",
            None => attrs += " aria-disabled=\"true\"",
        }
        if current {
            attrs += " aria-current=\"page\"";
        }
        if let Some(label) = label {
            attrs += &format!(" aria-label=\"{}\"", escape_html(&label));
        }
        let disabled = if target.is_none() && !gap { " disabled" } else { "" };
        format!("<a class=\"{class}{disabled}\"{attrs}>{}</a>", escape_html(text))
    };
    let mut out = item((page > 1).then_some(1), m.first_page, "step first", None, false);
    out += &item(
        (page > 1).then(|| page.saturating_sub(1).max(1)),
        m.previous_page,
        "step previous",
        None,
        false,
    );
    out += "<span class=\"pages\">";
    for slot in page_window(page, last) {
        out += &match slot {
            Some(n) => item(Some(n), &n.to_string(), "page", Some(m.page_n(n)), n == page),
            None => item(None, "…", "gap", None, false),
        };
    }
    out += "</span>";
    out += &item(
        (page < last).then(|| page.saturating_add(1)),
        m.next_page,
        "step next",
        None,
        false,
    );
    out += &item((page < last).then_some(last), m.last_page, "step last", None, false);
    out + &format!("<span class=\"page-of\">{}</span>", escape_html(&m.page_of(page, last)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn steps_without_a_target_are_no_links_and_the_current_page_is_marked() {
        let m = crate::messages::messages(Lang::En);
        let base = Base::new("/apps/oms");
        let first = pager_html(m, 100, &ListQuery::default(), &base);
        assert!(
            first.starts_with("<a class=\"step first disabled\" aria-disabled=\"true\">First</a>"),
            "{first}"
        );
        assert!(
            first.contains(
                "<a class=\"page\" href=\"/apps/oms/discrepancies\" aria-current=\"page\" aria-label=\"Page 1\">1</a>"
            ),
            "{first}"
        );
        assert!(
            first.contains("<a class=\"step next\" href=\"/apps/oms/discrepancies?page=2\">Next</a>"),
            "{first}"
        );
        assert!(first.ends_with("<span class=\"page-of\">Page 1 of 5</span>"), "{first}");
        let middle = pager_html(m, 1000, &ListQuery::default().with_page(25), &base);
        assert!(
            middle.contains("<a class=\"gap\" aria-hidden=\"true\">…</a>"),
            "{middle}"
        );
        let last = pager_html(m, 1000, &ListQuery::default().with_page(50), &base);
        assert!(
            last.contains("<a class=\"step last disabled\" aria-disabled=\"true\">Last</a>"),
            "{last}"
        );
    }
}
