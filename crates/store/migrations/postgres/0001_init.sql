-- kandas schema, PostgreSQL. Times are RFC 3339 UTC text with nine fractional digits, dates are
-- YYYY-MM-DD text, both in the "C" collation so that text order is time order; booleans are 0/1.
-- Never edit once landed: add a new migration instead.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    iin TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles TEXT NOT NULL,
    office TEXT,
    created_at TEXT COLLATE "C" NOT NULL,
    CONSTRAINT users_iin_key UNIQUE (iin)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT COLLATE "C" NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE challenges (
    id TEXT PRIMARY KEY,
    iin TEXT NOT NULL,
    purpose_json TEXT NOT NULL,
    sign_application TEXT,
    code_hash TEXT NOT NULL,
    phone TEXT NOT NULL,
    ip TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL,
    attempts_left BIGINT NOT NULL CHECK (attempts_left >= 0),
    consumed_at TEXT COLLATE "C"
);
CREATE INDEX challenges_iin_created ON challenges (iin, created_at);
CREATE INDEX challenges_ip_created ON challenges (ip, created_at);
CREATE INDEX challenges_sign ON challenges (sign_application, created_at);

CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

CREATE TABLE applications (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('assignment', 'extension')),
    channel TEXT NOT NULL
        CHECK (channel IN ('portal', 'state_corporation', 'local_executive_body', 'foreign_mission')),
    applicant TEXT NOT NULL,
    office TEXT,
    form_json TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('draft', 'registered', 'assigned', 'extended', 'refused', 'withdrawn')),
    status_json TEXT NOT NULL,
    due_date TEXT COLLATE "C",
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    CONSTRAINT applications_number_key UNIQUE (number)
);
CREATE INDEX applications_applicant ON applications (applicant, created_at);
CREATE INDEX applications_queue ON applications (office, status, due_date, number);

CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    document_type TEXT NOT NULL,
    member_id TEXT,
    file_name TEXT NOT NULL,
    file_type TEXT NOT NULL,
    size BIGINT NOT NULL CHECK (size >= 0),
    sha256 TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    uploaded_at TEXT COLLATE "C" NOT NULL,
    CONSTRAINT attachments_storage_key_key UNIQUE (storage_key)
);
CREATE INDEX attachments_application ON attachments (application_id, uploaded_at);

CREATE TABLE idempotency (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications (id),
    created_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE evidence (
    application_id TEXT PRIMARY KEY REFERENCES applications (id),
    method TEXT NOT NULL CHECK (method IN ('sms', 'eds')),
    document BYTEA NOT NULL,
    sha256 TEXT NOT NULL,
    detail_json TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE certificates (
    number TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    issued_on TEXT COLLATE "C" NOT NULL,
    valid_until TEXT COLLATE "C" NOT NULL,
    extended BIGINT NOT NULL CHECK (extended IN (0, 1)),
    issuer TEXT NOT NULL,
    application_id TEXT REFERENCES applications (id)
);
CREATE INDEX certificates_holder ON certificates (holder, issued_on);

CREATE TABLE audit (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TEXT COLLATE "C" NOT NULL,
    actor TEXT,
    actor_iin TEXT,
    role TEXT,
    subject TEXT,
    application_id TEXT,
    action TEXT NOT NULL,
    request_id TEXT NOT NULL,
    details_json TEXT NOT NULL
);
CREATE INDEX audit_subject ON audit (subject, at);
CREATE INDEX audit_application ON audit (application_id, at);

CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind_json TEXT NOT NULL,
    run_at TEXT COLLATE "C" NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    lease_until TEXT COLLATE "C",
    last_error TEXT,
    done_at TEXT COLLATE "C",
    dead BIGINT NOT NULL DEFAULT 0 CHECK (dead IN (0, 1)),
    created_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE done_at IS NULL AND dead = 0;

CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    iin TEXT NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications (id),
    notice_json TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX notifications_iin ON notifications (iin, created_at);

CREATE TABLE dev_sms (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone TEXT NOT NULL,
    text TEXT NOT NULL,
    sent_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE registry_persons (
    iin TEXT PRIMARY KEY,
    surname TEXT NOT NULL,
    given_name TEXT NOT NULL,
    patronymic TEXT,
    surname_latin TEXT NOT NULL,
    given_name_latin TEXT NOT NULL,
    birth_date TEXT COLLATE "C" NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    citizenship TEXT NOT NULL,
    nationality TEXT NOT NULL
);

CREATE TABLE registry_phones (
    iin TEXT PRIMARY KEY,
    phone TEXT NOT NULL
);

CREATE TABLE registry_consents (
    iin TEXT NOT NULL,
    number TEXT NOT NULL,
    issued_on TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (iin, number)
);
