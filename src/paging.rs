//! Page arithmetic for the pager and the "Showing 41–60 of 1,234" line: pure, total, and
//! safe for any page number a URL can carry (up to `u64::MAX`), so a hand-edited link gives
//! a "page does not exist" message, never an overflow.

/// Rows per page offered by the selector; any other 1..=1000 value from a link still works.
pub const PAGE_SIZES: [u32; 4] = [20, 50, 100, 250];

/// Number of the last page: at least 1, since an empty list still has page 1.
pub fn last_page(count: u64, limit: u32) -> u64 {
    count.div_ceil(u64::from(limit.max(1))).max(1)
}

/// 0-based position of the first row of `page`, saturating for absurd page numbers.
pub fn first_row_index(page: u64, limit: u32) -> u64 {
    (page.max(1) - 1).saturating_mul(u64::from(limit.max(1)))
}

/// 1-based positions of the first and last row of `page` ("41–60"); `(0, 0)` when empty.
pub fn row_range(count: u64, page: u64, limit: u32) -> (u64, u64) {
    let first = first_row_index(page, limit).saturating_add(1);
    if count == 0 || first > count {
        return (0, 0);
    }
    (first, first.saturating_add(u64::from(limit.max(1)) - 1).min(count))
}

/// The page that shows the same first row at another page size.
pub fn page_for_new_limit(page: u64, limit: u32, new_limit: u32) -> u64 {
    first_row_index(page, limit) / u64::from(new_limit.max(1)) + 1
}

/// The page numbers to show around `page`: always the first and last, a window of two each
/// side, and `None` for a gap ("1 … 4 5 6 7 8 … 62"). A page past the end is not listed.
pub fn page_window(page: u64, last: u64) -> Vec<Option<u64>> {
    let mut out = Vec::new();
    let lo = page.saturating_sub(2).max(1).min(last);
    let hi = page.saturating_add(2).min(last);
    if lo > 1 {
        out.push(Some(1));
        if lo > 2 {
            out.push(None);
        }
    }
    out.extend((lo..=hi).map(Some));
    if hi < last {
        if hi < last - 1 {
            out.push(None);
        }
        out.push(Some(last));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_maths() {
        assert_eq!(last_page(0, 20), 1);
        assert_eq!(last_page(20, 20), 1);
        assert_eq!(last_page(21, 20), 2);
        assert_eq!(last_page(1234, 20), 62);
        assert_eq!(row_range(1234, 3, 20), (41, 60));
        assert_eq!(row_range(1234, 62, 20), (1221, 1234));
        assert_eq!(row_range(0, 1, 20), (0, 0));
        assert_eq!(row_range(10, 2, 20), (0, 0));
        assert_eq!(page_for_new_limit(3, 20, 50), 1);
        assert_eq!(page_for_new_limit(4, 20, 50), 2);
    }

    #[test]
    fn page_window_shows_ends_and_gaps() {
        assert_eq!(page_window(1, 1), vec![Some(1)]);
        assert_eq!(page_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_window(6, 62),
            vec![
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(62)
            ]
        );
        assert_eq!(
            page_window(3, 62),
            vec![Some(1), Some(2), Some(3), Some(4), Some(5), None, Some(62)]
        );
        assert_eq!(page_window(62, 62), vec![Some(1), None, Some(60), Some(61), Some(62)]);
        assert_eq!(
            page_window(4, 6),
            vec![Some(1), Some(2), Some(3), Some(4), Some(5), Some(6)]
        );
    }

    #[test]
    fn huge_page_numbers_saturate_instead_of_overflowing() {
        for page in [u64::MAX, u64::MAX - 1, u64::MAX / 20 + 1] {
            assert_eq!(row_range(1234, page, 1000), (0, 0), "{page}");
            let window = page_window(page, 62);
            assert_eq!(window.first(), Some(&Some(1)));
            assert_eq!(window.last(), Some(&Some(62)));
            assert!(window.iter().flatten().all(|&n| n <= 62), "{window:?}");
            assert!(page_for_new_limit(page, 1000, 20) >= 1);
        }
        assert_eq!(row_range(u64::MAX, u64::MAX, 1000), (u64::MAX, u64::MAX));
        assert_eq!(page_window(u64::MAX, u64::MAX).last(), Some(&Some(u64::MAX)));
    }
}
