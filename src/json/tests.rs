//! The host path; tests/components.rs checks the browser path against the same cases.

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
    // Ours alone, from a deserializer without a limit (as serde_wasm_bindgen is).
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
