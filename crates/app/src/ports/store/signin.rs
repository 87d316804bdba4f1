//! The store's sign-in area: one-time codes, EDS sign-in nonces and attempt counters.

use async_trait::async_trait;

use super::*;

/// One-time codes sent by SMS: created with their SMS, tried, used once, counted.
#[async_trait]
pub trait ChallengeStore: Send + Sync {
    /// Stores a challenge and enqueues its SMS in one transaction.
    async fn create_challenge(
        &self,
        challenge: &Challenge,
        sms: &JobKind,
    ) -> Result<(), StoreError>;
    /// A challenge by id.
    async fn challenge(&self, id: &str) -> Result<Option<Challenge>, StoreError>;
    /// The newest challenge that signs this application (store the application id of a
    /// `Purpose::Sign` in its own column to find it).
    async fn latest_sign_challenge(
        &self,
        application: &ApplicationId,
    ) -> Result<Option<Challenge>, StoreError>;
    /// Takes one try of a live challenge (not used, not expired at `now`, tries left) in one
    /// conditional statement, before the code is compared: answers the tries left after this
    /// one, or `None` when no try could be taken. Concurrent guesses get at most as many tries
    /// as there were.
    async fn take_try(&self, id: &str, now: Timestamp) -> Result<Option<i64>, StoreError>;
    /// Marks it used; `false` if it was used already (single use).
    async fn consume_challenge(&self, id: &str, at: Timestamp) -> Result<bool, StoreError>;
    /// Challenges created since `since` for this IIN and from this address.
    async fn recent_challenges(
        &self,
        iin: &Iin,
        ip: &str,
        since: Timestamp,
    ) -> Result<(i64, i64), StoreError>;
}

/// The one-time nonces an EDS sign-in signs.
#[async_trait]
pub trait NonceStore: Send + Sync {
    /// Stores a sign-in nonce (only its SHA-256) until `expires_at`.
    async fn create_nonce(
        &self,
        nonce_hash: &str,
        at: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Uses a nonce up: `true` once, while it is live; `false` when unknown, used or expired.
    async fn consume_nonce(&self, nonce_hash: &str, now: Timestamp) -> Result<bool, StoreError>;
}

/// Sign-in attempt counters and the sweep of expired anonymous rows.
#[async_trait]
pub trait SignInLimitStore: Send + Sync {
    /// The sign-in attempt counter of `key`, if any.
    async fn attempt_counter(&self, key: &str) -> Result<Option<AttemptCounter>, StoreError>;
    /// Writes `next` if the counter is still at `expected_seq` (`None`: it does not exist yet),
    /// with the audit and jobs of a lock, in one transaction; `false` when another attempt
    /// changed it first (read it again and retry).
    async fn put_attempt_counter(
        &self,
        expected_seq: Option<i64>,
        next: &AttemptCounter,
        audit: Option<&AuditRecord>,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError>;
    /// Deletes sign-in nonces that expired before `nonces_before`, one-time codes that expired
    /// before `challenges_before`, and attempt counters idle (and not blocked) since then.
    async fn delete_expired(
        &self,
        nonces_before: Timestamp,
        challenges_before: Timestamp,
    ) -> Result<Swept, StoreError>;
}
