//! The remove action: form and JSON bodies, what it deletes (only records created before
//! the day, only at the location when given), and every parser and serializer error.

use crate::support::*;
use serde_json::{Value, json};

/// `DD-MM-YYYY` of the date part of an ISO timestamp.
fn ddmmyyyy(iso: &str) -> String {
    format!("{}-{}-{}", &iso[8..10], &iso[5..7], &iso[0..4])
}

#[test]
fn remove_with_form_body_at_one_location() {
    let s = Server::small();
    let all = s.all("");
    let loc = 7;
    let at_loc: Vec<&Value> = all.iter().filter(|r| r["stock_location"] == loc).collect();
    assert!(at_loc.len() >= 3, "seed gives location 7 enough rows");
    let pivot = date_of(at_loc[at_loc.len() / 2], "created_date");
    let day = &pivot[..10];
    // expected from list queries first
    let expected = s.count(&format!("stock_location={loc}&created_date__lt={day}"));
    let others_before = s.count(&format!("created_date__lt={day}")) - expected;
    assert!(expected > 0);
    let total = s.count("");

    let r = s.remove(
        Some("application/x-www-form-urlencoded"),
        &format!("expired_date={}&stock_location={loc}", ddmmyyyy(&pivot)),
    );
    assert_eq!((r.status, r.body.as_str()), (204, ""));
    assert_eq!(r.h("Content-Type"), None);
    assert_eq!(s.count(""), total - expected);
    assert_eq!(s.count(&format!("stock_location={loc}&created_date__lt={day}")), 0);
    assert_eq!(
        s.count(&format!("created_date__lt={day}")),
        others_before,
        "other locations untouched"
    );
    assert_eq!(
        s.count(&format!("stock_location={loc}&created_date__gte={day}")) as usize,
        at_loc
            .iter()
            .filter(|r| date_of(r, "created_date").as_str() >= day)
            .count()
    );
}

#[test]
fn remove_with_json_body_everywhere() {
    let s = Server::small();
    let all = s.all("sort=created_date");
    let pivot = date_of(&all[80], "created_date");
    let day = &pivot[..10];
    let expected = s.count(&format!("created_date__lt={day}"));
    assert!(expected >= 60);
    let r = s.remove(
        Some("application/json"),
        &json!({"expired_date": ddmmyyyy(&pivot)}).to_string(),
    );
    assert_eq!((r.status, r.body.as_str()), (204, ""));
    assert_eq!(s.count(""), 120 - expected);
    assert_eq!(s.count(&format!("created_date__lt={day}")), 0);
    // form body with a blank optional stock_location behaves like no location
    let r = s.remove(
        Some("application/x-www-form-urlencoded"),
        "expired_date=01-01-2100&stock_location=",
    );
    assert_eq!(r.status, 204);
    assert_eq!(s.count(""), 0);
    // JSON with charset parameter and an integral stock_location string
    let r = s.remove(
        Some("application/json; charset=utf-8"),
        r#"{"expired_date":"01-01-2100","stock_location":"7"}"#,
    );
    assert_eq!(r.status, 204);
}

#[test]
fn remove_validation_errors_are_exact() {
    let s = Server::small();
    const FORM: Option<&str> = Some("application/x-www-form-urlencoded");
    const JSON: Option<&str> = Some("application/json");
    let wrong = r#"{"expired_date":["Date has wrong format. Use one of these formats instead: DD-MM-YYYY."]}"#;
    for bad in [
        "2023-10-10",
        "1-10-2023",
        "10-1-2023",
        "31-02-2023",
        "10/10/2023",
        "10-10-23",
        "",
        "x",
    ] {
        s.remove(FORM, &format!("expired_date={bad}")).expect(400, wrong);
        s.remove(JSON, &json!({"expired_date": bad}).to_string())
            .expect(400, wrong);
    }
    s.remove(JSON, r#"{"expired_date":20231010}"#).expect(400, wrong);
    let required = r#"{"expired_date":["This field is required."]}"#;
    s.remove(FORM, "").expect(400, required);
    s.remove(FORM, "stock_location=3").expect(400, required);
    s.remove(JSON, "{}").expect(400, required);
    s.remove(None, "").expect(400, required);
    s.remove(FORM, "expired_date=10-10-2023&stock_location=abc")
        .expect(400, r#"{"stock_location":["A valid integer is required."]}"#);
    s.remove(JSON, r#"{"expired_date":"10-10-2023","stock_location":"7.5"}"#)
        .expect(400, r#"{"stock_location":["A valid integer is required."]}"#);
    s.remove(JSON, r#"{"expired_date":"10-10-2023","stock_location":null}"#)
        .expect(400, r#"{"stock_location":["This field may not be null."]}"#);
    s.remove(JSON, r#"{"expired_date":null}"#)
        .expect(400, r#"{"expired_date":["This field may not be null."]}"#);
    s.remove(FORM, "expired_date=2023&stock_location=x").expect(
        400,
        r#"{"expired_date":["Date has wrong format. Use one of these formats instead: DD-MM-YYYY."],"stock_location":["A valid integer is required."]}"#,
    );
    s.remove(JSON, "[1]").expect(
        400,
        r#"{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}"#,
    );
    s.remove(Some("text/plain"), "expired_date=10-10-2023")
        .expect(415, r#"{"detail":"Unsupported media type \"text/plain\" in request."}"#);
    s.remove(Some("text/plain;charset=UTF-8"), "{}").expect(
        415,
        r#"{"detail":"Unsupported media type \"text/plain;charset=UTF-8\" in request."}"#,
    );
    s.remove(Some("multipart/form-data; boundary=x"), "--x--").expect(
        415,
        r#"{"detail":"Unsupported media type \"multipart/form-data; boundary=x\" in request."}"#,
    );
    s.remove(None, "expired_date=10-10-2023")
        .expect(415, r#"{"detail":"Unsupported media type \"\" in request."}"#);
    s.remove(JSON, "{bad").expect(
        400,
        r#"{"detail":"JSON parse error - Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"}"#,
    );
    s.remove(JSON, r#"{"expired_date":}"#).expect(
        400,
        r#"{"detail":"JSON parse error - Expecting value: line 1 column 17 (char 16)"}"#,
    );
    assert_eq!(s.count(""), 120, "no failed call deleted anything");
}
