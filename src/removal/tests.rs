//! The removal state machine, step by step.

use super::*;

fn draft(date: &str, loc: &str) -> RemoveDraft {
    RemoveDraft {
        expired_date: date.into(),
        stock_location: loc.into(),
    }
}

fn request() -> RemoveRequest {
    validate(&draft("2023-10-10", "7")).unwrap()
}

#[test]
fn the_happy_path_sends_exactly_once() {
    let (counting, r) = Stage::default().review(&draft("2023-10-10", "7")).unwrap().unwrap();
    assert_eq!(counting, Stage::Counting);
    assert!(counting.locked());
    assert_eq!(
        counting.review(&draft("2023-10-10", "7")),
        None,
        "no second review while counting"
    );
    let confirming = counting.counted(r, Ok(12)).unwrap();
    assert_eq!(confirming, Stage::Confirming(r, 12));
    let (sending, sent_request, count) = confirming.confirm().unwrap();
    assert_eq!((sent_request, count), (r, 12));
    assert!(sending.sending());
    assert_eq!(sending.confirm(), None, "a second click finds nothing to confirm");
    assert_eq!(sending.cancel(), None, "an in-flight removal cannot be cancelled");
    assert_eq!(sending.sent(Ok(())), Some(Stage::Done(r, 12)));
    assert_eq!(Stage::Done(r, 12).sent(Ok(())), None);
}

#[test]
fn nothing_to_remove_cannot_be_confirmed() {
    assert_eq!(Stage::Confirming(request(), 0).confirm(), None);
    assert_eq!(Stage::Confirming(request(), 3).cancel(), Some(Stage::default()));
}

#[test]
fn invalid_input_stays_in_the_form() {
    let result = Stage::default().review(&draft("", "")).unwrap();
    assert_eq!(
        result,
        Err(Stage::Editing(Feedback::Invalid(FormErrors {
            expired_date: Some(DateProblem::Missing),
            stock_location_invalid: false
        })))
    );
}

#[test]
fn a_failed_count_or_a_400_returns_to_the_form() {
    let failed = Stage::Counting
        .counted(request(), Err(ApiError::Server { status: 500 }))
        .unwrap();
    assert!(matches!(failed, Stage::Editing(Feedback::Failed { outcome: None, .. })));
    assert!(!failed.locked());
    let rejected = Stage::Sending(request(), 3)
        .sent(Err(ApiError::Validation(FieldErrors::default())))
        .unwrap();
    assert_eq!(rejected, Stage::Editing(Feedback::Rejected(FieldErrors::default())));
    let forbidden = Stage::Sending(request(), 3)
        .sent(Err(ApiError::Forbidden { detail: String::new() }))
        .unwrap();
    assert!(matches!(
        forbidden,
        Stage::Editing(Feedback::Failed { outcome: None, .. })
    ));
}

#[test]
fn a_lost_answer_is_recounted_and_locks_the_form_meanwhile() {
    let lost = Stage::Sending(request(), 12)
        .sent(Err(ApiError::Server { status: 502 }))
        .unwrap();
    assert!(lost.checking());
    assert!(lost.locked(), "no new removal before the re-count answers");
    assert_eq!(lost.review(&draft("2023-10-10", "7")), None);
    let done = lost.recounted(Ok(0)).unwrap();
    assert!(!done.locked());
    let Stage::Editing(Feedback::Failed { outcome: Some(o), .. }) = done else {
        panic!("{done:?}")
    };
    assert!(o.removed_everything());
    assert_eq!(failure_title(Some(o)), FailureTitle::WentThrough);
    assert_eq!(done.recounted(Ok(3)), None, "only a pending re-count completes");
    let unknown = lost.recounted(Err(ApiError::Network(String::new()))).unwrap();
    assert!(matches!(
        unknown,
        Stage::Editing(Feedback::Failed {
            outcome: Some(Outcome::Unknown),
            ..
        })
    ));
}

#[test]
fn failures_are_titled_honestly() {
    assert_eq!(failure_title(None), FailureTitle::Failed);
    assert_eq!(
        failure_title(Some(Outcome::Remaining { before: 12, left: 12 })),
        FailureTitle::Failed
    );
    assert_eq!(
        failure_title(Some(Outcome::Remaining { before: 12, left: 0 })),
        FailureTitle::WentThrough
    );
    assert_eq!(
        failure_title(Some(Outcome::Remaining { before: 12, left: 5 })),
        FailureTitle::Unconfirmed
    );
    assert_eq!(
        failure_title(Some(Outcome::Checking { before: 3 })),
        FailureTitle::Unconfirmed
    );
    assert_eq!(failure_title(Some(Outcome::Unknown)), FailureTitle::Unconfirmed);
    assert!(outcome_uncertain(&ApiError::Server { status: 502 }));
    assert!(outcome_uncertain(&ApiError::Timeout { seconds: 120 }));
    assert!(!outcome_uncertain(&ApiError::Forbidden { detail: String::new() }));
    assert!(!outcome_uncertain(&ApiError::Throttled { retry_after: None }));
}
