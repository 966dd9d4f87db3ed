//! Both catalogues, every key: complete, translated, with numbers and plurals per language.

use super::*;
use crate::api::error::Body;
use chrono::NaiveDate;

/// Counts every counted message is tried with.
const COUNTS: [u64; 4] = [0, 1, 2, 1_000_000];

/// Keys whose Turkish text may equal the English one (a dash, not a word).
const SAME_IN_BOTH: [&str; 1] = ["no_item"];

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

/// Every text of `m`, by key. The pattern names every field: a key added to `Messages`
/// and not here does not compile.
fn texts(m: &Messages) -> Vec<(&'static str, Vec<String>)> {
    let Messages {
        app_title,
        nav_list,
        nav_remove,
        sign_out,
        nav_label,
        signed_in_to: _,
        sign_in_title,
        sign_in_intro,
        base_url_label,
        base_url_hint,
        token_label,
        token_hint,
        remember_label,
        sign_in_button,
        signing_in,
        token_required,
        base_url_invalid,
        token_rejected,
        session_expired,
        signed_out,
        list_title,
        table_caption,
        col_id,
        col_reason,
        col_stock_location,
        col_item,
        col_active,
        col_created,
        col_modified,
        yes,
        no,
        package_item_n: _,
        transfer_item_n: _,
        no_item,
        showing: _,
        loading,
        refreshing,
        empty_list,
        empty_filtered,
        clear_filters,
        pagination_label,
        first_page,
        previous_page,
        next_page,
        last_page,
        page_n: _,
        page_of: _,
        page_size_label,
        filters_legend,
        filter_reason,
        filter_stock_location,
        filter_active,
        filter_created_before,
        filter_created_from,
        presets_label,
        presets,
        filter_package_item,
        filter_transfer_item,
        filter_ids,
        ids_invalid,
        must_be_yes_or_no,
        any,
        apply_filters,
        must_be_positive_integer,
        filter_not_honoured: _,
        open_record: _,
        detail_title: _,
        back_to_list,
        field_reason,
        field_stock_location,
        field_package_item,
        field_transfer_item,
        field_active,
        field_created,
        field_modified,
        field_id,
        none,
        not_found_title,
        invalid_id: _,
        unknown_page,
        remove_title,
        remove_intro,
        expired_date_label,
        expired_date_hint,
        remove_stock_location_label,
        remove_stock_location_hint,
        review_button,
        reviewing,
        date_required,
        date_invalid,
        confirm_title,
        confirm_scope: _,
        server_count: _,
        nothing_to_remove,
        confirm_button: _,
        removing,
        cancel,
        removed: _,
        remove_failed,
        remove_unconfirmed,
        remove_unconfirmed_done,
        input_kept,
        view_list,
        irreversible,
        outcome_checking,
        outcome_done: _,
        outcome_not_done: _,
        outcome_partial: _,
        outcome_unknown,
        removal_in_progress,
        open_removal,
        dismiss,
        error_title,
        retry,
        go_first_page,
        sign_in_again,
        err_unauthorized,
        err_forbidden,
        err_not_found: _,
        err_invalid_page,
        err_validation,
        err_throttled: _,
        err_server: _,
        err_status: _,
        err_network: _,
        err_timeout: _,
        err_decode: _,
        retrying_in: _,
        stop_retrying,
        err_aborted,
        recovery_title,
        recovery_intro,
        recovery_what_happened: _,
        recovery_reload,
        recovery_copy,
        recovery_copied,
        recovery_copy_manual,
        recovery_diagnostics_label,
        language_label,
        connecting,
        skip_to_main,
        shortcuts_title,
        shortcut_help,
        shortcuts_typing,
        shortcuts_enabled,
        close,
        filters_malformed,
        impact_by_reason,
        impact_by_location,
        impact_other_reasons,
        impact_other_locations,
        not_available,
        impact_span: _,
        impact_progress: _,
        impact_no_locations,
        impact_show,
        export_button,
        export_cap: _,
        export_cap_go: _,
        export_progress: _,
        export_time_left: _,
        export_throttled: _,
        export_done: _,
        export_changed: _,
        export_cancelled: _,
        export_failed: _,
        export_resume,
        nav_insights,
        ins_records,
        ins_active,
        ins_inactive,
        ins_progress: _,
        ins_done,
        ins_tables,
        ins_trend,
        ins_spans,
        ins_week_of: _,
        ins_trend_summary: _,
        ins_direction,
        ins_ages,
        ins_older: _,
        ins_age_hint,
        ins_top: _,
        ins_budget: _,
        ins_count_rest: _,
        ins_period,
        ins_age,
        ins_malformed,
        active_filters,
        remove_filter: _,
        clear_all,
        reasons,
        reason_code: _,
        confirm_scope_everywhere: _,
        err_throttled_soon: _,
        body_page: _,
        body_record: _,
        lang: _,
    } = m;
    vec![
        ("app_title", vec![app_title.to_string()]),
        ("nav_list", vec![nav_list.to_string()]),
        ("nav_remove", vec![nav_remove.to_string()]),
        ("sign_out", vec![sign_out.to_string()]),
        ("nav_label", vec![nav_label.to_string()]),
        ("signed_in_to", vec![m.signed_in_to("oms.example.com")]),
        ("sign_in_title", vec![sign_in_title.to_string()]),
        ("sign_in_intro", vec![sign_in_intro.to_string()]),
        ("base_url_label", vec![base_url_label.to_string()]),
        ("base_url_hint", vec![base_url_hint.to_string()]),
        ("token_label", vec![token_label.to_string()]),
        ("token_hint", vec![token_hint.to_string()]),
        ("remember_label", vec![remember_label.to_string()]),
        ("sign_in_button", vec![sign_in_button.to_string()]),
        ("signing_in", vec![signing_in.to_string()]),
        ("token_required", vec![token_required.to_string()]),
        ("base_url_invalid", vec![base_url_invalid.to_string()]),
        ("token_rejected", vec![token_rejected.to_string()]),
        ("session_expired", vec![session_expired.to_string()]),
        ("signed_out", vec![signed_out.to_string()]),
        ("list_title", vec![list_title.to_string()]),
        ("table_caption", vec![table_caption.to_string()]),
        ("col_id", vec![col_id.to_string()]),
        ("col_reason", vec![col_reason.to_string()]),
        ("col_stock_location", vec![col_stock_location.to_string()]),
        ("col_item", vec![col_item.to_string()]),
        ("col_active", vec![col_active.to_string()]),
        ("col_created", vec![col_created.to_string()]),
        ("col_modified", vec![col_modified.to_string()]),
        ("yes", vec![yes.to_string()]),
        ("no", vec![no.to_string()]),
        ("package_item_n", vec![m.package_item_n(5)]),
        ("transfer_item_n", vec![m.transfer_item_n(5)]),
        ("no_item", vec![no_item.to_string()]),
        ("showing", COUNTS.iter().map(|&n| m.showing(n, n, 1_000_000)).collect()),
        ("loading", vec![loading.to_string()]),
        ("refreshing", vec![refreshing.to_string()]),
        ("empty_list", vec![empty_list.to_string()]),
        ("empty_filtered", vec![empty_filtered.to_string()]),
        ("clear_filters", vec![clear_filters.to_string()]),
        ("pagination_label", vec![pagination_label.to_string()]),
        ("first_page", vec![first_page.to_string()]),
        ("previous_page", vec![previous_page.to_string()]),
        ("next_page", vec![next_page.to_string()]),
        ("last_page", vec![last_page.to_string()]),
        ("page_n", COUNTS.iter().map(|&n| m.page_n(n)).collect()),
        ("page_of", COUNTS.iter().map(|&n| m.page_of(n, 1_000_000)).collect()),
        ("page_size_label", vec![page_size_label.to_string()]),
        ("filters_legend", vec![filters_legend.to_string()]),
        ("filter_reason", vec![filter_reason.to_string()]),
        ("filter_stock_location", vec![filter_stock_location.to_string()]),
        ("filter_active", vec![filter_active.to_string()]),
        ("filter_created_before", vec![filter_created_before.to_string()]),
        ("filter_created_from", vec![filter_created_from.to_string()]),
        ("presets_label", vec![presets_label.to_string()]),
        ("presets", presets.iter().map(|p| p.to_string()).collect()),
        ("filter_package_item", vec![filter_package_item.to_string()]),
        ("filter_transfer_item", vec![filter_transfer_item.to_string()]),
        ("filter_ids", vec![filter_ids.to_string()]),
        ("ids_invalid", vec![ids_invalid.to_string()]),
        ("must_be_yes_or_no", vec![must_be_yes_or_no.to_string()]),
        ("any", vec![any.to_string()]),
        ("apply_filters", vec![apply_filters.to_string()]),
        ("must_be_positive_integer", vec![must_be_positive_integer.to_string()]),
        ("filter_not_honoured", vec![m.filter_not_honoured("x")]),
        ("open_record", vec![m.open_record(5)]),
        ("detail_title", vec![m.detail_title(5)]),
        ("back_to_list", vec![back_to_list.to_string()]),
        ("field_reason", vec![field_reason.to_string()]),
        ("field_stock_location", vec![field_stock_location.to_string()]),
        ("field_package_item", vec![field_package_item.to_string()]),
        ("field_transfer_item", vec![field_transfer_item.to_string()]),
        ("field_active", vec![field_active.to_string()]),
        ("field_created", vec![field_created.to_string()]),
        ("field_modified", vec![field_modified.to_string()]),
        ("field_id", vec![field_id.to_string()]),
        ("none", vec![none.to_string()]),
        ("not_found_title", vec![not_found_title.to_string()]),
        ("invalid_id", vec![m.invalid_id("abc")]),
        ("unknown_page", vec![unknown_page.to_string()]),
        ("remove_title", vec![remove_title.to_string()]),
        ("remove_intro", vec![remove_intro.to_string()]),
        ("expired_date_label", vec![expired_date_label.to_string()]),
        ("expired_date_hint", vec![expired_date_hint.to_string()]),
        (
            "remove_stock_location_label",
            vec![remove_stock_location_label.to_string()],
        ),
        (
            "remove_stock_location_hint",
            vec![remove_stock_location_hint.to_string()],
        ),
        ("review_button", vec![review_button.to_string()]),
        ("reviewing", vec![reviewing.to_string()]),
        ("date_required", vec![date_required.to_string()]),
        ("date_invalid", vec![date_invalid.to_string()]),
        ("confirm_title", vec![confirm_title.to_string()]),
        (
            "confirm_scope",
            vec![m.confirm_scope(day(), Some("7")), m.confirm_scope(day(), None)],
        ),
        ("server_count", COUNTS.iter().map(|&n| m.server_count(n)).collect()),
        ("nothing_to_remove", vec![nothing_to_remove.to_string()]),
        ("confirm_button", COUNTS.iter().map(|&n| m.confirm_button(n)).collect()),
        ("removing", vec![removing.to_string()]),
        ("cancel", vec![cancel.to_string()]),
        ("removed", COUNTS.iter().map(|&n| m.removed(n)).collect()),
        ("remove_failed", vec![remove_failed.to_string()]),
        ("remove_unconfirmed", vec![remove_unconfirmed.to_string()]),
        ("remove_unconfirmed_done", vec![remove_unconfirmed_done.to_string()]),
        ("input_kept", vec![input_kept.to_string()]),
        ("view_list", vec![view_list.to_string()]),
        ("irreversible", vec![irreversible.to_string()]),
        ("outcome_checking", vec![outcome_checking.to_string()]),
        ("outcome_done", COUNTS.iter().map(|&n| m.outcome_done(n)).collect()),
        (
            "outcome_not_done",
            COUNTS.iter().map(|&n| m.outcome_not_done(n)).collect(),
        ),
        (
            "outcome_partial",
            COUNTS.iter().map(|&n| m.outcome_partial(n, 2_000_000)).collect(),
        ),
        ("outcome_unknown", vec![outcome_unknown.to_string()]),
        ("removal_in_progress", vec![removal_in_progress.to_string()]),
        ("open_removal", vec![open_removal.to_string()]),
        ("dismiss", vec![dismiss.to_string()]),
        ("error_title", vec![error_title.to_string()]),
        ("retry", vec![retry.to_string()]),
        ("go_first_page", vec![go_first_page.to_string()]),
        ("sign_in_again", vec![sign_in_again.to_string()]),
        ("err_unauthorized", vec![err_unauthorized.to_string()]),
        ("err_forbidden", vec![err_forbidden.to_string()]),
        ("err_not_found", vec![m.err_not_found("Not found.")]),
        ("err_invalid_page", vec![err_invalid_page.to_string()]),
        ("err_validation", vec![err_validation.to_string()]),
        ("err_throttled", vec![m.err_throttled(Some(3)), m.err_throttled(None)]),
        ("err_server", vec![m.err_server(502)]),
        ("err_status", vec![m.err_status(418)]),
        ("err_network", vec![m.err_network("Failed to fetch")]),
        ("err_timeout", vec![m.err_timeout(30)]),
        (
            "err_decode",
            vec![m.err_decode(Body::Page, "y"), m.err_decode(Body::Record, "y")],
        ),
        ("retrying_in", vec![m.retrying_in(3, 1, 3)]),
        ("stop_retrying", vec![stop_retrying.to_string()]),
        ("err_aborted", vec![err_aborted.to_string()]),
        ("recovery_title", vec![recovery_title.to_string()]),
        ("recovery_intro", vec![recovery_intro.to_string()]),
        ("recovery_what_happened", vec![m.recovery_what_happened("boom")]),
        ("recovery_reload", vec![recovery_reload.to_string()]),
        ("recovery_copy", vec![recovery_copy.to_string()]),
        ("recovery_copied", vec![recovery_copied.to_string()]),
        ("recovery_copy_manual", vec![recovery_copy_manual.to_string()]),
        (
            "recovery_diagnostics_label",
            vec![recovery_diagnostics_label.to_string()],
        ),
        ("language_label", vec![language_label.to_string()]),
        ("connecting", vec![connecting.to_string()]),
        ("skip_to_main", vec![skip_to_main.to_string()]),
        ("shortcuts_title", vec![shortcuts_title.to_string()]),
        ("shortcut_help", shortcut_help.iter().map(|s| s.to_string()).collect()),
        ("shortcuts_typing", vec![shortcuts_typing.to_string()]),
        ("shortcuts_enabled", vec![shortcuts_enabled.to_string()]),
        ("close", vec![close.to_string()]),
        ("filters_malformed", vec![filters_malformed.to_string()]),
        ("impact_by_reason", vec![impact_by_reason.to_string()]),
        ("impact_by_location", vec![impact_by_location.to_string()]),
        ("impact_other_reasons", vec![impact_other_reasons.to_string()]),
        ("impact_other_locations", vec![impact_other_locations.to_string()]),
        ("not_available", vec![not_available.to_string()]),
        ("impact_span", vec![m.impact_span(Some(day()), None)]),
        ("impact_progress", vec![m.impact_progress(12, 1058)]),
        ("impact_no_locations", vec![impact_no_locations.to_string()]),
        ("impact_show", vec![impact_show.to_string()]),
        ("export_button", vec![export_button.to_string()]),
        ("export_cap", vec![m.export_cap(123_456, 100_000)]),
        ("export_cap_go", vec![m.export_cap_go(100_000)]),
        ("export_progress", vec![m.export_progress(3000, 5000, Some(12))]),
        ("export_throttled", vec![m.export_throttled(5)]),
        ("export_done", vec![m.export_done(5000, "d.csv")]),
        ("export_changed", vec![m.export_changed(5000, 5012)]),
        ("export_cancelled", vec![m.export_cancelled(2000)]),
        ("export_failed", vec![m.export_failed(2000, 5000)]),
        ("export_resume", vec![export_resume.to_string()]),
        ("active_filters", vec![active_filters.to_string()]),
        ("remove_filter", vec![m.remove_filter("Reason: Damaged")]),
        ("clear_all", vec![clear_all.to_string()]),
        ("nav_insights", vec![nav_insights.to_string()]),
        ("ins_records", vec![ins_records.to_string()]),
        ("ins_active", vec![ins_active.to_string()]),
        ("ins_inactive", vec![ins_inactive.to_string()]),
        (
            "ins_progress",
            COUNTS.iter().map(|&n| m.ins_progress(n as usize, 1_000_000)).collect(),
        ),
        ("ins_done", vec![ins_done.to_string()]),
        ("ins_tables", vec![ins_tables.to_string()]),
        ("ins_trend", ins_trend.iter().map(|t| t.to_string()).collect()),
        ("ins_spans", ins_spans.iter().map(|t| t.to_string()).collect()),
        ("ins_week_of", vec![m.ins_week_of(day())]),
        (
            "ins_trend_summary",
            COUNTS
                .iter()
                .flat_map(|&n| [m.ins_trend_summary(0, n, 2), m.ins_trend_summary(1, 2, n)])
                .collect(),
        ),
        ("ins_direction", ins_direction.iter().map(|t| t.to_string()).collect()),
        ("ins_ages", vec![ins_ages.to_string()]),
        ("ins_older", vec![m.ins_older(90)]),
        ("ins_age_hint", vec![ins_age_hint.to_string()]),
        (
            "ins_top",
            COUNTS.iter().map(|&n| m.ins_top("Damaged", n, 1_000_000)).collect(),
        ),
        (
            "ins_budget",
            COUNTS.iter().map(|&n| m.ins_budget(n as usize, 75)).collect(),
        ),
        (
            "ins_count_rest",
            COUNTS.iter().map(|&n| m.ins_count_rest(n as usize)).collect(),
        ),
        ("ins_period", vec![ins_period.to_string()]),
        ("ins_age", vec![ins_age.to_string()]),
        ("ins_malformed", vec![ins_malformed.to_string()]),
        ("reasons", reasons.iter().map(|r| r.to_string()).collect()),
        ("reason_code", vec![m.reason_code("out_of_stock")]),
    ]
}

