//! Fault injection for `/api/` requests — latency, throttling (429) and random 500s with
//! Django's HTML page — plus the request counting and Django's security headers, all in
//! one middleware so they also cover requests that never reach a view.

use crate::AppState;
use crate::drf::{server_error, throttled};
use crate::seed::mix;
use crate::urls::{Route, resolve};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The fault settings, as set on the command line or via `POST /__dev/faults`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FaultSettings {
    /// Delay added to every `/api/` response.
    pub latency_ms: u64,
    /// Share (0..=1) of `/api/` requests answered with a 500.
    pub fail_rate: f64,
    /// Allowed requests per second per token (`None` = unthrottled).
    pub throttle: Option<u32>,
}

/// Live fault state: settings, the deterministic failure coin and throttle windows.
#[derive(Debug)]
pub struct Faults {
    settings: Mutex<FaultSettings>,
    coin: AtomicU64,
    windows: Mutex<HashMap<Vec<u8>, VecDeque<Instant>>>,
}

/// Seed of the failure coin; fixed so a run's failure pattern is reproducible.
const COIN_SEED: u64 = 0x0005_EED0_FA11;

impl Faults {
    /// Fault state starting from `settings`.
    pub fn new(settings: FaultSettings) -> Self {
        Self {
            settings: Mutex::new(settings),
            coin: AtomicU64::new(0),
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Current settings.
    pub fn get(&self) -> FaultSettings {
        *self.settings.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Replaces the settings; restarts the coin sequence and throttle windows so a test
    /// that changes them gets a reproducible pattern from that point.
    pub fn set(&self, s: FaultSettings) {
        *self.settings.lock().unwrap_or_else(|e| e.into_inner()) = s;
        self.coin.store(0, Ordering::SeqCst);
        self.windows.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// Flips the deterministic coin: the n-th request fails iff `splitmix(n) < rate`, so
    /// over many requests the failure share converges on `rate` (1.0 = always, 0 = never).
    pub fn should_fail(&self, rate: f64) -> bool {
        if rate <= 0.0 {
            return false;
        }
        let n = self.coin.fetch_add(1, Ordering::SeqCst);
        let x = (mix(COIN_SEED.wrapping_add(n)) >> 11) as f64 / (1u64 << 53) as f64;
        x < rate
    }

    /// DRF `SimpleRateThrottle` over a 1 s sliding window keyed by the credentials: true
    /// when this request is allowed (and recorded), false when it must get 429.
    pub fn allow(&self, key: &[u8], rate: u32) -> bool {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let history = windows.entry(key.to_vec()).or_default();
        while history
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
        {
            history.pop_front();
        }
        if history.len() >= rate as usize {
            return false;
        }
        history.push_back(now);
        true
    }
}

/// The `/api/` middleware: count, delay, throttle, fail, then run the view; Django's
/// security headers go on whatever comes back.
pub async fn api_middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    if req.method() != Method::OPTIONS {
        if let Route::Endpoint(ep, _) = resolve(req.uri().path()) {
            state.stats.hit(ep);
        }
    }
    let s = state.faults.get();
    if s.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(s.latency_ms)).await;
    }
    let mut resp = 'resp: {
        if let Some(rate) = s.throttle {
            let key = req
                .headers()
                .get(header::AUTHORIZATION)
                .map(|v| v.as_bytes().to_vec())
                .unwrap_or_default();
            if !state.faults.allow(&key, rate) {
                break 'resp throttled();
            }
        }
        if state.faults.should_fail(s.fail_rate) {
            break 'resp server_error();
        }
        next.run(req).await
    };
    let h = resp.headers_mut();
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coin_rate_converges() {
        let f = Faults::new(FaultSettings {
            latency_ms: 0,
            fail_rate: 0.0,
            throttle: None,
        });
        let fails = (0..10_000).filter(|_| f.should_fail(0.3)).count();
        assert!((2_800..=3_200).contains(&fails), "{fails}");
        assert!((0..100).all(|_| f.should_fail(1.0)));
        assert!((0..100).all(|_| !f.should_fail(0.0)));
    }

    #[test]
    fn throttle_window() {
        let f = Faults::new(FaultSettings {
            latency_ms: 0,
            fail_rate: 0.0,
            throttle: Some(2),
        });
        assert!(f.allow(b"a", 2));
        assert!(f.allow(b"a", 2));
        assert!(!f.allow(b"a", 2));
        assert!(f.allow(b"b", 2));
    }
}
