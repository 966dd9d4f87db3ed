//! The records table: sortable headers, one row per discrepancy, every value as text.

use crate::api::{Discrepancy, ListQuery, Sort, SortField};
use crate::components::DateTime;
use crate::messages::{reason_label, t};
use crate::routes::{detail_path, list_path, use_base};
use leptos::either::Either;
use leptos::prelude::*;

/// A table of `rows`; header links re-sort `query` from page 1. Stock locations show their
/// names when known ([`crate::locations`]).
///
/// Values are inserted as text nodes, never as HTML, so a reason such as
/// `<img onerror=…>` shows as those characters.
#[component]
pub fn DiscrepancyTable(
    /// The records of the current page.
    rows: Vec<Discrepancy>,
    /// The view they belong to (for the sort links).
    query: ListQuery,
) -> impl IntoView {
    let m = t();
    let base = use_base();
    let names = use_context::<crate::ui_state::UiState>()
        .map(|ui| ui.locations.get_untracked())
        .unwrap_or_default();
    let header = |field: Option<SortField>, label: &'static str, class: &'static str| {
        let Some(field) = field else {
            return Either::Left(view! { <th scope="col" class=class>{label}</th> });
        };
        let current = query.sort.unwrap_or(Sort::DEFAULT);
        let active = current.field == field;
        let aria_sort = match (active, current.descending) {
            (false, _) => "none",
            (true, true) => "descending",
            (true, false) => "ascending",
        };
        let next = ListQuery {
            sort: Some(current.toggled(field)),
            page: 1,
            ..query.clone()
        };
        let arrow = match aria_sort {
            "descending" => "▼",
            "ascending" => "▲",
            _ => "↕",
        };
        Either::Right(view! {
            <th scope="col" class=class aria-sort=aria_sort>
                <a class="sort" href=base.href(&list_path(&next))>
                    {label}
                    <span class="sort-arrow" aria-hidden="true">{arrow}</span>
                </a>
            </th>
        })
    };
    // The frame that paints the first rows (start-up marks, crate::perf).
    request_animation_frame(|| crate::perf::mark("rows-rendered"));
    let body = rows
        .into_iter()
        .map(|d| row(base.href(&detail_path(d.id)), names.label(d.stock_location), d))
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="records">
                <caption class="visually-hidden">{m.table_caption}</caption>
                <thead>
                    <tr>
                        {header(Some(SortField::Id), m.col_id, "num")}
                        {header(Some(SortField::Reason), m.col_reason, "reason")}
                        {header(Some(SortField::StockLocation), m.col_stock_location, "location")}
                        {header(None, m.col_item, "item")}
                        {header(None, m.col_active, "active")}
                        {header(Some(SortField::CreatedDate), m.col_created, "date")}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

fn row(href: String, location: String, d: Discrepancy) -> impl IntoView {
    let m = t();
    let location_title = location.clone();
    let item = item_label(&d);
    // A known code shows its label, with the code on hover; any other text exactly as sent.
    let (reason, reason_title) = match reason_label(m, &d.reason) {
        Some(label) => (label.to_string(), m.reason_code(&d.reason)),
        None => (d.reason.clone(), d.reason),
    };
    view! {
        <tr class:inactive=!d.is_active>
            <td class="num">
                <a href=href aria-label=m.open_record(d.id)>{d.id}</a>
            </td>
            <td class="reason" title=reason_title>
                <span class="reason-text" dir="auto">{reason}</span>
            </td>
            <td class="location" dir="auto" title=location_title>{location}</td>
            <td class="item">{item}</td>
            <td class="active">{if d.is_active { m.yes } else { m.no }}</td>
            <td class="date">
                <DateTime instant=d.created_date />
            </td>
        </tr>
    }
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
