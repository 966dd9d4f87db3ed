//! Django's coercion of query and form values, shared by the list's filters and the remove
//! action's serializer: which inputs are numbers (and which of those can never match a
//! 64-bit column) and which are booleans, decided exactly as the real OMS decides them.

/// An integer equality filter after Django's coercion: either a value to compare with, or
/// a value that can never match (e.g. beyond the 64-bit column range).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum IntMatch {
    /// `column = value`.
    Eq(i64),
    /// Valid input that selects nothing.
    Never,
}

/// Input Django's `DecimalField` rejects ("Enter a number.").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotANumber;

/// Django `DecimalField.to_python` then `int()` (what an integer column lookup does with a
/// `Decimal`): `Err` = "Enter a number.", otherwise the truncated integer or `Never`.
pub(crate) fn decimal_to_int(raw: &str) -> Result<IntMatch, NotANumber> {
    let s = raw.trim();
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (mantissa, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((a, b)) => (a, b),
        None => (mantissa, ""),
    };
    let clean = |p: &str| -> Result<String, NotANumber> {
        let b = p.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            let ok = c.is_ascii_digit()
                || (c == b'_' && i > 0 && i + 1 < b.len() && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit());
            if !ok {
                return Err(NotANumber);
            }
        }
        Ok(p.replace('_', ""))
    };
    let (int_digits, frac_digits) = (clean(int_part)?, clean(frac_part)?);
    if int_digits.is_empty() && frac_digits.is_empty() {
        return Err(NotANumber);
    }
    let exponent: i64 = match exp {
        None => 0,
        Some(e) => {
            let (eneg, ed) = match e.as_bytes().first() {
                Some(b'-') => (true, &e[1..]),
                Some(b'+') => (false, &e[1..]),
                _ => (false, e),
            };
            let ed = clean(ed)?;
            if ed.is_empty() {
                return Err(NotANumber);
            }
            let v: i64 = ed.parse().unwrap_or(i64::MAX / 4);
            if eneg { -v } else { v }
        }
    };
    let digits = format!("{int_digits}{frac_digits}");
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(IntMatch::Eq(0));
    }
    // value = digits * 10^(exponent - len(frac))
    let shift = exponent - frac_digits.len() as i64;
    let integer: String = if shift >= 0 {
        if digits.len() as i64 + shift > 20 {
            return Ok(IntMatch::Never);
        }
        format!("{digits}{}", "0".repeat(shift as usize))
    } else {
        let keep = digits.len() as i64 + shift;
        if keep <= 0 {
            return Ok(IntMatch::Eq(0));
        }
        digits[..keep as usize].to_string()
    };
    let v: i128 = integer.parse().map_err(|_| NotANumber)?;
    let v = if neg { -v } else { v };
    Ok(i64::try_from(v).map_or(IntMatch::Never, IntMatch::Eq))
}

/// django-filter's `rest_framework.BooleanWidget`: `true/false/1/0` in any case; anything
/// else means "no filter".
pub(crate) fn parse_bool(v: &str) -> Option<bool> {
    match v.to_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_coercion_like_django() {
        assert_eq!(decimal_to_int("7"), Ok(IntMatch::Eq(7)));
        assert_eq!(decimal_to_int(" 7.9 "), Ok(IntMatch::Eq(7)));
        assert_eq!(decimal_to_int("-0.5"), Ok(IntMatch::Eq(0)));
        assert_eq!(decimal_to_int("1e3"), Ok(IntMatch::Eq(1000)));
        assert_eq!(decimal_to_int("1_0"), Ok(IntMatch::Eq(10)));
        assert_eq!(decimal_to_int("1e40"), Ok(IntMatch::Never));
        assert_eq!(decimal_to_int(".5"), Ok(IntMatch::Eq(0)));
        for bad in ["abc", "NaN", "Infinity", "1e", "", " ", "1,5", "0x10", "1.2.3", "_1"] {
            assert_eq!(decimal_to_int(bad), Err(NotANumber), "{bad}");
        }
    }
}
