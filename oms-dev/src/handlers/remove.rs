//! `POST …/inventory-discrepancies/remove/`: the action's serializer (`expired_date` as
//! `DD-MM-YYYY`, optional integer `stock_location`) with DRF's messages, applied to what
//! [`crate::drf::parsers`] made of the body, then the delete and a bodiless 204.

use crate::coercion::IntMatch;
use crate::dates::{day_start_micros, parse_dd_mm_yyyy};
use crate::drf::parsers::{Data, parse_body};
use crate::drf::{FieldErrors, no_content};
use crate::error::{AppError, blocking};
use crate::querystring::{last, python_int};
use crate::state::Shared;
use axum::extract::Request;
use axum::http::header;
use axum::response::Response;
use chrono::NaiveDate;
use serde_json::Value;
use std::sync::Arc;

/// Django's `DATA_UPLOAD_MAX_MEMORY_SIZE`.
const MAX_BODY: usize = 2_621_440;

/// A field's raw input as the serializer sees it.
enum Input<'a> {
    Missing,
    Null,
    Str(&'a str),
    Other(&'a Value),
}

/// The validated action arguments.
#[derive(Debug, PartialEq)]
pub(crate) struct RemoveArgs {
    /// The date whose start (00:00 UTC) is the cut-off.
    pub(crate) expired_date: NaiveDate,
    /// Location restriction, if any.
    pub(crate) stock_location: Option<IntMatch>,
}

/// Python's `type(x).__name__` for a JSON value.
fn python_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// DRF `IntegerField.to_internal_value`: strip a trailing `.0…`, then Python `int()`;
/// numbers pass if integral; values beyond 64 bits are valid but match nothing.
fn integer_field(input: &Input) -> Result<IntMatch, &'static str> {
    const INVALID: &str = "A valid integer is required.";
    let from_i128 = |v: i128| i64::try_from(v).map_or(IntMatch::Never, IntMatch::Eq);
    match input {
        Input::Str(s) => {
            if s.chars().count() > 1000 {
                return Err("String value too large.");
            }
            let t = s.trim_end();
            let u = t.trim_end_matches('0');
            let cleaned = match u.strip_suffix('.') {
                Some(head) => head,
                None => s,
            };
            python_int(cleaned).map(from_i128).ok_or(INVALID)
        }
        Input::Other(Value::Number(n)) => {
            if let Some(i) = n.as_i64() {
                Ok(IntMatch::Eq(i))
            } else if n.as_u64().is_some() {
                Ok(IntMatch::Never)
            } else {
                match n.as_f64() {
                    Some(f) if f.fract() == 0.0 && f.abs() < 1e16 => Ok(IntMatch::Eq(f as i64)),
                    _ => Err(INVALID),
                }
            }
        }
        _ => Err(INVALID),
    }
}

/// The action's serializer: `{"expired_date": DateField(input_formats=["%d-%m-%Y"]),
/// "stock_location": IntegerField(required=False)}` with DRF's error messages, all field
/// errors reported together.
pub(crate) fn validate(data: &Data) -> Result<RemoveArgs, FieldErrors> {
    let mut errors = FieldErrors::default();
    let obj = match data {
        Data::Json(Value::Object(m)) => Some(m),
        Data::Json(Value::Null) => {
            errors.add("non_field_errors", "No data provided");
            return Err(errors);
        }
        Data::Json(other) => {
            errors.add(
                "non_field_errors",
                format!("Invalid data. Expected a dictionary, but got {}.", python_type(other)),
            );
            return Err(errors);
        }
        _ => None,
    };
    let get = |name: &str| -> Input {
        match (data, obj) {
            (Data::Form(pairs), _) => last(pairs, name).map_or(Input::Missing, Input::Str),
            (_, Some(m)) => match m.get(name) {
                None => Input::Missing,
                Some(Value::Null) => Input::Null,
                Some(Value::String(s)) => Input::Str(s),
                Some(v) => Input::Other(v),
            },
            _ => Input::Missing,
        }
    };

    let mut expired_date = None;
    match get("expired_date") {
        Input::Missing => errors.add("expired_date", "This field is required."),
        Input::Null => errors.add("expired_date", "This field may not be null."),
        Input::Str(s) if parse_dd_mm_yyyy(s).is_some() => expired_date = parse_dd_mm_yyyy(s),
        _ => errors.add(
            "expired_date",
            "Date has wrong format. Use one of these formats instead: DD-MM-YYYY.",
        ),
    }

    let mut stock_location = None;
    match get("stock_location") {
        Input::Missing => {}
        // an HTML form's blank optional field counts as absent
        Input::Str("") if matches!(data, Data::Form(_)) => {}
        Input::Null => errors.add("stock_location", "This field may not be null."),
        other => match integer_field(&other) {
            Ok(m) => stock_location = Some(m),
            Err(msg) => errors.add("stock_location", msg),
        },
    }

    match expired_date {
        Some(expired_date) if errors.is_empty() => Ok(RemoveArgs {
            expired_date,
            stock_location,
        }),
        _ => Err(errors),
    }
}

