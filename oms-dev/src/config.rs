//! Every start-up option in one struct, so tests and benches configure a server exactly as
//! the command line does (the flags map one to one) without going through it.

use crate::csp::CspConfig;
use crate::locations::LocationsMode;

/// Default `--port`.
pub const DEFAULT_PORT: u16 = 8787;
/// Default `--db`, relative to the working directory.
pub const DEFAULT_DB: &str = "target/oms-dev.sqlite3";
/// Default `--seed`.
pub const DEFAULT_SEED: u64 = 42;
/// Records seeded into a new, empty database when `--records` is not given.
pub const DEFAULT_RECORDS: u64 = 1000;
/// Default read-write token.
pub const DEFAULT_TOKEN: &str = "demo-token-2f7c1e9a";
/// Default read-only token.
pub const DEFAULT_READONLY_TOKEN: &str = "demo-readonly-4b81d3";

/// The server's start-up options.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// SQLite file, or `:memory:`.
    pub db: String,
    /// Wipe and reseed this many records; `None` keeps existing data (seeding
    /// [`DEFAULT_RECORDS`] only into an empty database).
    pub records: Option<u64>,
    /// PRNG seed for generated data.
    pub seed: u64,
    /// Read-write API token.
    pub token: String,
    /// Read-only API token (GETs only).
    pub readonly_token: String,
    /// Directory of a built app to serve, with `index.html` fallback.
    pub static_dir: Option<std::path::PathBuf>,
    /// Delay added to every `/api/` response.
    pub latency_ms: u64,
    /// Share of `/api/` requests answered with Django's HTML 500.
    pub fail_rate: f64,
    /// Requests per second allowed per token (429 beyond).
    pub throttle: Option<u32>,
    /// Also insert the hostile-payload records, and give some stock locations hostile names.
    pub hostile: bool,
    /// How `GET …/stocklocations/list-simple/` answers (changeable at run time).
    pub locations: LocationsMode,
    /// Content-Security-Policy for the `--static` app.
    pub csp: CspConfig,
    /// Send `Access-Control-Expose-Headers: Retry-After`. Off by default, as on a real OMS
    /// with django-cors-headers' defaults, where a cross-origin script cannot read it.
    pub expose_retry_after: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            db: DEFAULT_DB.to_string(),
            records: None,
            seed: DEFAULT_SEED,
            token: DEFAULT_TOKEN.to_string(),
            readonly_token: DEFAULT_READONLY_TOKEN.to_string(),
            static_dir: None,
            latency_ms: 0,
            fail_rate: 0.0,
            throttle: None,
            hostile: false,
            locations: LocationsMode::List,
            csp: CspConfig::default(),
            expose_retry_after: false,
        }
    }
}
