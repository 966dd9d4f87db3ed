//! The list's filters: reason, stock location and active state, applied from page 1.

use crate::api::ListQuery;
use crate::api::query::parse_positive_id;
use crate::messages::t;
use crate::routes::list_href;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Reasons the OMS is known to use, offered as suggestions; any text may be typed.
pub const KNOWN_REASONS: [&str; 6] = [
    "out_of_stock",
    "damaged",
    "missing",
    "wrong_product",
    "expired",
    "quality_issue",
];

/// A form that navigates to the filtered view; invalid input is explained in place.
#[component]
pub fn FilterBar(
    /// The current view, whose filters prefill the form.
    query: ListQuery,
) -> impl IntoView {
    let m = t();
    let navigate = use_navigate();
    let reason = RwSignal::new(query.reason.clone().unwrap_or_default());
    let location = RwSignal::new(query.stock_location.map(|l| l.to_string()).unwrap_or_default());
    let active = RwSignal::new(match query.is_active {
        Some(true) => "true",
        Some(false) => "false",
        None => "",
    });
    let location_error = RwSignal::new(false);
    let filtered = query.is_filtered();
    let cleared = list_href(&query.without_filters());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let loc_text = location.get_untracked();
        let stock_location = if loc_text.trim().is_empty() {
            None
        } else {
            match parse_positive_id(&loc_text) {
                Some(id) => Some(id),
                None => {
                    location_error.set(true);
                    return;
                }
            }
        };
        location_error.set(false);
        let reason = reason.get_untracked().trim().to_string();
        let next = ListQuery {
            page: 1,
            reason: (!reason.is_empty()).then_some(reason),
            stock_location,
            is_active: match active.get_untracked() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            ..query.clone()
        };
        navigate(&list_href(&next), Default::default());
    };
    view! {
        <form class="filters" on:submit=on_submit role="search">
            <fieldset>
                <legend class="visually-hidden">{m.filters_legend}</legend>
                <label>
                    <span>{m.filter_reason}</span>
                    <input
                        type="text"
                        name="reason"
                        list="known-reasons"
                        autocomplete="off"
                        prop:value=reason
                        on:input:target=move |ev| reason.set(ev.target().value())
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
                        aria-invalid=move || location_error.get().to_string()
                        aria-describedby="filter-location-error"
                        prop:value=location
                        on:input:target=move |ev| location.set(ev.target().value())
                    />
                    <span id="filter-location-error" class="field-error" hidden=move || !location_error.get()>
                        {m.must_be_positive_integer}
                    </span>
                </label>
                <label>
                    <span>{m.filter_active}</span>
                    <select name="is_active" on:change=move |ev| {
                        active.set(match event_target_value(&ev).as_str() {
                            "true" => "true",
                            "false" => "false",
                            _ => "",
                        })
                    }>
                        <option value="" selected=move || active.get().is_empty()>{m.any}</option>
                        <option value="true" selected=move || active.get() == "true">{m.yes}</option>
                        <option value="false" selected=move || active.get() == "false">{m.no}</option>
                    </select>
                </label>
                <button type="submit" class="button">{m.apply_filters}</button>
                {filtered.then(|| view! { <a class="button link" href=cleared>{m.clear_filters}</a> })}
            </fieldset>
        </form>
    }
}
