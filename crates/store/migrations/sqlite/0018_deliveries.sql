-- Every delivery attempt of the outbox and its outcome (issue 14), shown to staff on the case:
-- the channel, the recipient as shown (a masked phone), the attempt, when it started and
-- ended, sent, failed or dropped (a one-time code that expired before delivery), and the
-- gateway's answer. The message's text is not kept: a code must not linger.
CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    job_id TEXT NOT NULL,
    application_id TEXT,
    channel TEXT NOT NULL CHECK (channel IN ('sms', 'account')),
    recipient TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'failed', 'dropped')),
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX deliveries_application ON deliveries (application_id, started_at);
CREATE INDEX deliveries_job ON deliveries (job_id);

-- The development inbox takes each message once, by the id it carries.
ALTER TABLE dev_sms ADD COLUMN message_id TEXT;
CREATE UNIQUE INDEX dev_sms_message ON dev_sms (message_id);
