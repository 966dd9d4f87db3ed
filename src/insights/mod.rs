//! Insights: where the discrepancies under a filter set come from, how old they are and
//! whether they are getting fewer, all from the OMS's own counts (a page of one row under
//! narrower filters), never from the records, so a million records cost what a thousand do.
//!
//! Pure: the plan (which counts a filter set needs), the date arithmetic of the buckets and
//! the bookkeeping of answers are tested on the host; [`crate::pages::InsightsPage`] sends
//! the counts with [`crate::api::counts`] and [`render`] writes the page.

pub(crate) mod chart;
pub(crate) mod render;

use crate::api::{ApiError, Filters, ListQuery};
use crate::messages::KNOWN_REASONS;
use chrono::{Datelike, Days, NaiveDate};
use std::cell::RefCell;

/// Stock locations counted before the user asks for the rest: a count each, and the OMS
/// serves the shops too.
pub(crate) const LOCATION_BUDGET: usize = 60;
/// Weeks in the weekly trend (this one included).
pub(crate) const WEEKS: u8 = 26;
/// Days in the daily trend (today included).
pub(crate) const DAYS: u8 = 30;
/// The age profile's cut-offs, in days: the records created before `today − n`.
pub(crate) const AGES: [u32; 4] = [30, 90, 180, 365];

/// One count the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// Every record under the filters.
    Total,
    /// The active ones (asked only when the filters leave both kinds).
    Active,
    /// The inactive ones (likewise).
    Inactive,
    /// The known reason at this index of [`KNOWN_REASONS`].
    Reason(u8),
    /// One stock location, by id.
    Location(i64),
    /// The week at this index, 0 the oldest of [`WEEKS`].
    Week(u8),
    /// The day at this index, 0 the oldest of [`DAYS`].
    Day(u8),
    /// Older than the cut-off at this index of [`AGES`].
    Older(u8),
}

/// The page's sections, each with its own retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    /// Total, active, inactive.
    Totals = 0,
    /// By reason.
    Reasons = 1,
    /// By stock location.
    Locations = 2,
    /// Per week or per day.
    Trend = 3,
    /// The age profile.
    Ages = 4,
}

impl Section {
    /// Every section, in the page's order (a section's number is its index).
    pub(crate) const ALL: [Section; 5] = [
        Section::Totals,
        Section::Reasons,
        Section::Locations,
        Section::Trend,
        Section::Ages,
    ];
}

impl Part {
    /// The section that shows this part.
    pub(crate) fn section(self) -> Section {
        match self {
            Part::Total | Part::Active | Part::Inactive => Section::Totals,
            Part::Reason(_) => Section::Reasons,
            Part::Location(_) => Section::Locations,
            Part::Week(_) | Part::Day(_) => Section::Trend,
            Part::Older(_) => Section::Ages,
        }
    }
}

/// Where one count stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Not in yet: on its way, or to be asked when the page shows (it was left before).
    Pending,
    /// The OMS's count.
    Count(u64),
    /// The count failed: "not available", with a retry.
    Failed,
}

/// The trend's buckets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Span {
    /// [`WEEKS`] weeks, Monday to Sunday (UTC).
    #[default]
    Weeks,
    /// [`DAYS`] days (UTC).
    Days,
}

/// The first day of each trend bucket of `span` up to `today`, oldest first, and the day
/// after the last one (the end of the last bucket, which is today's week or today).
/// Calendar days in UTC, as the OMS's `created_date` filters take them: no clock change
/// moves a boundary.
pub(crate) fn buckets(span: Span, today: NaiveDate) -> Vec<NaiveDate> {
    let (last, step, n) = match span {
        Span::Weeks => (
            today - Days::new(u64::from(today.weekday().num_days_from_monday())),
            7,
            WEEKS,
        ),
        Span::Days => (today, 1, DAYS),
    };
    let first = last - Days::new((u64::from(n) - 1) * step);
    (0..=u64::from(n)).map(|i| first + Days::new(i * step)).collect()
}

/// The day before which records are older than `AGES[index]` days.
pub(crate) fn cut_off(today: NaiveDate, index: u8) -> NaiveDate {
    today - Days::new(u64::from(AGES[usize::from(index)]))
}

