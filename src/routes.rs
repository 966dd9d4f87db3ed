//! The app's paths, in one place, so links and routes cannot drift apart.

use crate::api::ListQuery;

/// The list (also the home page).
pub const LIST: &str = "/discrepancies";
/// The removal form.
pub const REMOVE: &str = "/discrepancies/remove";
/// The sign-in page.
pub const SIGN_IN: &str = "/sign-in";

/// The list showing `query`.
pub fn list_href(query: &ListQuery) -> String {
    format!("{LIST}{}", query.to_search())
}

/// One record's page.
pub fn detail_href(id: i64) -> String {
    format!("{LIST}/{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs() {
        assert_eq!(list_href(&ListQuery::default()), "/discrepancies");
        assert_eq!(list_href(&ListQuery::default().with_page(3)), "/discrepancies?page=3");
        assert_eq!(detail_href(42), "/discrepancies/42");
    }
}
