-- Account lifecycle (issue 10): an administrator disables and enables an account and resets
-- its password (the person then sets a new one through an SMS code); sessions end after an
-- idle time, so each remembers when it was last used (NULL: not since it was opened).
ALTER TABLE users ADD COLUMN disabled_at TEXT;
ALTER TABLE users ADD COLUMN reset_requested_at TEXT;
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
