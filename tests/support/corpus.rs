//! The fuzz corpus (`tests/fuzz-corpus/`) with the outcome each file gives as a 200 body, and
//! the edge cases (numbers, duplicate keys, …) where the two JSON parse paths of src/json/
//! part ways or might. Shared by the host test (tests/decode_fuzz.rs: serde_json) and the
//! browser test (tests/components.rs: `JSON.parse`), which then decode with the same
//! Deserializer (src/json/de.rs), so both check one table.

/// The corpus file's name and bytes.
macro_rules! entry {
    ($name:literal, $page:expr, $record:expr) => {
        Outcome {
            file: $name,
            bytes: include_bytes!(concat!("../fuzz-corpus/", $name)),
            page: $page,
            record: $record,
        }
    };
}

/// What one corpus file gives.
pub struct Outcome {
    pub file: &'static str,
    pub bytes: &'static [u8],
    /// `decode_json::<Page<Discrepancy>>` at 200 is `Ok`.
    pub page: bool,
    /// `decode_json::<Discrepancy>` at 200 is `Ok`.
    pub record: bool,
}

impl Outcome {
    /// The body as the client holds it: text decoded lossily, as `Response.text()` does
    /// (which would also drop a leading BOM; the decoders must cope with one anyway).
    pub fn body(&self) -> String {
        String::from_utf8_lossy(self.bytes).into_owned()
    }
}

/// Every file of the corpus; the host test fails when the folder and this list differ.
pub const CORPUS: &[Outcome] = &[
    entry!("bare-values.txt", false, false),
    entry!("big-numbers.txt", false, false),
    entry!("bom-page.txt", false, false),
    entry!("control-chars.txt", false, false),
    entry!("dates-out-of-range.txt", false, false),
    entry!("deep-arrays-10k.txt", false, false),
    entry!("deep-detail-objects.txt", false, false),
    entry!("django-debug-500.txt", false, false),
    entry!("duplicate-keys.txt", false, false),
    entry!("html-502-bad-gateway.txt", false, false),
    entry!("huge-detail.txt", false, false),
    entry!("invalid-utf8.txt", false, false),
    entry!("json-then-html.txt", false, false),
    entry!("lone-surrogates.txt", true, false),
    entry!("many-field-errors-400.txt", false, false),
    entry!("nan-infinity.txt", false, false),
    entry!("nested-error-keys-400.txt", false, false),
    entry!("truncated-page.txt", false, false),
    entry!("whitespace-only.txt", false, false),
];

/// A record whose `id` is written as given.
pub fn record_with_id(id: &str) -> String {
    format!(
        r#"{{"id":{id},"reason":"x","created_date":"2023-01-01T00:00:00Z","modified_date":"2023-01-01T00:00:00Z","is_active":true,"stock_location":1}}"#
    )
}

/// Record bodies where the parse paths differ or might: `(what, body, id on the host, id in
/// the browser)`, `None` for a decode error. An integer literal never becomes another id: it
/// is exact or an error. Both paths read numbers as doubles, so they take `1.0` and `-0` as
/// integers and refuse ids beyond 2^53 − 1; duplicate keys keep their last value.
///
/// The host column used to follow serde_json's own decoding (`-0`, `1.0`, `1e2`, a duplicate
/// key, a lone surrogate refused; 2^53 .. i64::MAX read exactly; a record as an array
/// taken). Since both paths decode the same `Json` with the same Deserializer, the columns
/// agree, except where the parsers themselves differ (a number beyond the double range).
pub fn edges() -> Vec<(&'static str, String, Option<i64>, Option<i64>)> {
    const SAFE: i64 = (1 << 53) - 1;
    let id = |what, text: &str, host, browser| (what, record_with_id(text), host, browser);
    vec![
        id("id 1", "1", Some(1), Some(1)),
        id("id -0", "-0", Some(0), Some(0)),
        id("id 1.5", "1.5", None, None),
        id("id 1e300", "1e300", None, None),
        id("id 1e400", "1e400", None, None),
        id("id 2^53 - 1", "9007199254740991", Some(SAFE), Some(SAFE)),
        id("id -(2^53 - 1)", "-9007199254740991", Some(-SAFE), Some(-SAFE)),
        id("id 2^53", "9007199254740992", None, None),
        id("id 2^53 + 1", "9007199254740993", None, None),
        id("id i64::MAX", "9223372036854775807", None, None),
        id("id i64::MAX + 1", "9223372036854775808", None, None),
        id("id 1.0", "1.0", Some(1), Some(1)),
        id("id 1e2", "1e2", Some(100), Some(100)),
        id("id 1.0000000000000001", "1.0000000000000001", Some(1), Some(1)),
        id("id as text", r#""1""#, None, None),
        id("id null", "null", None, None),
        id("id true", "true", None, None),
        id("duplicate id", r#"1,"id":2"#, Some(2), Some(2)),
        (
            "reason with a lone surrogate",
            record_with_id("7").replace(r#""reason":"x""#, r#""reason":"\ud800""#),
            Some(7),
            Some(7),
        ),
        (
            "record as an array",
            r#"[3,"x","2023-01-01T00:00:00Z","2023-01-01T00:00:00Z",true,1,null,null]"#.to_string(),
            None,
            None,
        ),
        (
            "unknown field nested 1000 deep",
            record_with_id(&format!(r#"7,"x":{}{}"#, "[".repeat(1000), "]".repeat(1000))),
            Some(7),
            Some(7),
        ),
        (
            "id nested 200 deep",
            record_with_id(&format!("{}7{}", "[".repeat(200), "]".repeat(200))),
            None,
            None,
        ),
        // serde_json refuses a number beyond the double range; `JSON.parse` reads Infinity,
        // which an integer refuses but an unknown field does not read.
        ("unknown field 1e400", record_with_id(r#"7,"x":1e400"#), None, Some(7)),
    ]
}
