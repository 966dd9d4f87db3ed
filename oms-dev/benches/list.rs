//! List-page latency over loopback HTTP on a 1,000,000-row database: first/middle/last
//! page, with and without a filter, default sort and `sort=-created_date`. Prints a table of
//! median/p95 and writes `target/oms-dev-bench.json` (workspace target directory).
//!
//! Run with `cargo bench -p oms-dev`. Target: median ≤ 50 ms in every scenario.

use oms_dev::{AppState, Config};
use std::time::{Duration, Instant};

const RECORDS: u64 = 1_000_000;
const WARMUP: usize = 5;
const MEASURED: usize = 50;
const LIMIT: u64 = 20;
const TOKEN: &str = "bench-token";

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let db_path = std::env::temp_dir().join(format!("oms-dev-bench-{}.sqlite3", std::process::id()));
    let db = db_path.to_string_lossy().into_owned();
    let config = Config {
        db: db.clone(),
        records: Some(RECORDS),
        token: TOKEN.into(),
        ..Config::default()
    };
    eprintln!("seeding {RECORDS} records into {db} ...");
    let t = Instant::now();
    let state = AppState::new(&config).expect("seed");
    let seed_secs = t.elapsed().as_secs_f64();
    eprintln!("seeded in {seed_secs:.2} s");

    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap().port()).unwrap();
            oms_dev::serve_state(state, listener).await.unwrap();
        });
    });
    let port = rx.recv().unwrap();
    let base = format!("http://127.0.0.1:{port}/api/v1/oms/inventory-discrepancies/");
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let get = |query: &str| -> (Duration, serde_json::Value) {
        let t = Instant::now();
        let resp = agent
            .get(&format!("{base}?{query}"))
            .set("Authorization", &format!("Token {TOKEN}"))
            .call()
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        let body: serde_json::Value = resp.into_json().unwrap();
        (t.elapsed(), body)
    };

    let mut rows = Vec::new();
    let mut ok = true;
    println!(
        "{:<16} {:<14} {:<6} {:>7} {:>8} {:>9} {:>8} {:>8}",
        "filter", "sort", "page", "count", "page_no", "cold_ms", "med_ms", "p95_ms"
    );
    for filter in ["", "stock_location=7", "reason=damaged"] {
        for sort in ["", "sort=-created_date"] {
            let q = |page: &str| {
                [filter, sort, &format!("limit={LIMIT}"), page]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("&")
            };
            // first request of this filter set: computes (and caches) the count
            let (cold_first, body) = get(&q("page=1"));
            let count = body["count"].as_u64().unwrap();
            let pages = count.div_ceil(LIMIT);
            for (label, page_no) in [("first", 1), ("middle", pages.div_ceil(2)), ("last", pages)] {
                let query = q(&format!("page={page_no}"));
                let (cold, body) = get(&query);
                let cold = if label == "first" { cold_first } else { cold };
                let n = body["results"].as_array().unwrap().len() as u64;
                let expected = if page_no == pages {
                    count - (pages - 1) * LIMIT
                } else {
                    LIMIT
                };
                assert_eq!(n, expected, "{query}");
                for _ in 0..WARMUP {
                    get(&query);
                }
                let mut times: Vec<f64> = (0..MEASURED).map(|_| ms(get(&query).0)).collect();
                times.sort_by(|a, b| a.partial_cmp(b).unwrap());
                let median = (times[MEASURED / 2 - 1] + times[MEASURED / 2]) / 2.0;
                let p95 = times[(MEASURED * 95).div_ceil(100) - 1];
                ok &= median <= 50.0;
                let f = if filter.is_empty() { "-" } else { filter };
                let s = if sort.is_empty() {
                    "-id (default)"
                } else {
                    "-created_date"
                };
                println!(
                    "{f:<16} {s:<14} {label:<6} {count:>7} {page_no:>8} {:>9.2} {median:>8.2} {p95:>8.2}",
                    ms(cold)
                );
                rows.push(serde_json::json!({
                    "filter": f, "sort": s, "page": label, "page_number": page_no, "count": count,
                    "cold_ms": ms(cold), "median_ms": median, "p95_ms": p95,
                    "samples": MEASURED, "warmup": WARMUP,
                }));
            }
        }
    }
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/oms-dev-bench.json");
    let report = serde_json::json!({
        "records": RECORDS, "limit": LIMIT, "seed_seconds": seed_secs, "scenarios": rows,
        "target_median_ms": 50.0, "all_within_target": ok,
    });
    if let Some(dir) = out.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    std::fs::write(&out, serde_json::to_string_pretty(&report).unwrap()).unwrap();
    let out = out.canonicalize().unwrap_or(out);
    println!(
        "seed: {seed_secs:.2} s; all medians <= 50 ms: {ok}; wrote {}",
        out.display()
    );
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
    if !ok {
        std::process::exit(1);
    }
}
