//! End-to-end tests over real HTTP: the server runs in-process on an ephemeral loopback
//! port with a small seeded database; every error body is compared byte for byte. One test
//! binary (one build, one link) with a module per area of the API.

mod auth;
mod binary;
mod cors;
mod csp;
mod detail;
mod dev_api;
mod faults;
mod list;
mod locations;
mod remove;
mod static_files;
mod support;
