//! The removal flow as one state machine, apart from its view so that it is tested on the
//! host: what the form holds, where the flow is, and what happened.
//!
//! One [`Stage`] value carries everything the page shows, so impossible combinations (a
//! confirmation with a failure beside it, an outcome without a failed removal) cannot be
//! written. Each step is a method that returns the next stage or `None` when the step does
//! not apply, which is how a second click on "Remove" finds nothing to confirm.

mod form;
pub mod impact;
pub mod texts;

pub use form::{DateProblem, FormErrors, RemoveDraft, validate};

use crate::api::{ApiError, FieldErrors, RemoveRequest};

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
mod tests;
