//! Dates, in one module because storage, the filters, the remove cut-off and the rendering
//! must agree to the microsecond: storage as integer microseconds, DRF's rendering, and the
//! two input grammars the API accepts (django-filter ISO 8601 and the remove action's
//! `DD-MM-YYYY`).

use chrono::{DateTime, NaiveDate, Utc};

/// Microseconds since the Unix epoch, the storage unit of every date column (integers keep
/// indexes small and comparisons exact).
pub(crate) type Micros = i64;

/// One day in microseconds; used by seeding and the remove cut-off arithmetic.
pub(crate) const DAY: Micros = 86_400_000_000;

/// Current time in microseconds; the seed spreads records over the days before it.
pub(crate) fn now_micros() -> Micros {
    Utc::now().timestamp_micros()
}

/// Renders a stored date the way the contract shows it: `2023-01-01T14:09:34.934060Z`
/// (UTC, always six fractional digits).
pub(crate) fn format_micros(m: Micros) -> String {
    match DateTime::<Utc>::from_timestamp_micros(m) {
        Some(dt) => dt.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        None => String::from("0001-01-01T00:00:00.000000Z"),
    }
}

/// Midnight UTC at the start of `date`, in microseconds: the remove action's cut-off.
pub(crate) fn day_start_micros(date: NaiveDate) -> Micros {
    date.and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
        .timestamp_micros()
}

/// Strict `DD-MM-YYYY` (two-digit day and month, four-digit year, a real calendar date),
/// the only `expired_date` format the remove action accepts.
pub(crate) fn parse_dd_mm_yyyy(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[2] != b'-' || b[5] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &b[r];
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let (d, m, y) = (num(0..2)?, num(3..5)?, num(6..10)?);
    if y < 1 {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// A small cursor over ASCII input used by the ISO parser.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn span(&mut self, min: usize, max: usize) -> Option<&str> {
        let start = self.i;
        while self.i < self.b.len() && self.i - start < max && self.b[self.i].is_ascii_digit() {
            self.i += 1;
        }
        if self.i - start < min {
            return None;
        }
        std::str::from_utf8(&self.b[start..self.i]).ok()
    }
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        self.span(min, max)?.parse().ok()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn done(&self) -> bool {
        self.i == self.b.len()
    }
}

/// Parsed wall-clock fields before validation.
struct Fields {
    y: u32,
    mo: u32,
    d: u32,
    h: u32,
    mi: u32,
    s: u32,
    micro: u32,
    offset_minutes: i64,
}

fn to_micros(f: &Fields) -> Option<Micros> {
    let date = NaiveDate::from_ymd_opt(f.y as i32, f.mo, f.d)?;
    if f.y < 1 {
        return None;
    }
    let naive = date.and_hms_micro_opt(f.h, f.mi, f.s, f.micro)?;
    Some(naive.and_utc().timestamp_micros() - f.offset_minutes * 60_000_000)
}

/// Reads `[.,]digits` (1..=12 digits, keeping the first six as microseconds).
fn fraction(c: &mut Cursor) -> Option<u32> {
    let text = c.span(1, 12)?;
    let six: String = text.chars().chain(std::iter::repeat('0')).take(6).collect();
    six.parse().ok()
}

/// Reads `Z` or `±HH[[:]MM]` and returns the offset in minutes (`None` = not a valid zone).
fn zone(c: &mut Cursor) -> Option<Option<i64>> {
    if c.eat(b'Z') {
        return Some(Some(0));
    }
    let sign = if c.eat(b'+') {
        1
    } else if c.eat(b'-') {
        -1
    } else {
        return Some(None);
    };
    let h = c.digits(2, 2)? as i64;
    let had_colon = c.eat(b':');
    let m = match c.digits(2, 2) {
        Some(m) => m as i64,
        None if had_colon => return None,
        None => 0,
    };
    let total = h * 60 + m;
    if total >= 24 * 60 {
        return None;
    }
    Some(Some(sign * total))
}

/// Django's `datetime_re` path of `parse_datetime`:
/// `YYYY-M[M]-D[D][T ]H[H]:M[M][:S[S][.ffffff]] [Z|±HH[[:]MM]]`.
fn parse_django_regex(s: &str) -> Option<Micros> {
    let mut c = Cursor { b: s.as_bytes(), i: 0 };
    let y = c.digits(4, 4)?;
    c.eat(b'-').then_some(())?;
    let mo = c.digits(1, 2)?;
    c.eat(b'-').then_some(())?;
    let d = c.digits(1, 2)?;
    if !(c.eat(b'T') || c.eat(b' ')) {
        return None;
    }
    let h = c.digits(1, 2)?;
    c.eat(b':').then_some(())?;
    let mi = c.digits(1, 2)?;
    let (mut sec, mut micro) = (0, 0);
    if c.eat(b':') {
        sec = c.digits(1, 2)?;
        if c.eat(b'.') || c.eat(b',') {
            micro = fraction(&mut c)?;
        }
    }
    while c.i < c.b.len() && c.b[c.i].is_ascii_whitespace() {
        c.i += 1;
    }
    let offset = zone(&mut c)?.unwrap_or(0);
    // Python's `$` also matches before one trailing newline.
    if !(c.done() || (c.i + 1 == c.b.len() && c.b[c.i] == b'\n')) {
        return None;
    }
    to_micros(&Fields {
        y,
        mo,
        d,
        h,
        mi,
        s: sec,
        micro,
        offset_minutes: offset,
    })
}

