//! The list endpoint's django-filter `FilterSet` and DRF `OrderingFilter` (`sort`), parsed
//! from the query string with the same validation rules and messages, and turned into SQL.

use crate::dates::{Micros, parse_iso_datetime};
use crate::drf::FieldErrors;
use crate::querystring::last;
use rusqlite::types::Value;

/// An integer equality filter after Django's coercion: either a value to compare with, or
/// a value that can never match (e.g. beyond the 64-bit column range).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IntMatch {
    /// `column = value`.
    Eq(i64),
    /// Valid input that selects nothing.
    Never,
}

/// The validated filters of one list request; `None` = not filtering on that field.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Filters {
    /// `reason` exact match (stripped, as Django's `CharField` does).
    pub reason: Option<String>,
    /// `stock_location` equality.
    pub stock_location: Option<IntMatch>,
    /// `package_item` equality.
    pub package_item: Option<IntMatch>,
    /// `transfer_item` equality.
    pub transfer_item: Option<IntMatch>,
    /// `is_active` equality.
    pub is_active: Option<bool>,
    /// `created_date >= value`.
    pub created_gte: Option<Micros>,
    /// `created_date <= value`.
    pub created_lte: Option<Micros>,
    /// `created_date < value`.
    pub created_lt: Option<Micros>,
    /// `id IN (...)`; an empty list matches nothing.
    pub id_in: Option<Vec<i64>>,
}

const ENTER_NUMBER: &str = "Enter a number.";

/// Input Django's `DecimalField` rejects ("Enter a number.").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotANumber;

/// Django `DecimalField.to_python` then `int()` (what an integer column lookup does with a
/// `Decimal`): `Err` = "Enter a number.", otherwise the truncated integer or `Never`.
pub fn decimal_to_int(raw: &str) -> Result<IntMatch, NotANumber> {
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
fn parse_bool(v: &str) -> Option<bool> {
    match v.to_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// Validates every filter parameter (last value of repeated keys, empty values ignored) and
/// collects the errors of all invalid ones in declaration order, as django-filter does.
pub fn parse_filters(pairs: &[(String, String)]) -> Result<Filters, FieldErrors> {
    let mut f = Filters::default();
    let mut errors = FieldErrors::default();

    if let Some(v) = last(pairs, "reason") {
        let v = v.trim();
        if v.contains('\0') {
            errors.add("reason", "Null characters are not allowed.");
        } else if !v.is_empty() {
            f.reason = Some(v.to_string());
        }
    }
    for (name, slot) in [
        ("stock_location", &mut f.stock_location),
        ("package_item", &mut f.package_item),
        ("transfer_item", &mut f.transfer_item),
    ] {
        if let Some(v) = last(pairs, name).filter(|v| !v.is_empty()) {
            match decimal_to_int(v) {
                Ok(m) => *slot = Some(m),
                Err(NotANumber) => errors.add(name, ENTER_NUMBER),
            }
        }
    }
    f.is_active = last(pairs, "is_active").and_then(parse_bool);
    for (name, slot) in [
        ("created_date__gte", &mut f.created_gte),
        ("created_date__lte", &mut f.created_lte),
        ("created_date__lt", &mut f.created_lt),
    ] {
        if let Some(v) = last(pairs, name).filter(|v| !v.is_empty()) {
            match parse_iso_datetime(v) {
                Some(m) => *slot = Some(m),
                None => errors.add(name, "Enter a valid date/time."),
            }
        }
    }
    if let Some(v) = last(pairs, "id__in").filter(|v| !v.is_empty()) {
        let mut ids = Vec::new();
        let mut bad = false;
        for part in v.split(',') {
            if part.is_empty() {
                continue; // DecimalField cleans "" to None, which the IN lookup drops
            }
            match decimal_to_int(part) {
                Ok(IntMatch::Eq(i)) => ids.push(i),
                Ok(IntMatch::Never) => {}
                Err(NotANumber) => {
                    bad = true;
                    break;
                }
            }
        }
        if bad {
            errors.add("id__in", ENTER_NUMBER);
        } else {
            f.id_in = Some(ids);
        }
    }
    if errors.is_empty() { Ok(f) } else { Err(errors) }
}

impl Filters {
    /// True when some filter can never match, so the database need not be asked.
    pub fn never_matches(&self) -> bool {
        [self.stock_location, self.package_item, self.transfer_item].contains(&Some(IntMatch::Never))
            || self.id_in.as_ref().is_some_and(|ids| ids.is_empty())
    }

    /// The SQL `WHERE` clause (empty when unfiltered) and its bound parameters.
    pub fn sql_where(&self) -> (String, Vec<Value>) {
        let mut terms: Vec<String> = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        if let Some(r) = &self.reason {
            terms.push("reason = ?".into());
            params.push(Value::Text(r.clone()));
        }
        for (col, m) in [
            ("stock_location", self.stock_location),
            ("package_item", self.package_item),
            ("transfer_item", self.transfer_item),
        ] {
            if let Some(IntMatch::Eq(v)) = m {
                terms.push(format!("{col} = ?"));
                params.push(Value::Integer(v));
            }
        }
        if let Some(b) = self.is_active {
            terms.push("is_active = ?".into());
            params.push(Value::Integer(b as i64));
        }
        for (op, v) in [
            (">=", self.created_gte),
            ("<=", self.created_lte),
            ("<", self.created_lt),
        ] {
            if let Some(v) = v {
                terms.push(format!("created_date {op} ?"));
                params.push(Value::Integer(v));
            }
        }
        if let Some(ids) = &self.id_in {
            let mut ids = ids.clone();
            ids.sort_unstable();
            ids.dedup();
            terms.push(format!("id IN ({})", vec!["?"; ids.len()].join(",")));
            params.extend(ids.into_iter().map(Value::Integer));
        }
        if terms.is_empty() {
            (String::new(), params)
        } else {
            (format!(" WHERE {}", terms.join(" AND ")), params)
        }
    }

    /// A key identifying this filter set, for the store's count cache.
    pub fn cache_key(&self) -> String {
        format!("{self:?}")
    }
}

/// A column the list may be sorted by (the `OrderingFilter` whitelist).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortField {
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
pub struct Sort(pub Vec<(SortField, bool)>);

/// `OrderingFilter` on `sort`: comma-separated, `-` = descending, unknown terms dropped,
/// default `-id`. The tie-breaker `id` follows the last key's direction so a single index
/// (whose entries end with the rowid) can serve the whole order.
pub fn parse_sort(pairs: &[(String, String)]) -> Sort {
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
    pub fn order_by(&self, reversed: bool) -> String {
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

    #[test]
    fn sql_building() {
        let q = parse_qsl("stock_location=7&reason=+damaged+&is_active=False&id__in=3,1,,3&x=1");
        let f = parse_filters(&q).unwrap();
        let (sql, params) = f.sql_where();
        assert_eq!(
            sql,
            " WHERE reason = ? AND stock_location = ? AND is_active = ? AND id IN (?,?)"
        );
        assert_eq!(
            params,
            vec![
                Value::Text("damaged".into()),
                Value::Integer(7),
                Value::Integer(0),
                Value::Integer(1),
                Value::Integer(3)
            ]
        );
        let err = parse_filters(&parse_qsl("stock_location=x&created_date__lt=nope&id__in=1,a")).unwrap_err();
        assert_eq!(
            crate::drf::to_json(&err),
            r#"{"stock_location":["Enter a number."],"created_date__lt":["Enter a valid date/time."],"id__in":["Enter a number."]}"#
        );
    }

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