#[test]
fn every_key_has_text_in_both_languages_and_turkish_is_translated() {
    let en = texts(messages(Lang::En));
    let tr = texts(messages(Lang::Tr));
    assert_eq!(en.len(), tr.len());
    for ((key, en_texts), (tr_key, tr_texts)) in en.iter().zip(&tr) {
        assert_eq!(key, tr_key);
        assert_eq!(en_texts.len(), tr_texts.len(), "{key}");
        for (e, t) in en_texts.iter().zip(tr_texts) {
            assert!(!e.trim().is_empty() && !t.trim().is_empty(), "{key}: empty text");
            if !SAME_IN_BOTH.contains(key) {
                assert_ne!(e, t, "{key}: the Turkish text is the English one");
            }
        }
    }
}

#[test]
fn counts_are_grouped_and_pluralised_per_language() {
    let (en, tr) = (messages(Lang::En), messages(Lang::Tr));
    assert_eq!(
        COUNTS.map(|n| en.confirm_button(n)),
        [
            "Remove 0 records",
            "Remove 1 record",
            "Remove 2 records",
            "Remove 1,000,000 records"
        ]
    );
    // Turkish takes no plural suffix after a number.
    assert_eq!(
        COUNTS.map(|n| tr.confirm_button(n)),
        ["0 kaydı sil", "1 kaydı sil", "2 kaydı sil", "1.000.000 kaydı sil"]
    );
    assert_eq!(en.server_count(1), "The server counts 1 such record right now.");
    assert_eq!(
        en.server_count(1_000_000),
        "The server counts 1,000,000 such records right now."
    );
    assert_eq!(tr.server_count(1), "Sunucu şu anda bu koşula uyan 1 kayıt sayıyor.");
    assert_eq!(tr.server_count(5), "Sunucu şu anda bu koşula uyan 5 kayıt sayıyor.");
    assert_eq!(en.showing(41, 60, 1234), "Showing 41–60 of 1,234");
    assert_eq!(tr.showing(41, 60, 1234), "1.234 kayıttan 41–60 gösteriliyor");
    assert_eq!(
        en.outcome_not_done(1),
        "Nothing was removed: the 1 matching record is still there. You can try again."
    );
    assert_eq!(
        en.outcome_partial(1, 3),
        "1 of the 3 matching records is still there: the removal may have stopped part-way, or new records arrived."
    );
    assert_eq!(tr.page_of(3, 1234), "Sayfa 3 / 1.234");
}