/// The counts of one filter set, kept for the session (the page shows them again at once).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Insights {
    /// The filters every count is under.
    pub(crate) filters: Filters,
    /// The day the buckets and cut-offs count from.
    pub(crate) today: NaiveDate,
    /// What is counted, in the order asked.
    pub(crate) parts: Vec<Part>,
    /// Where each part stands.
    pub(crate) slots: Vec<Slot>,
    /// Stock locations known when they were planned (the ranking may cover fewer).
    pub(crate) locations_known: usize,
    /// The first day of each week and each day of the trend, and the day after the last
    /// ([`buckets`] of `today`): worked out once, not for every count and every drawing.
    starts: [Vec<NaiveDate>; 2],
}

impl Insights {
    /// The plan for `filters` on `today`: the totals (active and inactive unless the filters
    /// decide it), each known reason (unless one is filtered), the weekly trend and the age
    /// profile. Stock locations come with [`Insights::plan_locations`], once their names
    /// are read.
    pub(crate) fn new(filters: Filters, today: NaiveDate) -> Insights {
        let mut insights = Insights {
            filters,
            today,
            parts: Vec::new(),
            slots: Vec::new(),
            locations_known: 0,
            starts: [buckets(Span::Weeks, today), buckets(Span::Days, today)],
        };
        let mut parts = vec![Part::Total];
        if insights.filters.is_active.is_none() {
            parts.extend([Part::Active, Part::Inactive]);
        }
        if insights.filters.reason.is_none() {
            parts.extend((0..KNOWN_REASONS.len() as u8).map(Part::Reason));
        }
        parts.extend((0..AGES.len() as u8).map(Part::Older));
        insights.add(parts);
        insights.plan_span(Span::Weeks);
        insights
    }

    /// Adds the trend's buckets of `span` (once).
    pub(crate) fn plan_span(&mut self, span: Span) {
        let part = match span {
            Span::Weeks => Part::Week,
            Span::Days => Part::Day,
        };
        let n = match span {
            Span::Weeks => WEEKS,
            Span::Days => DAYS,
        };
        self.add((0..n).map(part).collect());
    }

    /// Adds the stock locations `ids` (in their order): the first [`LOCATION_BUDGET`], or
    /// every one when `all`. Nothing when one location is filtered already.
    pub(crate) fn plan_locations(&mut self, ids: &[i64], all: bool) {
        if self.filters.stock_location.is_some() || ids.is_empty() {
            return;
        }
        self.locations_known = ids.len();
        let take = if all { ids.len() } else { LOCATION_BUDGET };
        self.add(ids.iter().take(take).map(|&id| Part::Location(id)).collect());
    }

    /// The first day of each bucket of `span`, and the day after the last.
    pub(crate) fn starts(&self, span: Span) -> &[NaiveDate] {
        &self.starts[span as usize]
    }

    /// Stock locations counted, of how many known.
    pub(crate) fn locations_counted(&self) -> (usize, usize) {
        let counted = self.parts.iter().filter(|p| matches!(p, Part::Location(_))).count();
        (counted, self.locations_known)
    }

    /// Appends the parts not planned yet; a part whose dates cannot hold a record under the
    /// filters is known to count 0 without asking.
    fn add(&mut self, parts: Vec<Part>) {
        for part in parts {
            if self.parts.contains(&part) {
                continue;
            }
            let slot = match self.query(part) {
                Some(_) => Slot::Pending,
                None => Slot::Count(0),
            };
            self.parts.push(part);
            self.slots.push(slot);
        }
    }

