//! Every user-visible string of the app, in one place.
//!
//! A Turkish translation will follow: it will be a second `Messages` value, chosen at
//! start-up, so components never hold UI text of their own. Strings with values in them
//! are functions, because word order differs between languages.

/// The catalogue of user-visible text for one language.
pub struct Messages {
    /// Name of the app, shown in the header and the document title.
    pub app_title: &'static str,
    /// Link to the list in the header navigation.
    pub nav_list: &'static str,
    /// Link to the removal form in the header navigation.
    pub nav_remove: &'static str,
    /// Label of the sign-out button.
    pub sign_out: &'static str,
    /// Accessible label of the main navigation.
    pub nav_label: &'static str,
    /// "Signed in to {host}" in the header.
    pub signed_in_to: fn(&str) -> String,

    // Sign-in.
    /// Heading of the sign-in page.
    pub sign_in_title: &'static str,
    /// Explains what the sign-in page needs and where the token comes from.
    pub sign_in_intro: &'static str,
    /// Label of the OMS base URL field.
    pub base_url_label: &'static str,
    /// Hint under the base URL field.
    pub base_url_hint: &'static str,
    /// Label of the API token field.
    pub token_label: &'static str,
    /// Hint under the token field.
    pub token_hint: &'static str,
    /// Label of the "keep me signed in on this tab" checkbox.
    pub remember_label: &'static str,
    /// Sign-in submit button.
    pub sign_in_button: &'static str,
    /// Sign-in button while the token is being checked.
    pub signing_in: &'static str,
    /// Shown when the sign-in form is submitted without a token.
    pub token_required: &'static str,
    /// Shown when the base URL is not an http(s) URL.
    pub base_url_invalid: &'static str,
    /// Shown when the OMS rejects the token at sign-in.
    pub token_rejected: &'static str,
    /// Shown on the sign-in page after a 401 ended the session.
    pub session_expired: &'static str,
    /// Shown on the sign-in page after the user signed out.
    pub signed_out: &'static str,

    // List.
    /// Heading of the list page.
    pub list_title: &'static str,
    /// Accessible caption of the table.
    pub table_caption: &'static str,
    /// Column header: id.
    pub col_id: &'static str,
    /// Column header: reason.
    pub col_reason: &'static str,
    /// Column header: stock location.
    pub col_stock_location: &'static str,
    /// Column header: package item / transfer item.
    pub col_item: &'static str,
    /// Column header: active.
    pub col_active: &'static str,
    /// Column header: created.
    pub col_created: &'static str,
    /// Column header: modified.
    pub col_modified: &'static str,
    /// "Yes" for a boolean.
    pub yes: &'static str,
    /// "No" for a boolean.
    pub no: &'static str,
    /// "Package item {id}" in a table cell.
    pub package_item_n: fn(i64) -> String,
    /// "Transfer item {id}" in a table cell.
    pub transfer_item_n: fn(i64) -> String,
    /// Shown where neither a package item nor a transfer item is set.
    pub no_item: &'static str,
    /// "Showing 41–60 of 1,234".
    pub showing: fn(u64, u64, &str) -> String,
    /// "{n} records" as the total count.
    pub total_records: fn(&str) -> String,
    /// Shown while the first page loads.
    pub loading: &'static str,
    /// Marker shown while a newer page loads over the current one.
    pub refreshing: &'static str,
    /// Shown when the list has no records at all.
    pub empty_list: &'static str,
    /// Shown when the filters match no records.
    pub empty_filtered: &'static str,
    /// Button that clears the filters.
    pub clear_filters: &'static str,
    /// Accessible label of the pagination navigation.
    pub pagination_label: &'static str,
    /// First-page button.
    pub first_page: &'static str,
    /// Previous-page button.
    pub previous_page: &'static str,
    /// Next-page button.
    pub next_page: &'static str,
    /// Last-page button.
    pub last_page: &'static str,
    /// "Page {n}" for the accessible name of a page-number link.
    pub page_n: fn(u64) -> String,
    /// "Page 3 of 62".
    pub page_of: fn(u64, u64) -> String,
    /// Label of the page-size selector.
    pub page_size_label: &'static str,
    /// Sort direction announced on a header button: "sort ascending".
    pub sort_ascending: &'static str,
    /// Sort direction announced on a header button: "sort descending".
    pub sort_descending: &'static str,
    /// Legend of the filter bar.
    pub filters_legend: &'static str,
    /// Label of the reason filter.
    pub filter_reason: &'static str,
    /// Label of the stock location filter.
    pub filter_stock_location: &'static str,
    /// Label of the active filter.
    pub filter_active: &'static str,
    /// Label of the created-before date filter.
    pub filter_created_before: &'static str,
    /// Shown when the active filter is neither yes nor no.
    pub must_be_yes_or_no: &'static str,
    /// The "any" choice of a filter.
    pub any: &'static str,
    /// Apply button of the filter bar.
    pub apply_filters: &'static str,
    /// Shown when a filter value is not a positive whole number.
    pub must_be_positive_integer: &'static str,
    /// Warning when the server returned rows that do not match a filter it was sent.
    pub filter_not_honoured: fn(&str) -> String,
    /// Link text to open a record.
    pub open_record: fn(i64) -> String,

