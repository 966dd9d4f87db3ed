use super::*;
use chrono::{NaiveDate, TimeZone};

fn request(location: Option<u64>) -> RemoveRequest {
    RemoveRequest {
        expired_date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        stock_location: location,
    }
}

fn page(count: u64, created: Option<DateTime<Utc>>) -> Result<Page<Discrepancy>, ApiError> {
    let results = created
        .map(|created_date| Discrepancy {
            id: 1,
            reason: "damaged".into(),
            created_date,
            modified_date: created_date,
            is_active: true,
            stock_location: 3,
            package_item: None,
            transfer_item: None,
        })
        .into_iter()
        .collect();
    Ok(Page {
        count,
        next: None,
        previous: None,
        results,
    })
}

/// Answers every part of `impact` with `count_of(part)`.
fn answer_all(impact: &mut Impact, count_of: impl Fn(Part) -> Option<u64>) {
    for i in 0..impact.parts.len() {
        let result = match count_of(impact.parts[i]) {
            Some(n) => page(n, None),
            None => Err(ApiError::Server { status: 500 }),
        };
        impact.answer(i, result);
    }
}

#[test]
fn the_plan_asks_dates_reasons_and_each_location_under_the_scope() {
    let impact = Impact::plan(request(None), &[4, 9]);
    assert_eq!(impact.parts.len(), 2 + KNOWN_REASONS.len() + 2);
    let queries = impact.queries();
    for q in &queries {
        assert_eq!(q.filters.created_before, request(None).expired_date.into());
    }
    assert_eq!(queries[0].to_search(), "?sort=created_date&created_date__lt=2025-01-01");
    assert_eq!(
        queries[1].to_search(),
        "?sort=-created_date&created_date__lt=2025-01-01"
    );
    assert_eq!(queries[2].filters.reason.as_deref(), Some(KNOWN_REASONS[0]));
    assert_eq!(queries[queries.len() - 1].filters.stock_location, Some(9));
    assert_eq!(impact.progress(), (0, impact.parts.len()));
}

#[test]
fn a_removal_at_one_location_asks_no_location_counts_and_keeps_its_location() {
    let impact = Impact::plan(request(Some(7)), &[4, 7, 9]);
    assert!(!impact.parts.iter().any(|p| matches!(p, Part::Location(_))));
    assert!(impact.queries().iter().all(|q| q.filters.stock_location == Some(7)));
    assert!(impact.locations(10).is_empty());
}

#[test]
fn the_scope_link_shows_exactly_what_goes() {
    assert_eq!(
        crate::routes::list_path(&request(Some(7)).scope()),
        "/discrepancies?stock_location=7&created_date__lt=2025-01-01"
    );
}

#[test]
fn reasons_list_those_with_records_the_most_first_and_other_is_the_rest() {
    let mut impact = Impact::plan(request(None), &[]);
    answer_all(&mut impact, |p| match p {
        Part::Reason(0) => Some(5),
        Part::Reason(1) => Some(20),
        Part::Reason(3) => Some(5),
        _ => Some(0),
    });
    let lines = impact.reasons(40);
    let labels: Vec<_> = lines.iter().map(|l| (l.label, l.count)).collect();
    assert_eq!(
        labels,
        vec![
            (ReasonLabel::Known(1), Some(20)),
            (ReasonLabel::Known(0), Some(5)),
            (ReasonLabel::Known(3), Some(5)),
            (ReasonLabel::Other, Some(10)),
        ]
    );
    // Nothing left over: no "other" line.
    assert!(!impact.reasons(30).iter().any(|l| l.label == ReasonLabel::Other));
    // A total that shrank meanwhile (records removed elsewhere) never goes negative.
    assert!(!impact.reasons(3).iter().any(|l| l.label == ReasonLabel::Other));
}

#[test]
fn a_failed_reason_is_not_available_and_so_is_other() {
    let mut impact = Impact::plan(request(None), &[]);
    answer_all(&mut impact, |p| match p {
        Part::Reason(2) => None,
        Part::Reason(0) => Some(5),
        _ => Some(0),
    });
    let lines = impact.reasons(40);
    assert_eq!(
        lines[0],
        Line {
            label: ReasonLabel::Known(0),
            count: Some(5)
        }
    );
    assert_eq!(
        lines[1],
        Line {
            label: ReasonLabel::Known(2),
            count: None
        }
    );
    assert_eq!(
        lines[2],
        Line {
            label: ReasonLabel::Other,
            count: None
        }
    );
}

