//! Fault injection for `/api/` requests — latency, throttling (429) and random 500s with
//! Django's HTML page — so the app's handling of a slow, busy or broken OMS can be tested
//! on demand: the settings (changeable at runtime through `/__dev/faults`) and one layer
//! per fault.

use crate::drf::{server_error, throttled};
use crate::seed::mix;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The fault settings, as set on the command line or via `POST /__dev/faults`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct FaultSettings {
    /// Delay added to every `/api/` response.
    pub(crate) latency_ms: u64,
    /// Share (0..=1) of `/api/` requests answered with a 500.
    pub(crate) fail_rate: f64,
    /// Allowed requests per second per token (`None` = unthrottled).
    pub(crate) throttle: Option<u32>,
}

/// Live fault state: settings, the deterministic failure coin and throttle windows.
#[derive(Debug)]
pub(crate) struct Faults {
    settings: Mutex<FaultSettings>,
    coin: AtomicU64,
    windows: Mutex<HashMap<Vec<u8>, VecDeque<Instant>>>,
}

/// Seed of the failure coin; fixed so a run's failure pattern is reproducible.
const COIN_SEED: u64 = 0x0005_EED0_FA11;

impl Faults {
    /// Fault state starting from `settings`.
    pub(crate) fn new(settings: FaultSettings) -> Self {
        Self {
            settings: Mutex::new(settings),
            coin: AtomicU64::new(0),
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Current settings.
    pub(crate) fn get(&self) -> FaultSettings {
        *self.settings.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Replaces the settings; restarts the coin sequence and throttle windows so a test
    /// that changes them gets a reproducible pattern from that point.
    pub(crate) fn set(&self, s: FaultSettings) {
        *self.settings.lock().unwrap_or_else(|e| e.into_inner()) = s;
        self.coin.store(0, Ordering::SeqCst);
        self.windows.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// Flips the deterministic coin: the n-th request fails iff `splitmix(n) < rate`, so
    /// over many requests the failure share converges on `rate` (1.0 = always, 0 = never).
    pub(crate) fn should_fail(&self, rate: f64) -> bool {
        if rate <= 0.0 {
            return false;
        }
        let n = self.coin.fetch_add(1, Ordering::SeqCst);
        let x = (mix(COIN_SEED.wrapping_add(n)) >> 11) as f64 / (1u64 << 53) as f64;
        x < rate
    }

    /// DRF `SimpleRateThrottle` over a 1 s sliding window keyed by the credentials: true
    /// when this request is allowed (and recorded), false when it must get 429.
    pub(crate) fn allow(&self, key: &[u8], rate: u32) -> bool {
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

/// Delays the request by the configured latency (a slow OMS, or a slow network).
pub(crate) async fn add_latency(State(faults): State<Arc<Faults>>, req: Request, next: Next) -> Response {
    let ms = faults.get().latency_ms;
    if ms > 0 {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    next.run(req).await
}

/// Answers DRF's 429 once the request's credentials used up their rate.
pub(crate) async fn throttle(State(faults): State<Arc<Faults>>, req: Request, next: Next) -> Response {
    if let Some(rate) = faults.get().throttle {
        let key = req
            .headers()
            .get(header::AUTHORIZATION)
            .map(|v| v.as_bytes().to_vec())
            .unwrap_or_default();
        if !faults.allow(&key, rate) {
            return throttled();
        }
    }
    next.run(req).await
}

/// Answers Django's HTML 500 instead of running the view, at the configured rate.
pub(crate) async fn inject_failures(State(faults): State<Arc<Faults>>, req: Request, next: Next) -> Response {
    if faults.should_fail(faults.get().fail_rate) {
        return server_error();
    }
    next.run(req).await
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
