-- Faster storefront queries.
-- Currency codes become varchar(3) rather than character(3): compared with a text parameter, a
-- character column gets cast, which hid its statistics from the planner and made the storefront's
-- product query pick a plan 300 times slower on a 2,000-product catalog.
ALTER TABLE plan_prices ALTER COLUMN currency TYPE character varying(3);
ALTER TABLE price_books ALTER COLUMN currency TYPE character varying(3);
ALTER TABLE storefront_settings ALTER COLUMN currency TYPE character varying(3);
ALTER TABLE support_plans ALTER COLUMN currency TYPE character varying(3);

-- The storefront lists products by name; walking this index it checks only the products it shows.
CREATE INDEX ix_products_name ON products (name);
