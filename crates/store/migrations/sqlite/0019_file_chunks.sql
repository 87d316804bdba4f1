-- Stored files in the database (issue 14), so that every node sees every file: each file's
-- contents in pieces of at most 1 MiB, in order; a file is written in one transaction.
CREATE TABLE file_chunks (
    file_key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (file_key, seq)
);
