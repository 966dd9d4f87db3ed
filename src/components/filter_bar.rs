//! The list's filters, edited as one [`FilterDraft`] and applied from page 1. Every filter a
//! URL can set is visible here, so nothing filters the list silently.
//!
//! The form is escaped markup ([`form_html`]), written once per view, and the document is
//! what the user edits: one `input` listener copies each change into the page's draft (a
//! language switch rebuilds the form from it, and keeps what was typed), one `submit`
//! listener applies it. Nothing is rebuilt while typing, so the caret and the focus stay;
//! and a form of a dozen reactive fields compiles to a fraction of a view's code.

use crate::api::ListQuery;
use crate::dates::to_iso_date;
use crate::list_filters::{FilterDraft, FilterKind, PRESETS, label_in};
use crate::messages::{KNOWN_REASONS, Messages, t};
use crate::routes::{list_path, use_base, use_go};
use crate::text::escape_html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What the filter form holds, kept by the list page: a language switch rebuilds the form
/// and must not lose what was typed; a new view (another query) starts from its filters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FilterForm {
    /// The view the draft was started from.
    query: Option<ListQuery>,
    /// The text as typed.
    draft: FilterDraft,
}

/// The draft's text field behind an input's `name` (the OMS parameter it sets).
fn slot<'a>(draft: &'a mut FilterDraft, name: &str) -> Option<&'a mut String> {
    Some(match name {
        "reason" => &mut draft.reason,
        "stock_location" => &mut draft.stock_location,
        "is_active" => &mut draft.is_active,
        "created_date__gte" => &mut draft.created_from,
        "created_date__lt" => &mut draft.created_before,
        "package_item" => &mut draft.package_item,
        "transfer_item" => &mut draft.transfer_item,
        "id__in" => &mut draft.ids,
        _ => return None,
    })
}

/// What is wrong, one sentence per invalid field, in the form's order.
fn errors_text(m: &Messages, invalid: &[FilterKind]) -> String {
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
    .filter(|(kind, _)| invalid.contains(kind))
    .map(|(kind, message)| format!("{}: {message}", label_in(m, kind)))
    .collect::<Vec<_>>()
    .join(" ")
}

/// One labelled input of the draft; `checked` marks it with `aria-invalid` (the reason,
/// any text, is never invalid).
fn input(
    out: &mut String,
    m: &Messages,
    (kind, name, kind_attr): (FilterKind, &str, &str),
    value: &str,
    invalid: Option<bool>,
) {
    let checked = invalid.map_or(String::new(), |bad| {
        format!(" aria-invalid=\"{bad}\" aria-describedby=\"filter-errors\"")
    });
    *out += &format!(
        "<label><span>{}</span><input {kind_attr} name=\"{name}\" autocomplete=\"off\"{checked} value=\"{}\"></label>",
        escape_html(label_in(m, kind)),
        escape_html(value)
    );
}

/// The form's fields as markup, filled in from `draft`, the `invalid` ones marked; with a
/// link clearing every filter when the view is filtered (`cleared`).
pub(crate) fn form_html(m: &Messages, draft: &FilterDraft, invalid: &[FilterKind], cleared: Option<&str>) -> String {
    let bad = |kind| Some(invalid.contains(&kind));
    let mut out = format!(
        "<fieldset><legend class=\"visually-hidden\">{}</legend>",
        escape_html(m.filters_legend)
    );
    input(
        &mut out,
        m,
        (FilterKind::Reason, "reason", "type=\"text\" list=\"known-reasons\""),
        &draft.reason,
        None,
    );
    out += "<datalist id=\"known-reasons\">";
    for (code, label) in KNOWN_REASONS.iter().zip(m.reasons) {
        out += &format!("<option value=\"{code}\">{}</option>", escape_html(label));
    }
    out += "</datalist>";
    input(
        &mut out,
        m,
        (
            FilterKind::StockLocation,
            "stock_location",
            "type=\"text\" list=\"location-names\" inputmode=\"numeric\"",
        ),
        &draft.stock_location,
        bad(FilterKind::StockLocation),
    );
    out += &format!(
        "<label><span>{}</span><select name=\"is_active\" aria-invalid=\"{}\" aria-describedby=\"filter-errors\">",
        escape_html(m.filter_active),
        invalid.contains(&FilterKind::Active)
    );
    for (value, label) in [("", m.any), ("true", m.yes), ("false", m.no)] {
        let selected = if draft.is_active == value { " selected" } else { "" };
        out += &format!("<option value=\"{value}\"{selected}>{}</option>", escape_html(label));
    }
    out += "</select></label>";
    for (kind, name, value) in [
        (FilterKind::CreatedFrom, "created_date__gte", &draft.created_from),
        (FilterKind::CreatedBefore, "created_date__lt", &draft.created_before),
    ] {
        input(&mut out, m, (kind, name, "type=\"date\""), value, bad(kind));
    }
    out += &format!(
        "<label><span>{}</span><select name=\"preset\"><option value=\"\" selected>—</option>",
        escape_html(m.presets_label)
    );
    for (i, label) in m.presets.iter().enumerate() {
        out += &format!("<option value=\"{i}\">{}</option>", escape_html(label));
    }
    out += "</select></label>";
    for (kind, name, value) in [
        (FilterKind::PackageItem, "package_item", &draft.package_item),
        (FilterKind::TransferItem, "transfer_item", &draft.transfer_item),
        (FilterKind::Ids, "id__in", &draft.ids),
    ] {
        input(&mut out, m, (kind, name, "type=\"text\""), value, bad(kind));
    }
    out += &format!(
        "<button type=\"submit\" class=\"button\">{}</button>",
        escape_html(m.apply_filters)
    );
    if let Some(href) = cleared {
        out += &format!(
            "<a class=\"button link\" href=\"{}\">{}</a>",
            escape_html(href),
            escape_html(m.clear_filters)
        );
    }
    out + &format!(
        "</fieldset><p id=\"filter-errors\" class=\"field-error\" role=\"alert\">{}</p>",
        escape_html(&errors_text(m, invalid))
    )
}

