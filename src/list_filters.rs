//! The filter form's side of [`Filters`]: the raw text being edited ([`FilterDraft`]), its
//! validation, and the check that the server honoured what was asked.

use crate::api::query::{parse_bool, parse_ids, parse_positive_id};
use crate::api::{Discrepancy, Filters, ListQuery};
use crate::dates::{parse_input_date, to_iso_date};
use crate::messages::t;
use chrono::NaiveDate;

/// The filter form as typed: every field is text until it is applied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterDraft {
    /// Reason, any text.
    pub reason: String,
    /// Stock location id as typed.
    pub stock_location: String,
    /// `""`, `"true"` or `"false"`.
    pub is_active: String,
    /// `YYYY-MM-DD` from the date input.
    pub created_before: String,
    /// `YYYY-MM-DD` from the date input.
    pub created_from: String,
    /// Package item id as typed.
    pub package_item: String,
    /// Transfer item id as typed.
    pub transfer_item: String,
    /// Record ids, comma-separated, as typed.
    pub ids: String,
}

/// Which filter a message is about: the view turns it into a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterKind {
    /// `reason`
    Reason,
    /// `stock_location`
    StockLocation,
    /// `is_active`
    Active,
    /// `created_date__lt`
    CreatedBefore,
    /// `created_date__gte`
    CreatedFrom,
    /// `package_item`
    PackageItem,
    /// `transfer_item`
    TransferItem,
    /// `id__in`
    Ids,
}

/// Fields of a draft that do not parse.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftErrors {
    /// The filters whose text is not a valid value.
    pub invalid: Vec<FilterKind>,
}

impl DraftErrors {
    /// True when `kind` needs fixing.
    pub fn has(&self, kind: FilterKind) -> bool {
        self.invalid.contains(&kind)
    }
}

impl FilterKind {
    /// The filter of a URL parameter.
    pub fn of_param(key: &str) -> Option<FilterKind> {
        match key {
            "reason" => Some(FilterKind::Reason),
            "stock_location" => Some(FilterKind::StockLocation),
            "is_active" => Some(FilterKind::Active),
            "created_date__lt" => Some(FilterKind::CreatedBefore),
            "created_date__gte" => Some(FilterKind::CreatedFrom),
            "package_item" => Some(FilterKind::PackageItem),
            "transfer_item" => Some(FilterKind::TransferItem),
            "id__in" => Some(FilterKind::Ids),
            _ => None,
        }
    }
}

impl FilterDraft {
    /// The form prefilled with a view's filters, and the text of those its URL gave that do
    /// not read, as written, to be corrected.
    pub fn from_query(q: &ListQuery) -> FilterDraft {
        let mut draft = FilterDraft::from_filters(&q.filters);
        for (key, text) in &q.malformed {
            let field = match FilterKind::of_param(key) {
                Some(FilterKind::StockLocation) => &mut draft.stock_location,
                Some(FilterKind::Active) => &mut draft.is_active,
                Some(FilterKind::CreatedBefore) => &mut draft.created_before,
                Some(FilterKind::CreatedFrom) => &mut draft.created_from,
                Some(FilterKind::PackageItem) => &mut draft.package_item,
                Some(FilterKind::TransferItem) => &mut draft.transfer_item,
                Some(FilterKind::Ids) => &mut draft.ids,
                Some(FilterKind::Reason) | None => continue,
            };
            *field = text.clone();
        }
        draft
    }

    /// The form prefilled with the filters in force.
    pub fn from_filters(f: &Filters) -> FilterDraft {
        FilterDraft {
            reason: f.reason.clone().unwrap_or_default(),
            stock_location: f.stock_location.map(|l| l.to_string()).unwrap_or_default(),
            is_active: f.is_active.map(|a| a.to_string()).unwrap_or_default(),
            created_before: f.created_before.map(to_iso_date).unwrap_or_default(),
            created_from: f.created_from.map(to_iso_date).unwrap_or_default(),
            package_item: f.package_item.map(|i| i.to_string()).unwrap_or_default(),
            transfer_item: f.transfer_item.map(|i| i.to_string()).unwrap_or_default(),
            ids: f.ids.iter().map(u64::to_string).collect::<Vec<_>>().join(", "),
        }
    }

