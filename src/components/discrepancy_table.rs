//! The records table: sortable headers, one row per discrepancy, every value as text.

use crate::api::{Discrepancy, ListQuery, Sort, SortField};
use crate::dates::{format_utc, iso};
use crate::i18n::{Lang, current, local_time};
use crate::locations::Names;
use crate::messages::{Messages, reason_label, t};
use crate::routes::{Base, detail_path, list_path, use_base};
use crate::text::escape_html;
use leptos::prelude::*;

/// A table of `rows`; header links re-sort `query` from page 1. Stock locations show their
/// names when known ([`crate::locations`]).
///
/// Built as markup by [`table_html`], every value escaped there, so a reason such as
/// `<img onerror=…>` shows as those characters. Markup rather than a view: the table is
/// built whole for each page (nothing in it changes in place), the browser parses a page of
/// rows faster than it is built node by node from the wasm, and it costs the bundle a
/// fraction of a view's code.
#[component]
pub fn DiscrepancyTable(
    /// The records of the current page.
    rows: Vec<Discrepancy>,
    /// The view they belong to (for the sort links).
    query: ListQuery,
) -> impl IntoView {
    let names = use_context::<crate::ui_state::UiState>()
        .map(|ui| ui.locations.get_untracked())
        .unwrap_or_default();
    // The frame that paints the first rows (start-up marks, crate::perf).
    request_animation_frame(|| crate::perf::mark("rows-rendered"));
    let html = table_html(t(), &rows, &query, &names, &use_base(), current());
    view! { <div class="table-scroll" inner_html=html></div> }
}

/// The table of `rows` as markup: the sortable headers of `query`, one row per record, links
/// under `base`, dates in `lang`; every text escaped.
pub fn table_html(
    m: &Messages,
    rows: &[Discrepancy],
    query: &ListQuery,
    names: &Names,
    base: &Base,
    lang: Lang,
) -> String {
    let current = query.sort.unwrap_or(Sort::DEFAULT);
    let mut out = format!(
        "<table class=\"records\"><caption class=\"visually-hidden\">{}</caption><thead><tr>",
        escape_html(m.table_caption)
    );
    let columns = [
        (Some(SortField::Id), m.col_id, "num"),
        (Some(SortField::Reason), m.col_reason, "reason"),
        (Some(SortField::StockLocation), m.col_stock_location, "location"),
        (None, m.col_item, "item"),
        (None, m.col_active, "active"),
        (Some(SortField::CreatedDate), m.col_created, "date"),
    ];
    for (field, label, class) in columns {
        let label = escape_html(label);
        let Some(field) = field else {
            out += &format!("<th scope=\"col\" class=\"{class}\">{label}</th>");
            continue;
        };
        let (aria_sort, arrow) = match (current.field == field, current.descending) {
            (false, _) => ("none", "↕"),
            (true, true) => ("descending", "▼"),
            (true, false) => ("ascending", "▲"),
        };
        let next = ListQuery {
            sort: Some(current.toggled(field)),
            page: 1,
            ..query.clone()
        };
        out += &format!(
            "<th scope=\"col\" class=\"{class}\" aria-sort=\"{aria_sort}\"><a class=\"sort\" href=\"{}\">{label}<span class=\"sort-arrow\" aria-hidden=\"true\">{arrow}</span></a></th>",
            escape_html(&base.href(&list_path(&next)))
        );
    }
    out += "</tr></thead><tbody>";
    for d in rows {
        // A known code shows its label, with the code on hover; any other text exactly as sent.
        let (reason, reason_title) = match reason_label(m, &d.reason) {
            Some(label) => (label.to_string(), m.reason_code(&d.reason)),
            None => (d.reason.clone(), d.reason.clone()),
        };
        let location = escape_html(&names.label(d.stock_location));
        out += &format!(
            "<tr{}><td class=\"num\"><a href=\"{}\" aria-label=\"{}\">{}</a></td><td class=\"reason\" title=\"{}\"><span class=\"reason-text\" dir=\"auto\">{}</span></td><td class=\"location\" dir=\"auto\" title=\"{location}\">{location}</td><td class=\"item\">{}</td><td class=\"active\">{}</td><td class=\"date\"><time datetime=\"{}\" title=\"{}\">{}</time></td></tr>",
            if d.is_active { "" } else { " class=\"inactive\"" },
            escape_html(&base.href(&detail_path(d.id))),
            escape_html(&m.open_record(d.id)),
            d.id,
            escape_html(&reason_title),
            escape_html(&reason),
            escape_html(&item_label(d)),
            if d.is_active { m.yes } else { m.no },
            iso(d.created_date),
            format_utc(d.created_date),
            escape_html(&local_time(lang, d.created_date)),
        );
    }
    out + "</tbody></table>"
}

/// "Package item 11111", "Transfer item 5", or a dash when the OMS sent neither.
pub fn item_label(d: &Discrepancy) -> String {
    let m = t();
    match (d.package_item, d.transfer_item) {
        (Some(id), _) => m.package_item_n(id),
        (None, Some(id)) => m.transfer_item_n(id),
        (None, None) => m.no_item.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Filters;

    #[test]
    fn the_table_escapes_every_text_and_marks_the_sorted_column() {
        let m = crate::messages::messages(Lang::En);
        let at = "2024-02-03T04:05:06Z".parse().unwrap();
        let row = |id, reason: &str, active| Discrepancy {
            id,
            reason: reason.into(),
            created_date: at,
            modified_date: at,
            is_active: active,
            stock_location: 7,
            package_item: Some(11),
            transfer_item: None,
        };
        let rows = [
            row(1, "damaged", true),
            row(2, "<img src=x onerror=alert(1)>\"'", false),
        ];
        let names = Names::known(vec![vec![(7, "A&B <Depo>\r\n".to_string())]]);
        let query = ListQuery {
            sort: Some(Sort {
                field: SortField::Reason,
                descending: false,
            }),
            filters: Filters {
                is_active: Some(true),
                ..Filters::default()
            },
            page: 4,
            ..ListQuery::default()
        };
        let html = table_html(m, &rows, &query, &names, &Base::new("/apps/oms"), Lang::En);
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;"), "{html}");
        assert!(
            html.contains("title=\"A&amp;B &lt;Depo&gt;&#13;\n (7)\">A&amp;B &lt;Depo&gt;&#13;\n (7)</td>"),
            "{html}"
        );
        assert!(html.contains("<th scope=\"col\" class=\"reason\" aria-sort=\"ascending\"><a class=\"sort\" href=\"/apps/oms/discrepancies?sort=-reason&amp;is_active=true\">Reason<span class=\"sort-arrow\" aria-hidden=\"true\">▲</span></a></th>"), "{html}");
        assert!(html.contains("aria-sort=\"none\""));
        assert!(
            html.contains(
                "<tr><td class=\"num\"><a href=\"/apps/oms/discrepancies/1\" aria-label=\"Open discrepancy 1\">1</a>"
            ),
            "{html}"
        );
        assert!(html.contains("<tr class=\"inactive\">"));
        assert!(
            html.contains(
                "<td class=\"reason\" title=\"Code: damaged\"><span class=\"reason-text\" dir=\"auto\">Damaged</span>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<time datetime=\"2024-02-03T04:05:06.000000Z\" title=\"2024-02-03 04:05:06.000000 UTC\">"),
            "{html}"
        );
        assert_eq!(html.matches("<tr").count(), 3);
    }
}
