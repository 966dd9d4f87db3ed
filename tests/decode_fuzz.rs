//! Property-based fuzzing of the pure half of the OMS client: `decode_json`, `check_status`,
//! `field_errors` and `parse_retry_after` (src/api/decode.rs) and the `Display` of the
//! `ApiError` they return (src/api/error.rs).
//!
//! Properties, for any status 0..=999, any `Retry-After` and any body (arbitrary bytes as lossy
//! UTF-8, arbitrary JSON values, mutated DRF pages and records, the files in
//! `tests/fuzz-corpus/`):
//! - nothing panics;
//! - the error variant follows the status class (2xx: `Ok` or `Decode`; 400: `Validation`;
//!   401: `Unauthorized`; 403: `Forbidden`; 404: `NotFound`; 429: `Throttled`; 5xx: `Server`;
//!   anything else: `UnexpectedStatus`), and `decode_json` fails exactly as `check_status` does;
//! - the `Display` of every error is non-empty and at most `MAX_DISPLAY_CHARS` characters;
//! - `Retry-After` never yields more than a day (86,400 s);
//! - a page written from arbitrary records decodes back to the same records (round trip);
//!   integers are generated in the safe range (|n| ≤ 2^53 − 1), the one the app reads;
//! - an integer beyond that range in any integer field is a decode error, never another value.
//!
//! This parses with serde_json, the host's parser; the wasm parses with the browser's
//! `JSON.parse`. Both build the same `Json` tree and decode it with the same Deserializer
//! (src/json/), so these properties test the decoding that ships. The Ok/Err of every corpus
//! file, and the edge cases where the two parsers differ or might, are listed once in
//! `tests/support/corpus.rs`, checked here and by the browser test in tests/components.rs.
//!
//! How long it runs: `DEFAULT_CASES` cases per property keeps the whole binary well under
//! 60 s in a debug build on 2 cores, so it runs inside the ordinary `cargo test`. To fuzz
//! longer, raise the case count (and build optimised to get more cases per second):
//!
//! ```text
//! PROPTEST_CASES=200000 cargo test --release -p discrepancy-admin --test decode_fuzz
//! ```
//!
//! A failing case is shrunk and its seed is saved in `tests/decode_fuzz.proptest-regressions`
//! (proptest's default file persistence); commit that file so every later run replays it first.
//!
//! Longest run so far: `PROPTEST_CASES=500000`, release build, one test thread: 500,000 cases
//! for each of the 6 properties (3,000,000 generated responses) plus the corpus, 1,265 s, no
//! failure. The ordinary run (2,500 cases each, debug) takes about 20 s on 2 cores.
//! Findings, fixed in src/api/: the text of a 400 (`ApiError::Validation`) grew without limit
//! with the body: field names were not cut, `{"a":{"b":…}}` messages were cut before their
//! `a: b: ` prefix, and every message of every field was joined in. `field_errors` now cuts
//! names and prefixed messages and keeps at most 50 messages; `Display` stops at 1,500 chars.
//! Seen, not changed: a UTF-8 BOM before a valid page is a decode error (serde_json rejects
//! it); a `Retry-After` beyond `u64::MAX` is ignored rather than capped at a day; an unknown
//! field nested 10,000 deep is skipped without recursion and the page decodes.

#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, FixedOffset, SecondsFormat, TimeZone, Timelike, Utc};
use discrepancy_admin::api::decode::{check_status, decode_json, field_errors, parse_retry_after};
use discrepancy_admin::api::{ApiError, Body, Discrepancy, Page};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Value, json};
use std::path::Path;

#[path = "support/corpus.rs"]
mod corpus;

/// Cases per property in the ordinary test run; `PROPTEST_CASES` overrides it.
const DEFAULT_CASES: u32 = 2_500;

/// Upper bound for the text of any error, whatever the body: the UI shows it whole.
const MAX_DISPLAY_CHARS: usize = 2_000;

/// Longest `Retry-After` the client may ask the user to wait.
const MAX_RETRY_AFTER: u64 = 24 * 3600;