    /// The filters to apply, or every field that must be fixed first (nothing is sent then).
    pub fn parse(&self) -> Result<Filters, DraftErrors> {
        let mut errors = DraftErrors::default();
        let stock_location = field(
            &self.stock_location,
            FilterKind::StockLocation,
            parse_positive_id,
            &mut errors,
        );
        let is_active = field(&self.is_active, FilterKind::Active, parse_bool, &mut errors);
        let created_before = field(
            &self.created_before,
            FilterKind::CreatedBefore,
            parse_input_date,
            &mut errors,
        );
        let created_from = field(
            &self.created_from,
            FilterKind::CreatedFrom,
            parse_input_date,
            &mut errors,
        );
        let package_item = field(
            &self.package_item,
            FilterKind::PackageItem,
            parse_positive_id,
            &mut errors,
        );
        let transfer_item = field(
            &self.transfer_item,
            FilterKind::TransferItem,
            parse_positive_id,
            &mut errors,
        );
        let ids = field(&self.ids, FilterKind::Ids, parse_ids, &mut errors).unwrap_or_default();
        let reason = self.reason.trim();
        if !errors.invalid.is_empty() {
            return Err(errors);
        }
        Ok(Filters {
            reason: (!reason.is_empty()).then(|| reason.to_string()),
            stock_location,
            is_active,
            created_before,
            created_from,
            package_item,
            transfer_item,
            ids,
        })
    }
}

/// An optional field: empty is "no filter", anything else must parse or is reported.
fn field<T>(text: &str, kind: FilterKind, parse: impl Fn(&str) -> Option<T>, errors: &mut DraftErrors) -> Option<T> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let parsed = parse(text);
    if parsed.is_none() {
        errors.invalid.push(kind);
    }
    parsed
}

/// A ready-made created-date range, as operators ask for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// Created in the last N days, today (UTC) included.
    Last(u32),
    /// Created more than N days ago: before 00:00 UTC of the day N days before today.
    OlderThan(u32),
}

/// The presets the form offers, in its order ([`crate::messages::Messages::presets`]).
pub const PRESETS: [Preset; 6] = [
    Preset::Last(7),
    Preset::Last(30),
    Preset::Last(90),
    Preset::OlderThan(30),
    Preset::OlderThan(90),
    Preset::OlderThan(365),
];

impl Preset {
    /// The range as `(created from, created before)` on `today` (UTC): days are calendar
    /// days, so month and year ends need nothing special and there is no daylight saving.
    pub fn range(self, today: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let back = |days: u32| today.checked_sub_days(chrono::Days::new(u64::from(days)));
        match self {
            Preset::Last(days) => (back(days.saturating_sub(1)), None),
            Preset::OlderThan(days) => (None, back(days)),
        }
    }
}

/// The label of a filter, as the filter form names it.
pub fn filter_label(kind: FilterKind) -> &'static str {
    label_in(t(), kind)
}

/// The label of a filter in the catalogue `m`.
pub fn label_in(m: &crate::messages::Messages, kind: FilterKind) -> &'static str {
    match kind {
        FilterKind::Reason => m.filter_reason,
        FilterKind::StockLocation => m.filter_stock_location,
        FilterKind::Active => m.filter_active,
        FilterKind::CreatedBefore => m.filter_created_before,
        FilterKind::CreatedFrom => m.filter_created_from,
        FilterKind::PackageItem => m.filter_package_item,
        FilterKind::TransferItem => m.filter_transfer_item,
        FilterKind::Ids => m.filter_ids,
    }
}

