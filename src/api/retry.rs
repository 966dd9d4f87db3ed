//! Automatic retries of reads: on a network failure, 429 and 502/503/504, a GET is tried
//! again after a capped exponential backoff with full jitter, or after the server's
//! `Retry-After`, a few times at most, visibly and cancellably. The removal POST never
//! comes here: it is not safe to repeat (CONVENTIONS.md).

use super::client::Cancel;
use super::error::ApiError;
use leptos::prelude::*;
use std::future::Future;

/// Automatic attempts after the first one.
pub const MAX_RETRIES: u32 = 3;
/// First backoff ceiling; doubles each attempt.
pub const BASE_DELAY_MS: u32 = 1_000;
/// Backoff ceiling.
pub const MAX_DELAY_MS: u32 = 8_000;
/// A longer `Retry-After` is left to the user (the error panel says how long to wait).
pub const MAX_RETRY_AFTER_SECS: u64 = 30;

/// True for failures that another identical GET may not hit.
pub fn retryable(error: &ApiError) -> bool {
    match error {
        ApiError::Network(_) => true,
        ApiError::Throttled { retry_after } => retry_after.is_none_or(|s| s <= MAX_RETRY_AFTER_SECS),
        ApiError::Server { status } => matches!(status, 502..=504),
        _ => false,
    }
}

/// Milliseconds to wait before retry number `attempt` (0-based): the server's `Retry-After`
/// when it gave one, otherwise full jitter (`random` in 0..1 times the capped exponential).
pub fn delay_ms(attempt: u32, error: &ApiError, random: f64) -> u32 {
    if let ApiError::Throttled {
        retry_after: Some(secs),
    } = error
    {
        return (*secs as u32).saturating_mul(1000);
    }
    let ceiling = BASE_DELAY_MS.saturating_mul(1 << attempt.min(16)).min(MAX_DELAY_MS);
    (f64::from(ceiling) * random.clamp(0.0, 1.0)) as u32
}

/// A retry about to happen, for the banner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryStatus {
    /// Whole seconds until the next attempt (rounded up).
    pub seconds_left: u32,
    /// Which retry this is, 1-based.
    pub attempt: u32,
}

/// Shared between a page's loader and its banner: what is pending, and a way to stop it.
#[derive(Clone, Copy)]
pub struct RetryControl {
    /// The retry being waited for, if any.
    pub status: RwSignal<Option<RetryStatus>>,
    stop: RwSignal<u64>,
}

impl Default for RetryControl {
    fn default() -> Self {
        RetryControl {
            status: RwSignal::new(None),
            stop: RwSignal::new(0),
        }
    }
}

impl RetryControl {
    /// Stops waiting: the last error is shown at once, with its manual "Try again".
    pub fn stop(&self) {
        self.stop.update(|n| *n += 1);
    }

    /// Runs `op`, retrying retryable failures. Stops early when `cancel` was aborted (a newer
    /// request superseded this one) or the user stopped it.
    pub async fn run<T, F, Fut>(&self, cancel: &Cancel, mut op: F) -> Result<T, ApiError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        // A view rebuilt meanwhile (a language switch) may have disposed this control: the
        // read it served is abandoned, as if aborted.
        let Some(stop_at_start) = self.stop.try_get_untracked() else {
            return Err(ApiError::Aborted);
        };
        let mut attempt = 0;
        loop {
            let result = op().await;
            let error = match result {
                Err(e) if attempt < MAX_RETRIES && retryable(&e) => e,
                done => {
                    self.status.try_set(None);
                    return done;
                }
            };
            let mut left = delay_ms(attempt, &error, random());
            attempt += 1;
            while left > 0 {
                if cancel.is_aborted() || self.stop.try_get_untracked() != Some(stop_at_start) {
                    self.status.try_set(None);
                    return Err(error);
                }
                self.status.try_set(Some(RetryStatus {
                    seconds_left: left.div_ceil(1000),
                    attempt,
                }));
                let step = left.min(250);
                sleep_ms(step).await;
                left -= step;
            }
            self.status.try_set(None);
        }
    }
}

fn random() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Math::random()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.5
    }
}

/// Waits until the browser has painted the next frame: a timer set from the frame's
/// `requestAnimationFrame` callback runs after that frame's rendering. For work that must
/// not delay what the current task put on screen (no-op on the host).
pub async fn after_next_paint() {
    #[cfg(target_arch = "wasm32")]
    {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.request_animation_frame(&resolve);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
    sleep_ms(0).await;
}

/// Waits on a browser timer (no-op on the host, where nothing is fetched).
pub async fn sleep_ms(ms: u32) {
    #[cfg(target_arch = "wasm32")]
    {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = ms;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_transient_read_failures_retry() {
        assert!(retryable(&ApiError::Network("Failed to fetch".into())));
        assert!(retryable(&ApiError::Throttled { retry_after: None }));
        assert!(retryable(&ApiError::Throttled { retry_after: Some(30) }));
        assert!(!retryable(&ApiError::Throttled { retry_after: Some(31) }));
        for status in [502, 503, 504] {
            assert!(retryable(&ApiError::Server { status }));
        }
        assert!(!retryable(&ApiError::Server { status: 500 }));
        assert!(!retryable(&ApiError::Unauthorized { detail: String::new() }));
        assert!(!retryable(&ApiError::NotFound {
            detail: "Invalid page.".into()
        }));
        assert!(!retryable(&ApiError::Timeout { seconds: 30 }));
        assert!(!retryable(&ApiError::Aborted));
    }

    #[test]
    fn backoff_is_capped_exponential_with_full_jitter() {
        let net = ApiError::Network(String::new());
        assert_eq!(delay_ms(0, &net, 1.0), 1_000);
        assert_eq!(delay_ms(1, &net, 1.0), 2_000);
        assert_eq!(delay_ms(2, &net, 1.0), 4_000);
        assert_eq!(delay_ms(3, &net, 1.0), 8_000);
        assert_eq!(delay_ms(40, &net, 1.0), 8_000);
        assert_eq!(delay_ms(2, &net, 0.5), 2_000);
        assert_eq!(delay_ms(2, &net, 0.0), 0);
        assert_eq!(delay_ms(2, &net, 7.0), 4_000, "random is clamped");
    }

    #[test]
    fn retry_after_is_honoured() {
        assert_eq!(delay_ms(0, &ApiError::Throttled { retry_after: Some(3) }, 0.1), 3_000);
        assert!(delay_ms(0, &ApiError::Throttled { retry_after: None }, 1.0) <= 1_000);
    }
}
