//! Turns an HTTP status, the `Retry-After` header and the body text into a typed result.
//!
//! Pure and total: any bytes and any status give a value, never a panic, because the body
//! may come from a broken proxy, an HTML error page or a hostile server. The JSON itself is
//! parsed by `crate::json` (the browser's `JSON.parse` in the wasm, serde_json on the host).

use super::error::{ApiError, Body, FieldErrors};
use crate::json::FromJson;
use crate::json::{self, Json};

/// Longest piece of a server message kept for display: a huge body must not flood the UI.
const MAX_DETAIL_CHARS: usize = 300;

/// Most messages kept from one 400 body: more than any form has fields, less than a flood.
const MAX_MESSAGES: usize = 50;

/// Maps a non-success status to its error; `Ok(())` for 2xx.
pub fn check_status(status: u16, retry_after: Option<&str>, body: &str) -> Result<(), ApiError> {
    let detail = || detail_of(body);
    match status {
        200..=299 => Ok(()),
        400 => Err(ApiError::Validation(field_errors(body))),
        401 => Err(ApiError::Unauthorized { detail: detail() }),
        403 => Err(ApiError::Forbidden { detail: detail() }),
        404 => Err(ApiError::NotFound { detail: detail() }),
        429 => Err(ApiError::Throttled {
            retry_after: retry_after.and_then(parse_retry_after),
        }),
        500..=599 => Err(ApiError::Server { status }),
        _ => Err(ApiError::UnexpectedStatus { status }),
    }
}

/// Decodes a JSON success body into `T`, or maps the failure.
pub fn decode_json<T: FromJson>(
    status: u16,
    retry_after: Option<&str>,
    body: &str,
    expected: Body,
) -> Result<T, ApiError> {
    check_status(status, retry_after, body)?;
    decode_body(body, expected)
}

/// The body of a successful answer as a `T`.
pub fn decode_body<T: FromJson>(body: &str, expected: Body) -> Result<T, ApiError> {
    json::read(body).map_err(|e| ApiError::Decode {
        expected,
        detail: truncate(&e),
    })
}

/// Seconds from `Retry-After`; the HTTP-date form is not worth a date parser here.
pub fn parse_retry_after(value: &str) -> Option<u64> {
    value.trim().parse::<u64>().ok().map(|s| s.min(24 * 3600))
}

/// The `detail` of a DRF error body, or a short note when the body is not DRF JSON.
fn detail_of(body: &str) -> String {
    match json::value(body) {
        Ok(value) => match value.get("detail") {
            Some(Json::Str(s)) => truncate(s),
            Some(other) => truncate(&other.to_text()),
            None => String::new(),
        },
        Err(_) => String::new(),
    }
}

/// Reads any DRF 400 shape: `{"field": ["msg", …]}`, `{"non_field_errors": […]}`,
/// `{"detail": "…"}`, a bare list `["…"]`, or anything else as one general message.
pub fn field_errors(body: &str) -> FieldErrors {
    let mut out = FieldErrors::default();
    match json::value(body) {
        Ok(Json::Obj(entries)) => {
            for (key, value) in entries {
                let msgs = messages_of(&value);
                if key == "non_field_errors" || key == "detail" {
                    out.general.extend(msgs);
                } else {
                    out.fields.push((truncate(&key), msgs));
                }
            }
        }
        Ok(value @ (Json::Arr(_) | Json::Str(_))) => out.general = messages_of(&value),
        _ => {}
    }
    let mut left = MAX_MESSAGES;
    for msgs in std::iter::once(&mut out.general).chain(out.fields.iter_mut().map(|(_, msgs)| msgs)) {
        msgs.truncate(left);
        left -= msgs.len();
    }
    out
}

/// Flattens a DRF error value (a string, a list of strings, nested objects) into messages.
fn messages_of(value: &Json) -> Vec<String> {
    match value {
        Json::Str(s) => vec![truncate(s)],
        Json::Arr(items) => items.iter().flat_map(messages_of).collect(),
        Json::Obj(entries) => entries
            .iter()
            .flat_map(|(k, v)| messages_of(v).into_iter().map(move |m| truncate(&format!("{k}: {m}"))))
            .collect(),
        Json::Null => Vec::new(),
        other => vec![truncate(&other.to_text())],
    }
}