/// Filters the rows prove the server ignored: a DRF server drops unknown filters silently,
/// so the app checks instead of assuming (CONVENTIONS.md).
pub fn unhonoured_filters(filters: &Filters, rows: &[Discrepancy]) -> Vec<FilterKind> {
    let mut out = Vec::new();
    if let Some(reason) = &filters.reason
        && rows.iter().any(|d| &d.reason != reason)
    {
        out.push(FilterKind::Reason);
    }
    if let Some(loc) = filters.stock_location
        && rows.iter().any(|d| u64::try_from(d.stock_location) != Ok(loc))
    {
        out.push(FilterKind::StockLocation);
    }
    if let Some(active) = filters.is_active
        && rows.iter().any(|d| d.is_active != active)
    {
        out.push(FilterKind::Active);
    }
    if let Some(before) = filters.created_before
        && rows.iter().any(|d| d.created_date.date_naive() >= before)
    {
        out.push(FilterKind::CreatedBefore);
    }
    if let Some(from) = filters.created_from
        && rows.iter().any(|d| d.created_date.date_naive() < from)
    {
        out.push(FilterKind::CreatedFrom);
    }
    let item = |id: Option<i64>, wanted: u64| id.and_then(|i| u64::try_from(i).ok()) == Some(wanted);
    if let Some(wanted) = filters.package_item
        && rows.iter().any(|d| !item(d.package_item, wanted))
    {
        out.push(FilterKind::PackageItem);
    }
    if let Some(wanted) = filters.transfer_item
        && rows.iter().any(|d| !item(d.transfer_item, wanted))
    {
        out.push(FilterKind::TransferItem);
    }
    if !filters.ids.is_empty()
        && rows
            .iter()
            .any(|d| !u64::try_from(d.id).is_ok_and(|id| filters.ids.contains(&id)))
    {
        out.push(FilterKind::Ids);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(reason: &str, loc: i64, active: bool) -> Discrepancy {
        Discrepancy {
            id: 1,
            reason: reason.into(),
            created_date: "2023-01-01T00:00:00Z".parse().unwrap(),
            modified_date: "2023-01-01T00:00:00Z".parse().unwrap(),
            is_active: active,
            stock_location: loc,
            package_item: None,
            transfer_item: Some(3),
        }
    }

    #[test]
    fn detects_ignored_filters() {
        let f = Filters {
            reason: Some("damaged".into()),
            stock_location: Some(7),
            ..Filters::default()
        };
        assert!(unhonoured_filters(&f, &[record("damaged", 7, true)]).is_empty());
        assert_eq!(
            unhonoured_filters(&f, &[record("damaged", 7, true), record("missing", 7, true)]),
            vec![FilterKind::Reason]
        );
        assert_eq!(
            unhonoured_filters(&f, &[record("damaged", 8, true)]),
            vec![FilterKind::StockLocation]
        );
        let f = Filters {
            is_active: Some(false),
            created_before: NaiveDate::from_ymd_opt(2023, 1, 1),
            ..Filters::default()
        };
        assert_eq!(
            unhonoured_filters(&f, &[record("x", 1, true)]),
            vec![FilterKind::Active, FilterKind::CreatedBefore]
        );
        assert!(unhonoured_filters(&Filters::default(), &[record("x", 1, true)]).is_empty());
    }

    #[test]
    fn a_draft_shows_malformed_url_filters_as_written() {
        let q = ListQuery {
            malformed: vec![
                ("stock_location", "abc".to_string()),
                ("created_date__lt", "not-a-date".to_string()),
            ],
            filters: Filters {
                reason: Some("damaged".into()),
                ..Filters::default()
            },
            ..ListQuery::default()
        };
        let draft = FilterDraft::from_query(&q);
        assert_eq!(draft.stock_location, "abc");
        assert_eq!(draft.created_before, "not-a-date");
        assert_eq!(draft.reason, "damaged");
        // Applying it as it is names both fields and applies nothing.
        assert_eq!(
            draft.parse().unwrap_err().invalid,
            vec![FilterKind::StockLocation, FilterKind::CreatedBefore]
        );
        assert_eq!(FilterKind::of_param("is_active"), Some(FilterKind::Active));
        assert_eq!(FilterKind::of_param("page"), None);
    }

    #[test]
    fn presets_count_calendar_days_across_month_year_and_leap_day() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // The last 7 days include today: from 6 days back.
        assert_eq!(Preset::Last(7).range(day(2025, 1, 3)), (Some(day(2024, 12, 28)), None));
        assert_eq!(Preset::Last(30).range(day(2024, 3, 1)), (Some(day(2024, 2, 1)), None));
        assert_eq!(Preset::Last(90).range(day(2023, 3, 31)), (Some(day(2023, 1, 1)), None));
        // Older than N days: created before 00:00 UTC of the day N days back.
        assert_eq!(
            Preset::OlderThan(30).range(day(2024, 3, 30)),
            (None, Some(day(2024, 2, 29)))
        );
        assert_eq!(
            Preset::OlderThan(365).range(day(2025, 1, 1)),
            (None, Some(day(2024, 1, 2)))
        );
        assert_eq!(
            Preset::OlderThan(90).range(day(2026, 12, 3)),
            (None, Some(day(2026, 9, 4)))
        );
        // Every preset gives one bound, at or before today, never an error.
        for preset in PRESETS {
            let (from, before) = preset.range(day(2024, 12, 31));
            assert!(from.is_some() != before.is_some(), "{preset:?}");
            assert!(from.or(before).unwrap() <= day(2024, 12, 31));
        }
        assert_eq!(
            Preset::Last(7).range(NaiveDate::MIN),
            (None, None),
            "no panic at the calendar's start"
        );
    }

    #[test]
    fn item_and_id_filters_the_server_ignored_are_detected() {
        let rows = [record("damaged", 1, true)]; // transfer item 3, no package item, id 1
        let ignored = |f: Filters| unhonoured_filters(&f, &rows);
        assert!(
            ignored(Filters {
                transfer_item: Some(3),
                ..Filters::default()
            })
            .is_empty()
        );
        assert_eq!(
            ignored(Filters {
                transfer_item: Some(4),
                ..Filters::default()
            }),
            vec![FilterKind::TransferItem]
        );
        assert_eq!(
            ignored(Filters {
                package_item: Some(3),
                ..Filters::default()
            }),
            vec![FilterKind::PackageItem]
        );
        assert!(
            ignored(Filters {
                ids: vec![2, 1],
                ..Filters::default()
            })
            .is_empty()
        );
        assert_eq!(
            ignored(Filters {
                ids: vec![2],
                ..Filters::default()
            }),
            vec![FilterKind::Ids]
        );
    }

    #[test]
    fn drafts_round_trip_through_filters() {
        let filters = Filters {
            reason: Some("out_of_stock".into()),
            stock_location: Some(7),
            is_active: Some(false),
            created_before: NaiveDate::from_ymd_opt(2023, 10, 10),
            created_from: NaiveDate::from_ymd_opt(2023, 1, 31),
            package_item: Some(11111),
            transfer_item: Some(5),
            ids: vec![3, 1, 2],
        };
        let draft = FilterDraft::from_filters(&filters);
        assert_eq!(draft.created_before, "2023-10-10");
        assert_eq!(draft.is_active, "false");
        assert_eq!(draft.ids, "3, 1, 2");
        assert_eq!(draft.parse(), Ok(filters));
        assert_eq!(FilterDraft::default().parse(), Ok(Filters::default()));
        let spaced = FilterDraft {
            reason: "  damaged ".into(),
            stock_location: " 3 ".into(),
            is_active: "true".into(),
            ids: " 4 ,4,5 ".into(),
            ..FilterDraft::default()
        };
        let parsed = spaced.parse().unwrap();
        assert_eq!(parsed.ids, vec![4, 5], "each id once");
        assert_eq!(parsed.reason.as_deref(), Some("damaged"));
        assert_eq!(parsed.stock_location, Some(3));
        assert_eq!(parsed.is_active, Some(true));
    }

    #[test]
    fn every_bad_field_is_named_and_nothing_is_applied() {
        let draft = FilterDraft {
            reason: "x".into(),
            stock_location: "abc".into(),
            is_active: "maybe".into(),
            created_before: "2023-02-30".into(),
            created_from: "yesterday".into(),
            package_item: "0".into(),
            transfer_item: "-5".into(),
            ids: "1,,2".into(),
        };
        let errors = draft.parse().unwrap_err();
        assert!(errors.has(FilterKind::CreatedFrom));
        assert!(errors.has(FilterKind::PackageItem));
        assert!(errors.has(FilterKind::TransferItem));
        assert!(errors.has(FilterKind::Ids));
        assert!(errors.has(FilterKind::StockLocation));
        assert!(errors.has(FilterKind::CreatedBefore));
        assert!(errors.has(FilterKind::Active));
        assert!(!errors.has(FilterKind::Reason));
    }
}
