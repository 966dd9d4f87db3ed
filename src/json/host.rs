//! The host's [`Json`] builder: serde_json parses, with the browser path's rules (numbers are
//! doubles, one entry per key, lone surrogates as U+FFFD, the depth limit), so that the
//! host tests see the tree `from_js` builds in the wasm. `Json` is also a serde
//! `Deserialize` here, for tests that build one from other deserializers.

use super::{Json, MAX_DEPTH};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The [`Json`] of `text`; past [`MAX_DEPTH`] a value is [`Json::Deep`] when `keep_deep`,
/// else the text is refused.
pub(super) fn parse(text: &str, keep_deep: bool) -> Result<Json, String> {
    let text = lone_surrogates_replaced(text);
    let mut parser = serde_json::Deserializer::from_str(&text);
    // `Levels` limits the nesting itself (at serde_json's depth), and skips what lies below
    // with serde_json's `IgnoredAny`, which does not recurse.
    parser.disable_recursion_limit();
    let json = Levels {
        left: MAX_DEPTH,
        keep_deep,
    }
    .deserialize(&mut parser)
    .map_err(|e| e.to_string())?;
    parser.end().map_err(|e| e.to_string())?;
    Ok(json)
}

/// `text` with each escape of a lone UTF-16 surrogate (`\ud800` without its low half, or a
/// low half alone) written `\ufffd`: the browser hands such a string to the wasm with
/// U+FFFD in its place, and serde_json would refuse it. Other escapes are left as they are.
fn lone_surrogates_replaced(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let unit = |i: usize| -> Option<u16> {
        let hex = text.get(i + 2..i + 6)?;
        let ok = b.get(i..i + 2) == Some(b"\\u") && hex.bytes().all(|c| c.is_ascii_hexdigit());
        ok.then(|| u16::from_str_radix(hex, 16).ok()).flatten()
    };
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(u) = unit(i) else {
            i += 2; // `\"`, `\\`, …: the escaped character is not an escape
            continue;
        };
        match u {
            0xD800..=0xDBFF if matches!(unit(i + 6), Some(0xDC00..=0xDFFF)) => i += 12,
            0xD800..=0xDFFF => {
                out.push_str(&text[copied..i]);
                out.push_str("\\ufffd");
                i += 6;
                copied = i;
            }
            _ => i += 6,
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

impl<'de> de::Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        Levels {
            left: MAX_DEPTH,
            keep_deep: false,
        }
        .deserialize(deserializer)
    }
}

/// Reads one value with `left` levels of nesting still allowed below it.
#[derive(Clone, Copy)]
struct Levels {
    left: usize,
    /// Past the limit: [`Json::Deep`] (typed decoding) rather than an error.
    keep_deep: bool,
}

impl Levels {
    /// The levels below an array or object; `None` when it must be skipped as too deep.
    fn inner<E: de::Error>(self) -> Result<Option<Levels>, E> {
        match self.left.checked_sub(1) {
            Some(left) => Ok(Some(Levels { left, ..self })),
            None if self.keep_deep => Ok(None),
            None => Err(E::custom("recursion limit exceeded")),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Levels {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Levels {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    /// serde_json reads integers exactly; JavaScript holds a double. The cast rounds as
    /// `JSON.parse` does: beyond 2^53 − 1 the double is at least 2^53 in size, which the
    /// integer fields refuse.
    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Num(v as f64))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Num(v as f64))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Num(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::Str(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::Str(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let Some(inner) = self.inner()? else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Json::Deep);
        };
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Json::Arr(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let Some(inner) = self.inner()? else {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Json::Deep);
        };
        let mut entries: Vec<(String, Json)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(inner)?;
            // serde_json hands over every repeated key: keep one, as `JSON.parse` does
            // (last value, first place).
            if let Some(slot) = entries.iter_mut().find(|(k, _)| *k == key) {
                slot.1 = value;
                continue;
            }
            entries.push((key, value));
        }
        Ok(Json::Obj(entries))
    }
}
