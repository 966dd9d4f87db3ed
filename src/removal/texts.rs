//! The sentences of the removal flow, built from its typed state.

use super::{FailureTitle, Outcome, failure_title};
use crate::api::RemoveRequest;
use crate::locations::Names;
use crate::messages::t;

/// The headline over a failure.
pub fn failure_headline(outcome: Option<Outcome>) -> &'static str {
    let m = t();
    match failure_title(outcome) {
        FailureTitle::Failed => m.remove_failed,
        FailureTitle::Unconfirmed => m.remove_unconfirmed,
        FailureTitle::WentThrough => m.remove_unconfirmed_done,
    }
}

/// The sentence for an outcome.
pub fn outcome_text(outcome: Outcome) -> String {
    let m = t();
    match outcome {
        Outcome::Checking { .. } => m.outcome_checking.to_string(),
        Outcome::Remaining { before, left: 0 } => m.outcome_done(before),
        Outcome::Remaining { before, left } if left >= before => m.outcome_not_done(left),
        Outcome::Remaining { before, left } => m.outcome_partial(left, before),
        Outcome::Unknown => m.outcome_unknown.to_string(),
    }
}

/// "Records created before 10 Oct 2023 (00:00 UTC) at stock location 7 (Ankara Depo) will be
/// removed.", the name when `names` know it.
pub fn scope(request: &RemoveRequest, names: &Names) -> String {
    let location = request.stock_location.map(|id| names.label(id as i64));
    t().confirm_scope(request.expired_date, location.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::removal::{RemoveDraft, validate};

    fn request(date: &str, loc: &str) -> RemoveRequest {
        validate(&RemoveDraft {
            expired_date: date.into(),
            stock_location: loc.into(),
        })
        .unwrap()
    }

    #[test]
    fn outcome_is_stated_honestly() {
        assert_eq!(
            outcome_text(Outcome::Remaining { before: 12, left: 0 }),
            "The removal went through although its answer was lost: none of the 12 matching records is left."
        );
        assert!(outcome_text(Outcome::Remaining { before: 12, left: 12 }).starts_with("Nothing was removed"));
        assert!(outcome_text(Outcome::Remaining { before: 12, left: 5 }).starts_with("5 of the 12"));
        assert_eq!(failure_headline(None), "The removal did not go through");
        assert_eq!(
            failure_headline(Some(Outcome::Remaining { before: 12, left: 0 })),
            "The removal went through"
        );
        assert_eq!(
            failure_headline(Some(Outcome::Checking { before: 12 })),
            "The OMS did not confirm the removal"
        );
    }

    #[test]
    fn scope_states_date_and_location() {
        let none = Names::default();
        assert_eq!(
            scope(&request("2023-10-10", "7"), &none),
            "Records created before 10 Oct 2023 (00:00 UTC) at stock location 7 will be removed."
        );
        let known = Names::known(vec![vec![(7, "Ankara Depo".to_string())]]);
        assert_eq!(
            scope(&request("2023-10-10", "7"), &known),
            "Records created before 10 Oct 2023 (00:00 UTC) at stock location Ankara Depo (7) will be removed."
        );
        assert_eq!(
            scope(&request("2023-10-10", ""), &none),
            "Records created before 10 Oct 2023 (00:00 UTC) at every stock location will be removed."
        );
    }
}
