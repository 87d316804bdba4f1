//! The public checks' rate limit: a fixed window of requests per client address, in memory (so
//! per node, as STACK.md says of in-memory limits); the counts that matter are in the database.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use kandas_app::AppError;

/// How many addresses are remembered before old windows are swept out.
const SWEEP_AT: usize = 10_000;

/// Requests per address per window.
#[derive(Debug)]
pub struct RateLimiter {
    per_window: u32,
    window: Duration,
    hits: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// At most `per_window` requests per address in each `window`.
    pub fn new(per_window: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            per_window,
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request from `address`; too many answers `TooMany` with the wait.
    pub fn check(&self, address: &str) -> Result<(), AppError> {
        let now = Instant::now();
        let mut hits = self
            .hits
            .lock()
            .map_err(|_| AppError::internal("the rate limiter's lock is poisoned"))?;
        if hits.len() >= SWEEP_AT {
            let window = self.window;
            hits.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = hits.entry(address.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.per_window {
            let left = self.window.saturating_sub(now.duration_since(entry.0));
            return Err(AppError::TooMany {
                retry_after: left.as_secs().max(1),
            });
        }
        entry.1 += 1;
        Ok(())
    }
}

impl Default for RateLimiter {
    /// 60 public checks a minute per address.
    fn default() -> Self {
        RateLimiter::new(60, Duration::from_secs(60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_holds_so_many_and_then_waits() {
        let limiter = RateLimiter::new(2, Duration::from_secs(60));
        assert!(limiter.check("a").is_ok());
        assert!(limiter.check("a").is_ok());
        assert!(matches!(
            limiter.check("a"),
            Err(AppError::TooMany { retry_after }) if retry_after >= 1
        ));
        assert!(
            limiter.check("b").is_ok(),
            "another address has its own window"
        );
        let short = RateLimiter::new(1, Duration::ZERO);
        assert!(
            short.check("a").is_ok() && short.check("a").is_ok(),
            "a new window"
        );
    }
}
