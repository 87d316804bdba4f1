-- The head's warning one working day before a case's deadline: one row per case, so that
-- however many workers look, the warning goes once.
CREATE TABLE deadline_warnings (
    application_id TEXT PRIMARY KEY REFERENCES applications (id),
    due_date TEXT NOT NULL,
    warned_at TEXT NOT NULL
);
CREATE INDEX users_office ON users (office);

-- The holder's reminder 30 days before a certificate expires: one row per certificate.
CREATE TABLE expiry_reminders (
    number TEXT PRIMARY KEY,
    reminded_at TEXT NOT NULL
);
CREATE INDEX certificates_valid_until ON certificates (valid_until);

-- Every public check of a certificate is counted, per certificate and day.
CREATE TABLE certificate_checks (
    number TEXT NOT NULL,
    day TEXT NOT NULL,
    checks BIGINT NOT NULL,
    PRIMARY KEY (number, day)
);

-- The working calendar's years as an administrator edited them (over the shipped calendar).
CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY,
    year_json TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A status ended early, as an officer recorded it: terminated (the holder became a citizen) or
-- revoked (the decision was annulled).
CREATE TABLE certificate_endings (
    number TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('terminated', 'revoked')),
    ended_on TEXT NOT NULL,
    reason TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
