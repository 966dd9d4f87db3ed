//! Every user-visible string of the app, one complete catalogue per language.
//!
//! [`Messages`] is one struct and each language one `static` value of it ([`en::EN`],
//! [`tr::TR`]), so a key missing in either language does not compile. Strings with values
//! in them are functions taking the typed value (a count is a `u64`, a day a `NaiveDate`):
//! each language writes numbers, dates and plurals its own way.

use chrono::NaiveDate;

pub mod en;
pub mod tr;

use crate::i18n::{Lang, current};

/// Reason codes the OMS is known to send; each catalogue has a label for every one, and
/// any other code is shown exactly as sent.
pub const KNOWN_REASONS: [&str; 6] = [
    "out_of_stock",
    "damaged",
    "missing",
    "wrong_product",
    "expired",
    "quality_issue",
];

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
    pub showing: fn(u64, u64, u64) -> String,
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
    pub confirm_scope: fn(NaiveDate, Option<u64>) -> String,
    /// "The server counts 123 such records right now."
    pub server_count: fn(u64) -> String,
    /// Shown when the preview count is zero.
    pub nothing_to_remove: &'static str,
    /// Confirm button: "Remove 123 records".
    pub confirm_button: fn(u64) -> String,
    /// Confirm button while the removal request is in flight.
    pub removing: &'static str,
    /// Cancel button of the confirmation.
    pub cancel: &'static str,
    /// Success message after a 204.
    pub removed: fn(u64) -> String,
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
    pub outcome_done: fn(u64) -> String,
    /// The re-check found all of them still there: nothing was removed.
    pub outcome_not_done: fn(u64) -> String,
    /// The re-check found some left: "{left} of {before} …".
    pub outcome_partial: fn(u64, u64) -> String,
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

    // Language and reasons.
    /// Accessible name of the language switcher.
    pub language_label: &'static str,
    /// Labels of the known reason codes, in the order of [`KNOWN_REASONS`].
    pub reasons: [&'static str; KNOWN_REASONS.len()],
    /// Tooltip of a translated reason: "Code: out_of_stock".
    pub reason_code: fn(&str) -> String,
}

/// The catalogue of `lang`.
pub fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::En => &en::EN,
        Lang::Tr => &tr::TR,
    }
}

/// The messages of the language in force.
pub fn t() -> &'static Messages {
    messages(current())
}

/// The label of a reason code in `m`, or `None` for a code the app does not know.
pub fn reason_label(m: &Messages, code: &str) -> Option<&'static str> {
    KNOWN_REASONS
        .iter()
        .position(|known| *known == code)
        .map(|i| m.reasons[i])
}

#[cfg(test)]
mod tests;
