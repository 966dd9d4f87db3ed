//! The browser side: one `Intl` formatter per language and kind, made once and reused (a
//! page of 250 rows formats 250 dates).

use super::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use js_sys::{Array, Function, Intl, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Number,
    Day,
    LocalTime,
}

thread_local! {
    static FORMATTERS: RefCell<Vec<((Lang, Kind), Function)>> = const { RefCell::new(Vec::new()) };
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

fn formatter(lang: Lang, kind: Kind) -> Function {
    FORMATTERS.with(|cache| {
        if let Some((_, f)) = cache.borrow().iter().find(|(k, _)| *k == (lang, kind)) {
            return f.clone();
        }
        let made = {
            let locales = Array::of1(&JsValue::from_str(lang.locale()));
            match kind {
                Kind::Number => Intl::NumberFormat::new(&locales, &Object::new()).format(),
                Kind::Day => Intl::DateTimeFormat::new(
                    &locales,
                    &options(&[
                        ("day", "numeric"),
                        ("month", "short"),
                        ("year", "numeric"),
                        ("timeZone", "UTC"),
                    ]),
                )
                .format(),
                Kind::LocalTime => {
                    let day_month = if lang == Lang::Tr { "2-digit" } else { "short" };
                    let day = if lang == Lang::Tr { "2-digit" } else { "numeric" };
                    Intl::DateTimeFormat::new(
                        &locales,
                        &options(&[
                            ("day", day),
                            ("month", day_month),
                            ("year", "numeric"),
                            ("hour", "2-digit"),
                            ("minute", "2-digit"),
                            ("hourCycle", "h23"),
                        ]),
                    )
                    .format()
                }
            }
        };
        cache.borrow_mut().push(((lang, kind), made.clone()));
        made
    })
}

fn call(lang: Lang, kind: Kind, value: &JsValue) -> Option<String> {
    formatter(lang, kind).call1(&JsValue::NULL, value).ok()?.as_string()
}

pub(super) fn number(lang: Lang, n: u64) -> String {
    call(lang, Kind::Number, &JsValue::from_f64(n as f64)).unwrap_or_else(|| n.to_string())
}

fn date_of(ms: i64) -> JsValue {
    js_sys::Date::new(&JsValue::from_f64(ms as f64)).into()
}

pub(super) fn day(lang: Lang, date: NaiveDate) -> String {
    let ms = date
        .and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc().timestamp_millis())
        .unwrap_or_default();
    call(lang, Kind::Day, &date_of(ms)).unwrap_or_else(|| crate::dates::to_iso_date(date))
}

pub(super) fn local_time(lang: Lang, instant: DateTime<Utc>) -> String {
    call(lang, Kind::LocalTime, &date_of(instant.timestamp_millis()))
        .unwrap_or_else(|| crate::dates::format_local_with(instant, 0))
}