const PAGE: Body = Body::Page;
const RECORD: Body = Body::Record;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_CASES);
    ProptestConfig {
        cases,
        // A failure is still shrunk, but never for longer than a minute.
        max_shrink_time: 60_000,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// The checks every (status, Retry-After, body) triple must pass.

/// Which variants a status may produce.
fn class_ok<T>(status: u16, result: &Result<T, ApiError>, decoding: bool) -> bool {
    match (status, result) {
        (200..=299, Ok(_)) => true,
        (200..=299, Err(ApiError::Decode { .. })) => decoding,
        (400, Err(ApiError::Validation(_))) => true,
        (401, Err(ApiError::Unauthorized { .. })) => true,
        (403, Err(ApiError::Forbidden { .. })) => true,
        (404, Err(ApiError::NotFound { .. })) => true,
        (429, Err(ApiError::Throttled { .. })) => true,
        (500..=599, Err(ApiError::Server { status: s })) => *s == status,
        (_, Err(ApiError::UnexpectedStatus { status: s })) => {
            *s == status && !matches!(status, 200..=299 | 400 | 401 | 403 | 404 | 429 | 500..=599)
        }
        _ => false,
    }
}

fn check_error(e: &ApiError, what: &str) -> Result<(), TestCaseError> {
    let text = e.to_string();
    let chars = text.chars().count();
    prop_assert!(!text.trim().is_empty(), "{what}: empty Display for {e:?}");
    prop_assert!(
        chars <= MAX_DISPLAY_CHARS,
        "{what}: Display of {chars} chars (limit {MAX_DISPLAY_CHARS}) for a {} error",
        variant(e)
    );
    if let ApiError::Throttled { retry_after: Some(s) } = e {
        prop_assert!(*s <= MAX_RETRY_AFTER, "{what}: retry_after {s}");
    }
    Ok(())
}

fn variant(e: &ApiError) -> &'static str {
    match e {
        ApiError::Unauthorized { .. } => "Unauthorized",
        ApiError::Forbidden { .. } => "Forbidden",
        ApiError::NotFound { .. } => "NotFound",
        ApiError::InvalidPage => "InvalidPage",
        ApiError::Validation(_) => "Validation",
        ApiError::Throttled { .. } => "Throttled",
        ApiError::Server { .. } => "Server",
        ApiError::UnexpectedStatus { .. } => "UnexpectedStatus",
        ApiError::Network(_) => "Network",
        ApiError::Timeout { .. } => "Timeout",
        ApiError::Decode { .. } => "Decode",
        ApiError::Aborted => "Aborted",
    }
}

/// Runs every decoder on one response and checks all the properties.
fn check_response(status: u16, retry_after: Option<&str>, body: &str) -> Result<(), TestCaseError> {
    if let Some(value) = retry_after
        && let Some(s) = parse_retry_after(value)
    {
        prop_assert!(s <= MAX_RETRY_AFTER, "Retry-After {value:?} gave {s}");
    }

    let status_only = check_status(status, retry_after, body);
    prop_assert!(
        class_ok(status, &status_only, false),
        "check_status({status}) = {status_only:?}"
    );
    if let Err(e) = &status_only {
        check_error(e, "check_status")?;
    }

    let page = decode_json::<Page<Discrepancy>>(status, retry_after, body, PAGE);
    prop_assert!(class_ok(status, &page, true), "page at {status}: {page:?}");
    let record = decode_json::<Discrepancy>(status, retry_after, body, RECORD);
    prop_assert!(class_ok(status, &record, true), "record at {status}: {record:?}");
    for (what, result) in [("page", page.as_ref().err()), ("record", record.as_ref().err())] {
        match (result, &status_only) {
            (Some(e), Err(status_error)) => {
                prop_assert_eq!(e, status_error, "{} fails unlike check_status", what);
                check_error(e, what)?;
            }
            (Some(e @ ApiError::Decode { expected, detail }), Ok(())) => {
                prop_assert_eq!(*expected, if what == "page" { PAGE } else { RECORD });
                prop_assert!(!detail.is_empty(), "{what}: empty decode detail");
                check_error(e, what)?;
            }
            (Some(e), Ok(())) => prop_assert!(false, "{what} at {status}: {e:?}"),
            (None, _) => {}
        }
    }

    let fields = field_errors(body);
    check_error(&ApiError::Validation(fields), "field_errors")?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Strategies.

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => 0u16..=999,
        2 => prop::sample::select(vec![200u16, 201, 204, 400, 401, 403, 404, 429, 500, 502, 503]),
    ]
}

