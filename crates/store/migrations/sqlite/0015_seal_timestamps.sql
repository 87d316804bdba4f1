-- The RFC 3161 timestamp of an hourly seal (issue 13): the TSA's token over the seal's COSE
-- bytes, DER in base64, when a TSA is configured and answered; none otherwise.
ALTER TABLE audit_seals ADD COLUMN timestamp_token TEXT;
