-- Stored files no row holds (issue 14): marked before an upload's bytes are stored and
-- unmarked in the transaction that adds its attachment; marked again when an attachment is
-- removed. What stays marked past an hour (an upload cut by a crash, a delete that failed) the
-- worker deletes.
CREATE TABLE loose_files (
    storage_key TEXT PRIMARY KEY,
    since TEXT NOT NULL
);
