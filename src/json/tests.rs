//! The host path: the serde_json builder of `Json` and the Deserializer the wasm ships too;
//! tests/components.rs checks the browser path against the same cases.

use super::*;
use serde::Deserialize;

fn parse(text: &str) -> Result<Json, String> {
    value(text)
}

fn nested(levels: usize) -> String {
    format!("{}{}", "[".repeat(levels), "]".repeat(levels))
}

#[test]
fn reads_every_kind_of_value_in_order() {
    assert_eq!(
        parse(r#"{"b":[1,-2.5,true,null],"a":"x\n","b":{"c":false}}"#).unwrap(),
        Json::Obj(vec![
            ("b".into(), Json::Obj(vec![("c".into(), Json::Bool(false))])),
            ("a".into(), Json::Str("x\n".into())),
        ])
    );
    assert_eq!(
        parse("[1,-2.5,true,null]").unwrap(),
        Json::Arr(vec![Json::Num(1.0), Json::Num(-2.5), Json::Bool(true), Json::Null])
    );
    assert_eq!(
        parse(r#"{"detail":"x"}"#).unwrap().get("detail"),
        Some(&Json::Str("x".into()))
    );
    assert_eq!(parse("[]").unwrap().get("detail"), None);
}

#[test]
fn refuses_what_json_parse_refuses() {
    for text in [
        "",
        " ",
        "\u{feff}{}",
        "{} x",
        "NaN",
        "[1,]",
        "{'a':1}",
        "\"a\u{0}b\"",
        "[Infinity]",
    ] {
        assert!(parse(text).is_err(), "{text:?}");
    }
}

#[test]
fn nesting_stops_where_serde_json_stops() {
    // serde_json's own limit and ours agree: 127 levels pass, 128 fail.
    assert!(serde_json::from_str::<serde_json::Value>(&nested(MAX_DEPTH)).is_ok());
    assert!(serde_json::from_str::<serde_json::Value>(&nested(MAX_DEPTH + 1)).is_err());
    assert!(parse(&nested(MAX_DEPTH)).is_ok());
    assert!(parse(&nested(MAX_DEPTH + 1)).is_err());
    // Ours alone, from a deserializer without a limit (a `serde_json::Value`).
    let deep = |levels: usize| (0..levels).fold(serde_json::Value::Null, |v, _| serde_json::Value::Array(vec![v]));
    assert!(Json::deserialize(deep(MAX_DEPTH)).is_ok());
    let err = Json::deserialize(deep(MAX_DEPTH + 1)).unwrap_err().to_string();
    assert!(err.contains("recursion limit"), "{err}");
}

#[test]
fn writes_what_serde_json_writes() {
    for text in [
        r#"{"a":[1,2.5,-3,true,false,null],"b":"q\"b\\s/\n\r\t\u0008\u000c\u0001\u001f é 𝄞"}"#,
        r#"[]"#,
        r#"{}"#,
        r#""""#,
        r#"[[{"x":{}}]]"#,
    ] {
        let ours = parse(text).unwrap().to_text();
        let theirs = serde_json::from_str::<serde_json::Value>(text).unwrap().to_string();
        assert_eq!(ours, theirs);
        assert_eq!(parse(&ours).unwrap(), parse(text).unwrap());
    }
}

#[test]
fn typed_decoding_reports_why() {
    #[derive(Debug, Deserialize)]
    struct S {
        #[allow(dead_code)]
        n: i64,
    }
    assert!(from_str::<S>(r#"{"n":1}"#).is_ok());
    for text in [r#"{"n":"1"}"#, r#"{"n":1.5}"#, r#"{"n":1e300}"#, r#"{}"#, "x"] {
        let e = from_str::<S>(text).unwrap_err();
        assert!(!e.is_empty(), "{text}");
    }
}

#[derive(Debug, PartialEq, Deserialize)]
struct Ints {
    i: i64,
    u: u64,
}

#[test]
fn integers_are_safe_integral_doubles() {
    let ints = |i: &str, u: &str| from_str::<Ints>(&format!(r#"{{"i":{i},"u":{u}}}"#));
    let ok = |i, u| Ok(Ints { i, u });
    assert_eq!(ints("-1", "1"), ok(-1, 1));
    // Integral floats are integers, on both paths now (serde_json alone refuses them).
    assert_eq!(ints("1.0", "1e2"), ok(1, 100));
    assert_eq!(ints("-0", "-0.0"), ok(0, 0));
    assert_eq!(ints("1.0000000000000001", "0"), ok(1, 0));
    assert_eq!(
        ints("-9007199254740991", "9007199254740991"),
        ok(-(1 << 53) + 1, (1 << 53) - 1)
    );
    // Past 2^53 − 1 a double may be a rounded integer: never taken (serde_json alone is exact).
    for (i, u) in [
        ("-9007199254740992", "0"),
        ("0", "9007199254740992"),
        ("0", "9007199254740993"),
        ("0", "18446744073709551615"),
        ("0", "18446744073709551616"),
        ("1.5", "0"),
        ("1e300", "0"),
        ("0", "-1"),
        ("0", "1e400"),
    ] {
        assert!(ints(i, u).is_err(), "{i} {u}");
    }
    assert!(from_str::<u8>("256").is_err());
    assert_eq!(from_str::<i32>("-2147483648"), Ok(i32::MIN));
    assert!(from_str::<i32>("2147483648").is_err());
    assert_eq!(from_str::<f64>("1.5"), Ok(1.5));
    assert_eq!(from_str::<f64>("7"), Ok(7.0));
    assert_eq!(from_str::<f64>("9007199254740993"), Ok(9007199254740992.0));
}

#[test]
fn errors_describe_the_value_without_formatting_floats() {
    let e = from_str::<Ints>(r#"{"i":1.25,"u":0}"#).unwrap_err();
    assert_eq!(
        e,
        "invalid type: a number with a fraction or outside ±(2^53 - 1), expected i64"
    );
    assert_eq!(
        from_str::<Ints>(r#"{"i":0,"u":-3}"#).unwrap_err(),
        "invalid value: integer `-3`, expected u64"
    );
    assert_eq!(
        from_str::<Ints>(r#"{"i":"1","u":0}"#).unwrap_err(),
        "invalid type: a string, expected i64"
    );
    assert_eq!(
        from_str::<Ints>(r#"{"i":null}"#).unwrap_err(),
        "invalid type: null, expected i64"
    );
    assert_eq!(from_str::<Ints>(r#"{"i":0}"#).unwrap_err(), "missing field `u`");
    assert_eq!(
        from_str::<u8>("300").unwrap_err(),
        "invalid value: integer `300`, expected u8"
    );
    assert_eq!(
        from_str::<Vec<i64>>("{}").unwrap_err(),
        "invalid type: an object, expected a sequence"
    );
    assert_eq!(
        from_str::<(i64, i64)>("[1,2,3]").unwrap_err(),
        "invalid length 1, expected fewer elements in the array"
    );
    assert_eq!(
        from_str::<(i64, i64)>("[1]").unwrap_err(),
        "invalid length 1, expected a tuple of size 2"
    );
    assert_eq!(
        from_str::<String>("true").unwrap_err(),
        "invalid type: boolean `true`, expected a string"
    );
}

#[test]
fn structs_come_from_objects_only() {
    #[derive(Debug, PartialEq, Deserialize)]
    struct S {
        a: Option<i64>,
        #[serde(default)]
        b: Option<String>,
        c: Vec<bool>,
    }
    let s = |a, b: Option<&str>, c: &[bool]| S {
        a,
        b: b.map(str::to_string),
        c: c.to_vec(),
    };
    assert_eq!(from_str::<S>(r#"{"a":null,"c":[]}"#), Ok(s(None, None, &[])));
    assert_eq!(
        from_str::<S>(r#"{"x":{"y":[1,{}]},"c":[true],"a":1,"b":"q","c":[false,true]}"#),
        Ok(s(Some(1), Some("q"), &[false, true]))
    );
    // A struct written as an array: serde_json alone takes it, both paths now refuse it.
    let e = from_str::<S>(r#"[1,"q",[]]"#).unwrap_err();
    assert_eq!(e, "invalid type: an array, expected struct S");
    assert_eq!(
        from_str::<S>(r#"{"c":[]}"#),
        Ok(s(None, None, &[])),
        "a missing Option is None"
    );
    assert!(from_str::<S>(r#"{"a":1}"#).is_err(), "a missing Vec");

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Strict {
        #[allow(dead_code)]
        a: i64,
    }
    assert!(from_str::<Strict>(r#"{"a":1}"#).is_ok());
    assert_eq!(
        from_str::<Strict>(r#"{"a":1,"b":2}"#).unwrap_err(),
        "unknown field `b`, expected one of a"
    );
}

#[test]
fn unknown_fields_are_skipped_however_deep() {
    #[derive(Debug, PartialEq, Deserialize)]
    struct S {
        a: i64,
    }
    let deep = |n: usize| format!("{}null{}", "[{\"k\":".repeat(n), "}]".repeat(n));
    assert_eq!(
        from_str::<S>(&format!(r#"{{"x":{},"a":1}}"#, deep(5_000))),
        Ok(S { a: 1 })
    );
    assert!(parse(&format!(r#"{{"x":{},"a":1}}"#, deep(5_000))).is_err());
    // What is read past the limit is an error.
    let e = from_str::<Vec<Json>>(&format!("[{}]", nested(MAX_DEPTH))).unwrap_err();
    assert_eq!(e, "recursion limit exceeded");
    assert!(from_str::<serde::de::IgnoredAny>(&nested(10_000)).is_ok());
    assert!(from_str::<Json>(&nested(MAX_DEPTH + 1)).is_err());
    assert_eq!(from_str::<Json>(&nested(MAX_DEPTH)), parse(&nested(MAX_DEPTH)));
}

#[test]
fn any_value_comes_back_through_the_deserializer() {
    let text = r#"{"a":[1,-2.5,true,null,"x",{"b":{}}],"n":-0,"big":1e300,"a":[]}"#;
    assert_eq!(from_str::<Json>(text), parse(text));
    assert_eq!(from_str::<Json>(text).unwrap().get("a"), Some(&Json::Arr(vec![])));
}

#[test]
fn lone_surrogates_read_as_the_replacement_character() {
    let cases = [
        (r#""\ud800""#, "\u{fffd}"),
        (r#""a\uDFFFb""#, "a\u{fffd}b"),
        (r#""\udc00\ud800""#, "\u{fffd}\u{fffd}"),
        (r#""\ud800\ud83d\ude00\u0041""#, "\u{fffd}😀A"),
        (r#""\ud800\n""#, "\u{fffd}\n"),
        (r#""\\ud800""#, "\\ud800"),
        (r#""é\\\ud800""#, "é\\\u{fffd}"),
    ];
    for (text, expected) in cases {
        assert_eq!(from_str::<String>(text).as_deref(), Ok(expected), "{text}");
    }
    assert_eq!(
        parse(r#"{"\udfff":1}"#),
        Ok(Json::Obj(vec![("\u{fffd}".into(), Json::Num(1.0))]))
    );
    assert!(parse(r#""\ud80"#).is_err());
}

#[test]
fn enums_strings_and_dates() {
    #[derive(Debug, PartialEq, Deserialize)]
    enum E {
        Unit,
        New(i64),
    }
    assert_eq!(from_str::<E>(r#""Unit""#), Ok(E::Unit));
    assert_eq!(from_str::<E>(r#"{"New":5}"#), Ok(E::New(5)));
    assert!(
        from_str::<E>(r#""Other""#)
            .unwrap_err()
            .starts_with("unknown variant `Other`")
    );
    assert!(from_str::<E>(r#"{"New":5,"Unit":null}"#).is_err());
    assert_eq!(from_str::<char>(r#""é""#), Ok('é'));
}

/// The records' own readers (`FromJson`) keep the serde path's rules.
#[test]
fn records_are_read_by_the_same_rules() {
    use crate::api::{Discrepancy, Page};
    let record = |extra: &str| {
        format!(
            r#"{{"id":1.0,"reason":"x","created_date":"2023-01-01T14:09:34.934060+01:00","modified_date":"2023-01-01T00:00:00Z","is_active":true,"stock_location":-0{extra}}}"#
        )
    };
    let d = super::read::<Discrepancy>(&record("")).unwrap();
    assert_eq!((d.id, d.stock_location, d.package_item), (1, 0, None));
    assert_eq!(d.created_date.to_rfc3339(), "2023-01-01T13:09:34.934060+00:00");
    assert_eq!(
        super::read::<Discrepancy>(&record(r#","package_item":null,"transfer_item":7,"new":[{}]"#))
            .unwrap()
            .transfer_item,
        Some(7)
    );
    for (extra, error) in [
        (
            r#","package_item":"7""#,
            "invalid type for `package_item`: expected an integer",
        ),
        (
            r#","transfer_item":1.5"#,
            "invalid value for `transfer_item`: expected a whole number up to 2^53 - 1",
        ),
        (
            r#","transfer_item":9007199254740992"#,
            "invalid value for `transfer_item`: expected a whole number up to 2^53 - 1",
        ),
        (r#","reason":null"#, "invalid type for `reason`: expected a string"),
        (r#","is_active":1"#, "invalid type for `is_active`: expected a boolean"),
        (
            r#","created_date":"yesterday""#,
            "invalid value for `created_date`: not an RFC 3339 date-time",
        ),
    ] {
        assert_eq!(
            super::read::<Discrepancy>(&record(extra)).unwrap_err(),
            error,
            "{extra}"
        );
    }
    assert_eq!(
        super::read::<Discrepancy>(r#"{"id":1}"#).unwrap_err(),
        "missing field `reason`"
    );
    assert_eq!(
        super::read::<Discrepancy>("[1]").unwrap_err(),
        "invalid type: expected a discrepancy object"
    );
    assert_eq!(
        super::read::<Page<Discrepancy>>(r#"{"count":-1,"results":[]}"#).unwrap_err(),
        "invalid value for `count`: expected 0 or more"
    );
    assert_eq!(
        super::read::<Page<Discrepancy>>(r#"{"count":0,"results":{}}"#).unwrap_err(),
        "invalid type for `results`: expected an array"
    );
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert_eq!(
        super::read::<Page<Discrepancy>>(&format!(r#"{{"count":0,"results":[],"x":{deep}}}"#))
            .unwrap()
            .count,
        0
    );
    assert!(super::read::<Page<Discrepancy>>(&format!(r#"{{"count":0,"results":{deep}}}"#)).is_err());
}
