//! The list query: one value that is both the page's URL state (`?page=3&limit=50&sort=…`)
//! and the OMS request, so reload, back/forward and shared links show exactly what was asked.

use super::sort::Sort;
use chrono::NaiveDate;

/// The OMS default page size.
pub const DEFAULT_LIMIT: u32 = 20;
/// The OMS maximum page size.
pub const MAX_LIMIT: u32 = 1000;

/// The list's filters, one value: a new filter is a field here, read and written in
/// [`Filters::from_params`] and [`Filters::pairs`], and edited through `list_filters`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filters {
    /// Exact reason filter.
    pub reason: Option<String>,
    /// Stock location id filter.
    pub stock_location: Option<u64>,
    /// Active filter.
    pub is_active: Option<bool>,
    /// Only records created before 00:00 UTC of this day (`created_date__lt`).
    pub created_before: Option<NaiveDate>,
    /// Only records created on this day (UTC) or later (`created_date__gte`).
    pub created_from: Option<NaiveDate>,
    /// Package item id filter.
    pub package_item: Option<u64>,
    /// Transfer item id filter.
    pub transfer_item: Option<u64>,
    /// Only these records (`id__in`), at most [`MAX_IDS`].
    pub ids: Vec<u64>,
}

/// Most record ids one `id__in` filter takes: a URL stays well under what servers accept.
pub const MAX_IDS: usize = 100;

