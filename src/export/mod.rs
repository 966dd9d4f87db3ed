//! CSV export of the list as filtered and sorted, across all its pages: pages of
//! [`PAGE_ROWS`] fetched one after another with a read's retries (so a 429 pauses, for its
//! `Retry-After` when given), visible progress with the time left, cancellable within a
//! page, at most [`MAX_ROWS`] rows (said before it starts), and each record once even when
//! the OMS's data moves under it (pages are offsets: a record added or removed meanwhile
//! shifts them), with a note of what changed.
//!
//! The export belongs to the app, not the list page: it goes on while the user looks at
//! a record, and survives a language switch.

pub mod csv;

use crate::api::{ApiError, Cancel, Credentials, ListQuery, RetryControl};
use crate::dates::{now_ms, today};
use crate::locations::Names;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

/// Rows per request: the most the OMS gives.
pub const PAGE_ROWS: u32 = 1000;
/// Rows per file at most: a browser holds the file in memory, and a spreadsheet opens it.
pub const MAX_ROWS: u64 = 100_000;

/// Where the export is, as the list shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Status {
    /// Nothing asked.
    #[default]
    Idle,
    /// The list has more than [`MAX_ROWS`] records: the user is asked first.
    Asking {
        /// Records in the list.
        total: u64,
    },
    /// Fetching: `done` of `of` rows, since `started_ms` (a `Date.now()`).
    Running {
        /// Rows written.
        done: u64,
        /// Rows the file will have.
        of: u64,
        /// When it started, for the time left.
        started_ms: f64,
        /// When `done` was last updated.
        now_ms: f64,
    },
    /// A page failed after its retries: what was fetched is kept, and it can resume.
    Failed {
        /// What went wrong.
        error: ApiError,
        /// Rows written so far.
        done: u64,
        /// Rows the file will have.
        of: u64,
    },
    /// Cancelled by the user: nothing saved.
    Cancelled {
        /// Rows fetched when cancelled.
        done: u64,
    },
    /// Saved.
    Done(Summary),
}

/// What a finished export wrote, and what changed while it ran.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The file's name.
    pub file: String,
    /// Records in the file.
    pub rows: u64,
    /// The list's total when the export started, and when it ended.
    pub totals: (u64, u64),
    /// The list had more than [`MAX_ROWS`] records: only the first are in the file.
    pub capped: bool,
}

/// Seconds left at the rate so far; `None` before there is a rate.
pub fn seconds_left(done: u64, of: u64, elapsed_ms: f64) -> Option<u64> {
    if done == 0 || elapsed_ms <= 0.0 || done >= of {
        return None;
    }
    let per_row = elapsed_ms / done as f64;
    Some(((of - done) as f64 * per_row / 1000.0).ceil() as u64)
}

/// `discrepancies_2026-12-04_reason-damaged_location-7.csv`: the day it was made, and the
/// filters, in characters every file system takes.
pub fn file_name(query: &ListQuery, today: NaiveDate) -> String {
    let mut name = format!("discrepancies_{}", crate::dates::to_iso_date(today));
    for (key, value) in query.api_pairs() {
        if matches!(key, "page" | "limit" | "sort") {
            continue;
        }
        let key = key.replace("__", "-");
        let value: String = value
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
            .take(40)
            .collect();
        name += &format!("_{key}-{value}");
    }
    name.truncate(180);
    name + ".csv"
}

/// Ids already written: a record that a shifted page brings again is skipped.
type Seen = HashSet<i64, BuildHasherDefault<IdHasher>>;

/// Ids are spread already: a multiply is hash enough, and needs no random keys.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_i64(&mut self, n: i64) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// An export under way: what it asks and what it wrote.
struct Job {
    query: ListQuery,
    names: Option<Names>,
    next_page: u64,
    file: String,
    seen: Seen,
    rows: u64,
    totals: Option<(u64, u64)>,
    started_ms: f64,
    /// The user agreed to a file of the first [`MAX_ROWS`] of a longer list.
    confirmed: bool,
}

impl Job {
    /// The rows the file will have: the list's total when it started, at most [`MAX_ROWS`].
    fn target(&self) -> u64 {
        self.totals.map_or(0, |(first, _)| first.min(MAX_ROWS))
    }

    /// Rows written, and rows the file will have (never fewer than written).
    fn progress(&self) -> (u64, u64) {
        (self.rows, self.target().max(self.rows))
    }

    /// What the panel shows while pages are fetched.
    fn running(&self) -> Status {
        let (done, of) = self.progress();
        Status::Running {
            done,
            of,
            started_ms: self.started_ms,
            now_ms: now_ms(),
        }
    }
}

/// The app's export: its status (for the list's panel) and the job behind it.
#[derive(Clone, Copy)]
pub struct Exporter {
    /// What the panel shows.
    pub status: RwSignal<Status>,
    /// The retries of the page being fetched (a 429's pause shows in the panel).
    pub retries: RetryControl,
    job: StoredValue<Option<Rc<RefCell<Job>>>, LocalStorage>,
    cancel: StoredValue<Option<Cancel>, LocalStorage>,
}

