//! The removal flow as one state machine, apart from its view so that it is tested on the
//! host: what the form holds, where the flow is, and what happened.
//!
//! One [`Stage`] value carries everything the page shows, so impossible combinations (a
//! confirmation with a failure beside it, an outcome without a failed removal) cannot be
//! written. Each step is a method that returns the next stage or `None` when the step does
//! not apply, which is how a second click on "Remove" finds nothing to confirm.

use crate::api::query::parse_positive_id;
use crate::api::{ApiError, FieldErrors, RemoveRequest};
use crate::dates::parse_input_date;

/// Raw input of the removal form, kept across a sign-in caused by an expired token.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RemoveDraft {
    /// `YYYY-MM-DD` from the date input.
    pub expired_date: String,
    /// Stock location id as typed.
    pub stock_location: String,
}

/// What is wrong with the date field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// Nothing chosen.
    Missing,
    /// Not a real calendar date.
    Invalid,
}

/// Client-side problems with the form, per field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FormErrors {
    /// Problem with the date.
    pub expired_date: Option<DateProblem>,
    /// The stock location is not a whole number greater than zero.
    pub stock_location_invalid: bool,
}

/// Checks the draft before anything is sent: a real date, and a positive whole-number id.
pub fn validate(draft: &RemoveDraft) -> Result<RemoveRequest, FormErrors> {
    let mut errors = FormErrors::default();
    let date = if draft.expired_date.trim().is_empty() {
        errors.expired_date = Some(DateProblem::Missing);
        None
    } else {
        let parsed = parse_input_date(&draft.expired_date);
        if parsed.is_none() {
            errors.expired_date = Some(DateProblem::Invalid);
        }
        parsed
    };
    let location = if draft.stock_location.trim().is_empty() {
        None
    } else {
        let parsed = parse_positive_id(&draft.stock_location);
        errors.stock_location_invalid = parsed.is_none();
        parsed
    };
    match date {
        Some(expired_date) if errors == FormErrors::default() => Ok(RemoveRequest {
            expired_date,
            stock_location: location,
        }),
        _ => Err(errors),
    }
}

/// What a re-count found after a removal whose answer was lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The re-count is in flight; `before` records matched when the user confirmed.
    Checking {
        /// Matching records when the user confirmed.
        before: u64,
    },
    /// `left` of the `before` matching records remain.
    Remaining {
        /// Matching records when the user confirmed.
        before: u64,
        /// Matching records now.
        left: u64,
    },
    /// The re-count failed too.
    Unknown,
}

impl Outcome {
    /// True when the re-count shows the removal went through after all.
    pub fn removed_everything(self) -> bool {
        matches!(self, Outcome::Remaining { before, left: 0 } if before > 0)
    }
}

/// What the form shows beside itself while it can be edited.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Feedback {
    /// Nothing to say.
    #[default]
    None,
    /// The input does not validate; nothing was sent.
    Invalid(FormErrors),
    /// The OMS answered 400: its messages per field.
    Rejected(FieldErrors),
    /// A request failed. For a removal whose answer was lost, `outcome` says what a
    /// re-count found.
    Failed {
        /// What went wrong.
        error: ApiError,
        /// The re-count after an uncertain removal; `None` when nothing can have changed.
        outcome: Option<Outcome>,
    },
}

/// Where the removal flow is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The user edits the form, with what the last step had to say.
    Editing(Feedback),
    /// The preview count is being fetched.
    Counting,
    /// The confirmation is on screen, for this request and count.
    Confirming(RemoveRequest, u64),
    /// The POST is in flight.
    Sending(RemoveRequest, u64),
    /// The OMS answered 204.
    Done(RemoveRequest, u64),
}

impl Default for Stage {
    fn default() -> Self {
        Stage::Editing(Feedback::None)
    }
}

/// Errors after which the OMS may or may not have applied the removal: the request may
/// have arrived, so the app checks instead of guessing (and never re-sends by itself).
pub fn outcome_uncertain(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Network(_)
            | ApiError::Timeout { .. }
            | ApiError::Server { .. }
            | ApiError::UnexpectedStatus { .. }
            | ApiError::Decode { .. }
    )
}

impl Stage {
    /// True while the form must not change: anything but editing, and while the re-count
    /// of an uncertain removal has not answered (a new removal must not start before the
    /// user knows what the last one did).
    pub fn locked(&self) -> bool {
        !matches!(self, Stage::Editing(_)) || self.checking()
    }

    /// True while the re-count after a lost answer is in flight.
    pub fn checking(&self) -> bool {
        matches!(
            self,
            Stage::Editing(Feedback::Failed {
                outcome: Some(Outcome::Checking { .. }),
                ..
            })
        )
    }

