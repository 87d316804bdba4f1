-- The service's keys (issue 14): the one-time-code key and the seal (its signing keys, the
-- published key set, the check-code key), each encrypted under the master key every node is
-- given, so that every node signs, checks and verifies alike. A key changes by replacing its
-- version (a rotation on one node is picked up by the others).
CREATE TABLE keyring (
    name TEXT PRIMARY KEY,
    sealed TEXT NOT NULL,
    version BIGINT NOT NULL,
    saved_at TEXT NOT NULL
);
