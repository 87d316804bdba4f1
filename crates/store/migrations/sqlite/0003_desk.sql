-- The desk (paper intake at a State Corporation office or a local executive body's own desk):
-- the office where a case was filed and its custody record, refusals to accept, the issue of
-- results at the desk, and the disposal of the files the State Corporation keeps for 1 year.
--
-- SQLite cannot change a CHECK constraint, so `applications` and `evidence` are rebuilt: the
-- runner switches foreign keys off around this migration and runs `PRAGMA foreign_key_check`
-- before it commits (migrate.rs, `rebuilds_tables`).

CREATE TABLE applications_new (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('assignment', 'extension')),
    channel TEXT NOT NULL
        CHECK (channel IN ('portal', 'state_corporation', 'local_executive_body', 'foreign_mission')),
    applicant TEXT NOT NULL,
    office TEXT,
    intake_office TEXT,
    form_json TEXT NOT NULL,
    custody_json TEXT NOT NULL DEFAULT '{"lines":[]}',
    status TEXT NOT NULL
        CHECK (status IN ('draft', 'registered', 'accepted', 'rejected_at_intake', 'under_review',
                          'hearing', 'assigned', 'extended', 'refused', 'withdrawn')),
    status_json TEXT NOT NULL,
    due_date TEXT,
    closed_at TEXT,
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT applications_number_key UNIQUE (number)
);
INSERT INTO applications_new (id, number, kind, channel, applicant, office, form_json, status,
    status_json, due_date, version, created_at, updated_at)
SELECT id, number, kind, channel, applicant, office, form_json, status, status_json, due_date,
    version, created_at, updated_at FROM applications;
DROP TABLE applications;
ALTER TABLE applications_new RENAME TO applications;
CREATE INDEX applications_applicant ON applications (applicant, created_at);
CREATE INDEX applications_queue ON applications (office, status, due_date, number);
CREATE INDEX applications_intake ON applications (intake_office, status, updated_at);
CREATE INDEX applications_closed ON applications (channel, closed_at) WHERE closed_at IS NOT NULL;

CREATE TABLE evidence_new (
    application_id TEXT PRIMARY KEY REFERENCES applications (id),
    method TEXT NOT NULL CHECK (method IN ('sms', 'eds', 'paper')),
    document BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    detail_json TEXT NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO evidence_new SELECT * FROM evidence;
DROP TABLE evidence;
ALTER TABLE evidence_new RENAME TO evidence;

ALTER TABLE attachments ADD COLUMN disposed_at TEXT;
ALTER TABLE attachments ADD COLUMN disposed_by TEXT;

CREATE TABLE result_issues (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    office TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    recipient_iin TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    identity_document TEXT NOT NULL,
    issued_at TEXT NOT NULL
);
CREATE INDEX result_issues_application ON result_issues (application_id, issued_at);
