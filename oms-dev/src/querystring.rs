//! Query-string helpers that reproduce Python/Django semantics byte for byte.
//!
//! DRF builds `next`/`previous` with `urllib.parse` (`parse_qs` + `urlencode`) and Django's
//! `QueryDict` reads parameters with `parse_qsl(keep_blank_values=True)`, taking the *last*
//! value of a repeated key. The app's tests compare those URLs exactly, so the rules are
//! copied here rather than approximated with a generic URL crate.

/// Decodes `%XX` escapes (and `+` as space when `plus_as_space`), replacing invalid UTF-8
/// with U+FFFD, as Python's `unquote(errors="replace")` does; used for query strings,
/// form bodies and request paths.
pub(crate) fn percent_decode(s: &str, plus_as_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(if b == b'+' && plus_as_space { b' ' } else { b });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Python `parse_qsl(qs, keep_blank_values=True)`: splits on `&`, skips empty fields, a
/// field without `=` gets an empty value; this is what Django's `QueryDict` sees.
pub(crate) fn parse_qsl(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|f| !f.is_empty())
        .map(|field| {
            let (k, v) = field.split_once('=').unwrap_or((field, ""));
            (percent_decode(k, true), percent_decode(v, true))
        })
        .collect()
}

/// `QueryDict.get(key)`: the last value of a repeated key, as Django returns it.
pub(crate) fn last<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// Python `quote_plus(s)`: keeps `A-Za-z0-9_.-~`, turns space into `+`, percent-encodes the
/// UTF-8 bytes of everything else with upper-case hex.
pub(crate) fn quote_plus(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `parse_qs` then `urlencode(sorted(...), doseq=True)`: groups values by key in first-seen
/// order, sorts keys by code point and re-encodes; `edit` may change the grouped map first.
fn reencode(raw: &str, edit: impl FnOnce(&mut Vec<(String, Vec<String>)>)) -> String {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (k, v) in parse_qsl(raw) {
        match groups.iter_mut().find(|(gk, _)| *gk == k) {
            Some((_, vs)) => vs.push(v),
            None => groups.push((k, vec![v])),
        }
    }
    edit(&mut groups);
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let mut parts = Vec::new();
    for (k, vs) in &groups {
        for v in vs {
            parts.push(format!("{}={}", quote_plus(k), quote_plus(v)));
        }
    }
    parts.join("&")
}

/// DRF `replace_query_param` applied to a raw query string: returns the new query string.
pub(crate) fn replace_query_param(raw: &str, key: &str, val: &str) -> String {
    reencode(raw, |groups| match groups.iter_mut().find(|(k, _)| k == key) {
        Some((_, vs)) => *vs = vec![val.to_string()],
        None => groups.push((key.to_string(), vec![val.to_string()])),
    })
}

/// DRF `remove_query_param` applied to a raw query string: returns the new query string.
pub(crate) fn remove_query_param(raw: &str, key: &str) -> String {
    reencode(raw, |groups| groups.retain(|(k, _)| k != key))
}

/// Python `int(s)` for a string: surrounding whitespace, optional sign, ASCII digits with
/// single underscores between them. `None` when Python would raise `ValueError`; values
/// beyond `i128` saturate (Python ints are unbounded, callers clamp or treat as "no match").
pub(crate) fn python_int(s: &str) -> Option<i128> {
    let t = s.trim();
    let (neg, digits) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let b = digits.as_bytes();
    if b.is_empty() || !b[0].is_ascii_digit() || !b[b.len() - 1].is_ascii_digit() {
        return None;
    }
    let mut value: i128 = 0;
    let mut prev_underscore = false;
    for &c in b {
        if c == b'_' {
            if prev_underscore {
                return None;
            }
            prev_underscore = true;
            continue;
        }
        if !c.is_ascii_digit() {
            return None;
        }
        prev_underscore = false;
        value = value.saturating_mul(10).saturating_add((c - b'0') as i128);
    }
    Some(if neg { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_qsl_matches_python() {
        assert_eq!(
            parse_qsl("a=1&&b&c=x+y%20z&a=2&d=%E2%9C%93&e=%zz"),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "".into()),
                ("c".into(), "x y z".into()),
                ("a".into(), "2".into()),
                ("d".into(), "✓".into()),
                ("e".into(), "%zz".into()),
            ]
        );
        assert_eq!(last(&parse_qsl("a=1&a=2"), "a"), Some("2"));
    }

    #[test]
    fn replace_and_remove_sort_keys_like_django() {
        assert_eq!(
            replace_query_param("sort=-created_date&limit=5&id__in=1,2&x=a b", "page", "3"),
            "id__in=1%2C2&limit=5&page=3&sort=-created_date&x=a+b"
        );
        assert_eq!(replace_query_param("page=2&b=1&b=0", "page", "3"), "b=1&b=0&page=3");
        assert_eq!(remove_query_param("page=2", "page"), "");
        assert_eq!(remove_query_param("z=%C4%B1&page=2&a", "page"), "a=&z=%C4%B1");
    }

    #[test]
    fn python_int_rules() {
        assert_eq!(python_int(" 42 "), Some(42));
        assert_eq!(python_int("+7"), Some(7));
        assert_eq!(python_int("-3"), Some(-3));
        assert_eq!(python_int("1_000"), Some(1000));
        assert_eq!(python_int("1__0"), None);
        assert_eq!(python_int("_1"), None);
        assert_eq!(python_int("1.0"), None);
        assert_eq!(python_int(""), None);
        assert_eq!(python_int("abc"), None);
        assert_eq!(python_int("99999999999999999999999999999999999999999"), Some(i128::MAX));
    }
}
