//! The list's active filters as chips: each says what narrows the list ("Reason: Damaged")
//! and is a link to the same list without it; "Clear all" drops them together. Links, so
//! they work as every other link does (new tab, history, the router), and the URL stays the
//! only state.
//!
//! Escaped markup rather than a view: a handful of links rebuilt whole when the filters
//! change, and every text in it (reasons and location names are the OMS's data, a malformed
//! parameter is the URL's) is escaped here.

use crate::api::{Filters, ListQuery};
use crate::i18n::day;
use crate::list_filters::{FilterKind, filter_label};
use crate::locations::Names;
use crate::messages::{Messages, reason_label, t};
use crate::routes::{Base, list_path};
use crate::text::escape_html;
use leptos::prelude::*;

/// Each active filter of `query`: what it is, its value as shown, and the query without it.
/// A parameter the URL gave that does not read is one too, with its text as written.
pub fn chips(m: &Messages, query: &ListQuery, names: &Names) -> Vec<(FilterKind, String, ListQuery)> {
    let f = &query.filters;
    let without = |clear: fn(&mut Filters)| {
        let mut filters = f.clone();
        clear(&mut filters);
        ListQuery {
            malformed: query.malformed.clone(),
            ..query.with_filters(filters)
        }
    };
    let mut out = Vec::new();
    let mut push = |kind, value: Option<String>, clear: fn(&mut Filters)| {
        if let Some(value) = value {
            out.push((kind, value, without(clear)));
        }
    };
    push(
        FilterKind::Reason,
        f.reason
            .as_ref()
            .map(|r| reason_label(m, r).map_or_else(|| r.clone(), str::to_string)),
        |f| f.reason = None,
    );
    push(
        FilterKind::StockLocation,
        f.stock_location.map(|id| names.label(id as i64)),
        |f| f.stock_location = None,
    );
    push(
        FilterKind::Active,
        f.is_active.map(|a| if a { m.yes } else { m.no }.to_string()),
        |f| f.is_active = None,
    );
    push(FilterKind::CreatedFrom, f.created_from.map(|d| day(m.lang, d)), |f| {
        f.created_from = None
    });
    push(
        FilterKind::CreatedBefore,
        f.created_before.map(|d| day(m.lang, d)),
        |f| f.created_before = None,
    );
    push(FilterKind::PackageItem, f.package_item.map(|id| id.to_string()), |f| {
        f.package_item = None
    });
    push(
        FilterKind::TransferItem,
        f.transfer_item.map(|id| id.to_string()),
        |f| f.transfer_item = None,
    );
    push(
        FilterKind::Ids,
        (!f.ids.is_empty()).then(|| f.ids.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")),
        |f| f.ids.clear(),
    );
    for (i, (param, text)) in query.malformed.iter().enumerate() {
        if let Some(kind) = FilterKind::of_param(param) {
            let mut rest = query.clone();
            rest.malformed.remove(i);
            rest.page = 1;
            out.push((kind, text.clone(), rest));
        }
    }
    out
}

/// The chips of `query` as markup, each link under `base`; nothing when no filter is on.
pub fn chips_html(m: &Messages, query: &ListQuery, names: &Names, base: &Base) -> String {
    chips_html_to(m, query, names, base, list_path)
}

/// The chips of `query` as markup, each a link to `path` (an app path) of the query without
/// its filter: the list's, or the insights'.
pub(crate) fn chips_html_to(
    m: &Messages,
    query: &ListQuery,
    names: &Names,
    base: &Base,
    path: fn(&ListQuery) -> String,
) -> String {
    let chips = chips(m, query, names);
    if chips.is_empty() {
        return String::new();
    }
    let mut out = format!("<ul class=\"chips\" aria-label=\"{}\">", escape_html(m.active_filters));
    for (kind, value, rest) in &chips {
        let text = format!("{}: {value}", filter_label(*kind));
        let label = m.remove_filter(&text);
        out += &format!(
            "<li><a class=\"chip\" href=\"{}\" aria-label=\"{}\"><span dir=\"auto\">{}</span><span aria-hidden=\"true\"> ×</span></a></li>",
            escape_html(&base.href(&path(rest))),
            escape_html(&label),
            escape_html(&text)
        );
    }
    if chips.len() > 1 {
        out += &format!(
            "<li><a class=\"chip-clear\" href=\"{}\">{}</a></li>",
            escape_html(&base.href(&path(&query.without_filters()))),
            escape_html(m.clear_all)
        );
    }
    out + "</ul>"
}

/// The chips of the list's `query`. A chip's link takes the focus with it when followed:
/// the focus goes to the chip now in its place, or to the filters.
#[component]
pub fn FilterChips(query: Memo<ListQuery>) -> impl IntoView {
    let ui = crate::ui_state::use_ui();
    let base = crate::routes::use_base();
    let html = move || {
        let had_focus = crate::focus::find(".chips :focus").is_some();
        if had_focus {
            request_animation_frame(|| {
                if crate::focus::lost()
                    && let Some(el) =
                        crate::focus::find(".chips a").or_else(|| crate::focus::find("form.filters input"))
                {
                    crate::focus::focus(&el);
                }
            });
        }
        query.with(|q| ui.locations.with(|n| chips_html(t(), q, n, &base)))
    };
    view! { <div class="chips-row" inner_html=html></div> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn query(search: &str) -> ListQuery {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(search.as_bytes()).into_owned().collect();
        ListQuery::from_params(&|k| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()))
    }

    #[test]
    fn each_filter_is_a_chip_whose_link_drops_only_it() {
        let m = crate::messages::messages(Lang::En);
        let names = Names::known(vec![vec![(7, "Ankara <Depo>".to_string())]]);
        let q = query(
            "sort=id&limit=50&page=3&reason=damaged&stock_location=7&is_active=false&created_date__gte=2024-01-01&created_date__lt=2025-01-01&package_item=5&transfer_item=6&id__in=1,2",
        );
        let chips = chips(m, &q, &names);
        let shown: Vec<(String, String)> = chips
            .iter()
            .map(|(kind, value, rest)| (format!("{}: {value}", filter_label(*kind)), list_path(rest)))
            .collect();
        let keep = "?limit=50&sort=id";
        assert_eq!(shown.len(), 8);
        assert_eq!(shown[0].0, "Reason: Damaged");
        assert_eq!(shown[1].0, "Stock location ID: Ankara <Depo> (7)");
        assert_eq!(shown[2].0, "Active: No");
        assert_eq!(shown[7].0, "Record IDs: 1, 2");
        for (i, (_, path)) in shown.iter().enumerate() {
            let rest = query(path.trim_start_matches("/discrepancies?"));
            assert_eq!(rest.page, 1, "a chip's link starts at page 1");
            assert_eq!(rest.limit, 50);
            let mut expected = q.filters.clone();
            match i {
                0 => expected.reason = None,
                1 => expected.stock_location = None,
                2 => expected.is_active = None,
                3 => expected.created_from = None,
                4 => expected.created_before = None,
                5 => expected.package_item = None,
                6 => expected.transfer_item = None,
                _ => expected.ids.clear(),
            }
            assert_eq!(rest.filters, expected, "chip {i}: {path}");
            assert!(path.contains("sort=id"), "{path} keeps the order");
        }
        let html = chips_html(m, &q, &names, &Base::new("/apps/oms"));
        assert!(
            html.contains("Ankara &lt;Depo&gt; (7)") && !html.contains("<Depo>"),
            "{html}"
        );
        assert!(html.contains("aria-label=\"Remove filter Reason: Damaged\""), "{html}");
        assert!(
            html.contains(&format!(
                "<a class=\"chip-clear\" href=\"/apps/oms/discrepancies{}\">Clear all</a>",
                keep.replace('&', "&amp;")
            )),
            "{html}"
        );
    }

    #[test]
    fn a_malformed_parameter_is_a_chip_too_and_no_filter_is_no_chips() {
        let m = crate::messages::messages(Lang::En);
        let q = query("created_date__lt=not-a-date&reason=%22%3E%3Cscript%3E");
        let chips = chips(m, &q, &Names::default());
        assert_eq!(chips.len(), 2);
        assert_eq!(chips[1].1, "not-a-date");
        assert!(chips[1].2.malformed.is_empty() && chips[1].2.filters.reason.is_some());
        assert!(chips[0].2.filters.reason.is_none() && chips[0].2.malformed.len() == 1);
        let html = chips_html(m, &q, &Names::default(), &Base::new(""));
        assert!(!html.contains("<script>"), "{html}");
        assert_eq!(
            chips_html(m, &query("sort=id&page=2"), &Names::default(), &Base::new("")),
            ""
        );
        // One filter: its chip, no "Clear all" (the form has "Clear filters").
        let one = chips_html(m, &query("is_active=true"), &Names::default(), &Base::new(""));
        assert!(one.contains("Active: Yes") && !one.contains("chip-clear"), "{one}");
    }
}
