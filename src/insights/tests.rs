//! The plan of counts for a filter set, the buckets' dates and the bookkeeping of answers.

use super::*;
use crate::api::ApiError;
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn filters(search: &str) -> Filters {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(search.as_bytes()).into_owned().collect();
    Filters::from_params(&|k| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()))
}

fn count_of(insights: &Insights, kind: fn(&Part) -> bool) -> usize {
    insights.parts.iter().filter(|p| kind(p)).count()
}

#[test]
fn weeks_run_monday_to_monday_in_utc_across_a_year_end() {
    // Thursday 1 January 2026: its week began on Monday 29 December 2025.
    let starts = buckets(Span::Weeks, day(2026, 1, 1));
    assert_eq!(starts.len(), usize::from(WEEKS) + 1);
    assert_eq!(starts[usize::from(WEEKS) - 1], day(2025, 12, 29));
    assert_eq!(*starts.last().unwrap(), day(2026, 1, 5));
    assert_eq!(starts[0], day(2025, 7, 7));
    assert!(starts.windows(2).all(|w| (w[1] - w[0]).num_days() == 7));
    assert!(starts.iter().all(|d| d.weekday() == chrono::Weekday::Mon));
    // A Monday is the first day of its own week; a Sunday the last of the one before.
    assert_eq!(
        buckets(Span::Weeks, day(2026, 3, 30))[usize::from(WEEKS) - 1],
        day(2026, 3, 30)
    );
    assert_eq!(
        buckets(Span::Weeks, day(2026, 3, 29))[usize::from(WEEKS) - 1],
        day(2026, 3, 23)
    );
}

#[test]
fn days_end_tomorrow_and_ignore_clock_changes() {
    // 29 March 2026: Europe's clocks go forward; the OMS's days are UTC and do not move.
    let starts = buckets(Span::Days, day(2026, 3, 29));
    assert_eq!(starts.len(), usize::from(DAYS) + 1);
    assert_eq!(starts[0], day(2026, 2, 28));
    assert_eq!(starts[usize::from(DAYS) - 1], day(2026, 3, 29));
    assert_eq!(*starts.last().unwrap(), day(2026, 3, 30));
    assert!(starts.windows(2).all(|w| (w[1] - w[0]).num_days() == 1));
    // Across a leap day.
    let leap = buckets(Span::Days, day(2028, 3, 1));
    assert!(leap.contains(&day(2028, 2, 29)));
}

#[test]
fn age_cut_offs_count_back_from_today() {
    let today = day(2026, 12, 4);
    let cut: Vec<NaiveDate> = (0..AGES.len() as u8).map(|i| cut_off(today, i)).collect();
    assert_eq!(
        cut,
        [day(2026, 11, 4), day(2026, 9, 5), day(2026, 6, 7), day(2025, 12, 4)]
    );
}

#[test]
fn an_unfiltered_plan_asks_totals_reasons_ages_and_weeks() {
    let mut plan = Insights::new(Filters::default(), day(2026, 12, 4));
    assert_eq!(plan.parts[..3], [Part::Total, Part::Active, Part::Inactive]);
    assert_eq!(count_of(&plan, |p| matches!(p, Part::Reason(_))), KNOWN_REASONS.len());
    assert_eq!(count_of(&plan, |p| matches!(p, Part::Older(_))), AGES.len());
    assert_eq!(count_of(&plan, |p| matches!(p, Part::Week(_))), usize::from(WEEKS));
    assert_eq!(plan.parts.len(), 3 + 6 + 4 + 26);
    let asked = plan.queue(None);
    assert_eq!(asked.len(), plan.parts.len());
    // Every count is a page of the filters narrowed, never the records.
    let week = plan.parts.iter().position(|p| *p == Part::Week(25)).unwrap();
    let query = &asked.iter().find(|(i, _)| *i == week).unwrap().1;
    assert_eq!(query.filters.created_from, Some(day(2026, 11, 30)));
    assert_eq!(query.filters.created_before, Some(day(2026, 12, 7)));
    let older = plan.query(Part::Older(1)).unwrap();
    assert_eq!(
        (older.filters.created_from, older.filters.created_before),
        (None, Some(day(2026, 9, 5)))
    );
    assert_eq!(
        plan.query(Part::Reason(1)).unwrap().filters.reason.as_deref(),
        Some("damaged")
    );
    assert_eq!(plan.query(Part::Inactive).unwrap().filters.is_active, Some(false));
    // The daily trend is added once, on demand.
    plan.plan_span(Span::Days);
    plan.plan_span(Span::Days);
    assert_eq!(count_of(&plan, |p| matches!(p, Part::Day(_))), usize::from(DAYS));
    assert_eq!(
        plan.queue(None).len(),
        usize::from(DAYS) + plan.parts.len() - usize::from(DAYS)
    );
}

