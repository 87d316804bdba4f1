-- Sign-in attempts counted per IIN and per client address (issue 10): each attempt is counted
-- before the password is checked, with a compare-and-set on seq, so concurrent guesses cannot
-- outrun the limit; blocked_until carries the back-off and the lock.
CREATE TABLE signin_limits (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL CHECK (failures >= 0),
    last_at TEXT NOT NULL,
    blocked_until TEXT,
    seq INTEGER NOT NULL
);

-- One-time codes are deleted after they expire (nonces have their index already).
CREATE INDEX challenges_expires ON challenges (expires_at);
