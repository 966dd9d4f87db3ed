//! The list's filters, edited as one [`FilterDraft`] and applied from page 1. Every filter a
//! URL can set is visible here, so nothing filters the list silently.

use crate::api::ListQuery;
use crate::dates::to_iso_date;
use crate::list_filters::{FilterDraft, FilterKind, PRESETS, filter_label};
use crate::messages::{KNOWN_REASONS, t};
use crate::routes::{list_path, use_base, use_go};
use leptos::prelude::*;
use std::rc::Rc;

/// What the filter form holds, kept by the list page: a language switch rebuilds the form
/// and must not lose what was typed; a new view (another query) starts from its filters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FilterForm {
    /// The view the draft was started from.
    query: Option<ListQuery>,
    /// The text as typed.
    draft: FilterDraft,
}

/// A form that navigates to the filtered view; invalid input is explained in place and
/// nothing is applied until every field is valid.
#[component]
pub fn FilterBar(
    /// The current view, whose filters prefill the form.
    query: ListQuery,
    /// The form's text, owned by the page.
    form: RwSignal<FilterForm>,
) -> impl IntoView {
    let m = t();
    let go = use_go();
    if form.with_untracked(|f| f.query.as_ref() != Some(&query)) {
        form.set(FilterForm {
            query: Some(query.clone()),
            draft: FilterDraft::from_query(&query),
        });
    }
    let draft = Field(form);
    // A filter the URL gave and that does not read is marked at once.
    let invalid = RwSignal::new(
        query
            .malformed
            .iter()
            .filter_map(|(key, _)| FilterKind::of_param(key))
            .collect::<Vec<_>>(),
    );
    let filtered = query.is_filtered();
    let cleared = use_base().href(&list_path(&query.without_filters()));
    let apply = Rc::new(move || match form.with_untracked(|f| f.draft.parse()) {
        Ok(filters) => {
            invalid.set(Vec::new());
            go(&list_path(&query.with_filters(filters)), false);
        }
        Err(errors) => invalid.set(errors.invalid),
    });
    let submit = apply.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit();
    };
    // A preset fills both dates (today in UTC) and applies at once.
    let on_preset = move |ev: leptos::ev::Targeted<leptos::ev::Event, web_sys::HtmlSelectElement>| {
        let Some(preset) = ev.target().value().parse::<usize>().ok().and_then(|i| PRESETS.get(i)) else {
            return;
        };
        let (from, before) = preset.range(crate::dates::today());
        form.update(|f| {
            f.draft.created_from = from.map(to_iso_date).unwrap_or_default();
            f.draft.created_before = before.map(to_iso_date).unwrap_or_default();
        });
        apply();
    };
    let is_invalid = move |kind: FilterKind| invalid.with(|v| v.contains(&kind));
    let errors = move || {
        [
            (FilterKind::StockLocation, m.must_be_positive_integer),
            (FilterKind::CreatedFrom, m.date_invalid),
            (FilterKind::CreatedBefore, m.date_invalid),
            (FilterKind::Active, m.must_be_yes_or_no),
            (FilterKind::PackageItem, m.must_be_positive_integer),
            (FilterKind::TransferItem, m.must_be_positive_integer),
            (FilterKind::Ids, m.ids_invalid),
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
                        prop:value=move || draft.get(|d| &d.reason)
                        on:input:target=move |ev| draft.set(ev.target().value(), |d| &mut d.reason)
                    />
                </label>
                <datalist id="known-reasons">
                    {KNOWN_REASONS
                        .iter()
                        .zip(m.reasons)
                        .map(|(code, label)| view! { <option value=*code>{label}</option> })
                        .collect_view()}
                </datalist>
                <label>
                    <span>{m.filter_stock_location}</span>
                    <input
                        type="text"
                        name="stock_location"
                        list="location-names"
                        inputmode="numeric"
                        autocomplete="off"
                        aria-invalid=move || is_invalid(FilterKind::StockLocation).to_string()
                        aria-describedby="filter-errors"
                        prop:value=move || draft.get(|d| &d.stock_location)
                        on:input:target=move |ev| draft.set(ev.target().value(), |d| &mut d.stock_location)
                    />
                </label>
                <label>
                    <span>{m.filter_active}</span>
                    <select
                        name="is_active"
                        aria-invalid=move || is_invalid(FilterKind::Active).to_string()
                        aria-describedby="filter-errors"
                        on:change:target=move |ev| draft.set(ev.target().value(), |d| &mut d.is_active)
                    >
                        <option value="" selected=move || draft.get(|d| &d.is_active).is_empty()>{m.any}</option>
                        <option value="true" selected=move || draft.get(|d| &d.is_active) == "true">{m.yes}</option>
                        <option value="false" selected=move || draft.get(|d| &d.is_active) == "false">{m.no}</option>
                    </select>
                </label>
                {field(draft, invalid, FilterKind::CreatedFrom, "created_date__gte", "date", |d| &d.created_from, |d| &mut d.created_from)}
                {field(draft, invalid, FilterKind::CreatedBefore, "created_date__lt", "date", |d| &d.created_before, |d| &mut d.created_before)}
                <label>
                    <span>{m.presets_label}</span>
                    <select name="preset" on:change:target=on_preset>
                        <option value="" selected>"—"</option>
                        {m.presets
                            .iter()
                            .enumerate()
                            .map(|(i, label)| view! { <option value=format!("{i}")>{*label}</option> })
                            .collect_view()}
                    </select>
                </label>
                {field(draft, invalid, FilterKind::PackageItem, "package_item", "text", |d| &d.package_item, |d| &mut d.package_item)}
                {field(draft, invalid, FilterKind::TransferItem, "transfer_item", "text", |d| &d.transfer_item, |d| &mut d.transfer_item)}
                {field(draft, invalid, FilterKind::Ids, "id__in", "text", |d| &d.ids, |d| &mut d.ids)}
                <button type="submit" class="button">{m.apply_filters}</button>
                {filtered.then(|| view! { <a class="button link" href=cleared>{m.clear_filters}</a> })}
            </fieldset>
            <p id="filter-errors" class="field-error" role="alert">
                {errors}
            </p>
        </form>
    }
}

/// A labelled field of the draft (the dates, the item and record ids): one function, so they
/// compile once.
fn field(
    draft: Field,
    invalid: RwSignal<Vec<FilterKind>>,
    kind: FilterKind,
    name: &'static str,
    input_type: &'static str,
    get: fn(&FilterDraft) -> &String,
    set: fn(&mut FilterDraft) -> &mut String,
) -> impl IntoView {
    view! {
        <label>
            <span>{filter_label(kind)}</span>
            <input
                type=input_type
                name=name
                autocomplete="off"
                aria-invalid=move || invalid.with(|v| v.contains(&kind)).to_string()
                aria-describedby="filter-errors"
                prop:value=move || draft.get(get)
                on:input:target=move |ev| draft.set(ev.target().value(), set)
            />
        </label>
    }
}

/// Reads and writes one text field of the form's draft.
#[derive(Clone, Copy)]
struct Field(RwSignal<FilterForm>);

impl Field {
    fn get(self, field: fn(&FilterDraft) -> &String) -> String {
        self.0.with(|f| field(&f.draft).clone())
    }

    fn set(self, value: String, field: fn(&mut FilterDraft) -> &mut String) {
        self.0.update(|f| *field(&mut f.draft) = value);
    }
}