/// Marks the `invalid` fields of the form on screen and says what is wrong, in place.
fn show_invalid(form: &web_sys::Element, m: &Messages, invalid: &[FilterKind]) {
    if let Ok(fields) = form.query_selector_all("[aria-invalid]") {
        for field in (0..fields.length()).filter_map(|i| fields.item(i)?.dyn_into::<web_sys::Element>().ok()) {
            let bad = field
                .get_attribute("name")
                .and_then(|name| FilterKind::of_param(&name))
                .is_some_and(|kind| invalid.contains(&kind));
            let _ = field.set_attribute("aria-invalid", if bad { "true" } else { "false" });
        }
    }
    if let Ok(Some(line)) = form.query_selector("#filter-errors") {
        let text = errors_text(m, invalid);
        // The same errors again are not replaced, so not read out again.
        if line.text_content().unwrap_or_default() != text {
            line.set_text_content(Some(&text));
        }
    }
}

/// The form's controls that can hold the focus, in document order.
const CONTROLS: &str = "form.filters :is(input, select, button, a)";
/// The preset select.
const PRESET: &str = "form.filters select[name=preset]";

/// For another view the list page builds the form again in the same `<form>`, and the new
/// markup replaces the controls. As when they were updated in place: the control that had
/// the focus gets it back, with its selection (a new input would put the caret before the
/// text), and the preset shown stays shown (so a keyboard user stepping through the
/// presets goes on from there).
fn keep_place() {
    // None before the first form: nothing to keep.
    let Some(preset) = crate::focus::find(PRESET) else {
        return;
    };
    let preset = preset.unchecked_into::<web_sys::HtmlInputElement>().value();
    let active = document().active_element();
    let focused = crate::focus::find_all(CONTROLS)
        .into_iter()
        .enumerate()
        .find(|(_, el)| active.as_ref() == Some(el))
        .map(|(i, el)| {
            // A select or a date input has no selection: `None`, and none is set back.
            let input = el.unchecked_into::<web_sys::HtmlInputElement>();
            (
                i,
                input.selection_start().ok().flatten(),
                input.selection_end().ok().flatten(),
            )
        });
    request_animation_frame(move || {
        if let Some(select) = crate::focus::find(PRESET) {
            select.unchecked_into::<web_sys::HtmlInputElement>().set_value(&preset);
        }
        let Some((i, start, end)) = focused else {
            return;
        };
        if let Some(control) = crate::focus::find_all(CONTROLS).into_iter().nth(i)
            && crate::focus::lost()
        {
            crate::focus::focus(&control);
            if let (Some(start), Some(end)) = (start, end) {
                // Past the end of a shorter text is its end.
                let _ = control
                    .unchecked_into::<web_sys::HtmlInputElement>()
                    .set_selection_range(start, end);
            }
        }
    });
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
    // A filter the URL gave and that does not read is marked at once.
    let invalid: Vec<FilterKind> = query
        .malformed
        .iter()
        .filter_map(|(key, _)| FilterKind::of_param(key))
        .collect();
    let cleared = query
        .is_filtered()
        .then(|| use_base().href(&list_path(&query.without_filters())));
    let html = form.with_untracked(|f| form_html(m, &f.draft, &invalid, cleared.as_deref()));
    keep_place();
    let apply = move |el: &web_sys::Element| match form.with_untracked(|f| f.draft.parse()) {
        Ok(filters) => {
            // Applying the filters in force goes nowhere and builds no new form.
            show_invalid(el, m, &[]);
            go(&list_path(&query.with_filters(filters)), false)
        }
        Err(errors) => show_invalid(el, m, &errors.invalid),
    };
    let submit_apply = apply.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            submit_apply(&el);
        }
    };
    // Every field's edit lands in the draft; a preset fills both dates (today in UTC) and
    // applies at once.
    let on_input = move |ev: leptos::ev::Event| {
        let (Some(field), Some(el)) = (
            ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()),
            ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()),
        ) else {
            return;
        };
        let name = field.get_attribute("name").unwrap_or_default();
        let value = js_sys::Reflect::get(&field, &"value".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        if name != "preset" {
            return form.update(|f| {
                if let Some(text) = slot(&mut f.draft, &name) {
                    *text = value;
                }
            });
        }
        let Some(preset) = value.parse::<usize>().ok().and_then(|i| PRESETS.get(i)) else {
            return;
        };
        let (from, before) = preset.range(crate::dates::today());
        for (name, date) in [("created_date__gte", from), ("created_date__lt", before)] {
            let text = date.map(to_iso_date).unwrap_or_default();
            if let Ok(Some(input)) = el.query_selector(&format!("[name={name}]"))
                && let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>()
            {
                input.set_value(&text);
            }
            form.update(|f| {
                if let Some(slot) = slot(&mut f.draft, name) {
                    *slot = text;
                }
            });
        }
        apply(&el);
    };
    view! { <form class="filters" on:submit=on_submit on:input=on_input role="search" novalidate inner_html=html></form> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::messages::messages;

    const HOSTILE: &str = "\"><script>alert(1)</script>&";

    fn hostile_draft() -> FilterDraft {
        FilterDraft {
            reason: HOSTILE.into(),
            stock_location: HOSTILE.into(),
            is_active: "false".into(),
            created_before: HOSTILE.into(),
            created_from: HOSTILE.into(),
            package_item: HOSTILE.into(),
            transfer_item: HOSTILE.into(),
            ids: HOSTILE.into(),
        }
    }

    #[test]
    fn every_field_shows_its_text_escaped() {
        let html = form_html(messages(Lang::En), &hostile_draft(), &[], None);
        assert!(!html.contains("<script>"));
        let escaped = "value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;\"";
        for name in [
            "reason",
            "stock_location",
            "created_date__gte",
            "created_date__lt",
            "package_item",
            "transfer_item",
            "id__in",
        ] {
            assert!(
                html.contains(&format!("name=\"{name}\" autocomplete=\"off\"")),
                "{name}"
            );
        }
        assert_eq!(html.matches(escaped).count(), 7);
        assert!(html.contains("<option value=\"false\" selected>No</option>"));
        assert!(html.contains("<option value=\"\">Any</option>"));
    }

    #[test]
    fn invalid_fields_are_marked_and_said_in_order() {
        let m = messages(Lang::En);
        let html = form_html(
            m,
            &FilterDraft::default(),
            &[FilterKind::Ids, FilterKind::StockLocation],
            None,
        );
        assert!(html.contains("name=\"stock_location\" autocomplete=\"off\" aria-invalid=\"true\""));
        assert!(html.contains("name=\"id__in\" autocomplete=\"off\" aria-invalid=\"true\""));
        assert!(html.contains("name=\"package_item\" autocomplete=\"off\" aria-invalid=\"false\""));
        // The reason takes any text: never marked.
        assert!(html.contains("name=\"reason\" autocomplete=\"off\" value"));
        let errors = errors_text(m, &[FilterKind::Ids, FilterKind::StockLocation]);
        assert!(
            errors.starts_with("Stock location ID: ") && errors.contains(" Record IDs: "),
            "{errors}"
        );
        assert!(html.contains(&format!("role=\"alert\">{}</p>", escape_html(&errors))));
    }

    #[test]
    fn the_clear_link_shows_only_when_filtered_and_presets_and_reasons_are_offered() {
        let m = messages(Lang::En);
        let plain = form_html(m, &FilterDraft::default(), &[], None);
        assert!(!plain.contains("button link"));
        let filtered = form_html(m, &FilterDraft::default(), &[], Some("/apps/oms/discrepancies?a=\"b\""));
        assert!(
            filtered.contains(
                "<a class=\"button link\" href=\"/apps/oms/discrepancies?a=&quot;b&quot;\">Clear filters</a>"
            )
        );
        assert_eq!(
            plain.matches("<option value=\"").count(),
            KNOWN_REASONS.len() + 3 + 1 + PRESETS.len()
        );
        assert!(plain.contains("<option value=\"damaged\">Damaged</option>"));
    }

    #[test]
    fn labels_follow_the_language() {
        let m = messages(Lang::Tr);
        let html = form_html(m, &FilterDraft::default(), &[], None);
        assert!(html.contains(&format!("<span>{}</span>", escape_html(m.filter_reason))));
        assert!(html.contains(&format!(">{}</button>", escape_html(m.apply_filters))));
        assert!(html.contains(&format!(
            "<legend class=\"visually-hidden\">{}</legend>",
            escape_html(m.filters_legend)
        )));
    }

    #[test]
    fn each_named_input_has_a_draft_slot() {
        let mut draft = FilterDraft::default();
        for name in [
            "reason",
            "stock_location",
            "is_active",
            "created_date__gte",
            "created_date__lt",
            "package_item",
            "transfer_item",
            "id__in",
        ] {
            *slot(&mut draft, name).unwrap() = name.to_string();
        }
        assert_eq!(draft.created_from, "created_date__gte");
        assert_eq!(draft.ids, "id__in");
        assert!(slot(&mut draft, "preset").is_none());
    }
}