fn retry_after() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        any::<String>(),
        "[ \t]{0,2}[+-]?[0-9]{1,25}[ \t]{0,2}",
        "[0-9]{1,6}(\\.[0-9])?",
        Just("Wed, 21 Oct 2015 07:28:00 GMT".to_string()),
        Just("18446744073709551615".to_string()),
        Just("18446744073709551616".to_string()),
    ])
}

/// Keys that the decoders look at, mixed with arbitrary ones.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(vec![
            "detail", "non_field_errors", "count", "next", "previous", "results", "id", "reason",
            "created_date", "modified_date", "is_active", "stock_location", "package_item",
            "transfer_item", "expired_date", "",
        ])
        .prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[a-z_]{1,400}",
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from), // NaN and infinities become null
        any::<String>().prop_map(Value::from),
        "\\PC{0,40}".prop_map(Value::from),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})?"
            .prop_map(Value::from),
    ]
}

/// Arbitrary JSON: scalars, unicode strings, arrays and objects, nested a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(6, 96, 10, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..10).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..10).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A record as the OMS may send it.
#[derive(Clone, Debug)]
struct GenRecord {
    record: Discrepancy,
    /// How each date is written: 0 = DRF's `…ffffffZ`, 1 = `+00:00`, 2 = another offset.
    date_style: (u8, u8),
    /// The offset used by style 2, in seconds east of UTC (whole minutes).
    offset: i32,
    /// Whether a `None` item is written as `null` (else left out).
    null_items: bool,
    /// Fields the OMS may add in a later version; the client ignores them.
    extra: Vec<(String, Value)>,
    /// Field order as sent.
    order: Vec<usize>,
}

fn datetime() -> impl Strategy<Value = DateTime<Utc>> {
    // 0001-01-02 .. 9999-12-30 with microseconds, as DRF sends them: any offset style stays
    // within the years RFC 3339 can write.
    (-62_135_510_400i64..253_402_128_000, 0u32..1_000_000)
        .prop_map(|(secs, micros)| Utc.timestamp_opt(secs, micros * 1000).single().expect("in range"))
}

fn write_date(date: &DateTime<Utc>, style: u8, offset: i32) -> String {
    match style {
        0 => date.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        1 => date.to_rfc3339_opts(SecondsFormat::AutoSi, false),
        _ => date
            .with_timezone(&FixedOffset::east_opt(offset).expect("valid offset"))
            .to_rfc3339_opts(SecondsFormat::Micros, false),
    }
}

/// Largest integer the app reads (JavaScript's `Number.MAX_SAFE_INTEGER`): JSON numbers are
/// doubles on both parse paths, and a double holds every integer up to 2^53 − 1 exactly.
const SAFE: i64 = (1 << 53) - 1;

/// An integer the app reads exactly: the ends of the safe range, small ones, any between.
fn safe_i64() -> impl Strategy<Value = i64> {
    prop_oneof![Just(SAFE), Just(-SAFE), Just(0), -1_000i64..1_000, -SAFE..=SAFE]
}

/// The JSON text of an integer beyond ±(2^53 − 1), up to far past 64 bits.
fn unsafe_integer() -> impl Strategy<Value = String> {
    prop_oneof![
        Just((SAFE + 1).to_string()),
        Just((-SAFE - 1).to_string()),
        (SAFE + 1..=i64::MAX).prop_map(|n| n.to_string()),
        (i64::MIN..=-SAFE - 1).prop_map(|n| n.to_string()),
        (i64::MAX as u64 + 1..=u64::MAX).prop_map(|n| n.to_string()),
        "-?[1-9][0-9]{19,30}",
    ]
}

