-- The auditor's search of the trail (issue 13): by the official who acted and by the action,
-- newest first, without a scan of the whole trail. The subject and the application have their
-- indexes since 0001, the time since 0012.
CREATE INDEX audit_actor ON audit (actor_iin, at);
CREATE INDEX audit_action ON audit (action, at);