#[test]
fn known_reasons_have_labels_and_unknown_ones_none() {
    assert_eq!(reason_label(messages(Lang::En), "out_of_stock"), Some("Out of stock"));
    assert_eq!(reason_label(messages(Lang::Tr), "out_of_stock"), Some("Stokta yok"));
    assert_eq!(reason_label(messages(Lang::Tr), "Out_Of_Stock"), None);
    assert_eq!(reason_label(messages(Lang::En), "<img src=x>"), None);
}

#[test]
fn templates_fill_by_index_and_leave_other_braces() {
    assert_eq!(
        fill("{2} kayıttan {0}–{1}", &["1", "20", "1.500"]),
        "1.500 kayıttan 1–20"
    );
    assert_eq!(fill("a {0} {0}", &["x"]), "a x x");
    assert_eq!(fill("{1} missing", &["x"]), "{1} missing");
    assert_eq!(fill("{} {x} {", &["x"]), "{} {x} {");
    assert_eq!(fill("ş{0}ş", &["é"]), "şéş");
}

/// index.html paints a skeleton before the wasm runs, with a few of these texts in both
/// languages: each must be the catalogue's, word for word.
#[test]
fn the_boot_skeleton_speaks_the_catalogue() {
    let html = include_str!("../../index.html");
    let mut checked = 0;
    for (lang, m) in [("en", messages(Lang::En)), ("tr", messages(Lang::Tr))] {
        let catalogue = texts(m);
        let marker = format!(r#"<span lang="{lang}" data-msg=""#);
        for chunk in html.split(&marker).skip(1) {
            let (key, rest) = chunk.split_once("\">").expect("a data-msg attribute");
            let text = rest.split('<').next().unwrap_or_default();
            let (_, expected) = catalogue
                .iter()
                .find(|(k, _)| *k == key)
                .unwrap_or_else(|| panic!("index.html names an unknown message {key}"));
            assert_eq!(text, expected[0], "{lang} {key}");
            checked += 1;
        }
    }
    assert_eq!(checked, 14, "seven texts in two languages");
}

/// The favicon is inlined in index.html (no request); `public/favicon.svg` is its source.
#[test]
fn the_inline_favicon_is_public_favicon_svg() {
    let html = include_str!("../../index.html");
    let svg = include_str!("../../public/favicon.svg").trim();
    let encoded: String = svg
        .chars()
        .map(|c| match c {
            '<' | '>' | '#' | '%' => format!("%{:02X}", c as u32),
            '"' => "'".to_string(),
            c => c.to_string(),
        })
        .collect();
    assert!(
        html.contains(&format!(r#"<link rel="icon" href="data:image/svg+xml,{encoded}" />"#)),
        "index.html's favicon differs from public/favicon.svg"
    );
}