fn gen_record() -> impl Strategy<Value = GenRecord> {
    let record = (
        safe_i64(),
        prop_oneof![Just("out_of_stock".to_string()), any::<String>()],
        datetime(),
        datetime(),
        any::<bool>(),
        safe_i64(),
        prop::option::of(safe_i64()),
        prop::option::of(safe_i64()),
    )
        .prop_map(
            |(id, reason, created_date, modified_date, is_active, stock_location, package_item, transfer_item)| {
                Discrepancy {
                    id,
                    reason,
                    created_date,
                    modified_date,
                    is_active,
                    stock_location,
                    package_item,
                    transfer_item,
                }
            },
        );
    let extra = prop::collection::vec(("x_[a-z]{1,8}", json_leaf()), 0..3);
    let order = Just((0..8usize).collect::<Vec<_>>()).prop_shuffle();
    (
        record,
        (0u8..3, 0u8..3),
        (-1_439i32..1_440).prop_map(|minutes| minutes * 60), // RFC 3339 offsets have no seconds
        any::<bool>(),
        extra,
        order,
    )
        .prop_map(|(record, date_style, offset, null_items, extra, order)| GenRecord {
            record,
            date_style,
            offset,
            null_items,
            extra,
            order,
        })
}

/// A JSON object written by hand as `(key, raw JSON)` pairs, so that mutations can
/// duplicate keys and insert text `serde_json::Value` cannot hold (10k-deep nesting).
#[derive(Clone, Debug)]
struct RawObject(Vec<(String, String)>);

