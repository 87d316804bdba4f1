-- The desk (paper intake at a State Corporation office or a local executive body's own desk):
-- the office where a case was filed and its custody record, refusals to accept, the issue of
-- results at the desk, and the disposal of the files the State Corporation keeps for 1 year.
ALTER TABLE applications ADD COLUMN intake_office TEXT;
ALTER TABLE applications ADD COLUMN custody_json TEXT NOT NULL DEFAULT '{"lines":[]}';
ALTER TABLE applications ADD COLUMN closed_at TEXT COLLATE "C";
ALTER TABLE applications DROP CONSTRAINT applications_status_check;
ALTER TABLE applications ADD CONSTRAINT applications_status_check
    CHECK (status IN ('draft', 'registered', 'accepted', 'rejected_at_intake', 'under_review',
                      'hearing', 'assigned', 'extended', 'refused', 'withdrawn'));
CREATE INDEX applications_intake ON applications (intake_office, status, updated_at);
CREATE INDEX applications_closed ON applications (channel, closed_at) WHERE closed_at IS NOT NULL;

ALTER TABLE evidence DROP CONSTRAINT evidence_method_check;
ALTER TABLE evidence ADD CONSTRAINT evidence_method_check
    CHECK (method IN ('sms', 'eds', 'paper'));

ALTER TABLE attachments ADD COLUMN disposed_at TEXT COLLATE "C";
ALTER TABLE attachments ADD COLUMN disposed_by TEXT;

CREATE TABLE result_issues (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    office TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    recipient_iin TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    identity_document TEXT NOT NULL,
    issued_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX result_issues_application ON result_issues (application_id, issued_at);
