-- The result documents of a decided case (the certificate, the decision to extend or to refuse,
-- the refusal of family members), rendered once when the decision takes effect and written in
-- its transaction; every download and reprint serves these bytes. One of each kind per case.
CREATE TABLE result_documents (
    application_id TEXT NOT NULL REFERENCES applications (id),
    kind TEXT NOT NULL
        CHECK (kind IN ('certificate', 'extension_decision', 'refusal_decision', 'member_refusal')),
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    created_at TEXT NOT NULL,
    PRIMARY KEY (application_id, kind)
);