impl RawObject {
    fn from_pairs(pairs: Vec<(&str, Value)>) -> Self {
        RawObject(pairs.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    fn write(&self) -> String {
        let fields: Vec<String> = self
            .0
            .iter()
            .map(|(k, v)| format!("{}:{v}", Value::from(k.as_str())))
            .collect();
        format!("{{{}}}", fields.join(","))
    }
}

fn record_object(g: &GenRecord) -> RawObject {
    let r = &g.record;
    let item = |v: Option<i64>| v.map(Value::from).or(g.null_items.then_some(Value::Null));
    let mut fields: Vec<(&str, Option<Value>)> = vec![
        ("id", Some(json!(r.id))),
        ("reason", Some(json!(r.reason))),
        (
            "created_date",
            Some(json!(write_date(&r.created_date, g.date_style.0, g.offset))),
        ),
        (
            "modified_date",
            Some(json!(write_date(&r.modified_date, g.date_style.1, g.offset))),
        ),
        ("is_active", Some(json!(r.is_active))),
        ("stock_location", Some(json!(r.stock_location))),
        ("package_item", item(r.package_item)),
        ("transfer_item", item(r.transfer_item)),
    ];
    let mut ordered: Vec<(&str, Value)> = g
        .order
        .iter()
        .filter_map(|&i| std::mem::take(&mut fields[i].1).map(|v| (fields[i].0, v)))
        .collect();
    ordered.extend(g.extra.iter().map(|(k, v)| (k.as_str(), v.clone())));
    RawObject::from_pairs(ordered)
}

#[derive(Clone, Debug)]
struct GenPage {
    count: u64,
    next: Option<String>,
    previous: Option<String>,
    records: Vec<GenRecord>,
}

fn gen_page() -> impl Strategy<Value = GenPage> {
    (
        prop_oneof![Just(SAFE as u64), 0..=SAFE as u64],
        prop::option::of(any::<String>()),
        prop::option::of("https?://[a-z.]{1,20}/api/v1/inventory_discrepancies/\\?page=[0-9]{1,4}"),
        prop::collection::vec(gen_record(), 0..8),
    )
        .prop_map(|(count, next, previous, records)| GenPage {
            count,
            next,
            previous,
            records,
        })
}

fn page_parts(p: &GenPage) -> (RawObject, Vec<RawObject>) {
    let records: Vec<RawObject> = p.records.iter().map(record_object).collect();
    let page = RawObject::from_pairs(vec![
        ("count", json!(p.count)),
        ("next", json!(p.next)),
        ("previous", json!(p.previous)),
        ("results", Value::Null), // replaced by the written records
    ]);
    (page, records)
}

fn write_page(page: &RawObject, records: &[RawObject]) -> String {
    let results = format!(
        "[{}]",
        records.iter().map(RawObject::write).collect::<Vec<_>>().join(",")
    );
    let mut page = page.clone();
    for (k, v) in &mut page.0 {
        if k == "results" && v == "null" {
            *v = results.clone();
        }
    }
    page.write()
}

/// One damage done to a valid body.
#[derive(Clone, Debug)]
enum Op {
    Remove,
    Null,
    Retype(Value),
    Duplicate,
    /// A string of this many copies of the char.
    Huge(usize, char),
    /// The value wrapped in this many arrays (serde_json's limit is 128).
    Deep(usize),
    /// A new field that the client does not know.
    Add(String, Value),
}

#[derive(Clone, Debug)]
struct Mutation {
    /// `None` for the page object, else a record (modulo their number).
    record: Option<usize>,
    /// The field (modulo the object's fields).
    field: usize,
    op: Op,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::Remove),
        Just(Op::Null),
        json_value().prop_map(Op::Retype),
        Just(Op::Duplicate),
        (
            0usize..20_000,
            prop::sample::select(vec!['a', 'ş', '€', '𝄞', '"', '\\', '\u{0}'])
        )
            .prop_map(|(n, c)| Op::Huge(n, c)),
        (100usize..200).prop_map(Op::Deep),
        (key(), json_leaf()).prop_map(|(k, v)| Op::Add(k, v)),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (prop::option::of(any::<usize>()), any::<usize>(), op()).prop_map(|(record, field, op)| Mutation {
        record,
        field,
        op,
    })
}

fn apply(object: &mut RawObject, field: usize, op: &Op) {
    if let Op::Add(k, v) = op {
        object.0.push((k.clone(), v.to_string()));
        return;
    }
    if object.0.is_empty() {
        return;
    }
    let i = field % object.0.len();
    match op {
        Op::Remove => {
            object.0.remove(i);
        }
        Op::Null => object.0[i].1 = "null".to_string(),
        Op::Retype(v) => object.0[i].1 = v.to_string(),
        Op::Duplicate => {
            let dup = object.0[i].clone();
            object.0.insert(i + 1, dup);
        }
        Op::Huge(n, c) => object.0[i].1 = Value::from(std::iter::repeat_n(*c, *n).collect::<String>()).to_string(),
        Op::Deep(n) => object.0[i].1 = format!("{}{}{}", "[".repeat(*n), object.0[i].1, "]".repeat(*n)),
        Op::Add(..) => unreachable!(),
    }
}

/// A valid page or record, damaged by 1–4 mutations, possibly cut short.
fn mutated_body() -> impl Strategy<Value = String> {
    (
        gen_page(),
        any::<bool>(),
        prop::collection::vec(mutation(), 1..5),
        prop::option::of(any::<prop::sample::Index>()),
    )
        .prop_map(|(page, as_record, mutations, cut)| {
            let (mut page_object, mut records) = page_parts(&page);
            if as_record && !records.is_empty() {
                let mut record = records.swap_remove(0);
                for m in &mutations {
                    apply(&mut record, m.field, &m.op);
                }
                return cut_short(record.write(), cut);
            }
            for m in &mutations {
                match m.record {
                    Some(i) if !records.is_empty() => {
                        let n = records.len();
                        apply(&mut records[i % n], m.field, &m.op)
                    }
                    _ => apply(&mut page_object, m.field, &m.op),
                }
            }
            cut_short(write_page(&page_object, &records), cut)
        })
}

/// Truncated JSON, as a dropped connection leaves it.
fn cut_short(body: String, cut: Option<prop::sample::Index>) -> String {
    match cut {
        Some(at) if !body.is_empty() => {
            let mut i = at.index(body.len());
            while !body.is_char_boundary(i) {
                i -= 1;
            }
            body[..i].to_string()
        }
        _ => body,
    }
}

fn any_body() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        json_value().prop_map(|v| v.to_string()),
        mutated_body(),
    ]
}