    // Detail.
    /// "Discrepancy #{id}".
    pub detail_title: fn(i64) -> String,
    /// Link back to the list.
    pub back_to_list: &'static str,
    /// Field label: reason.
    pub field_reason: &'static str,
    /// Field label: stock location.
    pub field_stock_location: &'static str,
    /// Field label: package item.
    pub field_package_item: &'static str,
    /// Field label: transfer item.
    pub field_transfer_item: &'static str,
    /// Field label: active.
    pub field_active: &'static str,
    /// Field label: created.
    pub field_created: &'static str,
    /// Field label: modified.
    pub field_modified: &'static str,
    /// Field label: id.
    pub field_id: &'static str,
    /// Shown for a null id.
    pub none: &'static str,
    /// "(UTC)" suffix for the exact time.
    pub utc_suffix: &'static str,
    /// "Local time" caption.
    pub local_time: &'static str,
    /// Heading when a record or route is not found.
    pub not_found_title: &'static str,
    /// Body when the detail id is not a number.
    pub invalid_id: fn(&str) -> String,
    /// Body when the page route is unknown.
    pub unknown_page: &'static str,

    // Removal.
    /// Heading of the removal page.
    pub remove_title: &'static str,
    /// Explains what the removal does.
    pub remove_intro: &'static str,
    /// Label of the expired date field.
    pub expired_date_label: &'static str,
    /// Hint under the expired date field.
    pub expired_date_hint: &'static str,
    /// Label of the stock location field.
    pub remove_stock_location_label: &'static str,
    /// Hint under the stock location field.
    pub remove_stock_location_hint: &'static str,
    /// Button that validates the form and asks the server for the preview count.
    pub review_button: &'static str,
    /// Review button while the preview count loads.
    pub reviewing: &'static str,
    /// Shown when the expired date is missing.
    pub date_required: &'static str,
    /// Shown when the expired date cannot be read.
    pub date_invalid: &'static str,
    /// Heading of the confirmation panel.
    pub confirm_title: &'static str,
    /// "Records created before 10 Oct 2023 (00:00 UTC) at stock location 7 will be removed."
    pub confirm_scope: fn(&str, Option<u64>) -> String,
    /// "The server counts 123 such records right now."
    pub server_count: fn(&str) -> String,
    /// Shown when the preview count is zero.
    pub nothing_to_remove: &'static str,
    /// Confirm button: "Remove 123 records".
    pub confirm_button: fn(&str) -> String,
    /// Confirm button while the removal request is in flight.
    pub removing: &'static str,
    /// Cancel button of the confirmation.
    pub cancel: &'static str,
    /// Success message after a 204.
    pub removed: fn(&str) -> String,
    /// Heading of a removal failure.
    pub remove_failed: &'static str,
    /// Heading when the OMS did not confirm and the outcome is open.
    pub remove_unconfirmed: &'static str,
    /// Heading when the answer was lost but the re-count shows the removal happened.
    pub remove_unconfirmed_done: &'static str,
    /// Note that the form input is kept after a failure.
    pub input_kept: &'static str,
    /// Link to view the list after removal.
    pub view_list: &'static str,
    /// "This cannot be undone."
    pub irreversible: &'static str,
    /// Shown while the count is re-checked after a removal whose answer was lost.
    pub outcome_checking: &'static str,
    /// The re-check found none left: the removal went through.
    pub outcome_done: fn(&str) -> String,
    /// The re-check found all of them still there: nothing was removed.
    pub outcome_not_done: fn(&str) -> String,
    /// The re-check found some left: "{left} of {before} …".
    pub outcome_partial: fn(&str, &str) -> String,
    /// The re-check itself failed.
    pub outcome_unknown: &'static str,
    /// Shown on other pages while a removal is in flight.
    pub removal_in_progress: &'static str,
    /// Link to the removal page from its status notice.
    pub open_removal: &'static str,
    /// Button that hides a notice.
    pub dismiss: &'static str,

