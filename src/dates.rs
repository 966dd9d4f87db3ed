//! Date handling: the OMS speaks UTC ISO 8601 and `DD-MM-YYYY`, operators read local time.
//!
//! What an operator reads (local time, month names) is written in their language by
//! `crate::i18n`, with the browser's local offset; chrono's `clock`/`wasmbind` features
//! would have cost ~17 kB gzip only to learn that offset.
//!
//! chrono keeps the calendar arithmetic; reading and writing the few fixed shapes below is
//! done here because chrono's general `format`/`parse` machinery (format strings, its serde
//! support) added ~18 kB gzip to the wasm for five fixed layouts.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Utc};

/// Reads an RFC 3339 instant as the OMS (Django REST Framework) writes it:
/// `2023-01-01T14:09:34.934060Z`, or with a numeric offset such as `+03:00`; the fraction is
/// optional (digits past nanoseconds are dropped); `t`, `z` and a space separator are
/// accepted as RFC 3339 allows. Anything else (leap seconds included) is `None`.
pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        b.get(from..from + len)?
            .iter()
            .try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let at = |i: usize, allowed: &[u8]| b.get(i).is_some_and(|c| allowed.contains(c));
    if !(at(10, b"Tt ") && at(13, b":") && at(16, b":")) {
        return None;
    }
    let date = parse_input_date(text.get(..10)?)?;
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    let mut i = 19;
    let mut nanos = 0u32;
    if at(i, b".") {
        let start = i + 1;
        i = start;
        while at(i, b"0123456789") {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(b[i] - b'0');
            }
            i += 1;
        }
        let digits = i - start;
        if digits == 0 {
            return None;
        }
        nanos *= 10u32.pow(9u32.saturating_sub(digits as u32));
    }
    let offset_minutes = match b.get(i)? {
        b'Z' | b'z' => {
            i += 1;
            0
        }
        sign @ (b'+' | b'-') => {
            let (hh, mm) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if !at(i + 3, b":") || hh > 23 || mm > 59 {
                return None;
            }
            i += 6;
            let minutes = (hh * 60 + mm) as i64;
            if *sign == b'-' { -minutes } else { minutes }
        }
        _ => return None,
    };
    if i != b.len() || second > 59 {
        return None;
    }
    let local = date.and_time(NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?);
    Some(local.checked_sub_signed(TimeDelta::minutes(offset_minutes))?.and_utc())
}

/// `instant` on the clock of the time zone `offset_minutes` east of UTC. An offset no time
/// zone has (a day or more) falls back to UTC.
pub fn in_zone(instant: DateTime<Utc>, offset_minutes: i32) -> NaiveDateTime {
    let utc = instant.naive_utc();
    (-1439..=1439)
        .contains(&offset_minutes)
        .then(|| utc.checked_add_signed(TimeDelta::minutes(offset_minutes.into())))
        .flatten()
        .unwrap_or(utc)
}

/// The exact instant, as the OMS stored it: "2023-01-01 14:09:34.934060 UTC".
pub fn format_utc(instant: DateTime<Utc>) -> String {
    utc_with(instant, ' ', " UTC")
}

/// The machine-readable form for `<time datetime>`: "2023-01-01T14:09:34.934060Z".
pub fn iso(instant: DateTime<Utc>) -> String {
    utc_with(instant, 'T', "Z")
}

fn utc_with(instant: DateTime<Utc>, separator: char, suffix: &str) -> String {
    format!(
        "{:04}-{:02}-{:02}{separator}{:02}:{:02}:{:02}.{:06}{suffix}",
        instant.year(),
        instant.month(),
        instant.day(),
        instant.hour(),
        instant.minute(),
        instant.second(),
        instant.nanosecond() % 1_000_000_000 / 1000
    )
}

/// The OMS remove endpoint's `DD-MM-YYYY` (day first, as the vendor example `10-10-2023`).
pub fn to_dd_mm_yyyy(date: NaiveDate) -> String {
    format!("{:02}-{:02}-{:04}", date.day(), date.month(), date.year())
}

/// Reads the `YYYY-MM-DD` value of an `<input type="date">` (also what a user may type
/// where the browser has no date picker). Only four-digit years: a five-digit year is a typo.
pub fn parse_input_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    let bytes = value.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (y, m, d) = (&value[0..4], &value[5..7], &value[8..10]);
    if !(digits(y) && digits(m) && digits(d)) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Milliseconds since the epoch by the browser's clock (`Date.now()`; 0 on the host, where
/// nothing is timed).
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// Today in UTC, as the OMS's dates are: the presets' and the export's day.
pub fn today() -> NaiveDate {
    DateTime::from_timestamp_millis(now_ms() as i64)
        .unwrap_or_default()
        .date_naive()
}

