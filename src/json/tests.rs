//! The host path: the serde_json builder of `Json` and the readers the wasm ships too;
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

/// Read as the app's types are read, through [`FromJson`].
#[derive(Debug, PartialEq)]
struct Ints {
    i: i64,
    u: u64,
}

impl FromJson for Ints {
    fn from_json(tree: Tree<'_>) -> Result<Self, String> {
        let f = Fields::of(tree.0, "an object of integers")?;
        Ok(Ints {
            i: f.int("i")?,
            u: f.count("u")?,
        })
    }
}

#[test]
fn integers_are_safe_integral_doubles() {
    let ints = |i: &str, u: &str| read::<Ints>(&format!(r#"{{"i":{i},"u":{u}}}"#));
    let ok = |i, u| Ok(Ints { i, u });
    assert_eq!(ints("-1", "1"), ok(-1, 1));
    // Integral floats are integers, on both paths (serde_json alone refuses them).
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
}

#[test]
fn errors_name_the_field_without_formatting_floats() {
    for (text, error) in [
        (
            r#"{"i":1.25,"u":0}"#,
            "invalid value for `i`: expected a whole number up to 2^53 - 1",
        ),
        (r#"{"i":0,"u":-3}"#, "invalid value for `u`: expected 0 or more"),
        (r#"{"i":"1","u":0}"#, "invalid type for `i`: expected an integer"),
        (r#"{"i":null}"#, "invalid type for `i`: expected an integer"),
        (r#"{"i":0}"#, "missing field `u`"),
        ("[1,2]", "invalid type: expected an object of integers"),
    ] {
        assert_eq!(read::<Ints>(text).unwrap_err(), error, "{text}");
    }
    assert!(read::<Ints>("x").is_err());
}

/// Optional fields, defaults, and the refusal of unknown keys.
#[derive(Debug, PartialEq)]
struct Shape {
    a: Option<i64>,
    b: Option<String>,
    c: String,
    d: Vec<String>,
}

impl FromJson for Shape {
    fn from_json(tree: Tree<'_>) -> Result<Self, String> {
        let f = Fields::of(tree.0, "a shape")?;
        Ok(Shape {
            a: f.opt_int("a")?,
            b: f.opt_text("b")?,
            c: f.text_or_empty("c")?,
            d: f.texts_or_empty("d")?,
        })
    }
}

fn shape(a: Option<i64>, b: Option<&str>, c: &str, d: &[&str]) -> Shape {
    Shape {
        a,
        b: b.map(str::to_string),
        c: c.to_string(),
        d: d.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn structs_come_from_objects_only() {
    assert_eq!(
        read::<Shape>(r#"{"a":null,"b":null}"#),
        Ok(shape(None, None, "", &[])),
        "missing or null optionals are None, missing defaults empty"
    );
    assert_eq!(
        read::<Shape>(r#"{"x":{"y":[1,{}]},"a":1,"b":"q","c":"r","d":["s","t"],"a":2}"#),
        Ok(shape(Some(2), Some("q"), "r", &["s", "t"])),
        "unknown keys ignored, a repeated key's last value"
    );
    // A struct written as an array: serde_json alone takes it, both paths refuse it.
    assert_eq!(
        read::<Shape>(r#"[1,"q","r",[]]"#).unwrap_err(),
        "invalid type: expected a shape"
    );
    for (text, error) in [
        (r#"{"c":null}"#, "invalid type for `c`: expected a string"),
        (r#"{"d":null}"#, "invalid type for `d`: expected an array of strings"),
        (r#"{"d":"s"}"#, "invalid type for `d`: expected an array of strings"),
        (r#"{"d":["s",1]}"#, "invalid type for `d`: expected an array of strings"),
    ] {
        assert_eq!(read::<Shape>(text).unwrap_err(), error, "{text}");
    }
}

#[test]
fn a_strict_object_refuses_unknown_keys_exactly() {
    struct Strict;
    impl FromJson for Strict {
        fn from_json(tree: Tree<'_>) -> Result<Self, String> {
            Fields::of(tree.0, "a strict object")?.only(&["a", "b_c"])?;
            Ok(Strict)
        }
    }
    assert!(read::<Strict>(r#"{"a":1,"b_c":null}"#).is_ok());
    assert!(read::<Strict>("{}").is_ok());
    for (text, key) in [
        (r#"{"a":1,"b":2}"#, "b"),
        (r#"{"A":1}"#, "A"),
        (r#"{"b_c":1,"b_c ":1}"#, "b_c "),
    ] {
        assert_eq!(
            read::<Strict>(text).err(),
            Some(format!("unknown field `{key}`, expected one of a, b_c")),
            "{text}"
        );
    }
}

#[test]
fn unknown_fields_are_skipped_however_deep() {
    let deep = |n: usize| format!("{}null{}", "[{\"k\":".repeat(n), "}]".repeat(n));
    let text = format!(r#"{{"x":{},"a":1}}"#, deep(5_000));
    assert_eq!(read::<Shape>(&text), Ok(shape(Some(1), None, "", &[])));
    assert!(parse(&text).is_err());
    // A field that is read is refused, however deep what lies below it.
    assert!(read::<Shape>(&format!(r#"{{"d":{}}}"#, deep(5_000))).is_err());
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
        assert_eq!(parse(text), Ok(Json::Str(expected.into())), "{text}");
    }
    assert_eq!(
        parse(r#"{"\udfff":1}"#),
        Ok(Json::Obj(vec![("\u{fffd}".into(), Json::Num(1.0))]))
    );
    assert!(parse(r#""\ud80"#).is_err());
}

/// The records' readers, by the same rules.
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
