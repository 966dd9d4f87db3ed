//! The shapes the OMS sends and receives, as documented by the vendor and CONVENTIONS.md.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

/// One inventory discrepancy record. Unknown extra fields are ignored (a newer OMS may add
/// some); a missing or mistyped documented field is a decoding error, never a silent zero.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Discrepancy {
    /// Primary key.
    pub id: i64,
    /// Free text as the OMS gives it (known values include `out_of_stock`); shown verbatim.
    pub reason: String,
    /// When the OMS recorded the discrepancy (UTC).
    #[serde(deserialize_with = "crate::dates::deserialize_instant")]
    pub created_date: DateTime<Utc>,
    /// When the record last changed (UTC).
    #[serde(deserialize_with = "crate::dates::deserialize_instant")]
    pub modified_date: DateTime<Utc>,
    /// Whether the discrepancy is still open.
    pub is_active: bool,
    /// The stock location (store or warehouse) id that could not fulfil the item.
    pub stock_location: i64,
    /// The package item that could not be fulfilled, if it was a package item.
    #[serde(default)]
    pub package_item: Option<i64>,
    /// The transfer item that could not be fulfilled, if it was a transfer item.
    #[serde(default)]
    pub transfer_item: Option<i64>,
}

/// A DRF page. `next`/`previous` are kept only to know whether they exist: the app
/// computes page numbers itself, since the server builds those URLs from a host the browser
/// may not reach (CONVENTIONS.md).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Page<T> {
    /// Total number of records matching the query, across all pages.
    pub count: u64,
    /// Absolute URL of the next page, if any.
    #[serde(default)]
    pub next: Option<String>,
    /// Absolute URL of the previous page, if any.
    #[serde(default)]
    pub previous: Option<String>,
    /// The records of this page.
    pub results: Vec<T>,
}

/// A validated removal: what the confirmation describes is exactly what is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RemoveRequest {
    /// Records created before 00:00 UTC of this day go.
    pub expired_date: NaiveDate,
    /// Only at this stock location, or everywhere when `None`.
    pub stock_location: Option<u64>,
}

impl RemoveRequest {
    /// The form-encoded body, as the vendor example sends it (`expired_date=10-10-2023`).
    pub fn form_body(&self) -> String {
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair("expired_date", &crate::dates::to_dd_mm_yyyy(self.expired_date));
        if let Some(loc) = self.stock_location {
            form.append_pair("stock_location", &loc.to_string());
        }
        form.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_body_is_form_encoded_day_first() {
        let date = NaiveDate::from_ymd_opt(2023, 10, 9).unwrap();
        let everywhere = RemoveRequest {
            expired_date: date,
            stock_location: None,
        };
        assert_eq!(everywhere.form_body(), "expired_date=09-10-2023");
        let one = RemoveRequest {
            expired_date: date,
            stock_location: Some(7),
        };
        assert_eq!(one.form_body(), "expired_date=09-10-2023&stock_location=7");
    }
}
