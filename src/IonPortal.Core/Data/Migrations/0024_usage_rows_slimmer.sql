-- Usage rows come in by the ten million through COPY: what describes a customer or a meter (names,
-- region, unit) is the same on every row of it and lives in the monthly rollup, not on each row
-- (writing it per row cost the import a fifth of its speed). The rows a person may still match to a
-- customer by hand (those no customer matched) get a small index of their own.
CREATE INDEX ix_usage_records_unmatched ON usage_records (reseller_id, provider_customer_id) WHERE customer_id IS NULL;
ALTER TABLE usage_records DROP COLUMN customer_domain, DROP COLUMN customer_name, DROP COLUMN product_name, DROP COLUMN meter_name,
    DROP COLUMN meter_category, DROP COLUMN meter_region, DROP COLUMN unit;
