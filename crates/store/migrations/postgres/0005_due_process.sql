-- Due process (issue 9). How many times a certificate's status was extended: the rule set says
-- how many extensions are allowed, so a yes/no flag no longer says enough.
ALTER TABLE certificates ADD COLUMN extensions BIGINT NOT NULL DEFAULT 0 CHECK (extensions >= 0);
UPDATE certificates SET extensions = extended;

-- An ending of a status is recorded by one official and takes effect when a head confirms it;
-- a head may annul it with a reason. Endings recorded before this took effect at once.
ALTER TABLE certificate_endings ADD COLUMN state TEXT NOT NULL DEFAULT 'confirmed'
    CHECK (state IN ('recorded', 'confirmed', 'annulled'));
ALTER TABLE certificate_endings ADD COLUMN recorded_by TEXT;
ALTER TABLE certificate_endings ADD COLUMN confirmed_by TEXT;
ALTER TABLE certificate_endings ADD COLUMN confirmed_at TEXT;
ALTER TABLE certificate_endings ADD COLUMN annulled_by TEXT;
ALTER TABLE certificate_endings ADD COLUMN annulled_at TEXT;
ALTER TABLE certificate_endings ADD COLUMN annul_reason TEXT;
-- Who recorded the endings made before: the audit row written in the same transaction.
UPDATE certificate_endings SET recorded_by = (
    SELECT a.actor FROM audit a
    WHERE a.action = 'certificate.end' AND a.at = certificate_endings.recorded_at
    ORDER BY a.seq DESC LIMIT 1);
UPDATE certificate_endings SET confirmed_by = recorded_by, confirmed_at = recorded_at;
