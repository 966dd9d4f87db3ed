//! One module per route.

pub mod detail;
pub mod insights;
pub mod list;
pub mod not_found;
pub mod remove;
pub mod sign_in;

pub use detail::DetailPage;
pub use insights::InsightsPage;
pub use list::ListPage;
pub use not_found::NotFoundPage;
pub use remove::RemovePage;
pub use sign_in::SignInPage;