    // Errors and their next steps.
    /// Heading of an error panel.
    pub error_title: &'static str,
    /// Retry button.
    pub retry: &'static str,
    /// Go-to-first-page button.
    pub go_first_page: &'static str,
    /// Sign-in-again button.
    pub sign_in_again: &'static str,
    /// 401.
    pub err_unauthorized: &'static str,
    /// 403.
    pub err_forbidden: &'static str,
    /// 404 with the server's detail.
    pub err_not_found: fn(&str) -> String,
    /// 404 "Invalid page." explained.
    pub err_invalid_page: &'static str,
    /// 400 heading.
    pub err_validation: &'static str,
    /// 429 with an optional Retry-After in seconds.
    pub err_throttled: fn(Option<u64>) -> String,
    /// 5xx.
    pub err_server: fn(u16) -> String,
    /// Any other unexpected status.
    pub err_status: fn(u16) -> String,
    /// Network failure.
    pub err_network: fn(&str) -> String,
    /// Request timed out.
    pub err_timeout: fn(u32) -> String,
    /// Body could not be decoded.
    pub err_decode: fn(&str, &str) -> String,
    /// "Retrying in 3 s (retry 1 of 3)…".
    pub retrying_in: fn(u32, u32) -> String,
    /// Button that stops automatic retries.
    pub stop_retrying: &'static str,
    /// Request was cancelled (never shown for superseded requests).
    pub err_aborted: &'static str,

    // Recovery view after a crash (a panic), built without Leptos (recovery.rs).
    /// Heading of the recovery view.
    pub recovery_title: &'static str,
    /// What the recovery view is and the way forward.
    pub recovery_intro: &'static str,
    /// "What happened: {panic message}".
    pub recovery_what_happened: fn(&str) -> String,
    /// Button that reloads the page.
    pub recovery_reload: &'static str,
    /// Button that copies the diagnostics.
    pub recovery_copy: &'static str,
    /// Shown once the diagnostics are on the clipboard.
    pub recovery_copied: &'static str,
    /// Shown when the browser refused the clipboard and the diagnostics are selected instead.
    pub recovery_copy_manual: &'static str,
    /// Accessible name of the diagnostics text box.
    pub recovery_diagnostics_label: &'static str,
}

/// English, the default language.
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
    showing: |from, to, total| format!("Showing {from}–{to} of {total}"),
    total_records: |n| format!("{n} records"),
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
    page_of: |n, of| format!("Page {n} of {of}"),
    page_size_label: "Rows per page",
    sort_ascending: "sorted ascending",
    sort_descending: "sorted descending",
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
    utc_suffix: "UTC",
    local_time: "Local time",
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
    confirm_scope: |date, location| match location {
        Some(loc) => format!("Records created before {date} (00:00 UTC) at stock location {loc} will be removed."),
        None => format!("Records created before {date} (00:00 UTC) at every stock location will be removed."),
    },
    server_count: |n| format!("The server counts {n} such records right now."),
    nothing_to_remove: "No records match: there is nothing to remove.",
    confirm_button: |n| format!("Remove {n} records"),
    removing: "Removing…",
    cancel: "Cancel",
    removed: |n| format!("Done. The OMS removed the records ({n} matched before the request)."),
    remove_failed: "The removal did not go through",
    remove_unconfirmed: "The OMS did not confirm the removal",
    remove_unconfirmed_done: "The removal went through",
    input_kept: "Your input is kept below; correct it or try again.",
    view_list: "View the list",
    irreversible: "This cannot be undone.",
    outcome_checking: "The OMS did not confirm the removal. Checking what happened…",
    outcome_done: |n| {
        format!("The removal went through although its answer was lost: none of the {n} matching records is left.")
    },
    outcome_not_done: |n| format!("Nothing was removed: the {n} matching records are still there. You can try again."),
    outcome_partial: |left, before| {
        format!(
            "{left} of the {before} matching records are still there: the removal may have stopped part-way, or new records arrived."
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
    retrying_in: |secs, attempt| format!("Retrying in {secs} s (retry {attempt} of 3)…"),
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
};

/// The messages of the current language.
pub fn t() -> &'static Messages {
    &EN
}

/// Formats a count with thousands separators ("1,234"), as the English UI shows counts.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1234), "1,234");
        assert_eq!(count(1_000_000), "1,000,000");
    }

    #[test]
    fn showing_reads_like_the_spec() {
        assert_eq!((EN.showing)(41, 60, &count(1234)), "Showing 41–60 of 1,234");
    }

    #[test]
    fn confirmation_names_date_and_location() {
        assert_eq!(
            (EN.confirm_scope)("10 Oct 2023", Some(7)),
            "Records created before 10 Oct 2023 (00:00 UTC) at stock location 7 will be removed."
        );
    }
}
