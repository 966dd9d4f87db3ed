use super::*;
use crate::api::Filters;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

#[test]
fn the_file_is_named_by_day_and_filters_in_safe_characters() {
    assert_eq!(file_name(&ListQuery::default(), day()), "discrepancies_2026-12-04.csv");
    let query = ListQuery {
        page: 3,
        limit: 1000,
        filters: Filters {
            reason: Some("=HYPERLINK(\"x\")/../ş".into()),
            stock_location: Some(7),
            created_before: NaiveDate::from_ymd_opt(2025, 1, 1),
            ..Filters::default()
        },
        ..ListQuery::default()
    };
    let name = file_name(&query, day());
    assert!(name.starts_with("discrepancies_2026-12-04_"), "{name}");
    assert!(name.contains("_stock_location-7"), "{name}");
    assert!(name.contains("_created_date-lt-2025-01-01"), "{name}");
    assert!(name.contains("_reason-_HYPERLINK__x______"), "{name}");
    assert!(name.ends_with(".csv"));
    assert!(!name.contains("page") && !name.contains("limit"));
    assert!(
        name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
        "{name}"
    );
    let long = ListQuery {
        filters: Filters {
            reason: Some("x".repeat(500)),
            ..Filters::default()
        },
        ..ListQuery::default()
    };
    assert!(file_name(&long, day()).len() <= 184);
}

#[test]
fn time_left_follows_the_rate_so_far() {
    assert_eq!(seconds_left(0, 5000, 1000.0), None);
    assert_eq!(seconds_left(1000, 5000, 2000.0), Some(8));
    assert_eq!(seconds_left(4999, 5000, 10_000.0), Some(1));
    assert_eq!(seconds_left(5000, 5000, 10_000.0), None);
}

#[test]
fn ids_are_kept_once() {
    let mut seen = Seen::default();
    assert!(seen.insert(5));
    assert!(seen.insert(-5));
    assert!(!seen.insert(5));
    for id in 0..10_000 {
        seen.insert(id);
    }
    assert_eq!(seen.len(), 10_001);
}