#[test]
fn a_filtered_plan_leaves_out_what_the_filters_decide() {
    let plan = Insights::new(
        filters("reason=damaged&is_active=true&stock_location=7"),
        day(2026, 12, 4),
    );
    assert_eq!(plan.parts[0], Part::Total);
    assert!(
        !plan
            .parts
            .iter()
            .any(|p| matches!(p, Part::Active | Part::Inactive | Part::Reason(_)))
    );
    // Every count keeps the filters.
    let q = plan.query(Part::Week(3)).unwrap();
    assert_eq!(
        (
            q.filters.reason.as_deref(),
            q.filters.is_active,
            q.filters.stock_location
        ),
        (Some("damaged"), Some(true), Some(7))
    );
    let mut plan = plan;
    plan.plan_locations(&[1, 2, 3], false);
    assert_eq!(plan.locations_counted(), (0, 0), "one location is filtered already");
}

#[test]
fn a_created_range_narrows_the_buckets_and_empties_those_outside_it() {
    let today = day(2026, 12, 4);
    let plan = Insights::new(
        filters("created_date__gte=2026-11-01&created_date__lt=2026-11-20"),
        today,
    );
    // Outside the range: known to be 0 without asking.
    assert_eq!(plan.slot(Part::Week(25)), Some(Slot::Count(0)));
    assert_eq!(plan.slot(Part::Week(0)), Some(Slot::Count(0)));
    assert_eq!(plan.slot(Part::Older(3)), Some(Slot::Count(0)));
    // Across an end: the intersection.
    let week = plan.query(Part::Week(21)).unwrap(); // 2026-11-02 .. 2026-11-09: inside
    assert_eq!(week.filters.created_from, Some(day(2026, 11, 2)));
    let first = plan.query(Part::Week(20)).unwrap(); // 2026-10-26 .. 2026-11-02
    assert_eq!(
        (first.filters.created_from, first.filters.created_before),
        (Some(day(2026, 11, 1)), Some(day(2026, 11, 2)))
    );
    let last = plan.query(Part::Week(23)).unwrap(); // 2026-11-16 .. 2026-11-23
    assert_eq!(last.filters.created_before, Some(day(2026, 11, 20)));
    let older = plan.query(Part::Older(0)).unwrap(); // before 2026-11-04
    assert_eq!(
        (older.filters.created_from, older.filters.created_before),
        (Some(day(2026, 11, 1)), Some(day(2026, 11, 4)))
    );
    let mut plan = plan;
    let asked = plan.queue(None);
    assert!(asked.len() < plan.parts.len());
    assert!(asked.iter().all(|(i, _)| plan.slots[*i] == Slot::Pending));
}

#[test]
fn locations_are_counted_up_to_the_budget_then_on_request() {
    let ids: Vec<i64> = (1..=75).collect();
    let mut plan = Insights::new(Filters::default(), day(2026, 12, 4));
    plan.plan_locations(&ids, false);
    assert_eq!(plan.locations_counted(), (LOCATION_BUDGET, 75));
    plan.plan_locations(&ids, true);
    assert_eq!(plan.locations_counted(), (75, 75));
    assert_eq!(plan.query(Part::Location(42)).unwrap().filters.stock_location, Some(42));
}

#[test]
fn answers_fill_slots_and_failed_ones_are_asked_again_by_section() {
    let mut plan = Insights::new(Filters::default(), day(2026, 12, 4));
    let asked = plan.queue(None);
    let total = plan.parts.len();
    assert_eq!(plan.progress(), (0, total));
    // The page stops what is on its way before it asks again: pending parts go again.
    assert_eq!(plan.queue(None).len(), total);
    for (i, _) in &asked {
        let result = match plan.parts[*i] {
            Part::Reason(1) | Part::Week(3) => Err(ApiError::Network("down".into())),
            _ => Ok(*i as u64),
        };
        plan.answer(*i, result);
    }
    assert_eq!(plan.progress(), (total, total));
    assert!(plan.failed_in(Section::Reasons) && plan.failed_in(Section::Trend));
    assert!(!plan.failed_in(Section::Totals) && !plan.failed_in(Section::Ages));
    assert!(plan.queue(None).is_empty());
    let again = plan.queue(Some(Section::Reasons));
    assert_eq!(again.len(), 1);
    assert_eq!(plan.parts[again[0].0], Part::Reason(1));
    assert_eq!(again[0].1.filters.reason.as_deref(), Some("damaged"));
    assert!(
        plan.failed_in(Section::Trend),
        "another section's failure waits for its own retry"
    );
    plan.answer(again[0].0, Ok(9));
    assert_eq!(plan.slot(Part::Reason(1)), Some(Slot::Count(9)));
}

/// The page for `plan` with every part answered by `count`, in English, at the root.
fn page_with(plan: &mut Insights, count: impl Fn(Part) -> Result<u64, ApiError>, look: render::Look) -> String {
    for (i, _) in plan.queue(None) {
        plan.answer(i, count(plan.parts[i]));
    }
    let names = crate::locations::Names::known(vec![vec![(7, "Ankara <Depo>".to_string()), (9, "İzmir".to_string())]]);
    let base = crate::routes::Base::new("/apps/oms");
    let c = render::Context {
        m: crate::messages::messages(crate::i18n::Lang::En),
        names: &names,
        base: &base,
        look,
    };
    render::page(&c, plan)
}