#[test]
fn other_waits_for_every_reason() {
    let mut impact = Impact::plan(request(None), &[]);
    impact.answer(2, page(5, None));
    let lines = impact.reasons(40);
    assert_eq!(
        lines,
        vec![Line {
            label: ReasonLabel::Known(0),
            count: Some(5)
        }]
    );
    assert_eq!(impact.progress(), (1, impact.parts.len()));
}

#[test]
fn locations_keep_the_top_ten_and_sum_the_rest() {
    let ids: Vec<i64> = (1..=14).collect();
    let mut impact = Impact::plan(request(None), &ids);
    answer_all(&mut impact, |p| match p {
        Part::Location(id) => Some(id as u64),
        _ => Some(0),
    });
    let total = (1..=14).sum::<u64>() + 100; // 100 at locations the list does not name
    let lines = impact.locations(total);
    assert_eq!(lines.len(), TOP_LOCATIONS + 1);
    assert_eq!(lines[0].label, LocationLabel::One(14));
    assert_eq!(lines[9].label, LocationLabel::One(5));
    assert_eq!(
        lines[10],
        Line {
            label: LocationLabel::Others,
            count: Some(1 + 2 + 3 + 4 + 100)
        }
    );
    let shown: u64 = lines.iter().filter_map(|l| l.count).sum();
    assert_eq!(shown, total);
}

#[test]
fn a_failed_location_is_folded_into_others_as_not_available() {
    let mut impact = Impact::plan(request(None), &[1, 2, 3]);
    answer_all(&mut impact, |p| match p {
        Part::Location(2) => None,
        Part::Location(id) => Some(id as u64),
        _ => Some(0),
    });
    let lines = impact.locations(10);
    assert_eq!(
        lines,
        vec![
            Line {
                label: LocationLabel::One(3),
                count: Some(3)
            },
            Line {
                label: LocationLabel::One(1),
                count: Some(1)
            },
            Line {
                label: LocationLabel::Others,
                count: None
            },
        ]
    );
}

#[test]
fn dates_come_from_the_first_row_of_the_sorted_queries() {
    let mut impact = Impact::plan(request(None), &[]);
    let oldest = Utc.with_ymd_and_hms(2023, 2, 3, 4, 5, 6).unwrap();
    assert_eq!(impact.date(Part::Oldest), None);
    impact.answer(0, page(9, Some(oldest)));
    impact.answer(1, page(0, None));
    assert_eq!(impact.date(Part::Oldest), Some(Answer::Date(Some(oldest))));
    assert_eq!(impact.date(Part::Newest), Some(Answer::Date(None)));
    impact.answer(1, Err(ApiError::Aborted));
    assert_eq!(impact.date(Part::Newest), Some(Answer::Failed));
    // An index out of the plan changes nothing.
    let before = impact.clone();
    impact.answer(99, page(1, None));
    assert_eq!(impact, before);
}

#[test]
fn the_markup_escapes_location_names_and_says_what_is_missing() {
    let m = crate::messages::messages(crate::i18n::Lang::En);
    let names = Names::known(vec![vec![(1, "<img src=x onerror=alert(1)>".to_string())]]);
    let mut impact = Impact::plan(request(None), &[1, 2]);
    assert!(impact.html(m, 10, &names).contains(
        "value=\"0\" aria-label=\"Counting the breakdown… 0 of 10\"></progress> Counting the breakdown… 0 of 10"
    ));
    answer_all(&mut impact, |p| match p {
        Part::Location(1) => Some(6),
        Part::Location(2) => None,
        Part::Reason(0) => Some(10),
        _ => Some(0),
    });
    let html = impact.html(m, 10, &names);
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("<th scope=\"row\" dir=\"auto\">&lt;img src=x onerror=alert(1)&gt; (1)</th><td>6</td>"),
        "{html}"
    );
    assert!(
        html.contains("<th scope=\"row\" dir=\"auto\">Other locations</th><td>not available</td>"),
        "{html}"
    );
    assert!(
        html.contains("<th scope=\"row\" dir=\"auto\">Out of stock</th><td>10</td>"),
        "{html}"
    );
    assert!(!html.contains("progress"), "every count is in");
    // No first row came back for the dates: neither end is claimed.
    assert!(
        html.contains("<p class=\"impact-span\">Created from not available to not available.</p>"),
        "{html}"
    );
    // Nothing named: no location table, and why.
    let unnamed = Impact::plan(request(None), &[]);
    assert!(
        unnamed
            .html(m, 10, &Names::default())
            .contains("the list of stock locations is not available")
    );
    assert!(
        !Impact::plan(request(Some(3)), &[])
            .html(m, 10, &Names::default())
            .contains("hint")
    );
}
