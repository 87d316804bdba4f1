//! Time as a port: use cases ask the clock, tests set it.

use jiff::Timestamp;

/// Tells the current time.
pub trait Clock: Send + Sync {
    /// Now.
    fn now(&self) -> Timestamp;
}

/// The operating system's clock: the one place that reads real time.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that runs ahead of another by an offset that only grows: development's time travel
/// (`POST /dev/clock`), so that a person trying the service, or a browser journey, can reach a
/// hearing's time or the end of a term without waiting. Never wired in production.
#[derive(Debug, Default)]
pub struct TravellingClock {
    ahead_seconds: std::sync::atomic::AtomicI64,
}

impl TravellingClock {
    /// The longest single jump, in seconds (31 days).
    pub const MAX_JUMP: i64 = 31 * 24 * 3600;

    /// Moves the clock forward by `seconds` (1 up to [`Self::MAX_JUMP`]); answers the new now.
    pub fn advance(&self, seconds: i64) -> Option<Timestamp> {
        if !(1..=Self::MAX_JUMP).contains(&seconds) {
            return None;
        }
        self.ahead_seconds
            .fetch_add(seconds, std::sync::atomic::Ordering::SeqCst);
        Some(self.now())
    }
}

impl Clock for TravellingClock {
    fn now(&self) -> Timestamp {
        let ahead = self.ahead_seconds.load(std::sync::atomic::Ordering::SeqCst);
        let real = SystemClock.now();
        real.checked_add(jiff::SignedDuration::from_secs(ahead))
            .unwrap_or(real)
    }
}
