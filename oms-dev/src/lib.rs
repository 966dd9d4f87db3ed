//! `oms-dev`: a faithful stand-in for the Akinon OMS inventory-discrepancy REST API (a
//! Django REST Framework service) backed by a real SQLite database, for development, demos
//! and every test of the browser admin app. The shared OMS API conventions
//! (`oms-api/CONVENTIONS.md`) are the contract; error bodies match DRF byte for byte.
//!
//! Tests and benches start it in-process: build an [`AppState`] from a [`Config`], then
//! [`serve_state`] on a `127.0.0.1:0` listener. Nothing else is public: the modules are the
//! crate's own business, so the compiler reports whatever no longer has a use.

mod auth;
mod coercion;
mod config;
mod cors;
mod csp;
mod dates;
mod db;
mod dev_api;
mod drf;
mod error;
mod faults;
mod file_stamp;
mod filters;
mod handlers;
mod locations;
mod ordering;
mod pagination;
mod querystring;
mod router;
mod security;
mod seed;
mod state;
mod static_files;
mod stats;
mod urls;

pub use config::{
    Config, DEFAULT_DB, DEFAULT_PORT, DEFAULT_READONLY_TOKEN, DEFAULT_RECORDS, DEFAULT_SEED, DEFAULT_TOKEN,
};
pub use csp::{CspConfig, DEFAULT_FRAME_ANCESTORS};
pub use locations::LocationsMode;
pub use router::serve_state;
pub use seed::REASONS;
pub use state::{AppState, Error};
