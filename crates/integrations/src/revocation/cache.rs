//! The in-memory CRL cache, by URL. Pure bookkeeping with the time as a parameter: a CRL is
//! served until its refresh time (its nextUpdate, or the max age if sooner); after that it is
//! refetched, and while a refetch fails it is still served as long as its nextUpdate has not
//! passed. A failure is remembered for a short back-off, so a dead distribution point costs one
//! timeout per back-off period rather than one per signature.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};

use super::certificate::CrlTimes;

/// The last good CRL and the last failure of one URL.
#[derive(Default)]
struct Entry {
    good: Option<Good>,
    failure: Option<Failure>,
}

struct Good {
    der: Arc<[u8]>,
    refresh_at: Timestamp,
    next_update: Option<Timestamp>,
}

impl Good {
    /// Still current by its own nextUpdate (a CRL without one never is, once due).
    fn unexpired(&self, now: Timestamp) -> bool {
        self.next_update.is_some_and(|next| now <= next)
    }
}

struct Failure {
    at: Timestamp,
    why: String,
}

/// What the cache says about a URL before any fetch.
pub(super) enum Lookup {
    /// A CRL that is not yet due for refresh.
    Fresh(Arc<[u8]>),
    /// The last attempt failed recently: do not fetch again yet. Carries the stale CRL when one
    /// is still unexpired, and the failure.
    BackingOff(Option<Arc<[u8]>>, String),
    /// Nothing usable without fetching.
    Fetch,
}

/// The cache, keyed by URL.
pub(super) struct CrlCache {
    max_age: SignedDuration,
    back_off: SignedDuration,
    entries: HashMap<String, Entry>,
}

impl CrlCache {
    pub(super) fn new(max_age: SignedDuration, back_off: SignedDuration) -> CrlCache {
        CrlCache {
            max_age,
            back_off,
            entries: HashMap::new(),
        }
    }

    pub(super) fn lookup(&self, url: &str, now: Timestamp) -> Lookup {
        let Some(entry) = self.entries.get(url) else {
            return Lookup::Fetch;
        };
        if let Some(good) = &entry.good
            && now < good.refresh_at
        {
            return Lookup::Fresh(Arc::clone(&good.der));
        }
        match &entry.failure {
            Some(failure) if now < failure.at.saturating_add(self.back_off).unwrap_or(now) => {
                Lookup::BackingOff(stale(entry, now), failure.why.clone())
            }
            _ => Lookup::Fetch,
        }
    }

    /// Records a fetched CRL and returns it.
    pub(super) fn store(
        &mut self,
        url: &str,
        der: Vec<u8>,
        times: CrlTimes,
        now: Timestamp,
    ) -> Arc<[u8]> {
        let by_age = now.saturating_add(self.max_age).unwrap_or(now);
        let due = times.next_update.map_or(by_age, |next| next.min(by_age));
        // A CRL already past its nextUpdate is still returned (the verifier will say it is
        // stale), but is not refetched more often than the back-off allows.
        let earliest = now.saturating_add(self.back_off).unwrap_or(now);
        let der: Arc<[u8]> = der.into();
        self.entries.insert(
            url.to_owned(),
            Entry {
                good: Some(Good {
                    der: Arc::clone(&der),
                    refresh_at: due.max(earliest),
                    next_update: times.next_update,
                }),
                failure: None,
            },
        );
        der
    }

    /// Records a failed fetch; returns the stale CRL to serve instead, if it is unexpired.
    pub(super) fn failed(&mut self, url: &str, why: String, now: Timestamp) -> Option<Arc<[u8]>> {
        let entry = self.entries.entry(url.to_owned()).or_default();
        entry.failure = Some(Failure { at: now, why });
        stale(entry, now)
    }
}

/// The entry's CRL when it may still be served after a failed refetch.
fn stale(entry: &Entry, now: Timestamp) -> Option<Arc<[u8]>> {
    entry
        .good
        .as_ref()
        .filter(|good| good.unexpired(now))
        .map(|good| Arc::clone(&good.der))
}
