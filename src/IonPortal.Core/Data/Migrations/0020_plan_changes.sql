-- A subscription's downgrade waiting for its renewal, and the plan a change in its history moved to.
ALTER TABLE subscriptions ADD COLUMN pending_plan_id uuid, ADD COLUMN pending_plan_name character varying(120), ADD COLUMN pending_unit_price numeric(12,2);
ALTER TABLE subscription_events ADD COLUMN plan character varying(120);
