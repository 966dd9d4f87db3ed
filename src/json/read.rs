//! Reading the OMS's records straight from the [`Json`] tree: the same rules as the serde
//! path (a documented field missing or of another type is an error, an unknown one is
//! ignored, a missing or null optional is `None`, integers only when safe, a record only
//! from an object), without serde's generic machinery for the app's hottest and largest
//! decoding (a page of up to 1,000 records): smaller, and one walk over the tree.

use super::{Json, safe_integer};

/// A type read from a JSON tree; the error says which field and why.
pub trait FromJson: Sized {
    /// `tree` as `Self`.
    fn from_json(tree: Tree<'_>) -> Result<Self, String>;
}

/// A parsed JSON value, as [`FromJson`] reads it (its shape is the crate's own).
#[derive(Clone, Copy)]
pub struct Tree<'a>(pub(crate) &'a Json);

/// The fields of an object, read by name.
pub(crate) struct Fields<'a>(&'a Json);

impl<'a> Fields<'a> {
    /// The fields of `json`, which must be an object.
    pub(crate) fn of(json: &'a Json, what: &str) -> Result<Fields<'a>, String> {
        match json {
            Json::Obj(_) => Ok(Fields(json)),
            _ => Err(format!("invalid type: expected {what}")),
        }
    }

    fn present(&self, key: &str) -> Option<&'a Json> {
        self.0.get(key).filter(|v| **v != Json::Null)
    }

    fn required(&self, key: &str) -> Result<&'a Json, String> {
        self.0.get(key).ok_or_else(|| format!("missing field `{key}`"))
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
        match self.required(key)? {
            Json::Str(s) => Ok(s.clone()),
            _ => Err(invalid(key, "a string")),
        }
    }

    /// Text, or `None` when missing or null.
    pub(crate) fn opt_text(&self, key: &str) -> Result<Option<String>, String> {
        match self.present(key) {
            None => Ok(None),
            Some(Json::Str(s)) => Ok(Some(s.clone())),
            Some(_) => Err(invalid(key, "a string")),
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

fn invalid(key: &str, expected: &str) -> String {
    format!("invalid type for `{key}`: expected {expected}")
}

fn integer(v: &Json, key: &str) -> Result<i64, String> {
    match v {
        Json::Num(n) => {
            safe_integer(*n).ok_or_else(|| format!("invalid value for `{key}`: expected a whole number up to 2^53 - 1"))
        }
        _ => Err(invalid(key, "an integer")),
    }
}
