-- The audit log lists a reseller's events newest first.
CREATE INDEX ix_audit_events_reseller_id_at ON audit_events (reseller_id, at);
