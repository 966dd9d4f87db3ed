//! Reusable pieces of the pages.

pub mod discrepancy_table;
pub mod error_panel;
pub mod export_panel;
pub mod filter_bar;
pub mod filter_chips;
pub mod header;
pub mod language_switch;
pub mod pager;
pub mod removal_status;
pub mod require_session;
pub mod retry_banner;

pub use discrepancy_table::DiscrepancyTable;
pub use error_panel::ErrorPanel;
pub use export_panel::ExportPanel;
pub use filter_bar::FilterBar;
pub use filter_chips::FilterChips;
pub use header::AppHeader;
pub use language_switch::LanguageSwitch;
pub use pager::{PageSize, Pager};
pub use removal_status::RemovalStatus;
pub use require_session::RequireSession;
pub use retry_banner::RetryBanner;
