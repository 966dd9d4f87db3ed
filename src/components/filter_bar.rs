//! The list's filters, edited as one [`FilterDraft`] and applied from page 1. Every filter a
//! URL can set is visible here, so nothing filters the list silently.

use crate::api::ListQuery;
use crate::list_filters::{FilterDraft, FilterKind};
use crate::messages::t;
use crate::pages::list::filter_label;
use crate::routes::{list_path, use_base, use_go};
use leptos::prelude::*;

/// Reasons the OMS is known to use, offered as suggestions; any text may be typed.
pub const KNOWN_REASONS: [&str; 6] = [
    "out_of_stock",
    "damaged",
    "missing",
    "wrong_product",
    "expired",
    "quality_issue",
];

/// A form that navigates to the filtered view; invalid input is explained in place and
/// nothing is applied until every field is valid.
#[component]
pub fn FilterBar(
    /// The current view, whose filters prefill the form.
    query: ListQuery,
) -> impl IntoView {
    let m = t();
    let go = use_go();
    let draft = RwSignal::new(FilterDraft::from_filters(&query.filters));
    let invalid = RwSignal::new(Vec::<FilterKind>::new());
    let filtered = query.is_filtered();
    let cleared = use_base().href(&list_path(&query.without_filters()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft.with_untracked(FilterDraft::parse) {
            Ok(filters) => {
                invalid.set(Vec::new());
                go(&list_path(&query.with_filters(filters)), false);
            }
            Err(errors) => invalid.set(errors.invalid),
        }
    };
    let is_invalid = move |kind: FilterKind| invalid.with(|v| v.contains(&kind));
    let errors = move || {
        [
            (FilterKind::StockLocation, m.must_be_positive_integer),
            (FilterKind::CreatedBefore, m.date_invalid),
            (FilterKind::Active, m.must_be_yes_or_no),
        ]
        .into_iter()
        .filter(|(kind, _)| is_invalid(*kind))
        .map(|(kind, message)| format!("{}: {message}", filter_label(kind)))
        .collect::<Vec<_>>()
        .join(" ")
    };
    view! {
        <form class="filters" on:submit=on_submit role="search" novalidate>
            <fieldset>
                <legend class="visually-hidden">{m.filters_legend}</legend>
                <label>
                    <span>{m.filter_reason}</span>
                    <input
                        type="text"
                        name="reason"
                        list="known-reasons"
                        autocomplete="off"
                        prop:value=move || draft.with(|d| d.reason.clone())
                        on:input:target=move |ev| draft.update(|d| d.reason = ev.target().value())
                    />
                </label>
                <datalist id="known-reasons">
                    {KNOWN_REASONS.iter().map(|r| view! { <option value=*r></option> }).collect_view()}
                </datalist>
                <label>
                    <span>{m.filter_stock_location}</span>
                    <input
                        type="text"
                        name="stock_location"
                        inputmode="numeric"
                        autocomplete="off"
                        aria-invalid=move || is_invalid(FilterKind::StockLocation).to_string()
                        aria-describedby="filter-errors"
                        prop:value=move || draft.with(|d| d.stock_location.clone())
                        on:input:target=move |ev| draft.update(|d| d.stock_location = ev.target().value())
                    />
                </label>
                <label>
                    <span>{m.filter_active}</span>
                    <select
                        name="is_active"
                        on:change:target=move |ev| draft.update(|d| d.is_active = ev.target().value())
                    >
                        <option value="" selected=move || draft.with(|d| d.is_active.is_empty())>{m.any}</option>
                        <option value="true" selected=move || draft.with(|d| d.is_active == "true")>{m.yes}</option>
                        <option value="false" selected=move || draft.with(|d| d.is_active == "false")>{m.no}</option>
                    </select>
                </label>
                <label>
                    <span>{m.filter_created_before}</span>
                    <input
                        type="date"
                        name="created_date__lt"
                        aria-invalid=move || is_invalid(FilterKind::CreatedBefore).to_string()
                        aria-describedby="filter-errors"
                        prop:value=move || draft.with(|d| d.created_before.clone())
                        on:input:target=move |ev| draft.update(|d| d.created_before = ev.target().value())
                    />
                </label>
                <button type="submit" class="button">{m.apply_filters}</button>
                {filtered.then(|| view! { <a class="button link" href=cleared>{m.clear_filters}</a> })}
            </fieldset>
            <p id="filter-errors" class="field-error" role="alert">
                {errors}
            </p>
        </form>
    }
}
