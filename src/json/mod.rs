//! The one place the app turns JSON text into Rust values: OMS bodies, the configuration
//! `<meta>`, the remembered session.
//!
//! Why two parsers: in the browser build the text goes through the browser's own
//! `JSON.parse`, and `serde_wasm_bindgen` hands the resulting JavaScript value to the same
//! serde derives. serde_json's parser is then not linked into the wasm, which makes the first
//! load smaller (features pay for their bytes). On the host (unit tests, the proptest fuzz
//! suite of `tests/decode_fuzz.rs`) serde_json parses, so the decoding rules are tested
//! without a browser; `tests/components.rs` runs the fuzz corpus through the browser path
//! and checks that it gives the same outcome.
//!
//! Bodies of no fixed shape (DRF errors) become a [`Json`] through [`value`]: built from the
//! JavaScript value in the wasm, deserialized by serde_json on the host, with the same rules
//! (depth limit, one entry per key), so the code reading it is shared and host-tested.
//!
//! What is the same on both paths: the serde derives decide, so unknown fields are ignored,
//! a missing `Option` is `None`, a missing or mistyped field is an error, dates go through
//! `dates::deserialize_instant`. Invalid JSON, a byte order mark, text after the value,
//! `NaN`/`Infinity` and unescaped control characters are errors, never a panic (the
//! exception `JSON.parse` throws is caught).
//!
//! Where the browser path differs, and what is done about it:
//! - Numbers are doubles in JavaScript. An integer field takes only a *safe* integer
//!   (|n| ≤ 2^53 − 1): `1e300`, `1.5`, `2^53 + 1` (which `JSON.parse` rounds) and
//!   ids beyond 2^53 are errors, never a rounded id. An integral number written as a float,
//!   `1.0`, `1e2` or `-0`, reads as 1, 100 or 0 (serde_json: an error), and so does a
//!   fraction too close to an integer for a double to tell apart (`1.0000000000000001`).
//! - Duplicate keys: `JSON.parse` keeps the last value (at the first key's place), so a
//!   duplicated field decodes with its last value, where serde_json's derives reject it.
//!   [`Json`] merges duplicates the `JSON.parse` way on both paths.
//! - Unknown fields: serde_wasm_bindgen reads a struct's own fields by name and never sees
//!   the others, so `#[serde(deny_unknown_fields)]` does nothing there; where unknown keys
//!   must be refused, check them through [`Json`] (see `config::AppConfig::from_json`).
//! - A struct written as a JSON array (`[1, null, null, []]`) is accepted by serde_json and
//!   refused by the browser path.
//! - Lone UTF-16 surrogates (`"\ud800"`): serde_json refuses them in a string it reads; the
//!   browser path reads them as U+FFFD.
//! - Nesting: serde_json stops at 128 levels, `JSON.parse` does not, so [`Json`] stops at the
//!   same depth itself. Typed decoding never descends into unknown fields on either path.
//! - Key order: `JSON.parse` puts integer-like keys (`"0"`, `"42"`) first, in numeric order;
//!   other keys keep the order of the text.

use serde::de::DeserializeOwned;

/// Parses `text` as JSON into `T`; the error is a short explanation for the user.
#[cfg(target_arch = "wasm32")]
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = js_sys::JSON::parse(text).map_err(explain)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| explain(e.into()))
}

/// Parses `text` as JSON into `T`; the error is a short explanation for the user.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// Parses `text` as any JSON value (DRF error bodies, key checks).
///
/// In the wasm the [`Json`] is built straight from what `JSON.parse` returns: going through
/// serde-wasm-bindgen's self-describing `deserialize_any` instead cost 0.8 kB gzip more.
#[cfg(target_arch = "wasm32")]
pub(crate) fn value(text: &str) -> Result<Json, String> {
    let value = js_sys::JSON::parse(text).map_err(explain)?;
    from_js(&value, MAX_DEPTH).ok_or_else(|| "recursion limit exceeded".to_string())
}

/// Parses `text` as any JSON value (DRF error bodies, key checks).
///
/// On the host serde_json parses into [`Json`] through its `Deserialize` impl, which follows
/// the browser's rules (see [`MAX_DEPTH`] and the duplicate keys below).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn value(text: &str) -> Result<Json, String> {
    from_str(text)
}

/// The [`Json`] of a value `JSON.parse` returned; `None` past `levels` of nesting. Keys come
/// in `Object.entries` order, each once (`JSON.parse` keeps a repeated key's last value).
#[cfg(target_arch = "wasm32")]
fn from_js(v: &wasm_bindgen::JsValue, levels: usize) -> Option<Json> {
    use wasm_bindgen::JsCast;
    if let Some(s) = v.as_string() {
        return Some(Json::Str(s));
    }
    if let Some(n) = v.as_f64() {
        return Some(Json::Num(n));
    }
    if let Some(b) = v.as_bool() {
        return Some(Json::Bool(b));
    }
    if v.is_null() {
        return Some(Json::Null);
    }
    let inner = levels.checked_sub(1)?;
    if let Some(items) = v.dyn_ref::<js_sys::Array>() {
        return items
            .iter()
            .map(|item| from_js(&item, inner))
            .collect::<Option<_>>()
            .map(Json::Arr);
    }
    js_sys::Object::entries(v.unchecked_ref())
        .iter()
        .map(|pair| {
            let pair: js_sys::Array = pair.unchecked_into();
            Some((
                pair.get(0).as_string().unwrap_or_default(),
                from_js(&pair.get(1), inner)?,
            ))
        })
        .collect::<Option<_>>()
        .map(Json::Obj)
}

/// The text of a thrown JavaScript value (`SyntaxError: …`), without the bare `Error: `
/// that serde_wasm_bindgen's own errors carry.
#[cfg(target_arch = "wasm32")]
fn explain(thrown: wasm_bindgen::JsValue) -> String {
    let text = serde_wasm_bindgen::Error::from(thrown).to_string();
    match text.strip_prefix("Error: ").unwrap_or(&text) {
        "" => "not valid JSON".to_string(),
        rest => rest.to_string(),
    }
}

/// Any JSON value, for bodies whose shape is not known in advance (DRF error bodies).
/// Objects keep their keys in order, each key once.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    /// A number, as JavaScript holds it.
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

/// Deepest nesting of arrays and objects read, as serde_json's limit: 127 levels pass, 128
/// fail. `JSON.parse` has no such limit, and building a [`Json`] would otherwise follow a
/// hostile body down until the wasm stack overflows.
const MAX_DEPTH: usize = 127;

impl Json {
    /// The value of `key` when this is an object that has it.
    pub(crate) fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Compact JSON text, escaped as serde_json and `JSON.stringify` escape it.
    pub(crate) fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(n) => out.push_str(&number_text(*n)),
            Json::Str(s) => write_str(s, out),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Obj(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = c as usize;
                out.push_str("\\u00");
                out.push(HEX[n >> 4] as char);
                out.push(HEX[n & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A number as JavaScript writes it (`5`, `1.5`, `1e+300`). The browser formats it: Rust's
/// float formatting would add its own tables to the wasm for a case only odd bodies reach.
#[cfg(target_arch = "wasm32")]
fn number_text(n: f64) -> String {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A number as Rust writes it (`5`, `1.5`; no exponent): the host only runs tests.
#[cfg(not(target_arch = "wasm32"))]
fn number_text(n: f64) -> String {
    n.to_string()
}

/// `Json` as a serde `Deserialize`, for serde_json on the host; the wasm uses `from_js`.
#[cfg(not(target_arch = "wasm32"))]
mod host;

/// The host path; tests/components.rs checks the browser path against the same cases.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
