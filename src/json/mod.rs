//! The one place the app turns JSON text into Rust values: OMS bodies, the configuration
//! `<meta>`, the remembered session.
//!
//! Text → [`Json`] → `T`, on both paths. The text is parsed into a [`Json`] tree: in the
//! browser build by the browser's own `JSON.parse` (the tree is built straight from the
//! JavaScript value it returns, see `from_js`), on the host (unit tests, the proptest fuzz
//! suite of `tests/decode_fuzz.rs`) by serde_json (module `host`). The tree then becomes a
//! `T` through the type's own [`FromJson`] reader (module `read`), the same code on both
//! paths, so the host tests exercise exactly the decoding that ships. Neither serde_json's
//! parser, nor a serde bridge to JavaScript values, nor serde's generic deserialization is
//! linked into the wasm, and the decoding errors never format a float: the first load stays
//! smaller (features pay for their bytes). `tests/components.rs` runs the fuzz corpus
//! through the browser path and checks that it gives the same outcome as on the host.
//!
//! The same on both paths (the host builder follows `JSON.parse`'s rules; the decoding is
//! one code):
//! - The types decide, each by its [`FromJson`] reader (the OMS's records, the configuration,
//!   the remembered session): unknown fields are ignored, a missing or null `Option` is
//!   `None`, a missing or mistyped field is an error, the configuration refuses unknown keys
//!   and takes a missing one as its default (see `config::AppConfig`), dates go through
//!   `dates::parse_instant`.
//! - Numbers are doubles, as in JavaScript: the host builder turns serde_json's exact
//!   integers into doubles too. An integer field takes only a *safe* integer
//!   (|n| ≤ 2^53 − 1): `1.5`, `1e300`, `2^53`, `2^53 + 1` (which a double rounds) and
//!   beyond are errors, never a rounded id. An integral number written as a float, `1.0`,
//!   `1e2` or `-0`, reads as 1, 100 or 0, and so does a fraction too close to an integer for
//!   a double to tell apart (`1.0000000000000001`). (serde_json alone refuses the floats and
//!   reads big integers exactly; the host no longer decodes through it.)
//! - Duplicate keys: [`Json`] keeps one entry per key, the last value at the first key's
//!   place, as `JSON.parse` does, so a duplicated field decodes with its last value.
//! - A struct is read only from a JSON object: written as an array (`[1, null, null, []]`)
//!   it is refused (serde_json alone would take it).
//! - Lone UTF-16 surrogates (`"\ud800"`) read as U+FFFD, as the browser hands them to the
//!   wasm; the host writes their escapes as `\ufffd` before serde_json, which refuses them.
//! - Nesting: arrays and objects are read 127 levels deep ([`MAX_DEPTH`], serde_json's own
//!   limit; `JSON.parse` has none, so the builders stop themselves). [`value`] refuses a
//!   deeper body. Typed decoding keeps a deeper value unread ([`Json::Deep`]): an unknown
//!   field holding one is ignored however deep, a field that reads one is an error.
//! - Invalid JSON, a byte order mark, text after the value, `NaN`/`Infinity` and unescaped
//!   control characters are errors, never a panic (the exception `JSON.parse` throws is
//!   caught).
//!
//! Where the paths still differ (the parsers, not the decoding):
//! - A number beyond the double range (`1e400`): `JSON.parse` reads Infinity, which any field
//!   that reads it refuses, while serde_json refuses the whole text. So an unknown field
//!   holding such a number passes in the browser and fails on the host.
//! - Key order in a [`Json`]: `JSON.parse` puts integer-like keys (`"0"`, `"42"`) first, in
//!   numeric order, serde_json keeps the order of the text. Typed decoding does not see it.
//! - The text of a syntax error: the browser's (`SyntaxError: …`) or serde_json's.

mod read;

pub(crate) use read::{Fields, safe_integer};
pub use read::{FromJson, Tree};

/// Parses `text` as JSON into a `T` read straight from the tree ([`FromJson`]); the error is
/// a short explanation for the user.
pub(crate) fn read<T: FromJson>(text: &str) -> Result<T, String> {
    T::from_json(Tree(&parse(text, true)?))
}

/// Parses `text` as any JSON value (DRF error bodies); an error past [`MAX_DEPTH`].
pub(crate) fn value(text: &str) -> Result<Json, String> {
    parse(text, false)
}

/// The [`Json`] of `text`, by the browser's `JSON.parse`. Past [`MAX_DEPTH`] levels a value
/// is [`Json::Deep`] when `keep_deep` (typed decoding), else the whole text is refused.
#[cfg(target_arch = "wasm32")]
fn parse(text: &str, keep_deep: bool) -> Result<Json, String> {
    let value = js_sys::JSON::parse(text).map_err(explain)?;
    from_js(&value, MAX_DEPTH, keep_deep).ok_or_else(|| "recursion limit exceeded".to_string())
}

/// The [`Json`] of `text`, by serde_json, with the browser's rules (module `host`).
#[cfg(not(target_arch = "wasm32"))]
fn parse(text: &str, keep_deep: bool) -> Result<Json, String> {
    host::parse(text, keep_deep)
}

/// The [`Json`] of a value `JSON.parse` returned, `levels` of nesting allowed below it: past
/// them [`Json::Deep`] when `keep_deep`, else `None`. Keys come in `Object.entries` order,
/// each once (`JSON.parse` keeps a repeated key's last value).
#[cfg(target_arch = "wasm32")]
fn from_js(v: &wasm_bindgen::JsValue, levels: usize, keep_deep: bool) -> Option<Json> {
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
    let Some(inner) = levels.checked_sub(1) else {
        return keep_deep.then_some(Json::Deep);
    };
    if let Some(items) = v.dyn_ref::<js_sys::Array>() {
        return items
            .iter()
            .map(|item| from_js(&item, inner, keep_deep))
            .collect::<Option<_>>()
            .map(Json::Arr);
    }
    js_sys::Object::entries(v.unchecked_ref())
        .iter()
        .map(|pair| {
            let pair: js_sys::Array = pair.unchecked_into();
            Some((
                pair.get(0).as_string().unwrap_or_default(),
                from_js(&pair.get(1), inner, keep_deep)?,
            ))
        })
        .collect::<Option<_>>()
        .map(Json::Obj)
}

/// The text of the exception `JSON.parse` threw (`SyntaxError: …`).
#[cfg(target_arch = "wasm32")]
fn explain(thrown: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    let text: String = thrown
        .dyn_ref::<js_sys::Error>()
        .map(|e| e.to_string().into())
        .unwrap_or_default();
    if text.is_empty() {
        "not valid JSON".to_string()
    } else {
        text
    }
}

/// Any JSON value: what every text is parsed into, then read into a type (module `read`) or
/// as it is (bodies of no fixed shape, DRF errors). Objects keep their keys in order, each
/// key once.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    /// A number, as JavaScript holds it.
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
    /// A value nested past [`MAX_DEPTH`], left unread. Only typed decoding ([`read`])
    /// builds it, so that an unknown field nested that deep is ignored; reading it is an
    /// error. [`value`] refuses such a text instead.
    Deep,
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
            // `Deep` never leaves `read`.
            Json::Null | Json::Deep => out.push_str("null"),
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
