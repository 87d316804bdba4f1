-- The office's work queue (issue 11): an official takes a case and holds it until another
-- official of the office takes it. One row per case: the latest taker.
CREATE TABLE case_assignments (
    application_id TEXT PRIMARY KEY REFERENCES applications (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    assigned_at TEXT NOT NULL
);
CREATE INDEX case_assignments_user ON case_assignments (user_id);