// ---------------------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(
        status in status(),
        retry_after in retry_after(),
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        check_response(status, retry_after.as_deref(), &String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn arbitrary_json_never_panics(status in status(), retry_after in retry_after(), body in json_value()) {
        check_response(status, retry_after.as_deref(), &body.to_string())?;
    }

    #[test]
    fn mutated_drf_bodies_never_panic(status in status(), retry_after in retry_after(), body in mutated_body()) {
        check_response(status, retry_after.as_deref(), &body)?;
    }

    #[test]
    fn every_body_keeps_the_status_class(status in 0u16..=999, retry_after in retry_after(), body in any_body()) {
        check_response(status, retry_after.as_deref(), &body)?;
    }

    #[test]
    fn retry_after_is_at_most_a_day(value in retry_after()) {
        let value = value.unwrap_or_default();
        let parsed = parse_retry_after(&value);
        if let Some(s) = parsed {
            prop_assert!(s <= MAX_RETRY_AFTER);
        }
        // Plain delay-seconds within a day are read exactly.
        if let Ok(n) = value.trim().parse::<u64>() {
            prop_assert_eq!(parsed, Some(n.min(MAX_RETRY_AFTER)));
        }
    }

    #[test]
    fn a_written_page_decodes_to_the_same_records(page in gen_page(), status in 200u16..300) {
        let (page_object, records) = page_parts(&page);
        let body = write_page(&page_object, &records);
        let decoded = decode_json::<Page<Discrepancy>>(status, None, &body, PAGE)
            .map_err(|e| TestCaseError::fail(format!("{e:?} for {body}")))?;
        let expected: Vec<Discrepancy> = page.records.iter().map(|g| g.record.clone()).collect();
        prop_assert_eq!(decoded.count, page.count);
        prop_assert_eq!(&decoded.next, &page.next);
        prop_assert_eq!(&decoded.previous, &page.previous);
        prop_assert_eq!(decoded.results, expected);
        for (g, raw) in page.records.iter().zip(&records) {
            let one = decode_json::<Discrepancy>(status, None, &raw.write(), RECORD)
                .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            prop_assert_eq!(&one, &g.record);
        }
    }

    /// An integer beyond ±(2^53 − 1) in the page's count or in any integer field of a record
    /// makes the body a decode error: a double may have rounded it, so it never becomes
    /// another value.
    #[test]
    fn an_unsafe_integer_is_a_decode_error(page in gen_page(), field in 0usize..5, big in unsafe_integer()) {
        let (mut page_object, mut records) = page_parts(&page);
        let set = |object: &mut RawObject, key: &str| match object.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = big.clone(),
            None => object.0.push((key.to_string(), big.clone())),
        };
        let key = ["count", "id", "stock_location", "package_item", "transfer_item"][field];
        match records.first_mut() {
            Some(record) if field > 0 => {
                set(record, key);
                let one = decode_json::<Discrepancy>(200, None, &record.write(), RECORD);
                prop_assert!(matches!(one, Err(ApiError::Decode { .. })), "{} = {}: {:?}", key, big, one);
            }
            _ => set(&mut page_object, "count"),
        }
        let body = write_page(&page_object, &records);
        let decoded = decode_json::<Page<Discrepancy>>(200, None, &body, PAGE);
        prop_assert!(matches!(decoded, Err(ApiError::Decode { .. })), "{}: {:?}", body, decoded);
    }

    /// The app's own RFC 3339 reader agrees with chrono's on date-like text: valid instants
    /// written in every style, then characters replaced, inserted or removed. chrono also
    /// takes leap seconds (`:60`), which no OMS writes; the app refuses those.
    #[test]
    fn instant_reader_agrees_with_chrono(
        date in datetime(),
        style in 0u8..3,
        offset in (-1_439i32..1_440).prop_map(|m| m * 60),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, prop::sample::select(&b"0123456789-:.+TtZz 5x"[..])), 0..3),
    ) {
        let mut text = write_date(&date, style, offset).into_bytes();
        for (at, kind, c) in edits {
            let i = at.index(text.len() + 1);
            match kind {
                0 if i < text.len() => text[i] = c,
                1 => text.insert(i, c),
                _ if i < text.len() => { text.remove(i); }
                _ => {}
            }
        }
        let text = String::from_utf8(text).expect("ASCII edits");
        let ours = discrepancy_admin::dates::parse_instant(&text);
        let chrono = DateTime::parse_from_rfc3339(&text)
            .ok()
            .map(|d| d.with_timezone(&Utc))
            .filter(|d| d.nanosecond() < 1_000_000_000 && text.get(17..19).is_none_or(|s| s != "60"));
        prop_assert_eq!(ours, chrono, "{}", text);
    }
}

