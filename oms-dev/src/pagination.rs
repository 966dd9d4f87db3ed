//! DRF `PageNumberPagination` with `page_size_query_param = "limit"`: page-size and
//! page-number parsing, Django `Paginator` arithmetic, the `next`/`previous` links and the
//! envelope, reproduced exactly because the app computes its pages from `count`, `page` and
//! `limit` and its tests compare the links byte for byte. Every paginated endpoint (the
//! discrepancy list, the stock locations in `paginated` mode) goes through here.

use crate::querystring::{last, python_int, remove_query_param, replace_query_param};
use axum::extract::Request;
use axum::http::header;
use serde::Serialize;

/// Page size when `limit` is absent or unusable.
pub(crate) const DEFAULT_PAGE_SIZE: u64 = 20;
/// `max_page_size`: larger `limit` values are clamped to it.
pub(crate) const MAX_PAGE_SIZE: u64 = 1000;

/// DRF `get_page_size`: `limit` through `_positive_int(strict=True, cutoff=1000)`; zero,
/// negative or non-numeric values fall back to the default.
pub(crate) fn page_size(pairs: &[(String, String)]) -> u64 {
    // DRF reads `query_params[...]`, i.e. the last value.
    match last(pairs, "limit").and_then(python_int) {
        Some(n) if n > 0 => n.min(MAX_PAGE_SIZE as i128) as u64,
        _ => DEFAULT_PAGE_SIZE,
    }
}

/// The requested page before it is checked against the page count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum PageRequest {
    /// A parsed integer (may still be out of range).
    Number(i128),
    /// `page=last`.
    Last,
    /// Not an integer: always "Invalid page.".
    Invalid,
}

/// DRF `get_page_number`: missing or empty `page` = 1, `last` = last page, otherwise
/// Python `int()`.
pub(crate) fn page_request(pairs: &[(String, String)]) -> PageRequest {
    match last(pairs, "page") {
        None | Some("") => PageRequest::Number(1),
        Some("last") => PageRequest::Last,
        Some(v) => python_int(v).map_or(PageRequest::Invalid, PageRequest::Number),
    }
}

/// One valid page of a result set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Page {
    /// 1-based page number.
    pub(crate) number: u64,
    /// Total pages (at least 1: an empty first page is allowed).
    pub(crate) num_pages: u64,
    /// Rows to skip.
    pub(crate) offset: u64,
    /// Rows on this page (`limit`, or fewer on the last page).
    pub(crate) len: u64,
}

/// Django `Paginator.page()` / `validate_number`: `None` means 404 "Invalid page.".
pub(crate) fn paginate(count: u64, size: u64, req: PageRequest) -> Option<Page> {
    let num_pages = count.max(1).div_ceil(size);
    let number = match req {
        PageRequest::Last => num_pages as i128,
        PageRequest::Number(n) => n,
        PageRequest::Invalid => return None,
    };
    if number < 1 || number > num_pages as i128 {
        return None;
    }
    let number = number as u64;
    let offset = (number - 1) * size;
    let len = size.min(count.saturating_sub(offset));
    Some(Page {
        number,
        num_pages,
        offset,
        len,
    })
}

/// The `PageNumberPagination` envelope: `{"count","next","previous","results"}`.
#[derive(Serialize)]
pub(crate) struct Envelope<T> {
    /// Total rows over all pages.
    pub(crate) count: u64,
    /// Absolute URL of the next page, if any.
    pub(crate) next: Option<String>,
    /// Absolute URL of the previous page, if any.
    pub(crate) previous: Option<String>,
    /// This page's rows.
    pub(crate) results: T,
}

/// The host the links name: the request's `Host` header, as Django's
/// `request.get_host()` takes it (behind a proxy that may be a host the browser cannot
/// reach, which is why the app never follows the links).
pub(crate) fn request_host(req: &Request) -> String {
    req.headers()
        .get(header::HOST)
        .map(|h| String::from_utf8_lossy(h.as_bytes()).into_owned())
        .unwrap_or_else(|| "localhost".to_string())
}

/// `next` and `previous` exactly as DRF builds them from `request.build_absolute_uri()`:
/// `http://HOST/PATH?` plus the re-encoded, key-sorted query; the link to page 1 drops
/// `page` altogether.
pub(crate) fn links(host: &str, path: &str, raw_query: &str, page: &Page) -> (Option<String>, Option<String>) {
    let url = |query: String| {
        if query.is_empty() {
            format!("http://{host}{path}")
        } else {
            format!("http://{host}{path}?{query}")
        }
    };
    let next = (page.number < page.num_pages)
        .then(|| url(replace_query_param(raw_query, "page", &(page.number + 1).to_string())));
    let previous = (page.number > 1).then(|| {
        if page.number == 2 {
            url(remove_query_param(raw_query, "page"))
        } else {
            url(replace_query_param(raw_query, "page", &(page.number - 1).to_string()))
        }
    });
    (next, previous)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::querystring::parse_qsl;

    #[test]
    fn page_size_rules() {
        for (q, n) in [
            ("", 20),
            ("limit=0", 20),
            ("limit=-5", 20),
            ("limit=abc", 20),
            ("limit=7", 7),
            ("limit=5000", 1000),
            ("limit=1&limit=3", 3),
            ("limit=99999999999999999999999", 1000),
        ] {
            assert_eq!(page_size(&parse_qsl(q)), n, "{q}");
        }
    }

    #[test]
    fn paginator_maths() {
        let p = |count, size, q: &str| paginate(count, size, page_request(&parse_qsl(q)));
        assert_eq!(
            p(45, 20, ""),
            Some(Page {
                number: 1,
                num_pages: 3,
                offset: 0,
                len: 20
            })
        );
        assert_eq!(
            p(45, 20, "page=last"),
            Some(Page {
                number: 3,
                num_pages: 3,
                offset: 40,
                len: 5
            })
        );
        assert_eq!(p(45, 20, "page=4"), None);
        assert_eq!(p(45, 20, "page=0"), None);
        assert_eq!(p(45, 20, "page=x"), None);
        assert_eq!(
            p(0, 20, ""),
            Some(Page {
                number: 1,
                num_pages: 1,
                offset: 0,
                len: 0
            })
        );
        assert_eq!(p(0, 20, "page=2"), None);
        assert_eq!(
            p(40, 20, "page=2"),
            Some(Page {
                number: 2,
                num_pages: 2,
                offset: 20,
                len: 20
            })
        );
    }

    #[test]
    fn link_building() {
        let page = Page {
            number: 2,
            num_pages: 3,
            offset: 20,
            len: 20,
        };
        let path = "/api/v1/oms/inventory-discrepancies/";
        let (n, p) = links("h:1", path, "page=2&sort=-id&limit=20", &page);
        assert_eq!(
            n.as_deref(),
            Some("http://h:1/api/v1/oms/inventory-discrepancies/?limit=20&page=3&sort=-id")
        );
        assert_eq!(
            p.as_deref(),
            Some("http://h:1/api/v1/oms/inventory-discrepancies/?limit=20&sort=-id")
        );
        let (_, p) = links("h", path, "page=2", &page);
        assert_eq!(p.as_deref(), Some("http://h/api/v1/oms/inventory-discrepancies/"));
    }
}
