//! The language the app speaks and how numbers and dates are written in it.
//!
//! One signal holds the language; everything reads it. It is chosen, in this order, from
//! the host back office's locale when embedded ([`Language::host`], the seam the embedding
//! sets), the user's explicit choice (the header's switcher, remembered in `localStorage`:
//! a preference, not a credential), `navigator.languages`, then English.
//!
//! Numbers and dates are written here, exactly as the browser's `Intl` writes them in
//! `en-GB` and `tr-TR` (a component test holds them to it): two languages need a grouping
//! character and twelve month names each, and making the first `Intl` formatter cost a cold
//! start 11–13 ms before the first rows. Only the local offset comes from the browser; on the
//! host (`cargo test`) it is UTC.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use leptos::prelude::*;
use std::cell::Cell;

/// `localStorage` key of the user's explicit language choice.
pub const STORAGE_KEY: &str = "discrepancy-admin.lang";

/// A language the app has a complete catalogue for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Turkish.
    Tr,
}

impl Lang {
    /// Every language, in the switcher's order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Tr];

    /// The BCP 47 tag for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Tr => "tr",
        }
    }

    /// The `Intl` locale: `en-GB` writes "2 Dec 2026, 14:05", `tr-TR` "02.12.2026 14:05".
    pub fn locale(self) -> &'static str {
        match self {
            Lang::En => "en-GB",
            Lang::Tr => "tr-TR",
        }
    }

    /// `en`, `en-US`, `EN_gb`, `tr`, `tr-TR`… by their primary subtag; `None` for others.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else if primary.eq_ignore_ascii_case("tr") {
            Some(Lang::Tr)
        } else {
            None
        }
    }
}

/// The language by precedence: host, then the user's choice, then the browser's first
/// supported language, then English.
pub fn choose(host: Option<Lang>, chosen: Option<Lang>, browser: Option<Lang>) -> Lang {
    host.or(chosen).or(browser).unwrap_or_default()
}

/// The first of the browser's languages (`navigator.languages`) the app speaks.
pub fn first_supported(tags: &[String]) -> Option<Lang> {
    tags.iter().find_map(|tag| Lang::parse(tag))
}

thread_local! {
    /// The language the last rendering used, for code that is not reactive (event handlers,
    /// the panic view). Kept equal to the signal by [`track`].
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language in force, without subscribing.
pub fn current() -> Lang {
    CURRENT.with(Cell::get)
}

/// The language signals: the host's locale and the user's choice; [`Language::lang`] is
/// the one reading the whole app follows.
#[derive(Clone, Copy)]
pub struct Language {
    /// The host back office's locale as a tag (`tr-TR`); set by the embedding, empty
    /// standalone. Tags rather than `Lang` values: a string signal's code is already in the
    /// app, a signal of a new type would add its own.
    pub host: RwSignal<String>,
    /// The user's explicit choice as a tag, remembered across visits; empty when none.
    pub chosen: RwSignal<String>,
    /// The browser's first supported language, read once.
    browser: Option<Lang>,
}

impl Language {
    /// The language state of this browser: the remembered choice and `navigator.languages`.
    pub fn new() -> Language {
        Language {
            host: RwSignal::new(String::new()),
            chosen: RwSignal::new(stored_choice().map(|l| l.tag().to_string()).unwrap_or_default()),
            browser: first_supported(&browser_languages()),
        }
    }

    /// The language in force (tracked), which the catalogue ([`crate::messages::t`]) then
    /// follows.
    pub fn lang(&self) -> Lang {
        let host = self.host.with(|t| Lang::parse(t));
        let chosen = self.chosen.with(|t| Lang::parse(t));
        let lang = choose(host, chosen, self.browser);
        CURRENT.with(|c| c.set(lang));
        lang
    }

    /// The user picked `lang` in the switcher: remember it and switch in place.
    pub fn choose(&self, lang: Lang) {
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(STORAGE_KEY, lang.tag());
        }
        self.chosen.set(lang.tag().to_string());
    }
}

impl Default for Language {
    fn default() -> Self {
        Language::new()
    }
}

fn stored_choice() -> Option<Lang> {
    local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|tag| Lang::parse(&tag))
}

pub(crate) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default()
}