fn truncate(s: &str) -> String {
    crate::text::truncate(s, MAX_DETAIL_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::{Discrepancy, Page};

    const GOOD_PAGE: &str = r#"{"count":1,"next":null,"previous":null,"results":[{"id":1,"reason":"out_of_stock","created_date":"2023-01-01T14:09:34.934060Z","modified_date":"2023-01-01T14:09:34.934069Z","is_active":true,"stock_location":1,"package_item":11111,"transfer_item":null}]}"#;

    fn page(body: &str) -> Result<Page<Discrepancy>, ApiError> {
        decode_json(200, None, body, Body::Page)
    }

    #[test]
    fn decodes_the_vendor_example() {
        let p = page(GOOD_PAGE).unwrap();
        assert_eq!(p.count, 1);
        let d = &p.results[0];
        assert_eq!(
            (
                d.id,
                d.reason.as_str(),
                d.stock_location,
                d.package_item,
                d.transfer_item
            ),
            (1, "out_of_stock", 1, Some(11111), None)
        );
        assert_eq!(d.created_date.to_rfc3339(), "2023-01-01T14:09:34.934060+00:00");
    }

    #[test]
    fn extra_fields_are_ignored_and_missing_optionals_are_null() {
        let body = r#"{"count":1,"results":[{"id":2,"reason":"x","created_date":"2023-01-01T14:09:34Z","modified_date":"2023-01-01T14:09:34Z","is_active":false,"stock_location":3,"new_field":[1,2]}],"extra":true}"#;
        let p = page(body).unwrap();
        assert_eq!(p.next, None);
        assert_eq!(p.results[0].package_item, None);
        assert_eq!(p.results[0].transfer_item, None);
    }

    #[test]
    fn missing_and_mistyped_fields_are_decode_errors() {
        for body in [
            r#"{"count":1,"results":[{"id":1}]}"#,
            r#"{"count":"1","results":[]}"#,
            r#"{"count":-1,"results":[]}"#,
            r#"{"count":1,"results":[{"id":"1","reason":"x","created_date":"2023-01-01T00:00:00Z","modified_date":"2023-01-01T00:00:00Z","is_active":true,"stock_location":1}]}"#,
            r#"{"count":1,"results":[{"id":1,"reason":null,"created_date":"2023-01-01T00:00:00Z","modified_date":"2023-01-01T00:00:00Z","is_active":true,"stock_location":1}]}"#,
            r#"{"count":1,"results":[{"id":1,"reason":"x","created_date":"yesterday","modified_date":"2023-01-01T00:00:00Z","is_active":true,"stock_location":1}]}"#,
            "<html><body>Gateway</body></html>",
            "",
            "[]",
        ] {
            match page(body) {
                Err(ApiError::Decode { expected, detail }) => {
                    assert_eq!(expected, Body::Page);
                    assert!(!detail.is_empty(), "{body}");
                }
                other => panic!("{body}: {other:?}"),
            }
        }
    }

    #[test]
    fn statuses_map_to_their_errors() {
        assert_eq!(
            check_status(401, None, r#"{"detail":"Invalid token."}"#),
            Err(ApiError::Unauthorized {
                detail: "Invalid token.".into()
            })
        );
        assert_eq!(
            check_status(
                403,
                None,
                r#"{"detail":"You do not have permission to perform this action."}"#
            ),
            Err(ApiError::Forbidden {
                detail: "You do not have permission to perform this action.".into()
            })
        );
        assert_eq!(
            check_status(
                404,
                None,
                r#"{"detail":"No InventoryDiscrepancy matches the given query."}"#
            ),
            Err(ApiError::NotFound {
                detail: "No InventoryDiscrepancy matches the given query.".into()
            })
        );
        // The status and body alone do not make an invalid page: the client decides that
        // from its request (`client::invalid_page`).
        assert_eq!(
            check_status(404, None, r#"{"detail":"Invalid page."}"#),
            Err(ApiError::NotFound {
                detail: "Invalid page.".into()
            })
        );
        assert_eq!(
            check_status(429, Some("3"), ""),
            Err(ApiError::Throttled { retry_after: Some(3) })
        );
        assert_eq!(
            check_status(429, Some("Wed, 21 Oct 2015 07:28:00 GMT"), ""),
            Err(ApiError::Throttled { retry_after: None })
        );
        assert_eq!(
            check_status(500, None, "<!doctype html><h1>Server Error (500)</h1>"),
            Err(ApiError::Server { status: 500 })
        );
        assert_eq!(check_status(503, None, ""), Err(ApiError::Server { status: 503 }));
        assert_eq!(
            check_status(302, None, ""),
            Err(ApiError::UnexpectedStatus { status: 302 })
        );
        assert_eq!(check_status(204, None, ""), Ok(()));
        assert_eq!(
            check_status(404, None, "<html>nope</html>"),
            Err(ApiError::NotFound { detail: String::new() })
        );
    }

    #[test]
    fn drf_400_shapes() {
        let e = field_errors(
            r#"{"expired_date":["Date has wrong format. Use one of these formats instead: DD-MM-YYYY."],"stock_location":["A valid integer is required."]}"#,
        );
        assert_eq!(
            e.for_field("expired_date"),
            vec!["Date has wrong format. Use one of these formats instead: DD-MM-YYYY.".to_string()]
        );
        assert_eq!(
            e.for_field("stock_location"),
            vec!["A valid integer is required.".to_string()]
        );
        assert!(e.general.is_empty());

        let e = field_errors(r#"{"non_field_errors":["Nope."]}"#);
        assert_eq!(e.general, vec!["Nope.".to_string()]);
        let e = field_errors(r#"["Bare list."]"#);
        assert_eq!(e.general, vec!["Bare list.".to_string()]);
        let e = field_errors(r#"{"expired_date":"Just a string."}"#);
        assert_eq!(e.for_field("expired_date"), vec!["Just a string.".to_string()]);
        let e = field_errors(r#"{"items":[{"qty":["Too many."]}]}"#);
        assert_eq!(e.for_field("items"), vec!["qty: Too many.".to_string()]);
        assert_eq!(field_errors("<html>400</html>"), FieldErrors::default());
    }

    #[test]
    fn field_errors_keep_the_order_the_server_sent() {
        // A repeated key keeps its first place and its last messages, as `JSON.parse` does.
        let e = field_errors(r#"{"stock_location":["a"],"expired_date":["b"],"detail":"c","stock_location":["d"]}"#);
        assert_eq!(
            e.fields,
            vec![
                ("stock_location".to_string(), vec!["d".to_string()]),
                ("expired_date".to_string(), vec!["b".to_string()]),
            ]
        );
        assert_eq!(e.general, vec!["c".to_string()]);
    }

    #[test]
    fn values_that_are_not_text_are_shown_as_json() {
        assert_eq!(
            check_status(404, None, r#"{"detail":{"a":[1,true,null,"x"]}}"#),
            Err(ApiError::NotFound {
                detail: r#"{"a":[1,true,null,"x"]}"#.into()
            })
        );
        assert_eq!(
            check_status(403, None, r#"{"detail":-2.5}"#),
            Err(ApiError::Forbidden { detail: "-2.5".into() })
        );
        let e = field_errors(r#"{"qty":[5,false,null]}"#);
        assert_eq!(e.for_field("qty"), vec!["5".to_string(), "false".to_string()]);
    }

    #[test]
    fn error_bodies_nested_past_127_levels_are_not_read() {
        let arrays = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let levels = |n: usize| format!(r#"{{"detail":{}}}"#, arrays(n - 1));
        assert_eq!(
            check_status(404, None, &levels(127)),
            Err(ApiError::NotFound { detail: arrays(126) })
        );
        assert_eq!(
            check_status(404, None, &levels(128)),
            Err(ApiError::NotFound { detail: String::new() })
        );
    }

    #[test]
    fn long_details_are_cut() {
        let long = format!(r#"{{"detail":"{}"}}"#, "ş".repeat(1000));
        match check_status(404, None, &long) {
            Err(ApiError::NotFound { detail }) => assert_eq!(detail.chars().count(), MAX_DETAIL_CHARS + 1),
            other => panic!("{other:?}"),
        }
    }
}
