//! Date handling: the OMS speaks UTC ISO 8601 and `DD-MM-YYYY`, operators read local time.
//!
//! chrono's `clock`/`wasmbind` features would cost ~17 kB gzip only to learn the local
//! offset; the browser already knows it (`Date.getTimezoneOffset`), so the offset is asked
//! of JavaScript for each instant (daylight saving differs across a year) and the
//! formatting stays pure and testable on the host.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

/// Minutes east of UTC of the browser's time zone at `instant` (0 on the host).
pub fn local_offset_minutes(instant: DateTime<Utc>) -> i32 {
    #[cfg(target_arch = "wasm32")]
    {
        let ms = instant.timestamp_millis() as f64;
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
        // getTimezoneOffset is minutes *west* of UTC.
        -(date.get_timezone_offset() as i32)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = instant;
        0
    }
}

/// `instant` in the time zone `offset_minutes` east of UTC, as "2023-01-01 17:09".
pub fn format_local_with(instant: DateTime<Utc>, offset_minutes: i32) -> String {
    let offset = FixedOffset::east_opt(offset_minutes * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset is valid"));
    instant.with_timezone(&offset).format("%Y-%m-%d %H:%M").to_string()
}

/// `instant` in the browser's local time, as "2023-01-01 17:09".
pub fn format_local(instant: DateTime<Utc>) -> String {
    format_local_with(instant, local_offset_minutes(instant))
}

/// The exact instant, as the OMS stored it: "2023-01-01 14:09:34.934060 UTC".
pub fn format_utc(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%d %H:%M:%S%.6f UTC").to_string()
}

/// The machine-readable form for `<time datetime>`.
pub fn iso(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// "10 Oct 2023": unambiguous in any locale, for confirmations.
pub fn human_date(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
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

/// The `YYYY-MM-DD` form used for `<input type="date">` values and ISO date filters.
pub fn to_iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(s: &str) -> DateTime<Utc> {
        s.parse().expect("valid test instant")
    }

    #[test]
    fn local_time_applies_the_offset() {
        let t = instant("2023-01-01T14:09:34.934060Z");
        assert_eq!(format_local_with(t, 180), "2023-01-01 17:09");
        assert_eq!(format_local_with(t, -300), "2023-01-01 09:09");
        assert_eq!(format_local_with(t, 0), "2023-01-01 14:09");
    }

    #[test]
    fn local_time_crosses_midnight() {
        let t = instant("2023-12-31T22:30:00Z");
        assert_eq!(format_local_with(t, 180), "2024-01-01 01:30");
    }

    #[test]
    fn absurd_offset_falls_back_to_utc() {
        let t = instant("2023-01-01T14:09:00Z");
        assert_eq!(format_local_with(t, 100_000), "2023-01-01 14:09");
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
        assert_eq!(human_date(d), "1 Oct 2023");
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
