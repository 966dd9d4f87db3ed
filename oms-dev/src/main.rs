//! `oms-dev` binary: parses the flags, seeds, prints the lines scripts parse
//! (`oms-dev listening on …`, `token: …`, `read-only token: …`, `records: …`, and with
//! `--static` also `static: …` and `csp: …`) and serves on 127.0.0.1 only.

use clap::Parser;
use oms_dev::{AppState, Config, LocationsMode};
use std::io::Write;
use std::path::PathBuf;
use std::str::FromStr;
use tracing_subscriber::EnvFilter;

/// A faithful stand-in for the OMS inventory-discrepancy REST API, backed by SQLite.
#[derive(Parser, Debug)]
#[command(name = "oms-dev", version, about)]
struct Args {
    /// Port on 127.0.0.1 (0 = ephemeral).
    #[arg(long, default_value_t = oms_dev::DEFAULT_PORT)]
    port: u16,
    /// SQLite database file (`:memory:` allowed).
    #[arg(long, default_value = oms_dev::DEFAULT_DB)]
    db: String,
    /// Wipe and reseed this many deterministic records.
    #[arg(long)]
    records: Option<u64>,
    /// Seed for generated data.
    #[arg(long, default_value_t = oms_dev::DEFAULT_SEED)]
    seed: u64,
    /// Read-write API token.
    #[arg(long, default_value = oms_dev::DEFAULT_TOKEN)]
    token: String,
    /// Read-only API token (GETs only; 403 on remove).
    #[arg(long = "readonly-token", default_value = oms_dev::DEFAULT_READONLY_TOKEN)]
    readonly_token: String,
    /// Serve a built app from DIR, with index.html fallback for client-side routes.
    #[arg(long = "static", value_name = "DIR")]
    static_dir: Option<PathBuf>,
    /// Delay every /api/ response by this many milliseconds.
    #[arg(long = "latency-ms", default_value_t = 0)]
    latency_ms: u64,
    /// Share (0..1) of /api/ requests answered with Django's HTML 500.
    #[arg(long = "fail-rate", default_value_t = 0.0, value_parser = parse_rate)]
    fail_rate: f64,
    /// Requests per second per token; beyond that 429 with Retry-After: 1.
    #[arg(long, value_name = "RATE")]
    throttle: Option<u32>,
    /// Also insert records whose reasons carry hostile payloads (XSS, bidi, emoji, …), and
    /// give some stock locations hostile names (markup, spreadsheet formulas, …).
    #[arg(long)]
    hostile: bool,
    /// How /api/v1/oms/stocklocations/list-simple/ answers: list (a JSON array), paginated
    /// (DRF page envelope), forbidden (403) or missing (404); switchable at run time
    /// through POST /__dev/locations.
    #[arg(long, value_name = "MODE", default_value = "list", value_parser = LocationsMode::from_str)]
    locations: LocationsMode,
    /// Extra connect-src origin for the `--static` app's Content-Security-Policy, e.g. a
    /// real OMS (repeatable).
    #[arg(long = "csp-connect", value_name = "ORIGIN")]
    csp_connect: Vec<String>,
    /// The policy's frame-ancestors sources (who may frame the app).
    #[arg(long = "frame-ancestors", value_name = "VALUE", default_value = oms_dev::DEFAULT_FRAME_ANCESTORS)]
    frame_ancestors: String,
    /// Serve the `--static` app without a Content-Security-Policy.
    #[arg(long = "no-csp")]
    no_csp: bool,
    /// Send Access-Control-Expose-Headers: Retry-After, so a script on another origin can
    /// read a 429's wait. A real OMS with django-cors-headers' defaults exposes no headers.
    #[arg(long = "expose-retry-after")]
    expose_retry_after: bool,
}

fn parse_rate(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(f) if (0.0..=1.0).contains(&f) => Ok(f),
        _ => Err(format!("{s:?} is not a number between 0 and 1")),
    }
}

#[tokio::main]
async fn main() -> Result<(), oms_dev::Error> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let a = Args::parse();
    let config = Config {
        db: a.db,
        records: a.records,
        seed: a.seed,
        token: a.token,
        readonly_token: a.readonly_token,
        static_dir: a.static_dir,
        latency_ms: a.latency_ms,
        fail_rate: a.fail_rate,
        throttle: a.throttle,
        hostile: a.hostile,
        locations: a.locations,
        csp: oms_dev::CspConfig {
            enabled: !a.no_csp,
            connect: a.csp_connect,
            frame_ancestors: a.frame_ancestors,
        },
        expose_retry_after: a.expose_retry_after,
    };
    if let Some(dir) = &config.static_dir
        && !dir.join("index.html").is_file()
    {
        tracing::warn!("{}/index.html not found; client-side routes will 404", dir.display());
    }
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", a.port)).await?;
    let port = listener.local_addr()?.port();
    let cfg = config.clone();
    let state = tokio::task::spawn_blocking(move || AppState::new(&cfg)).await??;
    let records = {
        let st = state.clone();
        tokio::task::spawn_blocking(move || st.record_count()).await??
    };
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "oms-dev listening on http://127.0.0.1:{port}")?;
        writeln!(out, "token: {}", config.token)?;
        writeln!(out, "read-only token: {}", config.readonly_token)?;
        writeln!(out, "records: {records}")?;
        if let Some(dir) = &config.static_dir {
            writeln!(out, "static: {}", dir.display())?;
            match state.csp_header() {
                Some(policy) => writeln!(out, "csp: {policy}")?,
                None => writeln!(out, "csp: off")?,
            }
        }
        out.flush()?;
    }
    tokio::select! {
        r = oms_dev::serve_state(state, listener) => r,
        _ = tokio::signal::ctrl_c() => {
            tracing::info!("shutting down");
            Ok(())
        }
    }
}