// ---------------------------------------------------------------------------------------------
// The hand-made corpus.

/// Every file in `tests/fuzz-corpus/` through every decoder, with the statuses the OMS
/// and the proxies in front of it really send.
#[test]
fn corpus_bodies_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fuzz-corpus exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 12, "corpus has {} files", files.len());
    for file in files {
        let bytes = std::fs::read(&file).expect("readable corpus file");
        let body = String::from_utf8_lossy(&bytes);
        for status in [200, 400, 401, 404, 429, 500] {
            for retry_after in [None, Some("3"), Some("99999999999"), Some("soon")] {
                if let Err(e) = check_response(status, retry_after, &body) {
                    panic!("{}: status {status}, Retry-After {retry_after:?}: {e}", file.display());
                }
            }
        }
    }
}

/// serde_json stops at 128 levels: 10,000 nested arrays are a decode error, not a stack
/// overflow, for the typed decoders and for the `Value` the error mapping parses.
#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_value = serde_json::from_str::<Value>(&deep).unwrap_err().to_string();
    assert!(deep_value.contains("recursion limit"), "{deep_value}");
    assert!(matches!(
        decode_json::<Page<Discrepancy>>(200, None, &deep, PAGE),
        Err(ApiError::Decode { .. })
    ));
    // An unknown field is skipped however deep: the `Json` stops at 127 levels and keeps the
    // rest unread (serde_json's `IgnoredAny` skips it without recursion).
    let deep_field = format!(r#"{{"count":1,"results":[],"extra":{deep}}}"#);
    assert_eq!(
        decode_json::<Page<Discrepancy>>(200, None, &deep_field, PAGE).map(|p| p.count),
        Ok(1)
    );
    assert_eq!(field_errors(&deep), Default::default());
    let deep_detail = format!("{}{}", r#"{"detail":"#.repeat(10_000), "}".repeat(10_000));
    assert_eq!(
        check_status(404, None, &deep_detail),
        Err(ApiError::NotFound { detail: String::new() })
    );
}

/// The Ok/Err each corpus file gives as a 200 body through serde_json, as listed in
/// tests/support/corpus.rs; tests/components.rs checks the browser's `JSON.parse` path
/// against the same list. The edge cases pin where the two paths differ or might (src/json/).
#[test]
fn corpus_outcomes_are_the_listed_ones() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fuzz-corpus exists")
        .map(|e| e.expect("readable entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = corpus::CORPUS.iter().map(|o| o.file).collect();
    assert_eq!(on_disk, listed, "tests/support/corpus.rs must list every corpus file");

    let mut wrong = Vec::new();
    for o in corpus::CORPUS {
        let body = o.body();
        let page = decode_json::<Page<Discrepancy>>(200, None, &body, PAGE);
        let record = decode_json::<Discrepancy>(200, None, &body, RECORD);
        println!("{:28} page {:5} record {:5}", o.file, page.is_ok(), record.is_ok());
        if page.is_ok() != o.page || record.is_ok() != o.record {
            wrong.push(format!("{}: page {page:?}, record {record:?}", o.file));
        }
    }
    for (what, body, host, _) in corpus::edges() {
        let id = decode_json::<Discrepancy>(200, None, &body, RECORD).map(|d| d.id);
        println!("{what:28} {id:?}");
        if id.clone().ok() != host {
            wrong.push(format!("{what}: {id:?}, listed {host:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
