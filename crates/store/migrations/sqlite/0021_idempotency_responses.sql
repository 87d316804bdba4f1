-- A replayed request answers what the first answered (issue 14): the status and body of the
-- first answer under an idempotency key, written once after it, cleared when an expired key
-- is taken over.
ALTER TABLE idempotency ADD COLUMN response_status INTEGER;
ALTER TABLE idempotency ADD COLUMN response_body TEXT;
