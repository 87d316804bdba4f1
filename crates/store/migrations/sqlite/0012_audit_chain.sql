-- The audit trail as a hash chain (issue 13). Each row gets its chain position, the previous
-- row's hash and its own (`kandas_app::audit_chain::entry` specifies the encoding). Rows
-- written before this migration stay outside the chain: the head records the last of them.
ALTER TABLE audit ADD COLUMN chain_pos INTEGER;
ALTER TABLE audit ADD COLUMN prev_hash TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_chain_pos ON audit (chain_pos);
CREATE INDEX audit_at ON audit (at);

-- The chain's head: one row, updated by every transaction that writes an audit row (writers
-- take turns anyway: `BEGIN IMMEDIATE` on the one writer connection).
CREATE TABLE audit_chain (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    position INTEGER NOT NULL,
    hash TEXT NOT NULL,
    started_after_seq INTEGER NOT NULL
);
INSERT INTO audit_chain (id, position, hash, started_after_seq)
    SELECT 1, 0, '0000000000000000000000000000000000000000000000000000000000000000',
           COALESCE(MAX(seq), 0) FROM audit;

-- The hourly seals of the head, signed with the authority's seal key.
CREATE TABLE audit_seals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    position INTEGER NOT NULL,
    hash TEXT NOT NULL,
    sealed_at TEXT NOT NULL,
    kid TEXT NOT NULL,
    cose TEXT NOT NULL
);
CREATE INDEX audit_seals_position ON audit_seals (position, sealed_at);

-- Append-only: nobody changes or removes a row of the trail or a seal through SQL.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit table is append-only: UPDATE refused');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit table is append-only: DELETE refused');
END;
CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals
BEGIN
    SELECT RAISE(ABORT, 'the audit_seals table is append-only: UPDATE refused');
END;
CREATE TRIGGER audit_seals_no_delete BEFORE DELETE ON audit_seals
BEGIN
    SELECT RAISE(ABORT, 'the audit_seals table is append-only: DELETE refused');
END;
