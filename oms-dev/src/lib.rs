//! `oms-dev`: a faithful stand-in for the Akinon OMS inventory-discrepancy REST API (a
//! Django REST Framework service) backed by a real SQLite database, for development, demos
//! and every test of the browser admin app. The shared OMS API conventions
//! (`oms-api/CONVENTIONS.md`) are the contract; error bodies match DRF byte for byte.
//!
//! Tests and benches start it in-process: build an [`AppState`] from a [`Config`], then
//! [`serve_state`] on a `127.0.0.1:0` listener (or call [`serve`]).

pub mod auth;
pub mod coercion;
pub mod config;
pub mod cors;
pub mod csp;
pub mod dates;
pub mod db;
pub mod dev_api;
pub mod drf;
pub mod error;
pub mod faults;
pub mod file_stamp;
pub mod filters;
pub mod handlers;
pub mod ordering;
pub mod pagination;
pub mod querystring;
pub mod router;
pub mod security;
pub mod seed;
pub mod state;
pub mod static_files;
pub mod stats;
pub mod urls;

pub use config::{
    Config, DEFAULT_DB, DEFAULT_PORT, DEFAULT_READONLY_TOKEN, DEFAULT_RECORDS, DEFAULT_SEED, DEFAULT_TOKEN,
};
pub use router::{router, serve_state};
pub use state::{AppState, Error};

/// Opens/seeds per `config` (on a blocking thread) and serves on `listener`.
pub async fn serve(config: Config, listener: tokio::net::TcpListener) -> Result<(), Error> {
    let state = tokio::task::spawn_blocking(move || AppState::new(&config)).await??;
    serve_state(state, listener).await
}
