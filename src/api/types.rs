//! The shapes the OMS sends and receives, as documented by the vendor and CONVENTIONS.md.

use crate::json::{Fields, FromJson, Tree};
use chrono::{DateTime, NaiveDate, Utc};

/// One inventory discrepancy record. Unknown extra fields are ignored (a newer OMS may add
/// some); a missing or mistyped documented field is a decoding error, never a silent zero.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discrepancy {
    /// Primary key.
    pub id: i64,
    /// Free text as the OMS gives it (known values include `out_of_stock`); shown verbatim.
    pub reason: String,
    /// When the OMS recorded the discrepancy (UTC).
    pub created_date: DateTime<Utc>,
    /// When the record last changed (UTC).
    pub modified_date: DateTime<Utc>,
    /// Whether the discrepancy is still open.
    pub is_active: bool,
    /// The stock location (store or warehouse) id that could not fulfil the item.
    pub stock_location: i64,
    /// The package item that could not be fulfilled, if it was a package item.
    pub package_item: Option<i64>,
    /// The transfer item that could not be fulfilled, if it was a transfer item.
    pub transfer_item: Option<i64>,
}

/// A DRF page. `next`/`previous` are kept only to know whether they exist: the app
/// computes page numbers itself, since the server builds those URLs from a host the browser
/// may not reach (CONVENTIONS.md).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    /// Total number of records matching the query, across all pages.
    pub count: u64,
    /// Absolute URL of the next page, if any.
    pub next: Option<String>,
    /// Absolute URL of the previous page, if any.
    pub previous: Option<String>,
    /// The records of this page.
    pub results: Vec<T>,
}

impl FromJson for Discrepancy {
    fn from_json(tree: Tree<'_>) -> Result<Self, String> {
        let f = Fields::of(tree.0, "a discrepancy object")?;
        let instant = |key: &str| {
            let text = f.text(key)?;
            crate::dates::parse_instant(&text)
                .ok_or_else(|| format!("invalid value for `{key}`: not an RFC 3339 date-time"))
        };
        Ok(Discrepancy {
            id: f.int("id")?,
            reason: f.text("reason")?,
            created_date: instant("created_date")?,
            modified_date: instant("modified_date")?,
            is_active: f.boolean("is_active")?,
            stock_location: f.int("stock_location")?,
            package_item: f.opt_int("package_item")?,
            transfer_item: f.opt_int("transfer_item")?,
        })
    }
}

impl<T: FromJson> FromJson for Page<T> {
    fn from_json(tree: Tree<'_>) -> Result<Self, String> {
        let f = Fields::of(tree.0, "a page object")?;
        Ok(Page {
            count: f.count("count")?,
            next: f.opt_text("next")?,
            previous: f.opt_text("previous")?,
            results: f.list("results")?,
        })
    }
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
    /// Exactly the records the removal takes, as a list query: what its confirmation counts,
    /// breaks down and links to.
    pub fn scope(&self) -> crate::api::ListQuery {
        crate::api::ListQuery {
            filters: crate::api::Filters {
                created_before: Some(self.expired_date),
                stock_location: self.stock_location,
                ..Default::default()
            },
            ..Default::default()
        }
    }

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
