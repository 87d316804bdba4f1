-- The case's own history (issue 13): one row per event of a case (a status change, a step of
-- the review, the issue of the result, the disposal of its files), written in the transaction
-- of the change that caused it. The timeline and the public performance figures read it; it
-- holds no personal data. `seq` numbers a case's events from 1; the events of cases that
-- existed before this migration are rebuilt from their audit rows by the store as part of this
-- migration (`events::backfill`), in the same transaction.
CREATE TABLE case_events (
    application_id TEXT NOT NULL REFERENCES applications (id),
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    actor_role TEXT,
    actor_office TEXT,
    office TEXT,
    facts_json TEXT NOT NULL,
    PRIMARY KEY (application_id, seq)
);
CREATE INDEX case_events_kind_at ON case_events (kind, at);
