//! English, the default language.

use super::Messages;
use crate::api::retry::MAX_RETRIES;
use crate::i18n::{Lang, day, number};

fn n(value: u64) -> String {
    number(Lang::En, value)
}

/// "1 record", "2 records", "1,234 records".
fn records(count: u64) -> String {
    match count {
        1 => "1 record".to_string(),
        _ => format!("{} records", n(count)),
    }
}

/// English.
pub static EN: Messages = Messages {
    app_title: "Inventory discrepancies",
    nav_list: "Discrepancies",
    nav_remove: "Remove old records",
    sign_out: "Sign out",
    nav_label: "Main",
    signed_in_to: |host| format!("Signed in to {host}"),

    sign_in_title: "Sign in to the OMS",
    sign_in_intro: "Enter the address of your OMS and your API token. The token is checked with the OMS before it is accepted. It is never put in a URL, and it stays in this tab only: in memory, or in session storage if you ask to stay signed in.",
    base_url_label: "OMS base URL",
    base_url_hint: "Leave as is to use the OMS this app is served with.",
    token_label: "API token",
    token_hint: "Your personal API token from Omnitron (Authorization: Token …).",
    remember_label: "Keep me signed in on this tab",
    sign_in_button: "Sign in",
    signing_in: "Checking token…",
    token_required: "Enter your API token.",
    base_url_invalid: "Enter an http:// or https:// address, for example https://acme-oms.example.com.",
    token_rejected: "The OMS rejected this token. Check it and try again.",
    session_expired: "Your session ended: the OMS no longer accepts the token. Sign in again to continue where you were.",
    signed_out: "You are signed out. The token was removed from this tab.",

    list_title: "Inventory discrepancies",
    table_caption: "Inventory discrepancy records",
    col_id: "ID",
    col_reason: "Reason",
    col_stock_location: "Stock location",
    col_item: "Package / transfer item",
    col_active: "Active",
    col_created: "Created",
    col_modified: "Modified",
    yes: "Yes",
    no: "No",
    package_item_n: |id| format!("Package item {id}"),
    transfer_item_n: |id| format!("Transfer item {id}"),
    no_item: "—",
    showing: |from, to, total| format!("Showing {}–{} of {}", n(from), n(to), n(total)),
    loading: "Loading discrepancies…",
    refreshing: "Loading…",
    empty_list: "There are no inventory discrepancies.",
    empty_filtered: "No discrepancies match these filters.",
    clear_filters: "Clear filters",
    pagination_label: "Pagination",
    first_page: "First",
    previous_page: "Previous",
    next_page: "Next",
    last_page: "Last",
    page_n: |n| format!("Page {n}"),
    page_of: |page, of| format!("Page {} of {}", n(page), n(of)),
    page_size_label: "Rows per page",
    filters_legend: "Filter",
    filter_reason: "Reason",
    filter_stock_location: "Stock location ID",
    filter_active: "Active",
    filter_created_before: "Created before",
    must_be_yes_or_no: "Choose Any, Yes or No.",
    any: "Any",
    apply_filters: "Apply",
    must_be_positive_integer: "Enter a whole number greater than 0.",
    filter_not_honoured: |name| {
        format!(
            "The OMS returned records that do not match the {name} filter: it may not support it. The rows below are unfiltered."
        )
    },
    open_record: |id| format!("Open discrepancy {id}"),

    detail_title: |id| format!("Discrepancy #{id}"),
    back_to_list: "← Back to the list",
    field_reason: "Reason",
    field_stock_location: "Stock location",
    field_package_item: "Package item",
    field_transfer_item: "Transfer item",
    field_active: "Active",
    field_created: "Created",
    field_modified: "Modified",
    field_id: "ID",
    none: "None",
    not_found_title: "Not found",
    invalid_id: |raw| format!("“{raw}” is not a discrepancy id: ids are whole numbers."),
    unknown_page: "There is no page at this address.",

    remove_title: "Remove old records",
    remove_intro: "Permanently delete the discrepancy records created before a date, at every stock location or at one.",
    expired_date_label: "Remove records created before",
    expired_date_hint: "Records created before 00:00 UTC of this day are removed.",
    remove_stock_location_label: "Stock location ID (optional)",
    remove_stock_location_hint: "Leave empty to remove at every stock location.",
    review_button: "Review removal",
    reviewing: "Counting records…",
    date_required: "Choose a date.",
    date_invalid: "Enter a real date.",
    confirm_title: "Confirm removal",
    confirm_scope: |date, location| {
        let date = day(Lang::En, date);
        match location {
            Some(loc) => format!("Records created before {date} (00:00 UTC) at stock location {loc} will be removed."),
            None => format!("Records created before {date} (00:00 UTC) at every stock location will be removed."),
        }
    },
    server_count: |count| {
        format!(
            "The server counts {} such {} right now.",
            n(count),
            if count == 1 { "record" } else { "records" }
        )
    },
    nothing_to_remove: "No records match: there is nothing to remove.",
    confirm_button: |count| format!("Remove {}", records(count)),
    removing: "Removing…",
    cancel: "Cancel",
    removed: |count| {
        format!(
            "Done. The OMS removed the records ({} matched before the request).",
            n(count)
        )
    },
    remove_failed: "The removal did not go through",
    remove_unconfirmed: "The OMS did not confirm the removal",
    remove_unconfirmed_done: "The removal went through",
    input_kept: "Your input is kept below; correct it or try again.",
    view_list: "View the list",
    irreversible: "This cannot be undone.",
    outcome_checking: "The OMS did not confirm the removal. Checking what happened…",
    outcome_done: |count| {
        format!(
            "The removal went through although its answer was lost: none of the {} matching {} is left.",
            n(count),
            if count == 1 { "record" } else { "records" }
        )
    },
    outcome_not_done: |count| {
        format!(
            "Nothing was removed: {} still there. You can try again.",
            match count {
                1 => "the 1 matching record is".to_string(),
                _ => format!("the {} matching records are", n(count)),
            }
        )
    },
    outcome_partial: |left, before| {
        format!(
            "{} of the {} matching records {} still there: the removal may have stopped part-way, or new records arrived.",
            n(left),
            n(before),
            if left == 1 { "is" } else { "are" }
        )
    },
    outcome_unknown: "The result could not be checked. Open the list to see what is left before trying again.",
    removal_in_progress: "A removal is in progress. Its result will be shown here when the OMS answers.",
    open_removal: "Open the removal page",
    dismiss: "Dismiss",

    error_title: "Something went wrong",
    retry: "Try again",
    go_first_page: "Go to page 1",
    sign_in_again: "Sign in again",
    err_unauthorized: "The OMS does not accept your token any more.",
    err_forbidden: "Your token does not have permission for this action.",
    err_not_found: |detail| format!("Not found: {detail}"),
    err_invalid_page: "This page does not exist (any more). The records may have changed.",
    err_validation: "The OMS did not accept the request.",
    err_throttled: |after| match after {
        Some(s) => format!("The OMS is limiting requests. Try again in {s} s."),
        None => "The OMS is limiting requests. Try again in a moment.".to_string(),
    },
    err_server: |status| format!("The OMS had an internal error (HTTP {status}). Try again in a moment."),
    err_status: |status| format!("The OMS answered with an unexpected status (HTTP {status})."),
    err_network: |detail| format!("Could not reach the OMS. Check your connection and the OMS address. ({detail})"),
    err_timeout: |secs| format!("The OMS did not answer within {secs} s."),
    err_decode: |expected, detail| {
        format!("The OMS sent a response this app cannot read (expected {expected}): {detail}")
    },
    retrying_in: |secs, attempt| format!("Retrying in {secs} s (retry {attempt} of {MAX_RETRIES})…"),
    stop_retrying: "Stop retrying",
    err_aborted: "The request was cancelled.",

    recovery_title: "Something broke",
    recovery_intro: "The app ran into an error it cannot recover from and stopped. Reload the page to continue. If it happens again, copy the diagnostics and send them to whoever supports this app: they contain no token.",
    recovery_what_happened: |message| format!("What happened: {message}"),
    recovery_reload: "Reload",
    recovery_copy: "Copy diagnostics",
    recovery_copied: "The diagnostics are on the clipboard.",
    recovery_copy_manual: "This browser did not allow copying: the diagnostics are selected below, copy them with Ctrl+C (⌘C on a Mac).",
    recovery_diagnostics_label: "Diagnostics",

    language_label: "Language",
    reasons: [
        "Out of stock",
        "Damaged",
        "Missing",
        "Wrong product",
        "Expired",
        "Quality issue",
    ],
    reason_code: |code| format!("Code: {code}"),
};
