-- The audit trail as a hash chain (issue 13). Each row gets its chain position, the previous
-- row's hash and its own (`kandas_app::audit_chain::entry` specifies the encoding). Rows
-- written before this migration stay outside the chain: the head records the last of them.
ALTER TABLE audit ADD COLUMN chain_pos BIGINT;
ALTER TABLE audit ADD COLUMN prev_hash TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_chain_pos ON audit (chain_pos);
CREATE INDEX audit_at ON audit (at);

-- The chain's head: one row, updated (and so locked until commit) by every transaction that
-- writes an audit row, which is what keeps concurrent writers from forking the chain.
CREATE TABLE audit_chain (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    position BIGINT NOT NULL,
    hash TEXT NOT NULL,
    started_after_seq BIGINT NOT NULL
);
INSERT INTO audit_chain (id, position, hash, started_after_seq)
    SELECT 1, 0, repeat('0', 64), COALESCE(MAX(seq), 0) FROM audit;

-- The hourly seals of the head, signed with the authority's seal key.
CREATE TABLE audit_seals (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    position BIGINT NOT NULL,
    hash TEXT NOT NULL,
    sealed_at TEXT COLLATE "C" NOT NULL,
    kid TEXT NOT NULL,
    cose TEXT NOT NULL
);
CREATE INDEX audit_seals_position ON audit_seals (position, sealed_at);

-- Append-only: nobody changes or removes a row of the trail or a seal, whatever their grants
-- (only someone who can drop the trigger can, and the chain and the seals then tell).
CREATE FUNCTION kandas_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the % table is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION kandas_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION kandas_append_only();
CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
    FOR EACH ROW EXECUTE FUNCTION kandas_append_only();
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
    FOR EACH STATEMENT EXECUTE FUNCTION kandas_append_only();
