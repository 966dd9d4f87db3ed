//! The removal form's input and its validation: nothing reaches the OMS until the date is
//! a real date and the stock location, when given, a whole number greater than zero.

use crate::api::RemoveRequest;
use crate::api::query::parse_positive_id;
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
}