/// `n` written the way `lang` groups digits: "1,234,567" / "1.234.567".
///
/// Written here rather than by `Intl.NumberFormat`, which writes integers the same way in
/// both languages (a component test compares them): making the first `NumberFormat` loads
/// the browser's number data, about 13 ms of a cold start before the first rows.
pub fn number(lang: Lang, n: u64) -> String {
    let separator = match lang {
        Lang::En => ',',
        Lang::Tr => '.',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// Short month names as `Intl.DateTimeFormat` writes them for `en-GB` and `tr-TR`.
const MONTHS: [[&str; 12]; 2] = [
    [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
    ],
    [
        "Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara",
    ],
];

fn month(lang: Lang, date: NaiveDate) -> &'static str {
    MONTHS[lang as usize][date.month0() as usize]
}

/// A calendar day written out in `lang`: "1 Sept 2025" / "1 Eyl 2025".
///
/// Days and times are written here, as `Intl.DateTimeFormat` writes them in `en-GB` and
/// `tr-TR` (a component test compares them in the browser), rather than by `Intl`: making
/// the first formatter loads the browser's locale data, about 11 ms of a cold start before
/// the first rows, which show a date on every row.
pub fn day(lang: Lang, date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), month(lang, date), date.year())
}

/// An instant in the browser's time zone, to the minute: "2 Dec 2026, 14:05" /
/// "02.12.2026 14:05" (UTC on the host).
pub fn local_time(lang: Lang, instant: DateTime<Utc>) -> String {
    let t = crate::dates::in_zone(instant, offset_minutes(instant));
    let (date, hour, minute) = (t.date(), t.hour(), t.minute());
    match lang {
        Lang::En => format!("{}, {hour:02}:{minute:02}", day(lang, date)),
        Lang::Tr => format!(
            "{:02}.{:02}.{} {hour:02}:{minute:02}",
            date.day(),
            date.month(),
            date.year()
        ),
    }
}

/// Minutes east of UTC of the browser's time zone at `instant` (summer time included).
fn offset_minutes(instant: DateTime<Utc>) -> i32 {
    #[cfg(target_arch = "wasm32")]
    {
        let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(instant.timestamp_millis() as f64));
        -(at.get_timezone_offset().round() as i32)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = instant;
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_normalise_by_primary_subtag() {
        for (tag, lang) in [
            ("en", Lang::En),
            ("en-US", Lang::En),
            ("EN_gb", Lang::En),
            ("tr", Lang::Tr),
            ("tr-TR", Lang::Tr),
        ] {
            assert_eq!(Lang::parse(tag), Some(lang), "{tag}");
        }
        for tag in ["", "de", "fr-TR", "eng", "t"] {
            assert_eq!(Lang::parse(tag), None, "{tag}");
        }
    }

    #[test]
    fn precedence_is_host_choice_browser_english() {
        let browser = first_supported(&["de-DE".to_string(), "tr-TR".to_string(), "en".to_string()]);
        assert_eq!(browser, Some(Lang::Tr));
        assert_eq!(choose(Some(Lang::En), Some(Lang::Tr), browser), Lang::En);
        assert_eq!(choose(None, Some(Lang::En), browser), Lang::En);
        assert_eq!(choose(None, None, browser), Lang::Tr);
        assert_eq!(choose(None, None, first_supported(&["de".to_string()])), Lang::En);
        assert_eq!(choose(None, None, first_supported(&[])), Lang::En);
    }

    #[test]
    fn numbers_group_per_language() {
        assert_eq!(number(Lang::En, 0), "0");
        assert_eq!(number(Lang::En, 1234), "1,234");
        assert_eq!(number(Lang::Tr, 1234), "1.234");
        assert_eq!(number(Lang::Tr, 1_000_000), "1.000.000");
    }

    #[test]
    fn days_and_times_are_written_per_language() {
        let date = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
        assert_eq!(day(Lang::En, date(9)), "1 Sept 2025");
        assert_eq!(day(Lang::Tr, date(2)), "1 Şub 2025");
        assert_eq!(day(Lang::Tr, date(8)), "1 Ağu 2025");
        let t = crate::dates::parse_instant("2026-12-02T04:05:59Z").unwrap();
        assert_eq!(local_time(Lang::En, t), "2 Dec 2026, 04:05");
        assert_eq!(local_time(Lang::Tr, t), "02.12.2026 04:05");
    }
}
