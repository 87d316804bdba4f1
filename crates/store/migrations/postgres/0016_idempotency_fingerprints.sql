-- Idempotency keys as Stripe has them (issue 14): each key stands for one request, by the
-- SHA-256 of its operation, target and command; a key is new again 24 hours after it was
-- recorded, and the worker deletes what expired. Keys recorded before have no fingerprint and
-- stand for nothing.
ALTER TABLE idempotency ADD COLUMN fingerprint TEXT;
CREATE INDEX idempotency_created_at ON idempotency (created_at);
