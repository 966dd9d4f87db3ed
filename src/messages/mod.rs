//! Every user-visible string of the app, one complete catalogue per language.
//!
//! [`Messages`] is one struct and each language one `static` value of it ([`en::EN`],
//! [`tr::TR`]), so a key missing in either language does not compile. Strings with values
//! in them are functions taking the typed value (a count is a `u64`, a day a `NaiveDate`):
//! each language writes numbers, dates and plurals its own way.

use chrono::NaiveDate;

pub mod en;
pub mod tr;

use crate::api::error::Body;
use crate::i18n::{Lang, current, day, number};

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
    /// "Signed in to {0}": the host.
    signed_in_to: &'static str,

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
    /// "Package item {0}": an id.
    package_item_n: &'static str,
    /// "Transfer item {0}": an id.
    transfer_item_n: &'static str,
    /// Shown where neither a package item nor a transfer item is set.
    pub no_item: &'static str,
    /// "Showing {0}–{1} of {2}": first row, last row, total.
    showing: &'static str,
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
    /// "Page {0}" (a pager link's name).
    page_n: &'static str,
    /// "Page {0} of {1}".
    page_of: &'static str,
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
    /// Label of the created-from filter.
    pub filter_created_from: &'static str,
    /// Label of the preset ranges' select, and its first option.
    pub presets_label: &'static str,
    /// The preset ranges, in the order of [`crate::list_filters::PRESETS`].
    pub presets: [&'static str; 6],
    /// Label of the package item filter.
    pub filter_package_item: &'static str,
    /// Label of the transfer item filter.
    pub filter_transfer_item: &'static str,
    /// Label of the record ids filter.
    pub filter_ids: &'static str,
    /// Shown when the record ids filter does not read.
    pub ids_invalid: &'static str,
    /// Shown when the active filter is neither yes nor no.
    pub must_be_yes_or_no: &'static str,
    /// The "any" choice of a filter.
    pub any: &'static str,
    /// Apply button of the filter bar.
    pub apply_filters: &'static str,
    /// Shown when a filter value is not a positive whole number.
    pub must_be_positive_integer: &'static str,
    /// A filter the OMS ignored: {0} is its label.
    filter_not_honoured: &'static str,
    /// Accessible name of a row's link: {0} is the id.
    open_record: &'static str,

    // Detail.
    /// Heading of the detail page: {0} is the id.
    detail_title: &'static str,
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
    /// A detail URL whose id is not a number: {0} is what was there.
    invalid_id: &'static str,
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
    /// The confirmation's scope at one stock location: {0} the day, {1} the location.
    confirm_scope: &'static str,
    /// The server's count of matching records: {0}. One and other forms.
    server_count: [&'static str; 2],
    /// Shown when the preview count is zero.
    pub nothing_to_remove: &'static str,
    /// The confirm button: remove {0} records. One and other forms.
    confirm_button: [&'static str; 2],
    /// Confirm button while the removal request is in flight.
    pub removing: &'static str,
    /// Cancel button of the confirmation.
    pub cancel: &'static str,
    /// Success: {0} records matched before the request.
    removed: &'static str,
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
    /// A lost answer, re-counted: all {0} went. One and other forms.
    outcome_done: [&'static str; 2],
    /// A lost answer, re-counted: all {0} are still there. One and other forms.
    outcome_not_done: [&'static str; 2],
    /// A lost answer, re-counted: {0} of {1} are still there (plural by {0}). One and other forms.
    outcome_partial: [&'static str; 2],
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
    /// A 404 with the server's {0}.
    err_not_found: &'static str,
    /// 404 "Invalid page." explained.
    pub err_invalid_page: &'static str,
    /// 400 heading.
    pub err_validation: &'static str,
    /// 429 with Retry-After: {0} seconds.
    err_throttled: &'static str,
    /// 5xx: {0} is the status.
    err_server: &'static str,
    /// An unexpected status {0}.
    err_status: &'static str,
    /// No response: {0} is the browser's explanation.
    err_network: &'static str,
    /// No answer within {0} seconds.
    err_timeout: &'static str,
    /// An unreadable body: {0} what was expected, {1} the decoder's explanation.
    err_decode: &'static str,
    /// The retry banner: {0} seconds, retry {1} of {2}.
    retrying_in: &'static str,
    /// Button that stops automatic retries.
    pub stop_retrying: &'static str,
    /// Request was cancelled (never shown for superseded requests).
    pub err_aborted: &'static str,

    // Recovery view after a crash (a panic), built without Leptos (recovery.rs).
    /// Heading of the recovery view.
    pub recovery_title: &'static str,
    /// What the recovery view is and the way forward.
    pub recovery_intro: &'static str,
    /// "What happened: {0}" (the panic message).
    recovery_what_happened: &'static str,
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

    // Templates with two shapes.
    /// The confirmation's scope at every stock location: {0} the day.
    confirm_scope_everywhere: &'static str,
    /// 429 without Retry-After.
    err_throttled_soon: &'static str,
    /// What an unreadable list body was expected to be.
    body_page: &'static str,
    /// What an unreadable detail body was expected to be.
    body_record: &'static str,

    // Language and reasons.
    /// The catalogue's language: numbers and dates in its messages are written its way.
    pub lang: Lang,
    /// Accessible name of the language switcher.
    pub language_label: &'static str,
    /// Embedded, while the host back office has not yet said whether it signs the app in.
    pub connecting: &'static str,

    // Keyboard.
    /// The skip link to the main content, first in the Tab order.
    pub skip_to_main: &'static str,
    /// Title of the shortcut list, and the accessible name of the header's button opening it.
    pub shortcuts_title: &'static str,
    /// What each shortcut does, in the order of [`crate::keyboard::KEYS`].
    pub shortcut_help: [&'static str; 10],
    /// Says that shortcuts do nothing while typing.
    pub shortcuts_typing: &'static str,
    /// Label of the checkbox turning the shortcuts on and off.
    pub shortcuts_enabled: &'static str,
    /// Closes a dialog.
    pub close: &'static str,
    /// Instead of the list while a filter of the URL does not read.
    pub filters_malformed: &'static str,

    // The removal's breakdown, in its confirmation.
    /// Caption of the breakdown by reason.
    pub impact_by_reason: &'static str,
    /// Caption of the breakdown by stock location.
    pub impact_by_location: &'static str,
    /// The line for every reason not listed.
    pub impact_other_reasons: &'static str,
    /// The line for every stock location not listed.
    pub impact_other_locations: &'static str,
    /// A count or date whose query failed.
    pub not_available: &'static str,
    /// "Created from {0} to {1}": the oldest and newest day in the removal's scope.
    impact_span: &'static str,
    /// Progress of the breakdown: {0} of {1} counts in.
    impact_progress: &'static str,
    /// Why there is no breakdown by stock location (the location list could not be read).
    pub impact_no_locations: &'static str,
    /// The link that opens exactly the records of the removal in the list.
    pub impact_show: &'static str,

    // The CSV export.
    /// The list's export button.
    pub export_button: &'static str,
    /// Asked before a capped export: {0} records in the list, {1} in the file.
    export_cap: &'static str,
    /// Starts a capped export: {0} the cap.
    export_cap_go: &'static str,
    /// Progress: {0} of {1} rows.
    export_progress: &'static str,
    /// Time left: {0} seconds.
    export_time_left: &'static str,
    /// A 429 pauses the export: {0} seconds.
    export_throttled: &'static str,
    /// Saved: {0} records, {1} the file name.
    export_done: &'static str,
    /// The list's total changed during the export: {0} at the start, {1} at the end.
    export_changed: &'static str,
    /// Cancelled after {0} rows.
    export_cancelled: &'static str,
    /// Stopped by a failure at {0} of {1} rows.
    export_failed: &'static str,
    /// Resumes a failed export.
    pub export_resume: &'static str,

    // Insights.
    /// The insights' link in the header navigation and the list, and their page's heading.
    pub nav_insights: &'static str,
    /// Records under the filters: the totals' and the tables' count heading.
    pub ins_records: &'static str,
    /// The active records' count.
    pub ins_active: &'static str,
    /// The inactive records' count.
    pub ins_inactive: &'static str,
    /// Progress: {0} counts in, of {1}.
    ins_progress: &'static str,
    /// Announced once every count is in.
    pub ins_done: &'static str,
    /// Toggles tables in place of the charts (a pressed button).
    pub ins_tables: &'static str,
    /// The trend's title, per week and per day.
    pub ins_trend: [&'static str; 2],
    /// The trend's span buttons: weeks, days.
    pub ins_spans: [&'static str; 2],
    /// A week's name: {0} its Monday.
    ins_week_of: &'static str,
    /// The trend's summary, per week and per day: {0} records in the last complete
    /// stretch, {1} in the one before.
    ins_trend_summary: [&'static str; 2],
    /// The trend's direction: fewer, as many, more than before.
    pub ins_direction: [&'static str; 3],
    /// The age profile's title.
    pub ins_ages: &'static str,
    /// An age bucket: {0} days.
    ins_older: &'static str,
    /// What choosing an age does, and what the removal takes.
    pub ins_age_hint: &'static str,
    /// A ranking's summary: {0} the first, {1} its count, {2} the total.
    ins_top: &'static str,
    /// The locations' ranking covers {0} of {1} locations.
    ins_budget: &'static str,
    /// Counts the {0} locations left.
    ins_count_rest: &'static str,
    /// The trend table's first column.
    pub ins_period: &'static str,
    /// The age table's first column.
    pub ins_age: &'static str,
    /// A filter of the address does not read: nothing is counted.
    pub ins_malformed: &'static str,

    // The list's filter chips.
    /// Accessible name of the chips' list.
    pub active_filters: &'static str,
    /// A chip's accessible name: "Remove filter {0}", {0} the chip's text.
    remove_filter: &'static str,
    /// Drops every filter at once.
    pub clear_all: &'static str,
    /// Labels of the known reason codes, in the order of [`KNOWN_REASONS`].
    pub reasons: [&'static str; KNOWN_REASONS.len()],
    /// Tooltip of a translated reason: {0} is the code.
    reason_code: &'static str,
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

/// `template` with `{0}`, `{1}`… replaced by `args`; any other brace stays as written.
pub(crate) fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let arg = after
            .get(1..3)
            .filter(|s| s.ends_with('}'))
            .and_then(|s| s[..1].parse::<usize>().ok())
            .and_then(|i| args.get(i));
        match arg {
            Some(value) => {
                out.push_str(value);
                rest = &after[3..];
            }
            None => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The typed messages: every value goes in typed (a count is a `u64`, a day a `NaiveDate`)
/// and comes out written the catalogue's way. One body for both languages: the catalogues
/// are data.
impl Messages {
    fn count(&self, n: u64) -> String {
        number(self.lang, n)
    }

    fn plural(&self, forms: [&'static str; 2], n: u64) -> &'static str {
        if n == 1 { forms[0] } else { forms[1] }
    }

    /// "Signed in to {host}".
    pub fn signed_in_to(&self, host: &str) -> String {
        fill(self.signed_in_to, &[host])
    }

    /// "Package item 11111".
    pub fn package_item_n(&self, id: i64) -> String {
        fill(self.package_item_n, &[&id.to_string()])
    }

    /// "Transfer item 5".
    pub fn transfer_item_n(&self, id: i64) -> String {
        fill(self.transfer_item_n, &[&id.to_string()])
    }

    /// "Showing 41–60 of 1,234".
    pub fn showing(&self, from: u64, to: u64, total: u64) -> String {
        fill(self.showing, &[&self.count(from), &self.count(to), &self.count(total)])
    }

    /// "Page 3".
    pub fn page_n(&self, page: u64) -> String {
        fill(self.page_n, &[&self.count(page)])
    }

    /// "Page 3 of 62".
    pub fn page_of(&self, page: u64, last: u64) -> String {
        fill(self.page_of, &[&self.count(page), &self.count(last)])
    }

    /// A filter the OMS ignored, by its label.
    pub fn filter_not_honoured(&self, label: &str) -> String {
        fill(self.filter_not_honoured, &[label])
    }

    /// "Open discrepancy 42".
    pub fn open_record(&self, id: i64) -> String {
        fill(self.open_record, &[&id.to_string()])
    }

    /// "Discrepancy #42".
    pub fn detail_title(&self, id: i64) -> String {
        fill(self.detail_title, &[&id.to_string()])
    }

    /// A detail URL whose id is not a number.
    pub fn invalid_id(&self, raw: &str) -> String {
        fill(self.invalid_id, &[raw])
    }

    /// What a removal takes: before `date`, at `location` or everywhere.
    pub fn confirm_scope(&self, date: NaiveDate, location: Option<&str>) -> String {
        let date = day(self.lang, date);
        match location {
            Some(loc) => fill(self.confirm_scope, &[&date, loc]),
            None => fill(self.confirm_scope_everywhere, &[&date]),
        }
    }

    /// "Created from 3 Feb 2023 to 30 Dec 2024": each end a day, or not available.
    pub fn impact_span(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
        let end = |d: Option<NaiveDate>| d.map_or_else(|| self.not_available.to_string(), |d| day(self.lang, d));
        fill(self.impact_span, &[&end(from), &end(to)])
    }

    /// "Counting… 12 of 58".
    pub fn impact_progress(&self, done: usize, of: usize) -> String {
        fill(
            self.impact_progress,
            &[&self.count(done as u64), &self.count(of as u64)],
        )
    }

    /// "Counting… 12 of 58".
    pub fn ins_progress(&self, done: usize, of: usize) -> String {
        fill(self.ins_progress, &[&self.count(done as u64), &self.count(of as u64)])
    }

    /// "Week of 3 Feb 2025".
    pub fn ins_week_of(&self, monday: NaiveDate) -> String {
        fill(self.ins_week_of, &[&day(self.lang, monday)])
    }

    /// The trend's summary for weeks (0) or days (1), and its direction.
    pub fn ins_trend_summary(&self, span: usize, recent: u64, before: u64) -> String {
        let direction = self.ins_direction[(recent.cmp(&before) as i8 + 1) as usize];
        let text = fill(
            self.ins_trend_summary[span],
            &[&self.count(recent), &self.count(before)],
        );
        format!("{text} {direction}")
    }

    /// "Older than 90 days".
    pub fn ins_older(&self, days: u32) -> String {
        fill(self.ins_older, &[&self.count(u64::from(days))])
    }

    /// "Most: Damaged, 1,234 of 5,010 records."
    pub fn ins_top(&self, label: &str, n: u64, total: u64) -> String {
        fill(self.ins_top, &[label, &self.count(n), &self.count(total)])
    }

    /// "The ranking covers the first 60 of 75 stock locations."
    pub fn ins_budget(&self, counted: usize, of: usize) -> String {
        fill(self.ins_budget, &[&self.count(counted as u64), &self.count(of as u64)])
    }

    /// "Count the other 15".
    pub fn ins_count_rest(&self, n: usize) -> String {
        fill(self.ins_count_rest, &[&self.count(n as u64)])
    }

    /// "This list has 123,456 records; the file takes the first 100,000."
    pub fn export_cap(&self, total: u64, cap: u64) -> String {
        fill(self.export_cap, &[&self.count(total), &self.count(cap)])
    }

    /// "Export the first 100,000".
    pub fn export_cap_go(&self, cap: u64) -> String {
        fill(self.export_cap_go, &[&self.count(cap)])
    }

    /// "Exporting: 3,000 of 5,000 rows", and the time left when known.
    pub fn export_progress(&self, done: u64, of: u64, seconds_left: Option<u64>) -> String {
        let mut text = fill(self.export_progress, &[&self.count(done), &self.count(of)]);
        if let Some(s) = seconds_left {
            text += " · ";
            text += &fill(self.export_time_left, &[&self.count(s)]);
        }
        text
    }

    /// "The OMS is limiting requests: continuing in 5 s."
    pub fn export_throttled(&self, seconds: u32) -> String {
        fill(self.export_throttled, &[&self.count(u64::from(seconds))])
    }

    /// "Saved discrepancies_….csv with 5,000 records."
    pub fn export_done(&self, rows: u64, file: &str) -> String {
        fill(self.export_done, &[&self.count(rows), file])
    }

    /// What changed in the list while it was exported.
    pub fn export_changed(&self, first: u64, last: u64) -> String {
        fill(self.export_changed, &[&self.count(first), &self.count(last)])
    }

    /// "Export cancelled after 2,000 rows; no file was saved."
    pub fn export_cancelled(&self, done: u64) -> String {
        fill(self.export_cancelled, &[&self.count(done)])
    }

    /// "The export stopped at 2,000 of 5,000 rows."
    pub fn export_failed(&self, done: u64, of: u64) -> String {
        fill(self.export_failed, &[&self.count(done), &self.count(of)])
    }

    /// "Remove filter Reason: Damaged".
    pub fn remove_filter(&self, chip: &str) -> String {
        fill(self.remove_filter, &[chip])
    }

    /// "The server counts 3 such records right now."
    pub fn server_count(&self, n: u64) -> String {
        fill(self.plural(self.server_count, n), &[&self.count(n)])
    }

    /// "Remove 3 records".
    pub fn confirm_button(&self, n: u64) -> String {
        fill(self.plural(self.confirm_button, n), &[&self.count(n)])
    }

    /// The removal went through; `n` matched before.
    pub fn removed(&self, n: u64) -> String {
        fill(self.removed, &[&self.count(n)])
    }

    /// A lost answer: every one of `n` went.
    pub fn outcome_done(&self, n: u64) -> String {
        fill(self.plural(self.outcome_done, n), &[&self.count(n)])
    }

    /// A lost answer: all `n` are still there.
    pub fn outcome_not_done(&self, n: u64) -> String {
        fill(self.plural(self.outcome_not_done, n), &[&self.count(n)])
    }

    /// A lost answer: `left` of `before` are still there.
    pub fn outcome_partial(&self, left: u64, before: u64) -> String {
        fill(
            self.plural(self.outcome_partial, left),
            &[&self.count(left), &self.count(before)],
        )
    }

    /// A 404 with the server's own words.
    pub fn err_not_found(&self, detail: &str) -> String {
        fill(self.err_not_found, &[detail])
    }

    /// A 429, with how long to wait when the server said.
    pub fn err_throttled(&self, after: Option<u64>) -> String {
        match after {
            Some(s) => fill(self.err_throttled, &[&s.to_string()]),
            None => self.err_throttled_soon.to_string(),
        }
    }

    /// A 5xx.
    pub fn err_server(&self, status: u16) -> String {
        fill(self.err_server, &[&status.to_string()])
    }

    /// Any other unexpected status.
    pub fn err_status(&self, status: u16) -> String {
        fill(self.err_status, &[&status.to_string()])
    }

    /// No response, with the browser's explanation.
    pub fn err_network(&self, detail: &str) -> String {
        fill(self.err_network, &[detail])
    }

    /// No answer within `seconds`.
    pub fn err_timeout(&self, seconds: u32) -> String {
        fill(self.err_timeout, &[&seconds.to_string()])
    }

    /// An unreadable body of the `expected` kind, with the decoder's explanation.
    pub fn err_decode(&self, expected: Body, detail: &str) -> String {
        let what = match expected {
            Body::Page => self.body_page,
            Body::Record => self.body_record,
        };
        fill(self.err_decode, &[what, detail])
    }

    /// The retry banner: `seconds` to the retry `attempt` of `of`.
    pub fn retrying_in(&self, seconds: u32, attempt: u32, of: u32) -> String {
        fill(
            self.retrying_in,
            &[&seconds.to_string(), &attempt.to_string(), &of.to_string()],
        )
    }

    /// The recovery view's "what happened".
    pub fn recovery_what_happened(&self, message: &str) -> String {
        fill(self.recovery_what_happened, &[message])
    }

    /// Tooltip of a translated reason.
    pub fn reason_code(&self, code: &str) -> String {
        fill(self.reason_code, &[code])
    }
}
