//! The typed OMS client: the only code that knows URLs, headers and the DRF body shapes.
//!
//! It is split so that everything but the actual `fetch` is pure and runs under plain
//! `cargo test`: building queries ([`query`]), decoding bodies and mapping statuses
//! ([`decode`]), the error the UI renders ([`error`]), the shapes ([`types`]).

pub mod client;
pub mod counts;
pub mod decode;
pub(crate) mod early;
pub mod error;
pub mod query;
pub mod retry;
pub mod sort;
pub mod types;

pub use client::{Cancel, Credentials};
pub use error::{ApiError, Body, FieldErrors};
pub use query::{Filters, ListQuery};
pub use retry::RetryControl;
pub use sort::{Sort, SortField};
pub use types::{Discrepancy, Page, RemoveRequest};