impl Exporter {
    /// No export yet.
    pub fn new() -> Exporter {
        Exporter {
            status: RwSignal::new(Status::Idle),
            retries: RetryControl::default(),
            job: StoredValue::new_local(None),
            cancel: StoredValue::new_local(None),
        }
    }

    /// True while pages are being fetched.
    pub fn running(&self) -> bool {
        self.status.with(|s| matches!(s, Status::Running { .. }))
    }

    /// Exports the records of `query` (its page ignored). When its first page shows more
    /// than [`MAX_ROWS`], it stops there and asks ([`Exporter::confirm`] goes on).
    pub fn start(self, credentials: Credentials, query: &ListQuery, names: &Names) {
        if self.running() {
            return;
        }
        let names = (!names.all().is_empty()).then(|| names.clone());
        let mut file = String::from(csv::BOM);
        csv::push_header(&mut file, names.is_some());
        let job = Job {
            query: ListQuery {
                limit: PAGE_ROWS,
                ..query.with_page(1)
            },
            names,
            next_page: 1,
            file,
            seen: Seen::default(),
            rows: 0,
            totals: None,
            started_ms: now_ms(),
            confirmed: false,
        };
        self.job.set_value(Some(Rc::new(RefCell::new(job))));
        self.resume(credentials);
    }

    /// Goes on from the page that failed, with what was fetched before it.
    pub fn resume(self, credentials: Credentials) {
        let Some(Some(job)) = self.job.try_get_value() else {
            return;
        };
        let cancel = Cancel::new();
        self.cancel.set_value(Some(cancel.clone()));
        self.status.set(job.borrow().running());
        leptos::task::spawn_local(self.run(credentials, job, cancel));
    }

    /// The user agreed to export the first [`MAX_ROWS`]: goes on from the first page.
    pub fn confirm(self, credentials: Credentials) {
        if let Some(Some(job)) = self.job.try_get_value() {
            job.borrow_mut().confirmed = true;
            self.resume(credentials);
        }
    }

    /// Stops: the page in flight is aborted and nothing is saved.
    pub fn cancel(self) {
        if let Some(Some(cancel)) = self.cancel.try_update_value(Option::take) {
            cancel.abort();
        }
        let done = self
            .job
            .try_update_value(Option::take)
            .flatten()
            .map_or(0, |j| j.borrow().rows);
        self.status.try_set(Status::Cancelled { done });
    }

    /// Back to idle (the panel's message dismissed, or the question declined).
    pub fn dismiss(self) {
        if !self.running() {
            self.job.set_value(None);
            self.status.set(Status::Idle);
        }
    }

    async fn run(self, credentials: Credentials, job: Rc<RefCell<Job>>, cancel: Cancel) {
        loop {
            let query = {
                let j = job.borrow();
                ListQuery {
                    page: j.next_page,
                    ..j.query.clone()
                }
            };
            let answer = crate::loader::read_page(self.retries, cancel.clone(), &credentials, &query).await;
            if cancel.is_aborted() {
                return;
            }
            let page = match answer {
                Ok(page) => page,
                // Past the end: records went while the export ran; what was there is written.
                Err(ApiError::InvalidPage) => break,
                Err(error) => {
                    let (done, of) = job.borrow().progress();
                    self.status.try_set(Status::Failed { error, done, of });
                    return;
                }
            };
            let finished = {
                let mut j = job.borrow_mut();
                let j = &mut *j;
                j.totals = Some(
                    j.totals
                        .map_or((page.count, page.count), |(first, _)| (first, page.count)),
                );
                let target = j.target();
                for record in &page.results {
                    if j.rows < target && j.seen.insert(record.id) {
                        csv::push_record(&mut j.file, record, j.names.as_ref());
                        j.rows += 1;
                    }
                }
                j.next_page += 1;
                if !j.confirmed && page.count > MAX_ROWS {
                    self.status.try_set(Status::Asking { total: page.count });
                    return;
                }
                self.status.try_set(j.running());
                j.rows >= target || page.results.len() < PAGE_ROWS as usize || page.next.is_none()
            };
            if finished {
                break;
            }
        }
        let Some(job) = self.job.try_update_value(Option::take).flatten() else {
            return;
        };
        let j = job.borrow();
        let file = file_name(&j.query, today());
        save(&j.file, &file);
        let totals = j.totals.unwrap_or_default();
        self.status.try_set(Status::Done(Summary {
            file,
            rows: j.rows,
            totals,
            capped: totals.0 > MAX_ROWS,
        }));
    }
}

impl Default for Exporter {
    fn default() -> Self {
        Exporter::new()
    }
}

/// Hands `text` to the browser as a download named `name`.
fn save(text: &str, name: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/csv;charset=utf-8");
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        if let Some(a) = document()
            .create_element("a")
            .ok()
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
        // After the click has started the download.
        let _ = web_sys::window().map(|w| {
            let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            });
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (text, name);
}

#[cfg(test)]
mod tests;
