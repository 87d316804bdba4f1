-- The row /readyz writes to see that the write path works (a full disk, a broken writer):
-- each probe commits one increment.
CREATE TABLE write_probe (
    id INTEGER PRIMARY KEY,
    writes INTEGER NOT NULL DEFAULT 0
);
INSERT INTO write_probe (id, writes) VALUES (1, 0);