    /// The created-date range of a part, `[from, before)`; `None` for all time.
    fn range(&self, part: Part) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let bucket = |span, i: u8| {
            let starts = self.starts(span);
            (Some(starts[usize::from(i)]), Some(starts[usize::from(i) + 1]))
        };
        match part {
            Part::Week(i) => bucket(Span::Weeks, i),
            Part::Day(i) => bucket(Span::Days, i),
            Part::Older(i) => (None, Some(cut_off(self.today, i))),
            _ => (None, None),
        }
    }

    /// The list query that counts `part` (its filters: the page's, narrowed); `None` when
    /// the narrowing leaves an empty date range.
    pub(crate) fn query(&self, part: Part) -> Option<ListQuery> {
        let mut filters = self.filters.clone();
        match part {
            Part::Active => filters.is_active = Some(true),
            Part::Inactive => filters.is_active = Some(false),
            Part::Reason(i) => filters.reason = Some(KNOWN_REASONS[usize::from(i)].to_string()),
            Part::Location(id) => filters.stock_location = u64::try_from(id).ok(),
            _ => {}
        }
        let (from, before) = self.range(part);
        filters.created_from = filters.created_from.max(from);
        filters.created_before = match (filters.created_before, before) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let (Some(from), Some(before)) = (filters.created_from, filters.created_before)
            && from >= before
        {
            return None;
        }
        Some(ListQuery {
            filters,
            ..Default::default()
        })
    }

    /// The parts to send now: every pending one, and the failed ones of `retry` (pending
    /// again). Pairs of the part's index and its query.
    pub(crate) fn queue(&mut self, retry: Option<Section>) -> Vec<(usize, ListQuery)> {
        let mut out = Vec::new();
        for (i, part) in self.parts.iter().enumerate() {
            if self.slots[i] == Slot::Failed && retry == Some(part.section()) {
                self.slots[i] = Slot::Pending;
            }
            if self.slots[i] == Slot::Pending
                && let Some(query) = self.query(*part)
            {
                out.push((i, query));
            }
        }
        out
    }

    /// Records the answer for the part at `index`.
    pub(crate) fn answer(&mut self, index: usize, result: Result<u64, ApiError>) {
        if let Some(slot) = self.slots.get_mut(index) {
            *slot = result.map_or(Slot::Failed, Slot::Count);
        }
    }

    /// Where `part` stands; `None` when it is not planned.
    pub(crate) fn slot(&self, part: Part) -> Option<Slot> {
        self.parts.iter().position(|p| *p == part).map(|i| self.slots[i])
    }

    /// Counts in, of how many planned (failed ones are in).
    pub(crate) fn progress(&self) -> (usize, usize) {
        let done = self
            .slots
            .iter()
            .filter(|s| matches!(s, Slot::Count(_) | Slot::Failed))
            .count();
        (done, self.slots.len())
    }

    /// Whether any part of `section` failed.
    pub(crate) fn failed_in(&self, section: Section) -> bool {
        self.parts
            .iter()
            .zip(&self.slots)
            .any(|(p, s)| *s == Slot::Failed && p.section() == section)
    }
}

/// Filter sets whose counts are kept; the oldest goes first.
const KEEP: usize = 8;

/// The session's counts: for one OMS and one state of its data, per filter set and day.
#[derive(Default)]
struct Kept {
    /// The OMS and the data version ([`crate::ui_state::UiState::data_version`]) they are of:
    /// a sign-in elsewhere or a removal starts afresh.
    of: (String, u64),
    sets: Vec<Insights>,
    look: render::Look,
}

thread_local! {
    /// Plain storage rather than a signal: the page has its own version signal to redraw,
    /// and the counts outlive it (and a remount for a language switch).
    static KEPT: RefCell<Kept> = RefCell::default();
}

/// How the page shows the counts (kept for the session).
pub(crate) fn look() -> render::Look {
    KEPT.with(|k| k.borrow().look)
}

/// Changes how the page shows the counts.
pub(crate) fn set_look(look: render::Look) {
    KEPT.with(|k| k.borrow_mut().look = look);
}

/// Runs `f` on the counts of `filters` today, for the OMS at `base_url` with its data at
/// `version`. When they are not kept, `plan` plans them afresh; without it (an answer for
/// counts since dropped), nothing runs.
pub(crate) fn with_set<R>(
    of: (&str, u64),
    filters: &Filters,
    plan: bool,
    f: impl FnOnce(&mut Insights) -> R,
) -> Option<R> {
    KEPT.with(|k| {
        let mut kept = k.borrow_mut();
        let at = kept.find(of, filters, plan)?;
        Some(f(&mut kept.sets[at]))
    })
}

impl Kept {
    /// Where the counts of `filters` are (see [`with_set`]). Not generic: one copy.
    #[inline(never)]
    fn find(&mut self, (base_url, version): (&str, u64), filters: &Filters, plan: bool) -> Option<usize> {
        let today = crate::dates::today();
        if self.of.0 != base_url || self.of.1 != version {
            if !plan {
                return None;
            }
            self.of = (base_url.to_string(), version);
            self.sets.clear();
        }
        // Yesterday's counts of the same filters are not found (their weeks and ages are
        // yesterday's): they age out like any other.
        match self.sets.iter().position(|i| i.filters == *filters && i.today == today) {
            Some(at) => Some(at),
            None if plan => {
                if self.sets.len() == KEEP {
                    self.sets.remove(0);
                }
                self.sets.push(Insights::new(filters.clone(), today));
                Some(self.sets.len() - 1)
            }
            None => None,
        }
    }
}

#[cfg(test)]
mod tests;
