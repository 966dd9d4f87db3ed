//! The list endpoint's django-filter `FilterSet`: every filter parameter validated with
//! django-filter's rules and messages (the values coerced by [`crate::coercion`]), and the
//! SQL `WHERE` clause the store runs for them.

use crate::coercion::{IntMatch, NotANumber, decimal_to_int, parse_bool};
use crate::dates::{Micros, parse_iso_datetime};
use crate::drf::FieldErrors;
use crate::querystring::last;
use rusqlite::types::Value;

/// The validated filters of one list request; `None` = not filtering on that field.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Filters {
    /// `reason` exact match (stripped, as Django's `CharField` does).
    pub(crate) reason: Option<String>,
    /// `stock_location` equality.
    pub(crate) stock_location: Option<IntMatch>,
    /// `package_item` equality.
    pub(crate) package_item: Option<IntMatch>,
    /// `transfer_item` equality.
    pub(crate) transfer_item: Option<IntMatch>,
    /// `is_active` equality.
    pub(crate) is_active: Option<bool>,
    /// `created_date >= value`.
    pub(crate) created_gte: Option<Micros>,
    /// `created_date <= value`.
    pub(crate) created_lte: Option<Micros>,
    /// `created_date < value`.
    pub(crate) created_lt: Option<Micros>,
    /// `id IN (...)`; an empty list matches nothing.
    pub(crate) id_in: Option<Vec<i64>>,
}

const ENTER_NUMBER: &str = "Enter a number.";

/// Validates every filter parameter (last value of repeated keys, empty values ignored) and
/// collects the errors of all invalid ones in declaration order, as django-filter does.
pub(crate) fn parse_filters(pairs: &[(String, String)]) -> Result<Filters, FieldErrors> {
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
    pub(crate) fn never_matches(&self) -> bool {
        [self.stock_location, self.package_item, self.transfer_item].contains(&Some(IntMatch::Never))
            || self.id_in.as_ref().is_some_and(|ids| ids.is_empty())
    }

    /// The SQL `WHERE` clause (empty when unfiltered) and its bound parameters.
    pub(crate) fn sql_where(&self) -> (String, Vec<Value>) {
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
    pub(crate) fn cache_key(&self) -> String {
        format!("{self:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::querystring::parse_qsl;

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
}
