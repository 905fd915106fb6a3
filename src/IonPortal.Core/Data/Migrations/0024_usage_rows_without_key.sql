-- Usage rows come in by the ten million through COPY and are only ever read in bulk (the rollup is
-- what everything else reads): a primary key's index cost the import a third of its speed for no
-- reader. An import is kept whole by its fingerprint instead; what describes a customer or a meter
-- (names, region, unit) is the same on every row of it and lives in the monthly rollup, not on each
-- row. The rows a person may still match to a customer by hand (those no customer matched) keep a
-- small index of their own.
ALTER TABLE usage_records DROP CONSTRAINT pk_usage_records;
CREATE INDEX ix_usage_records_unmatched ON usage_records (reseller_id, provider_customer_id) WHERE customer_id IS NULL;
ALTER TABLE usage_records DROP COLUMN customer_domain, DROP COLUMN customer_name, DROP COLUMN product_name, DROP COLUMN meter_name,
    DROP COLUMN meter_category, DROP COLUMN meter_region, DROP COLUMN unit;