/// The `datetime.fromisoformat` forms not covered by the regex: a bare date
/// (`YYYY-MM-DD` or `YYYYMMDD`, midnight) and `YYYY-MM-DD?HH[:MM[:SS[.f]]][zone]` with any
/// single separator character.
fn parse_fromisoformat(s: &str) -> Option<Micros> {
    let b = s.as_bytes();
    let mut c = Cursor { b, i: 0 };
    let y = c.digits(4, 4)?;
    let dashed = c.eat(b'-');
    let mo = c.digits(2, 2)?;
    if dashed {
        c.eat(b'-').then_some(())?;
    }
    let d = c.digits(2, 2)?;
    let mut f = Fields {
        y,
        mo,
        d,
        h: 0,
        mi: 0,
        s: 0,
        micro: 0,
        offset_minutes: 0,
    };
    if c.done() {
        return to_micros(&f);
    }
    // any single (possibly non-ASCII) separator character
    let rest = std::str::from_utf8(&b[c.i..]).ok()?;
    let sep_len = rest.chars().next()?.len_utf8();
    c.i += sep_len;
    f.h = c.digits(2, 2)?;
    if c.eat(b':') {
        f.mi = c.digits(2, 2)?;
        if c.eat(b':') {
            f.s = c.digits(2, 2)?;
            if c.eat(b'.') || c.eat(b',') {
                f.micro = fraction(&mut c)?;
            }
        }
    }
    f.offset_minutes = zone(&mut c)?.unwrap_or(0);
    if !c.done() {
        return None;
    }
    to_micros(&f)
}

/// django-filter `IsoDateTimeField` input: an ISO 8601 date (midnight UTC) or date-time,
/// optional fraction and `Z`/offset; naive values are taken as UTC. `None` = "Enter a
/// valid date/time.". The caller has already skipped empty values.
pub(crate) fn parse_iso_datetime(s: &str) -> Option<Micros> {
    let t = s.trim();
    parse_fromisoformat(t).or_else(|| parse_django_regex(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse_iso_datetime(s).map(format_micros)
    }

    #[test]
    fn dd_mm_yyyy_is_strict() {
        assert_eq!(parse_dd_mm_yyyy("10-10-2023"), NaiveDate::from_ymd_opt(2023, 10, 10));
        assert_eq!(parse_dd_mm_yyyy("29-02-2024"), NaiveDate::from_ymd_opt(2024, 2, 29));
        for bad in [
            "29-02-2023",
            "1-10-2023",
            "10-1-2023",
            "2023-10-10",
            "10/10/2023",
            "10-10-23",
            "32-01-2023",
            "00-01-2023",
            "10-13-2023",
            " 10-10-2023",
            "10-10-2023 ",
            "",
            "10-10-0000",
            "١٠-10-2023",
        ] {
            assert_eq!(parse_dd_mm_yyyy(bad), None, "{bad}");
        }
    }

    #[test]
    fn iso_inputs() {
        assert_eq!(iso("2023-10-10").as_deref(), Some("2023-10-10T00:00:00.000000Z"));
        assert_eq!(iso("20231010").as_deref(), Some("2023-10-10T00:00:00.000000Z"));
        assert_eq!(iso("2023-10-10T12:30").as_deref(), Some("2023-10-10T12:30:00.000000Z"));
        assert_eq!(
            iso(" 2023-10-10T12:30:15.5Z ").as_deref(),
            Some("2023-10-10T12:30:15.500000Z")
        );
        assert_eq!(
            iso("2023-10-10T12:30:15.123456789+03:00").as_deref(),
            Some("2023-10-10T09:30:15.123456Z")
        );
        assert_eq!(
            iso("2023-1-5 7:05:09 -0130").as_deref(),
            Some("2023-01-05T08:35:09.000000Z")
        );
        assert_eq!(iso("2023-10-10T12").as_deref(), Some("2023-10-10T12:00:00.000000Z"));
        for bad in [
            "2023-13-01",
            "2023-02-30",
            "yesterday",
            "10-10-2023",
            "2023-10-10T25:00",
            "2023",
        ] {
            assert_eq!(iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn format_has_six_digits() {
        assert_eq!(format_micros(1_672_582_174_934_060), "2023-01-01T14:09:34.934060Z");
        assert_eq!(format_micros(0), "1970-01-01T00:00:00.000000Z");
    }
}