/// The `YYYY-MM-DD` form used for `<input type="date">` values and ISO date filters.
pub fn to_iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(s: &str) -> DateTime<Utc> {
        parse_instant(s).expect("valid test instant")
    }

    #[test]
    fn parses_what_drf_and_rfc_3339_write() {
        let micros = "2023-01-01T14:09:34.934060Z";
        for (text, expected) in [
            (micros, micros),
            ("2023-01-01t14:09:34.934060z", micros),
            ("2023-01-01 14:09:34.934060Z", micros),
            ("2023-01-01T17:09:34.934060+03:00", micros),
            ("2023-01-01T09:39:34.934060-04:30", micros),
            ("2023-01-02T00:30:00+10:00", "2023-01-01T14:30:00.000000Z"),
            ("2023-01-01T14:09:34Z", "2023-01-01T14:09:34.000000Z"),
            ("2023-01-01T14:09:34.9Z", "2023-01-01T14:09:34.900000Z"),
            ("2023-01-01T14:09:34.123456789999Z", "2023-01-01T14:09:34.123456Z"),
            ("2024-02-29T23:59:59.999999-23:59", "2024-03-01T23:58:59.999999Z"),
        ] {
            assert_eq!(parse_instant(text).map(iso).as_deref(), Some(expected), "{text}");
        }
        assert_eq!(
            parse_instant("2023-01-01T14:09:34.123456789Z").map(|t| t.nanosecond()),
            Some(123_456_789)
        );
    }

    #[test]
    fn rejects_everything_else() {
        for bad in [
            "",
            "yesterday",
            "2023-01-01",
            "2023-01-01T14:09Z",
            "2023-01-01T14:09:34",
            "2023-01-01T14:09:34.Z",
            "2023-01-01T14:09:34+0300",
            "2023-01-01T14:09:34+03",
            "2023-01-01T14:09:34+24:00",
            "2023-01-01T14:09:34+03:60",
            "2023-01-01T14:09:60Z",
            "2023-01-01T24:00:00Z",
            "2023-02-29T00:00:00Z",
            "2023-13-01T00:00:00Z",
            "2023-01-01X14:09:34Z",
            "2023-01-01T14:09:34ZZ",
            "2023-01-01T14:09:34Z ",
            " 2023-01-01T14:09:34Z",
            "+2023-01-01T14:09:34Z",
            "20230-01-01T14:09:34Z",
            "2023-01-01T14:09:34.12a4Z",
            "2023-01-01T1４:09:34Z",
        ] {
            assert_eq!(parse_instant(bad), None, "{bad:?}");
        }
    }

    /// "YYYY-MM-DD HH:MM" of a local clock reading, to compare readings briefly.
    fn minute(t: NaiveDateTime) -> String {
        format!("{} {:02}:{:02}", to_iso_date(t.date()), t.hour(), t.minute())
    }

    #[test]
    fn local_time_applies_the_offset() {
        let t = instant("2023-01-01T14:09:34.934060Z");
        assert_eq!(minute(in_zone(t, 180)), "2023-01-01 17:09");
        assert_eq!(minute(in_zone(t, -300)), "2023-01-01 09:09");
        assert_eq!(minute(in_zone(t, 0)), "2023-01-01 14:09");
    }

    #[test]
    fn local_time_crosses_midnight() {
        let t = instant("2023-12-31T22:30:00Z");
        assert_eq!(minute(in_zone(t, 180)), "2024-01-01 01:30");
    }

    #[test]
    fn absurd_offset_falls_back_to_utc() {
        let t = instant("2023-01-01T14:09:00Z");
        assert_eq!(minute(in_zone(t, 100_000)), "2023-01-01 14:09");
    }

    #[test]
    fn utc_keeps_microseconds() {
        let t = instant("2023-01-01T14:09:34.934060Z");
        assert_eq!(format_utc(t), "2023-01-01 14:09:34.934060 UTC");
        assert_eq!(iso(t), "2023-01-01T14:09:34.934060Z");
    }

    #[test]
    fn fraction_is_optional_when_parsing() {
        assert_eq!(
            format_utc(instant("2023-01-01T14:09:34Z")),
            "2023-01-01 14:09:34.000000 UTC"
        );
    }

    #[test]
    fn dd_mm_yyyy_is_day_first_and_padded() {
        let d = NaiveDate::from_ymd_opt(2023, 10, 1).unwrap();
        assert_eq!(to_dd_mm_yyyy(d), "01-10-2023");
        assert_eq!(to_iso_date(d), "2023-10-01");
    }

    #[test]
    fn input_dates_are_strict() {
        assert_eq!(parse_input_date("2023-10-10"), NaiveDate::from_ymd_opt(2023, 10, 10));
        assert_eq!(parse_input_date(" 2024-02-29 "), NaiveDate::from_ymd_opt(2024, 2, 29));
        for bad in [
            "",
            "2023-02-30",
            "2023-13-01",
            "10-10-2023",
            "2023/10/10",
            "+2023-1-01",
            "2023-1a-01",
            "20233-10-10",
        ] {
            assert_eq!(parse_input_date(bad), None, "{bad}");
        }
    }
}
