//! [`Json`] as a serde `Deserializer`: the one piece of code that turns JSON into typed
//! values, on both paths (the browser's `JSON.parse` in the wasm, serde_json on the host
//! build the [`Json`]; this reads it into any `T: Deserialize`).
//!
//! The rules, the same everywhere:
//! - A number is a double. An integer is asked for (`i64`, `u64`, …, or `deserialize_any`)
//!   and given when the double is integral and safe, |n| ≤ 2^53 − 1: `1.0`, `1e2` and `-0`
//!   read as 1, 100 and 0. Any other number goes to `visit_f64`, which integer types refuse:
//!   a fraction, `1e300`, and an integer beyond 2^53 − 1 (which a double may have rounded)
//!   are errors, never another id.
//! - A struct or a map is read only from an object (a struct written as an array is refused);
//!   a sequence only from an array; an `Option` is `None` for `null`.
//! - Keys are read as strings; an object holds each key once (see [`Json`]), so the derives'
//!   unknown-field (`deny_unknown_fields`) and duplicate-field checks see a real map.
//! - An ignored value (unknown field) is dropped unread, whatever it holds, even a value
//!   nested too deep to be built ([`Json::Deep`]); anything that reads the latter fails.
//!
//! The error never formats a float, nor serde's `Unexpected` (whose `Display` prints floats
//! and would link Rust's float formatting, ~11 kB, into the wasm): an unexpected value is
//! described by its kind.

use super::{Json, safe_integer};
use serde::de::value::{MapAccessDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Expected, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::forward_to_deserialize_any;
use std::fmt;

/// Why a [`Json`] is not the value asked for; a short text for the user.
#[derive(Debug)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }

    fn invalid_type(unexp: Unexpected, exp: &dyn Expected) -> Self {
        Error(format!("invalid type: {}, expected {exp}", kind(unexp)))
    }

    fn invalid_value(unexp: Unexpected, exp: &dyn Expected) -> Self {
        Error(format!("invalid value: {}, expected {exp}", kind(unexp)))
    }

    fn invalid_length(len: usize, exp: &dyn Expected) -> Self {
        Error(format!("invalid length {len}, expected {exp}"))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error(format!(
            "unknown variant `{variant}`, expected one of {}",
            expected.join(", ")
        ))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error(format!(
            "unknown field `{field}`, expected one of {}",
            expected.join(", ")
        ))
    }

    fn missing_field(field: &'static str) -> Self {
        Error(format!("missing field `{field}`"))
    }

    fn duplicate_field(field: &'static str) -> Self {
        Error(format!("duplicate field `{field}`"))
    }
}

/// What a value is, for an error: integers and booleans as written, anything else by kind.
fn kind(unexp: Unexpected) -> String {
    let kind = match unexp {
        Unexpected::Bool(b) => return format!("boolean `{b}`"),
        Unexpected::Unsigned(n) => return format!("integer `{n}`"),
        Unexpected::Signed(n) => return format!("integer `{n}`"),
        Unexpected::Char(c) => return format!("character `{c}`"),
        Unexpected::Float(_) => "a number with a fraction or outside ±(2^53 - 1)",
        Unexpected::Str(_) => "a string",
        Unexpected::Bytes(_) => "bytes",
        Unexpected::Unit => "null",
        Unexpected::Option => "an optional value",
        Unexpected::NewtypeStruct => "a newtype struct",
        Unexpected::Seq => "an array",
        Unexpected::Map => "an object",
        Unexpected::Enum => "an enum",
        Unexpected::UnitVariant | Unexpected::NewtypeVariant | Unexpected::TupleVariant | Unexpected::StructVariant => {
            "an enum variant"
        }
        Unexpected::Other(other) => other,
    };
    kind.to_string()
}

const TOO_DEEP: &str = "recursion limit exceeded";

impl Json {
    fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Json::Null => Unexpected::Unit,
            Json::Bool(b) => Unexpected::Bool(*b),
            Json::Num(n) => match safe_integer(*n) {
                Some(i) => Unexpected::Signed(i),
                None => Unexpected::Float(*n),
            },
            Json::Str(s) => Unexpected::Str(s),
            Json::Arr(_) => Unexpected::Seq,
            Json::Obj(_) => Unexpected::Map,
            Json::Deep => Unexpected::Other(TOO_DEEP),
        }
    }

    fn invalid_type(&self, exp: &dyn Expected) -> Error {
        de::Error::invalid_type(self.unexpected(), exp)
    }
}

impl<'de> de::Deserializer<'de> for Json {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Json::Null => visitor.visit_unit(),
            Json::Bool(b) => visitor.visit_bool(b),
            Json::Num(n) => match safe_integer(n) {
                Some(i) if i < 0 => visitor.visit_i64(i),
                Some(i) => visitor.visit_u64(i as u64),
                None => visitor.visit_f64(n),
            },
            Json::Str(s) => visitor.visit_string(s),
            Json::Arr(items) => {
                let mut seq = Items(items.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                match seq.0.len() {
                    0 => Ok(value),
                    left => Err(de::Error::invalid_length(left, &"fewer elements in the array")),
                }
            }
            Json::Obj(entries) => visitor.visit_map(Entries::new(entries)),
            Json::Deep => Err(Error(TOO_DEEP.to_string())),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Json::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    /// Only an object: serde_json would also take a struct written as an array.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Json::Obj(entries) => visitor.visit_map(Entries::new(entries)),
            other => Err(other.invalid_type(&visitor)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// `"Variant"` or `{"Variant": value}`, as serde_json reads an externally tagged enum.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Json::Str(s) => visitor.visit_enum(StringDeserializer::new(s)),
            Json::Obj(entries) if entries.len() == 1 => {
                visitor.visit_enum(MapAccessDeserializer::new(Entries::new(entries)))
            }
            other => Err(other.invalid_type(&visitor)),
        }
    }

    /// Drops the value unread, whatever it is.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

/// The items of an array, for `visit_seq`.
struct Items(std::vec::IntoIter<Json>);

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        self.0.next().map(|item| seed.deserialize(item)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// The entries of an object, for `visit_map`; a key is read as a [`Json::Str`].
struct Entries {
    entries: std::vec::IntoIter<(String, Json)>,
    value: Option<Json>,
}

impl Entries {
    fn new(entries: Vec<(String, Json)>) -> Entries {
        Entries {
            entries: entries.into_iter(),
            value: None,
        }
    }
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(Json::Str(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom("a value was asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