#[test]
fn other_reasons_and_locations_are_the_total_minus_those_listed() {
    let mut plan = Insights::new(Filters::default(), day(2026, 12, 4));
    plan.plan_locations(&[7, 9], false);
    let html = page_with(
        &mut plan,
        |p| {
            Ok(match p {
                Part::Total => 1000,
                Part::Reason(0) => 600,
                Part::Reason(1) => 150,
                Part::Reason(_) => 10,
                Part::Location(7) => 700,
                Part::Location(9) => 200,
                _ => 1,
            })
        },
        render::Look {
            span: Span::Weeks,
            tables: true,
        },
    );
    // 1000 − 600 − 150 − 4 × 10 = 210; 1000 − 700 − 200 = 100.
    assert!(html.contains("Other reasons</th><td>210</td>"), "{html}");
    assert!(html.contains("Other locations</th><td>100</td>"));
    assert!(html.contains("Most: Out of stock, 600 of 1,000 records."));
    // Links keep the base and the filters; names are escaped.
    assert!(html.contains("<a href=\"/apps/oms/discrepancies?reason=damaged\">Damaged</a>"));
    assert!(html.contains("<a href=\"/apps/oms/discrepancies?stock_location=7\">Ankara &lt;Depo&gt; (7)</a>"));
    // The ages open the removal form at their dates.
    assert!(html.contains("/apps/oms/discrepancies/remove?expired_date=2026-09-05"));
}

#[test]
fn a_failed_reason_makes_the_rest_not_available_and_offers_a_retry() {
    let mut plan = Insights::new(Filters::default(), day(2026, 12, 4));
    let html = page_with(
        &mut plan,
        |p| match p {
            Part::Reason(2) => Err(ApiError::Network("down".into())),
            Part::Total => Ok(50),
            _ => Ok(5),
        },
        render::Look {
            span: Span::Weeks,
            tables: true,
        },
    );
    assert!(html.contains("Missing</a></th><td>not available</td>"), "{html}");
    assert!(html.contains("Other reasons</th><td>not available</td>"));
    assert_eq!(html.matches("data-act=\"retry\"").count(), 1);
    assert!(html.contains("data-section=\"1\""));
}

#[test]
fn the_trend_summary_compares_the_last_full_stretch_with_the_one_before() {
    let mut plan = Insights::new(Filters::default(), day(2026, 12, 4));
    // Weeks 21–24 (the four full weeks before this one) have 3 each; 17–20 have 5 each.
    let html = page_with(
        &mut plan,
        |p| {
            Ok(match p {
                Part::Week(21..=24) => 3,
                Part::Week(17..=20) => 5,
                _ => 100,
            })
        },
        render::Look::default(),
    );
    assert!(
        html.contains("12 records in the last 4 full weeks, 20 in the 4 weeks before. Fewer than before."),
        "{html}"
    );
    assert!(html.contains("<svg class=\"chart line\""));
}

#[test]
fn filters_that_fix_a_reason_or_location_leave_its_breakdown_out() {
    let mut plan = Insights::new(
        filters("reason=damaged&stock_location=7&is_active=false"),
        day(2026, 12, 4),
    );
    let html = page_with(
        &mut plan,
        |_| Ok(42),
        render::Look {
            span: Span::Weeks,
            tables: true,
        },
    );
    assert!(
        !html.contains("By reason") && !html.contains("By stock location"),
        "{html}"
    );
    assert!(html.contains("?reason=damaged&amp;stock_location=7&amp;is_active=false\">Records</a></th><td>42</td>"));
    assert!(!html.contains(">Inactive<"));
    // The chips say what is filtered, and each leads to the insights without it.
    assert!(html.contains("href=\"/apps/oms/discrepancies/insights?stock_location=7&amp;is_active=false\""));
    // The removal form keeps the filtered location.
    assert!(html.contains("expired_date=2026-11-04&amp;stock_location=7"));
}

#[test]
fn a_filter_that_does_not_read_counts_nothing_and_its_chip_leads_out() {
    let query = ListQuery::from_params(&|k| (k == "created_date__lt").then(|| "not-a-date".to_string()));
    let names = crate::locations::Names::default();
    let base = crate::routes::Base::new("");
    let c = render::Context {
        m: crate::messages::messages(crate::i18n::Lang::En),
        names: &names,
        base: &base,
        look: render::Look::default(),
    };
    let html = render::malformed(&c, &query);
    assert!(html.contains("<h1>Insights</h1>"));
    assert!(html.contains("role=\"alert\">A filter in the address does not read"));
    assert!(html.contains("href=\"/discrepancies/insights\""), "{html}");
    assert!(!html.contains("<svg"));
}
