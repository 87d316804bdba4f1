//! A clock the test sets.

use std::sync::Mutex;

use jiff::{SignedDuration, Timestamp};
use kandas_app::ports::Clock;

/// Shows a fixed time until moved.
pub struct TestClock(Mutex<Timestamp>);

impl TestClock {
    pub fn at(at: Timestamp) -> TestClock {
        TestClock(Mutex::new(at))
    }

    pub fn set(&self, at: Timestamp) {
        *self.0.lock().unwrap() = at;
    }

    pub fn advance(&self, by: SignedDuration) {
        let mut now = self.0.lock().unwrap();
        *now = now.checked_add(by).unwrap();
    }
}

impl Clock for TestClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap()
    }
}