/// `12,13, 14` as record ids: whole numbers above 0, separated by commas, at most
/// [`MAX_IDS`], each once (in the order given).
pub fn parse_ids(value: &str) -> Option<Vec<u64>> {
    let mut ids: Vec<u64> = Vec::new();
    for part in value.split(',') {
        let id = parse_positive_id(part)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    (ids.len() <= MAX_IDS).then_some(ids)
}

impl Filters {
    /// Reads the filters of a URL query; a malformed value is dropped (the view it opens
    /// says which filters are in force).
    pub fn from_params(get: &dyn Fn(&str) -> Option<String>) -> Filters {
        let nonempty = |key: &str| get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        Filters {
            reason: nonempty("reason"),
            stock_location: nonempty("stock_location").and_then(|v| parse_positive_id(&v)),
            is_active: nonempty("is_active").and_then(|v| parse_bool(&v)),
            created_before: nonempty("created_date__lt").and_then(|v| crate::dates::parse_input_date(&v)),
            created_from: nonempty("created_date__gte").and_then(|v| crate::dates::parse_input_date(&v)),
            package_item: nonempty("package_item").and_then(|v| parse_positive_id(&v)),
            transfer_item: nonempty("transfer_item").and_then(|v| parse_positive_id(&v)),
            ids: nonempty("id__in").and_then(|v| parse_ids(&v)).unwrap_or_default(),
        }
    }

    /// The OMS parameters, in a fixed order, for the URL and the request alike.
    pub fn pairs(&self, out: &mut Vec<(&'static str, String)>) {
        if let Some(reason) = &self.reason {
            out.push(("reason", reason.clone()));
        }
        if let Some(loc) = self.stock_location {
            out.push(("stock_location", loc.to_string()));
        }
        if let Some(active) = self.is_active {
            out.push(("is_active", active.to_string()));
        }
        if let Some(date) = self.created_from {
            out.push(("created_date__gte", crate::dates::to_iso_date(date)));
        }
        if let Some(date) = self.created_before {
            out.push(("created_date__lt", crate::dates::to_iso_date(date)));
        }
        if let Some(item) = self.package_item {
            out.push(("package_item", item.to_string()));
        }
        if let Some(item) = self.transfer_item {
            out.push(("transfer_item", item.to_string()));
        }
        if !self.ids.is_empty() {
            let ids: Vec<String> = self.ids.iter().map(u64::to_string).collect();
            out.push(("id__in", ids.join(",")));
        }
    }

    /// True when no filter narrows the list.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// `true` / `false` as Django's boolean filter reads them.
pub fn parse_bool(value: &str) -> Option<bool> {
    match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// Page, size, order and filters of the list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ListQuery {
    /// 1-based page number.
    pub page: u64,
    /// Rows per page, 1..=1000.
    pub limit: u32,
    /// Order; the OMS default when `None`.
    pub sort: Option<Sort>,
    /// What narrows the list.
    pub filters: Filters,
    /// Filters the URL gave with a value that does not read (the parameter and its text as
    /// written, e.g. `created_date__lt=not-a-date`): kept in the URL and shown at their field,
    /// never sent, so the list is not silently shown unfiltered.
    pub malformed: Vec<(&'static str, String)>,
}

/// Whether a parameter's text reads as its type.
type Reads = fn(&str) -> bool;

/// The filter parameters whose values must read as their type; a reason is any text.
const CHECKED: [(&str, Reads); 7] = [
    ("created_date__gte", |v| crate::dates::parse_input_date(v).is_some()),
    ("stock_location", |v| parse_positive_id(v).is_some()),
    ("is_active", |v| parse_bool(v).is_some()),
    ("created_date__lt", |v| crate::dates::parse_input_date(v).is_some()),
    ("package_item", |v| parse_positive_id(v).is_some()),
    ("transfer_item", |v| parse_positive_id(v).is_some()),
    ("id__in", |v| parse_ids(v).is_some()),
];

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            page: 1,
            limit: DEFAULT_LIMIT,
            sort: None,
            filters: Filters::default(),
            malformed: Vec::new(),
        }
    }
}

impl ListQuery {
    /// Reads the URL query, falling back to defaults for anything missing or malformed, so a
    /// hand-edited or stale link still opens a sensible view instead of an error.
    pub fn from_params(get: &dyn Fn(&str) -> Option<String>) -> ListQuery {
        let nonempty = |key: &str| get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        ListQuery {
            page: nonempty("page")
                .and_then(|v| v.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
            limit: nonempty("limit")
                .and_then(|v| v.parse().ok())
                .filter(|l| (1..=MAX_LIMIT).contains(l))
                .unwrap_or(DEFAULT_LIMIT),
            sort: nonempty("sort").and_then(|v| Sort::parse(&v)),
            filters: Filters::from_params(get),
            malformed: CHECKED
                .iter()
                .filter_map(|(key, reads)| nonempty(key).filter(|v| !reads(v)).map(|v| (*key, v)))
                .collect(),
        }
    }

    fn filter_pairs(&self, out: &mut Vec<(&'static str, String)>) {
        if let Some(sort) = self.sort {
            out.push(("sort", sort.to_param()));
        }
        self.filters.pairs(out);
    }

    /// Pairs for the page URL: defaults are left out so links stay short; malformed filters
    /// stay as written, to be corrected.
    pub fn url_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.page != 1 {
            out.push(("page", self.page.to_string()));
        }
        if self.limit != DEFAULT_LIMIT {
            out.push(("limit", self.limit.to_string()));
        }
        self.filter_pairs(&mut out);
        out.extend(self.malformed.iter().cloned());
        out
    }

    /// Pairs for the OMS request: page and limit always explicit, whatever its defaults are.
    pub fn api_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![("page", self.page.to_string()), ("limit", self.limit.to_string())];
        self.filter_pairs(&mut out);
        out
    }

    /// `?page=3&limit=50&sort=-created_date`, or empty for the default view.
    pub fn to_search(&self) -> String {
        let pairs = self.url_pairs();
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", encode_pairs(&pairs))
        }
    }

    /// The same view on another page.
    pub fn with_page(&self, page: u64) -> ListQuery {
        ListQuery {
            page: page.max(1),
            ..self.clone()
        }
    }

    /// The same order and size with other filters, from page 1.
    pub fn with_filters(&self, filters: Filters) -> ListQuery {
        ListQuery {
            page: 1,
            filters,
            malformed: Vec::new(),
            ..self.clone()
        }
    }

    /// True when any filter narrows the list, or was meant to.
    pub fn is_filtered(&self) -> bool {
        !self.filters.is_empty() || !self.malformed.is_empty()
    }

    /// The same order and size without filters, from page 1.
    pub fn without_filters(&self) -> ListQuery {
        self.with_filters(Filters::default())
    }
}