/// Parses, validates and performs one remove action.
pub(crate) async fn handle(state: &Arc<Shared>, req: Request) -> Result<Response, AppError> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let body = axum::body::to_bytes(req.into_body(), MAX_BODY)
        .await
        .map_err(|_| AppError::BadRequest)?;
    let args = validate(&parse_body(content_type.as_deref(), &body)?)?;
    let before = day_start_micros(args.expired_date);
    let st = state.clone();
    let n = blocking("remove", move || st.db.remove_before(before, args.stock_location)).await?;
    tracing::info!("remove: deleted {n} records created before {}", args.expired_date);
    Ok(no_content())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drf;

    fn form(body: &str) -> Result<RemoveArgs, String> {
        let d = parse_body(Some("application/x-www-form-urlencoded"), body.as_bytes()).unwrap();
        validate(&d).map_err(|e| drf::to_json(&e))
    }

    fn json(body: &str) -> Result<RemoveArgs, String> {
        let d = parse_body(Some("application/json; charset=utf-8"), body.as_bytes()).unwrap();
        validate(&d).map_err(|e| drf::to_json(&e))
    }

    #[test]
    fn serializer_rules() {
        let d = NaiveDate::from_ymd_opt(2023, 10, 10).unwrap();
        let ok = |loc| {
            Ok(RemoveArgs {
                expired_date: d,
                stock_location: loc,
            })
        };
        assert_eq!(form("expired_date=10-10-2023"), ok(None));
        assert_eq!(form("expired_date=10-10-2023&stock_location="), ok(None));
        assert_eq!(
            form("expired_date=10-10-2023&stock_location=7.0"),
            ok(Some(IntMatch::Eq(7)))
        );
        assert_eq!(
            json(r#"{"expired_date":"10-10-2023","stock_location":7}"#),
            ok(Some(IntMatch::Eq(7)))
        );
        assert_eq!(
            json(r#"{"expired_date":"10-10-2023","stock_location":" 7 "}"#),
            ok(Some(IntMatch::Eq(7)))
        );
        assert_eq!(
            form("expired_date=2023-10-10&stock_location=x"),
            Err(r#"{"expired_date":["Date has wrong format. Use one of these formats instead: DD-MM-YYYY."],"stock_location":["A valid integer is required."]}"#.into())
        );
        assert_eq!(form(""), Err(r#"{"expired_date":["This field is required."]}"#.into()));
        assert_eq!(
            json(r#"{"expired_date":null,"stock_location":null}"#),
            Err(
                r#"{"expired_date":["This field may not be null."],"stock_location":["This field may not be null."]}"#
                    .into()
            )
        );
        assert_eq!(
            json(r#"{"expired_date":"10-10-2023","stock_location":""}"#),
            Err(r#"{"stock_location":["A valid integer is required."]}"#.into())
        );
        assert_eq!(
            json(r#"{"expired_date":"10-10-2023","stock_location":true}"#),
            Err(r#"{"stock_location":["A valid integer is required."]}"#.into())
        );
        assert_eq!(
            json("[]"),
            Err(r#"{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}"#.into())
        );
        assert_eq!(json("null"), Err(r#"{"non_field_errors":["No data provided"]}"#.into()));
    }
}
