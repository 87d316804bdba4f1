-- Sign-in by electronic signature: the nonces the server issued for NCALayer to sign.
-- Only the SHA-256 of a nonce is kept; each is used once, before it expires.
CREATE TABLE eds_nonces (
    nonce_hash TEXT PRIMARY KEY,
    created_at TEXT COLLATE "C" NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL,
    consumed_at TEXT COLLATE "C"
);
CREATE INDEX eds_nonces_expires ON eds_nonces (expires_at);
