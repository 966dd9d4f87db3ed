//! `oms-dev`: a faithful stand-in for the Akinon OMS inventory-discrepancy REST API (a
//! Django REST Framework service) backed by a real SQLite database, for development, demos
//! and every test of the browser admin app. `/work/shared/oms-api/CONVENTIONS.md` is the
//! contract; error bodies match DRF byte for byte.
//!
//! Tests and benches start it in-process: build an [`AppState`] from a [`Config`], then
//! [`serve_state`] on a `127.0.0.1:0` listener (or call [`serve`]).

pub mod auth;
pub mod cors;
pub mod csp;
pub mod dates;
pub mod db;
pub mod dev_api;
pub mod drf;
pub mod error;
pub mod faults;
pub mod filters;
pub mod handlers;
pub mod pagination;
pub mod querystring;
pub mod seed;
pub mod static_files;
pub mod stats;
pub mod urls;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

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

/// Every start-up option (the CLI flags map one to one), so tests can configure a server
/// without going through the command line.
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
    pub static_dir: Option<PathBuf>,
    /// Delay added to every `/api/` response.
    pub latency_ms: u64,
    /// Share of `/api/` requests answered with Django's HTML 500.
    pub fail_rate: f64,
    /// Requests per second allowed per token (429 beyond).
    pub throttle: Option<u32>,
    /// Also insert the hostile-payload records.
    pub hostile: bool,
    /// Content-Security-Policy for the `--static` app.
    pub csp: csp::CspConfig,
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
            csp: csp::CspConfig::default(),
        }
    }
}

/// Boxed error for start-up failures.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Shared server state: database, tokens, fault settings, counters and the static dir.
pub struct Shared {
    /// The store.
    pub db: db::Db,
    /// Accepted tokens.
    pub tokens: auth::Tokens,
    /// Fault injection.
    pub faults: faults::Faults,
    /// Request counters.
    pub stats: stats::Stats,
    /// The `--static` app, with its cache of (compressed) files.
    pub static_app: Option<Arc<static_files::StaticApp>>,
    /// The policy sent with the static app (`None` without `--static` or with `--no-csp`).
    pub csp: Option<csp::Csp>,
}

/// Cheaply clonable handle to [`Shared`], the axum state.
#[derive(Clone)]
pub struct AppState(pub Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    /// Opens the database and seeds it as the config asks (blocking; seeding a million rows
    /// takes a few seconds).
    pub fn new(config: &Config) -> Result<Self, Error> {
        if !(0.0..=1.0).contains(&config.fail_rate) {
            return Err("fail rate must be between 0 and 1".into());
        }
        config.csp.validate()?;
        let db = db::Db::open(&config.db)?;
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
            tokens: auth::Tokens::new(config.token.clone(), config.readonly_token.clone()),
            faults: faults::Faults::new(faults::FaultSettings {
                latency_ms: config.latency_ms,
                fail_rate: config.fail_rate,
                throttle: config.throttle,
            }),
            stats: stats::Stats::default(),
            static_app: config.static_dir.clone().map(|dir| {
                let app = Arc::new(static_files::StaticApp::new(dir));
                let warming = Arc::clone(&app);
                std::thread::spawn(move || warming.warm());
                app
            }),
            csp: match &config.static_dir {
                Some(dir) if config.csp.enabled => Some(csp::Csp::new(config.csp.clone(), dir)),
                _ => None,
            },
        })))
    }
}

/// Everything that is not a `/__dev/` route: `/api/` goes to the DRF emulation, other GETs
/// to the static app when `--static` is set, the rest to Django's 404 page.
async fn fallback(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path();
    if path.starts_with("/api/") {
        return handlers::api(State(state), req).await;
    }
    let is_get = matches!(*req.method(), Method::GET | Method::HEAD);
    match &state.static_app {
        Some(app) if is_get && !path.starts_with("/__dev/") => Arc::clone(app).serve(state.csp.as_ref(), req).await,
        _ => drf::html(StatusCode::NOT_FOUND, drf::NOT_FOUND_HTML),
    }
}

/// The whole application. Layers, outermost first: request tracing (info), CORS (so every
/// response, errors included, carries it), gzip, then the `/api/` fault/stats middleware.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(dev_api::routes())
        .fallback(fallback)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::api_middleware,
        ))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(cors::cors))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// Serves an already built state on `listener` until the task is dropped.
pub async fn serve_state(state: AppState, listener: tokio::net::TcpListener) -> Result<(), Error> {
    axum::serve(listener, router(state)).await?;
    Ok(())
}

/// Opens/seeds per `config` (on a blocking thread) and serves on `listener`.
pub async fn serve(config: Config, listener: tokio::net::TcpListener) -> Result<(), Error> {
    let state = tokio::task::spawn_blocking(move || AppState::new(&config)).await??;
    serve_state(state, listener).await
}
