-- The auditor's search of the trail by office (issue 15): the rows of the accounts of an
-- office, newest first, without a scan of the whole trail. The trail records the acting
-- account (`actor`); its office is the account's now, so the search reads the office's
-- accounts and then each account's rows.
CREATE INDEX audit_account ON audit (actor, at);
