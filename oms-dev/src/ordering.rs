//! The list's DRF `OrderingFilter` (the `sort` parameter): which columns may be sorted on,
//! and the total order (with an `id` tie-breaker) that keeps pages from overlapping — kept
//! apart from the filters, whose rules (and errors) are django-filter's, not DRF's.

use crate::querystring::last;

/// A column the list may be sorted by (the `OrderingFilter` whitelist).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SortField {
    /// Primary key.
    Id,
    /// `created_date`.
    CreatedDate,
    /// `modified_date`.
    ModifiedDate,
    /// `stock_location`.
    StockLocation,
    /// `reason`.
    Reason,
}

impl SortField {
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "id" => Self::Id,
            "created_date" => Self::CreatedDate,
            "modified_date" => Self::ModifiedDate,
            "stock_location" => Self::StockLocation,
            "reason" => Self::Reason,
            _ => return None,
        })
    }
    fn column(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::CreatedDate => "created_date",
            Self::ModifiedDate => "modified_date",
            Self::StockLocation => "stock_location",
            Self::Reason => "reason",
        }
    }
}

/// A total order over the rows: the requested keys plus `id` as the final tie-breaker so
/// pages never overlap or skip rows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sort(pub(crate) Vec<(SortField, bool)>);

/// `OrderingFilter` on `sort`: comma-separated, `-` = descending, unknown terms dropped,
/// default `-id`. The tie-breaker `id` follows the last key's direction so a single index
/// (whose entries end with the rowid) can serve the whole order.
pub(crate) fn parse_sort(pairs: &[(String, String)]) -> Sort {
    let mut keys: Vec<(SortField, bool)> = Vec::new();
    if let Some(param) = last(pairs, "sort").filter(|p| !p.is_empty()) {
        for term in param.split(',').map(str::trim) {
            let (desc, name) = match term.strip_prefix('-') {
                Some(n) => (true, n),
                None => (false, term),
            };
            if let Some(field) = SortField::parse(name)
                && !keys.iter().any(|(f, _)| *f == field)
            {
                keys.push((field, desc));
            }
        }
    }
    if keys.is_empty() {
        keys.push((SortField::Id, true));
    }
    if !keys.iter().any(|(f, _)| *f == SortField::Id) {
        let desc = keys.last().map(|k| k.1).unwrap_or(true);
        keys.push((SortField::Id, desc));
    }
    Sort(keys)
}

impl Sort {
    /// `ORDER BY ...`, or the exact reverse order when `reversed` (used to reach deep pages
    /// from the far end with a smaller OFFSET).
    pub(crate) fn order_by(&self, reversed: bool) -> String {
        let terms: Vec<String> = self
            .0
            .iter()
            .map(|(f, desc)| {
                let d = *desc != reversed;
                format!("{} {}", f.column(), if d { "DESC" } else { "ASC" })
            })
            .collect();
        format!(" ORDER BY {}", terms.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::querystring::parse_qsl;

    #[test]
    fn sort_parsing() {
        let s = |q: &str| parse_sort(&parse_qsl(q)).order_by(false);
        assert_eq!(s(""), " ORDER BY id DESC");
        assert_eq!(s("sort=-created_date"), " ORDER BY created_date DESC, id DESC");
        assert_eq!(
            s("sort=bogus,reason, -stock_location"),
            " ORDER BY reason ASC, stock_location DESC, id DESC"
        );
        assert_eq!(s("sort=--id,nope"), " ORDER BY id DESC");
        assert_eq!(s("sort=id"), " ORDER BY id ASC");
        assert_eq!(
            parse_sort(&parse_qsl("sort=-created_date")).order_by(true),
            " ORDER BY created_date ASC, id ASC"
        );
    }
}