/// Reads a stock location / record id: a whole number greater than zero.
pub fn parse_positive_id(value: &str) -> Option<u64> {
    let value = value.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok().filter(|n| *n > 0)
}

/// Form-encodes `pairs` (`a=1&b=x+y`), as Django parses query strings.
pub fn encode_pairs(pairs: &[(&str, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// Base URL + path + query. An empty base means the app's own origin (through the dev proxy).
pub fn build_url(base: &str, path: &str, pairs: &[(&str, String)]) -> String {
    let mut url = format!("{}/{}", base.trim_end_matches('/'), path.trim_start_matches('/'));
    if !pairs.is_empty() {
        url.push('?');
        url.push_str(&encode_pairs(pairs));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::SortField;
    use std::collections::HashMap;

    fn from(pairs: &[(&str, &str)]) -> ListQuery {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        ListQuery::from_params(&|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_when_the_url_is_empty() {
        assert_eq!(from(&[]), ListQuery::default());
        assert_eq!(ListQuery::default().to_search(), "");
    }

    #[test]
    fn malformed_filters_stay_in_the_url_and_out_of_the_request() {
        let q = from(&[
            ("created_date__lt", "not-a-date"),
            ("stock_location", "abc"),
            ("is_active", "maybe"),
            ("reason", "anything goes"),
            ("page", "2"),
        ]);
        assert_eq!(
            q.malformed,
            vec![
                ("stock_location", "abc".to_string()),
                ("is_active", "maybe".to_string()),
                ("created_date__lt", "not-a-date".to_string())
            ]
        );
        assert_eq!(q.filters.reason.as_deref(), Some("anything goes"));
        assert!(q.is_filtered());
        // The URL keeps them as written (a reload shows the same), the request never has them.
        let again = ListQuery::from_params(&|k| {
            form_urlencoded::parse(q.to_search().trim_start_matches('?').as_bytes())
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.into_owned())
        });
        assert_eq!(again, q);
        assert!(
            !q.api_pairs()
                .iter()
                .any(|(k, _)| ["stock_location", "is_active", "created_date__lt"].contains(k))
        );
        // New filters from the form, or none, replace them.
        assert!(q.without_filters().malformed.is_empty());
        assert!(!q.without_filters().is_filtered());
        assert_eq!(q.with_page(3).malformed, q.malformed);
        // Valid values are not malformed; empty ones are no filter at all.
        let fine = from(&[
            ("created_date__lt", "2024-02-29"),
            ("stock_location", "7"),
            ("is_active", "false"),
            ("reason", ""),
        ]);
        assert!(fine.malformed.is_empty());
        assert!(
            from(&[("stock_location", " "), ("created_date__lt", "")])
                .malformed
                .is_empty()
        );
    }

    #[test]
    fn a_created_date_range_round_trips() {
        let q = from(&[("created_date__gte", "2024-01-31"), ("created_date__lt", "2024-03-01")]);
        assert_eq!(q.filters.created_from, NaiveDate::from_ymd_opt(2024, 1, 31));
        assert_eq!(
            q.to_search(),
            "?created_date__gte=2024-01-31&created_date__lt=2024-03-01"
        );
        assert!(q.api_pairs().contains(&("created_date__gte", "2024-01-31".to_string())));
        assert_eq!(
            from(&[("created_date__gte", "2024-02-30")]).malformed,
            vec![("created_date__gte", "2024-02-30".to_string())]
        );
    }

    #[test]
    fn record_ids_read_as_a_list() {
        assert_eq!(parse_ids("12"), Some(vec![12]));
        assert_eq!(parse_ids("12, 13,12 ,14"), Some(vec![12, 13, 14]));
        for bad in ["", "1,,2", "1,a", "0", "1;2", "-1", "1,2,"] {
            assert_eq!(parse_ids(bad), None, "{bad:?}");
        }
        let hundred: Vec<String> = (1..=100).map(|i| i.to_string()).collect();
        assert_eq!(parse_ids(&hundred.join(",")).map(|v| v.len()), Some(100));
        assert_eq!(parse_ids(&format!("{},101", hundred.join(","))), None, "at most 100");
        let q = from(&[("id__in", "3,1"), ("package_item", "77"), ("transfer_item", "5")]);
        assert_eq!(q.filters.ids, vec![3, 1]);
        assert_eq!(q.to_search(), "?package_item=77&transfer_item=5&id__in=3%2C1");
        assert!(q.api_pairs().contains(&("id__in", "3,1".to_string())));
        assert_eq!(
            from(&[("id__in", "3,x")]).malformed,
            vec![("id__in", "3,x".to_string())]
        );
    }

    #[test]
    fn url_state_round_trips() {
        let q = from(&[("page", "3"), ("limit", "50"), ("sort", "-created_date")]);
        assert_eq!(q.page, 3);
        assert_eq!(q.limit, 50);
        assert_eq!(
            q.sort,
            Some(Sort {
                field: SortField::CreatedDate,
                descending: true
            })
        );
        assert_eq!(q.to_search(), "?page=3&limit=50&sort=-created_date");
        // Absurd page numbers are kept (the OMS answers "invalid page"); nothing overflows.
        let huge = from(&[("page", "18446744073709551615")]);
        assert_eq!(huge.page, u64::MAX);
        assert_eq!(huge.to_search(), "?page=18446744073709551615");
        assert_eq!(from(&[("page", "18446744073709551616")]).page, 1);
    }

    #[test]
    fn malformed_url_values_fall_back() {
        let q = from(&[
            ("page", "0"),
            ("limit", "5000"),
            ("sort", "-password"),
            ("stock_location", "-3"),
            ("is_active", "maybe"),
        ]);
        // Page, size and order fall back to the defaults; filters are kept as malformed (never
        // dropped silently: the list would show unfiltered).
        let malformed = |pairs: &[(&'static str, &str)]| ListQuery {
            malformed: pairs.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            ..ListQuery::default()
        };
        assert_eq!(q, malformed(&[("stock_location", "-3"), ("is_active", "maybe")]));
        let q = from(&[
            ("page", "abc"),
            ("limit", "0"),
            ("stock_location", "1e3"),
            ("created_date__lt", "10-10-2023"),
        ]);
        assert_eq!(
            q,
            malformed(&[("stock_location", "1e3"), ("created_date__lt", "10-10-2023")])
        );
    }

    #[test]
    fn filters_round_trip_and_are_encoded() {
        let q = from(&[
            ("reason", "out of stock&x=1"),
            ("stock_location", "7"),
            ("is_active", "false"),
            ("created_date__lt", "2023-10-10"),
        ]);
        assert_eq!(q.filters.reason.as_deref(), Some("out of stock&x=1"));
        assert_eq!(
            q.to_search(),
            "?reason=out+of+stock%26x%3D1&stock_location=7&is_active=false&created_date__lt=2023-10-10"
        );
        assert!(q.is_filtered());
        assert!(!q.without_filters().is_filtered());
    }

    #[test]
    fn api_pairs_always_name_page_and_limit() {
        let q = ListQuery {
            sort: Sort::parse("reason"),
            ..ListQuery::default()
        };
        assert_eq!(
            build_url(
                "https://oms.example.com/",
                "/api/v1/oms/inventory-discrepancies/",
                &q.api_pairs()
            ),
            "https://oms.example.com/api/v1/oms/inventory-discrepancies/?page=1&limit=20&sort=reason"
        );
        assert_eq!(build_url("", "/api/x/", &[]), "/api/x/");
    }

    #[test]
    fn positive_ids_only() {
        assert_eq!(parse_positive_id(" 7 "), Some(7));
        for bad in ["", "0", "-1", "+1", "1.5", "7a", "99999999999999999999999"] {
            assert_eq!(parse_positive_id(bad), None, "{bad}");
        }
    }
}
