//! Reading typed values straight from the [`Json`] tree: the OMS's records, the
//! configuration, the remembered session. A documented field missing or of another type is
//! an error, an unknown one is ignored (unless the type refuses them, [`Fields::only`]), a
//! missing or null optional is `None`, integers only when safe, a record only from an
//! object. One walk over the tree, without serde's generic deserialization: its visitors
//! and error texts would otherwise be linked into the wasm, and the app's hottest decoding
//! (a page of up to 1,000 records) would go through them.

use super::Json;

/// A type read from a JSON tree; the error says which field and why.
pub trait FromJson: Sized {
    /// `tree` as `Self`.
    fn from_json(tree: Tree<'_>) -> Result<Self, String>;
}

/// A parsed JSON value, as [`FromJson`] reads it (its shape is the crate's own).
#[derive(Clone, Copy)]
pub struct Tree<'a>(pub(crate) &'a Json);

/// The fields of an object, read by name.
pub(crate) struct Fields<'a>(&'a [(String, Json)]);

impl<'a> Fields<'a> {
    /// The fields of `json`, which must be an object.
    pub(crate) fn of(json: &'a Json, what: &str) -> Result<Fields<'a>, String> {
        match json {
            Json::Obj(entries) => Ok(Fields(entries)),
            _ => Err(format!("invalid type: expected {what}")),
        }
    }

    /// Refuses any key not in `known` (compared exactly: `Router_base` is not `router_base`),
    /// for an object a person writes by hand, where an unknown key is a typo to report rather
    /// than a newer server's addition to ignore.
    pub(crate) fn only(&self, known: &[&str]) -> Result<(), String> {
        match self.0.iter().find(|(key, _)| !known.contains(&key.as_str())) {
            Some((key, _)) => Err(format!("unknown field `{key}`, expected one of {}", known.join(", "))),
            None => Ok(()),
        }
    }

    fn get(&self, key: &str) -> Option<&'a Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn present(&self, key: &str) -> Option<&'a Json> {
        self.get(key).filter(|v| **v != Json::Null)
    }

    fn required(&self, key: &str) -> Result<&'a Json, String> {
        self.get(key).ok_or_else(|| format!("missing field `{key}`"))
    }

    /// A whole number within ±(2^53 − 1).
    pub(crate) fn int(&self, key: &str) -> Result<i64, String> {
        integer(self.required(key)?, key)
    }

    /// A whole number, or `None` when missing or null.
    pub(crate) fn opt_int(&self, key: &str) -> Result<Option<i64>, String> {
        self.present(key).map(|v| integer(v, key)).transpose()
    }

    /// A whole number of 0 or more.
    pub(crate) fn count(&self, key: &str) -> Result<u64, String> {
        u64::try_from(self.int(key)?).map_err(|_| format!("invalid value for `{key}`: expected 0 or more"))
    }

    /// Text.
    pub(crate) fn text(&self, key: &str) -> Result<String, String> {
        string(self.required(key)?, key)
    }

    /// Text, or `None` when missing or null.
    pub(crate) fn opt_text(&self, key: &str) -> Result<Option<String>, String> {
        self.present(key).map(|v| string(v, key)).transpose()
    }

    /// Text, or empty when missing; null is not text.
    pub(crate) fn text_or_empty(&self, key: &str) -> Result<String, String> {
        self.get(key).map_or(Ok(String::new()), |v| string(v, key))
    }

    /// An array of text, or no text when missing; null is not an array.
    pub(crate) fn texts_or_empty(&self, key: &str) -> Result<Vec<String>, String> {
        let not_texts = || invalid(key, "an array of strings");
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Json::Arr(items)) => items
                .iter()
                .map(|item| match item {
                    Json::Str(s) => Ok(s.clone()),
                    _ => Err(not_texts()),
                })
                .collect(),
            Some(_) => Err(not_texts()),
        }
    }

    /// `true` or `false`.
    pub(crate) fn boolean(&self, key: &str) -> Result<bool, String> {
        match self.required(key)? {
            Json::Bool(b) => Ok(*b),
            _ => Err(invalid(key, "a boolean")),
        }
    }

    /// An array of `T`.
    pub(crate) fn list<T: FromJson>(&self, key: &str) -> Result<Vec<T>, String> {
        match self.required(key)? {
            Json::Arr(items) => items.iter().map(|item| T::from_json(Tree(item))).collect(),
            _ => Err(invalid(key, "an array")),
        }
    }
}

/// Largest integer a double holds exactly, JavaScript's `Number.MAX_SAFE_INTEGER`.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// `n` as an integer when it is integral and safe (|n| ≤ 2^53 − 1); `-0` is 0.
pub(crate) fn safe_integer(n: f64) -> Option<i64> {
    (n.trunc() == n && n.abs() <= MAX_SAFE).then_some(n as i64)
}

fn invalid(key: &str, expected: &str) -> String {
    format!("invalid type for `{key}`: expected {expected}")
}

fn string(v: &Json, key: &str) -> Result<String, String> {
    match v {
        Json::Str(s) => Ok(s.clone()),
        _ => Err(invalid(key, "a string")),
    }
}

fn integer(v: &Json, key: &str) -> Result<i64, String> {
    match v {
        Json::Num(n) => {
            safe_integer(*n).ok_or_else(|| format!("invalid value for `{key}`: expected a whole number up to 2^53 - 1"))
        }
        _ => Err(invalid(key, "an integer")),
    }
}
