//! `POST …/inventory-discrepancies/remove/`: DRF parser selection (JSON or form, else 415),
//! the action's serializer (`expired_date` as `DD-MM-YYYY`, optional integer
//! `stock_location`) with DRF's messages, then the delete and a bodiless 204.

use crate::AppState;
use crate::dates::{day_start_micros, parse_dd_mm_yyyy};
use crate::drf::{self, FieldErrors, no_content, server_error};
use crate::filters::IntMatch;
use crate::querystring::{last, parse_qsl, python_int};
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::response::Response;
use chrono::NaiveDate;
use serde_json::Value;

/// Django's `DATA_UPLOAD_MAX_MEMORY_SIZE`.
const MAX_BODY: usize = 2_621_440;

/// `request.data` after DRF's parsing.
#[derive(Debug)]
pub enum Data {
    /// No body: an empty dict.
    Empty,
    /// `application/x-www-form-urlencoded` (an HTML-input `QueryDict`).
    Form(Vec<(String, String)>),
    /// `application/json`.
    Json(Value),
}

/// A field's raw input as the serializer sees it.
enum Input<'a> {
    Missing,
    Null,
    Str(&'a str),
    Other(&'a Value),
}

/// The validated action arguments.
#[derive(Debug, PartialEq)]
pub struct RemoveArgs {
    /// The date whose start (00:00 UTC) is the cut-off.
    pub expired_date: NaiveDate,
    /// Location restriction, if any.
    pub stock_location: Option<IntMatch>,
}

/// Why DRF's parsers refused a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// No parser for this `Content-Type` (the full header value): 415.
    UnsupportedMediaType(String),
    /// Malformed JSON (Python-style message): 400.
    Json(String),
}

impl ParseError {
    /// The DRF response for this error.
    pub fn response(&self) -> Response {
        match self {
            Self::UnsupportedMediaType(ct) => drf::detail(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                &format!("Unsupported media type \"{ct}\" in request."),
            ),
            Self::Json(m) => drf::detail(StatusCode::BAD_REQUEST, &format!("JSON parse error - {m}")),
        }
    }
}

/// DRF's parser selection on the request's `Content-Type`.
pub fn parse_body(content_type: Option<&str>, body: &[u8]) -> Result<Data, ParseError> {
    // DRF skips parsing when there is no body at all, whatever the content type.
    if body.is_empty() {
        return Ok(Data::Empty);
    }
    let full = content_type.unwrap_or("");
    let media = full.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let (main, sub) = media.split_once('/').unwrap_or((media.as_str(), ""));
    let matches = |m: &str, s: &str| (main == "*" || main == m) && (sub == "*" || sub == s);
    if !media.is_empty() && matches("application", "json") {
        let text = match std::str::from_utf8(body) {
            Ok(t) => t,
            Err(e) => return Err(ParseError::Json(utf8_message(body, &e))),
        };
        return serde_json::from_str(text)
            .map(Data::Json)
            .map_err(|e| ParseError::Json(python_json_message(text, &e)));
    }
    if !media.is_empty() && matches("application", "x-www-form-urlencoded") {
        return Ok(Data::Form(parse_qsl(&String::from_utf8_lossy(body))));
    }
    Err(ParseError::UnsupportedMediaType(full.to_string()))
}

/// Python's `UnicodeDecodeError` text for invalid UTF-8 in a JSON body.
fn utf8_message(body: &[u8], e: &std::str::Utf8Error) -> String {
    let pos = e.valid_up_to();
    let byte = body[pos];
    let reason = match e.error_len() {
        None => "unexpected end of data",
        Some(_) if (0x80..0xC2).contains(&byte) || byte > 0xF4 => "invalid start byte",
        Some(_) => "invalid continuation byte",
    };
    format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: {reason}")
}

/// Rephrases a serde_json error the way Python's `json` module words it
/// (`Expecting value: line 1 column 1 (char 0)`), positions included; an approximation for
/// the rarer cases, exact for the common ones (empty body, bad value, trailing data).
pub fn python_json_message(text: &str, e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let lead = msg.split(" at line ").next().unwrap_or(&msg);
    let eof = e.is_eof();
    let python = if lead.starts_with("EOF while parsing a string") {
        "Unterminated string starting at"
    } else if lead.starts_with("EOF while parsing an object") || lead.starts_with("EOF while parsing a list") {
        "Expecting ',' delimiter"
    } else if lead.starts_with("EOF") || lead.starts_with("expected value") || lead.starts_with("trailing comma") {
        "Expecting value"
    } else if lead.starts_with("key must be a string") {
        "Expecting property name enclosed in double quotes"
    } else if lead.starts_with("expected `:`") {
        "Expecting ':' delimiter"
    } else if lead.starts_with("expected `,`") {
        "Expecting ',' delimiter"
    } else if lead.starts_with("trailing characters") {
        "Extra data"
    } else if lead.starts_with("invalid escape") {
        "Invalid \\escape"
    } else if lead.starts_with("control character") {
        "Invalid control character at"
    } else {
        lead
    };
    // character offset of the error, as Python counts it
    let pos = if eof {
        text.chars().count()
    } else {
        let line_start: usize = text
            .split_inclusive('\n')
            .take(e.line().saturating_sub(1))
            .map(str::len)
            .sum();
        let byte = (line_start + e.column().saturating_sub(1)).min(text.len());
        let byte = (0..=byte).rev().find(|b| text.is_char_boundary(*b)).unwrap_or(0);
        text[..byte].chars().count()
    };
    let before: String = text.chars().take(pos).collect();
    let line = before.matches('\n').count() + 1;
    let col = pos - before.rfind('\n').map(|i| before[..=i].chars().count()).unwrap_or(0) + 1;
    format!("{python}: line {line} column {col} (char {pos})")
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
pub fn validate(data: &Data) -> Result<RemoveArgs, FieldErrors> {
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
pub async fn handle(state: &AppState, req: Request) -> Response {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let body = match axum::body::to_bytes(req.into_body(), MAX_BODY).await {
        Ok(b) => b,
        Err(_) => return drf::html(StatusCode::BAD_REQUEST, "<h1>Bad Request (400)</h1>"),
    };
    let data = match parse_body(content_type.as_deref(), &body) {
        Ok(d) => d,
        Err(e) => return e.response(),
    };
    let args = match validate(&data) {
        Ok(a) => a,
        Err(e) => return e.response(),
    };
    let before = day_start_micros(args.expired_date);
    let st = state.clone();
    match tokio::task::spawn_blocking(move || st.db.remove_before(before, args.stock_location)).await {
        Ok(Ok(n)) => {
            tracing::info!("remove: deleted {n} records created before {}", args.expired_date);
            no_content()
        }
        Ok(Err(e)) => {
            tracing::error!("remove failed: {e}");
            server_error()
        }
        Err(e) => {
            tracing::error!("remove task failed: {e}");
            server_error()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_err(body: &str) -> String {
        let e = serde_json::from_str::<Value>(body).unwrap_err();
        python_json_message(body, &e)
    }

    #[test]
    fn python_style_json_errors() {
        assert_eq!(json_err(""), "Expecting value: line 1 column 1 (char 0)");
        assert_eq!(json_err("{\"a\":}"), "Expecting value: line 1 column 6 (char 5)");
        assert_eq!(
            json_err("{bad}"),
            "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"
        );
        assert_eq!(json_err("{\"a\":1}x"), "Extra data: line 1 column 8 (char 7)");
        assert_eq!(
            json_err("{\n\"a\" 1}"),
            "Expecting ':' delimiter: line 2 column 5 (char 6)"
        );
    }

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
