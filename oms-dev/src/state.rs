//! What every request shares — the store, the stock locations, the tokens, the fault
//! settings, the counters and the static app — built once from a [`Config`]. [`AppState`] is the opaque handle tests,
//! benches and the binary hold; the handlers see [`Shared`] behind an `Arc`.

use crate::auth::Tokens;
use crate::config::{Config, DEFAULT_RECORDS};
use crate::cors::CorsPolicy;
use crate::csp::Csp;
use crate::db::Db;
use crate::faults::{FaultSettings, Faults};
use crate::locations::Locations;
use crate::static_files::StaticApp;
use crate::stats::Stats;
use std::sync::Arc;

/// Start-up failures of any kind (bad options, an unusable database file, a busy port),
/// boxed: the binary only prints them.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// The axum state of every route.
pub(crate) struct Shared {
    pub(crate) db: Db,
    /// What `list-simple` serves and how; kept in memory (a few dozen rows, reseeded with
    /// the records), its mode replaceable at runtime (`/__dev/locations`).
    pub(crate) locations: Locations,
    /// Replaceable at runtime (`/__dev/token`), to simulate a revoked token.
    pub(crate) tokens: Tokens,
    /// Behind its own `Arc` so the fault layers hold just this, not the whole state.
    pub(crate) faults: Arc<Faults>,
    /// Behind its own `Arc` so the counting layer holds just this.
    pub(crate) stats: Arc<Stats>,
    /// `None` without `--static`: other paths then get Django's 404 page.
    pub(crate) static_app: Option<Arc<StaticApp>>,
    /// `None` without `--static` or with `--no-csp`.
    pub(crate) csp: Option<Csp>,
    pub(crate) cors: CorsPolicy,
}

/// A built server, ready for [`crate::serve_state`]; cheap to clone. Opaque: what it
/// holds is the crate's business.
#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Shared>);

impl AppState {
    /// Opens the database and seeds it as the config asks (blocking; seeding a million rows
    /// takes a few seconds).
    pub fn new(config: &Config) -> Result<Self, Error> {
        if !(0.0..=1.0).contains(&config.fail_rate) {
            return Err("fail rate must be between 0 and 1".into());
        }
        config.csp.validate()?;
        let db = Db::open(&config.db)?;
        match config.records {
            Some(n) => {
                db.reseed(n, config.seed, config.hostile)?;
            }
            None if db.count_all()? == 0 => {
                db.reseed(DEFAULT_RECORDS, config.seed, config.hostile)?;
            }
            None if config.hostile => db.ensure_hostile()?,
            None => {}
        }
        Ok(Self(Arc::new(Shared {
            db,
            locations: Locations::new(config.locations, config.hostile),
            tokens: Tokens::new(config.token.clone(), config.readonly_token.clone()),
            faults: Arc::new(Faults::new(FaultSettings {
                latency_ms: config.latency_ms,
                fail_rate: config.fail_rate,
                throttle: config.throttle,
            })),
            stats: Arc::new(Stats::default()),
            // Compressed before the server says it is ready (the lines scripts wait for): a
            // request racing a background warm-up compressed the wasm a second time, and the
            // first page load waited seconds for quality-11 brotli.
            static_app: config.static_dir.clone().map(|dir| {
                let app = Arc::new(StaticApp::new(dir));
                app.warm();
                app
            }),
            csp: match &config.static_dir {
                Some(dir) if config.csp.enabled => Some(Csp::new(config.csp.clone(), dir)),
                _ => None,
            },
            cors: CorsPolicy {
                expose_retry_after: config.expose_retry_after,
            },
        })))
    }

    /// Number of records in the store (blocking), which the binary prints at start-up.
    pub fn record_count(&self) -> Result<u64, Error> {
        Ok(self.0.db.count_all()?)
    }

    /// The Content-Security-Policy the static app is served with, `None` when it gets none.
    pub fn csp_header(&self) -> Option<String> {
        self.0.csp.as_ref().map(Csp::header_value)
    }
}