    /// True while the removal POST is in flight.
    pub fn sending(&self) -> bool {
        matches!(self, Stage::Sending(..))
    }

    /// The form was submitted: the request to count and the `Counting` stage, or the
    /// field errors. `None` when the form is locked.
    pub fn review(&self, draft: &RemoveDraft) -> Option<Result<(Stage, RemoveRequest), Stage>> {
        if self.locked() {
            return None;
        }
        Some(match validate(draft) {
            Ok(request) => Ok((Stage::Counting, request)),
            Err(errors) => Err(Stage::Editing(Feedback::Invalid(errors))),
        })
    }

    /// The preview count answered.
    pub fn counted(&self, request: RemoveRequest, result: Result<u64, ApiError>) -> Option<Stage> {
        if *self != Stage::Counting {
            return None;
        }
        Some(match result {
            Ok(count) => Stage::Confirming(request, count),
            Err(error) => Stage::Editing(Feedback::Failed { error, outcome: None }),
        })
    }

    /// The user confirmed: the request to send once. `None` unless a confirmation with
    /// something to remove is on screen, so a repeated click sends nothing.
    pub fn confirm(&self) -> Option<(Stage, RemoveRequest, u64)> {
        match *self {
            Stage::Confirming(request, count) if count > 0 => Some((Stage::Sending(request, count), request, count)),
            _ => None,
        }
    }

    /// The user cancelled the confirmation.
    pub fn cancel(&self) -> Option<Stage> {
        matches!(self, Stage::Confirming(..)).then(Stage::default)
    }

    /// The POST answered. For a lost answer the stage says the re-count is running, and
    /// [`Stage::recounted`] completes it.
    pub fn sent(&self, result: Result<(), ApiError>) -> Option<Stage> {
        let Stage::Sending(request, count) = *self else {
            return None;
        };
        Some(match result {
            Ok(()) => Stage::Done(request, count),
            Err(ApiError::Validation(errors)) => Stage::Editing(Feedback::Rejected(errors)),
            Err(error) => {
                let outcome = outcome_uncertain(&error).then_some(Outcome::Checking { before: count });
                Stage::Editing(Feedback::Failed { error, outcome })
            }
        })
    }

    /// The re-count after a lost answer answered.
    pub fn recounted(&self, result: Result<u64, ApiError>) -> Option<Stage> {
        let Stage::Editing(Feedback::Failed {
            error,
            outcome: Some(Outcome::Checking { before }),
        }) = self
        else {
            return None;
        };
        let outcome = match result {
            Ok(left) => Outcome::Remaining { before: *before, left },
            Err(_) => Outcome::Unknown,
        };
        Some(Stage::Editing(Feedback::Failed {
            error: error.clone(),
            outcome: Some(outcome),
        }))
    }
}

/// The headline over a failed request: it must not say "did not go through" when the
/// re-count shows it did, nor before the re-count has answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureTitle {
    /// Nothing was removed.
    Failed,
    /// Not known yet, or not knowable.
    Unconfirmed,
    /// The re-count shows everything went.
    WentThrough,
}

/// The headline for a failure with `outcome`.
pub fn failure_title(outcome: Option<Outcome>) -> FailureTitle {
    match outcome {
        None => FailureTitle::Failed,
        Some(o) if o.removed_everything() => FailureTitle::WentThrough,
        Some(Outcome::Remaining { before, left }) if left >= before => FailureTitle::Failed,
        Some(_) => FailureTitle::Unconfirmed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

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
    fn valid_input_becomes_a_request() {
        let r = validate(&draft("2023-10-10", " 7 ")).unwrap();
        assert_eq!(
            r,
            RemoveRequest {
                expired_date: NaiveDate::from_ymd_opt(2023, 10, 10).unwrap(),
                stock_location: Some(7)
            }
        );
        assert_eq!(r.form_body(), "expired_date=10-10-2023&stock_location=7");
        assert_eq!(validate(&draft("2023-10-10", "")).unwrap().stock_location, None);
    }

    #[test]
    fn each_field_reports_its_own_problem() {
        let e = validate(&draft("", "abc")).unwrap_err();
        assert_eq!(e.expired_date, Some(DateProblem::Missing));
        assert!(e.stock_location_invalid);
        let e = validate(&draft("2023-02-30", "0")).unwrap_err();
        assert_eq!(e.expired_date, Some(DateProblem::Invalid));
        assert!(e.stock_location_invalid);
        let e = validate(&draft("2023-10-10", "-5")).unwrap_err();
        assert_eq!(e.expired_date, None);
        assert!(e.stock_location_invalid);
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
}
