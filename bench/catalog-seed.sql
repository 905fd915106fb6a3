-- A reseller "bench" whose storefront shows 2,000 products of 10 vendors (3 plans each, priced in
-- USD), priced by a book 15 % over cost with one vendor override; and its customer "Bench Customer",
-- authorized for those products' provider with its own book (8 % over cost), whose admin
-- customer@bench.test signs in with the password hashed in :password_hash. Run against a migrated database.
BEGIN;

INSERT INTO resellers (id, nickname, display_name, primary_color, accent_color, support_email, logo_updated_at, created_at)
VALUES (md5('bench-reseller')::uuid, 'bench', 'Bench Cloud', '#334155', '#f59e0b', 'support@bench.test', NULL, now());

INSERT INTO vendors (id, name, website, created_at)
SELECT md5('bench-vendor-' || v)::uuid, 'Bench Vendor ' || lpad(v::text, 2, '0'), NULL, now()
FROM generate_series(1, 10) v;

INSERT INTO products (id, vendor_id, name, category, short_description, description, kind, provider, retired_at, created_at)
SELECT md5('bench-product-' || i)::uuid, md5('bench-vendor-' || (1 + i % 10))::uuid,
       'Bench Product ' || lpad(i::text, 4, '0'), 'Category ' || (1 + i % 12),
       'A product for measuring the storefront catalog page under load.', '', 'SeatLicence', 'direct', NULL, now()
FROM generate_series(1, 2000) i;

INSERT INTO plans (id, product_id, sku, name, term, billing, unit, retired_at, created_at)
SELECT md5('bench-plan-' || i || '-' || t)::uuid, md5('bench-product-' || i)::uuid, 'BENCH-' || i || '-' || t,
       (ARRAY['Monthly commitment', 'Annual commitment, billed monthly', 'Annual commitment, billed annually'])[t],
       (ARRAY['P1M', 'P1Y', 'P1Y'])[t], (ARRAY['Monthly', 'Monthly', 'Annual'])[t], 'user', NULL, now()
FROM generate_series(1, 2000) i, generate_series(1, 3) t;

INSERT INTO plan_prices (plan_id, currency, cost, list_price)
SELECT md5('bench-plan-' || i || '-' || t)::uuid, 'USD',
       round((5 + i % 50) * (ARRAY[1.2, 1, 12])[t] * 0.85, 2), round((5 + i % 50) * (ARRAY[1.2, 1, 12])[t], 2)
FROM generate_series(1, 2000) i, generate_series(1, 3) t;

INSERT INTO price_books (id, reseller_id, name, currency, basis, default_adjustment_percent, created_at, updated_at)
VALUES (md5('bench-book')::uuid, md5('bench-reseller')::uuid, 'Bench USD', 'USD', 'Cost', 15, now(), now());

INSERT INTO price_rules (id, reseller_id, price_book_id, scope, vendor_id, adjustment_percent)
VALUES (md5('bench-rule')::uuid, md5('bench-reseller')::uuid, md5('bench-book')::uuid, 'Vendor', md5('bench-vendor-1')::uuid, 10);

INSERT INTO storefront_settings (reseller_id, price_book_id, currency, updated_at)
VALUES (md5('bench-reseller')::uuid, md5('bench-book')::uuid, 'USD', now());

INSERT INTO storefront_vendors (reseller_id, vendor_id)
SELECT md5('bench-reseller')::uuid, md5('bench-vendor-' || v)::uuid FROM generate_series(1, 10) v;

INSERT INTO price_books (id, reseller_id, name, currency, basis, default_adjustment_percent, created_at, updated_at)
VALUES (md5('bench-customer-book')::uuid, md5('bench-reseller')::uuid, 'Bench key accounts USD', 'USD', 'Cost', 8, now(), now());

INSERT INTO customers (id, reseller_id, company_name, created_at, domain, contact_first_name, contact_last_name, contact_email,
                       street, city, state, postal_code, country, preferred_language, status, currency, price_book_id, updated_at)
VALUES (md5('bench-customer')::uuid, md5('bench-reseller')::uuid, 'Bench Customer', now(), 'bench.test', 'Cora', 'Bench',
        'customer@bench.test', '1 Market St', 'San Francisco', 'CA', '94105', 'US', 'en', 'Active', 'USD', md5('bench-customer-book')::uuid, now());

INSERT INTO provider_authorizations (customer_id, provider, reseller_id, price_book_id, currency, enabled_in_portal, created_at)
VALUES (md5('bench-customer')::uuid, 'direct', md5('bench-reseller')::uuid, md5('bench-customer-book')::uuid, 'USD', true, now());

INSERT INTO users (id, kind, reseller_id, customer_id, role, display_name, created_at, user_name, normalized_user_name, email,
                   normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed,
                   two_factor_enabled, lockout_enabled, access_failed_count)
VALUES (md5('bench-customer-user')::uuid, 'customer', md5('bench-reseller')::uuid, md5('bench-customer')::uuid, 'CustomerAdmin', 'Cora Bench', now(),
        md5('bench-customer-user'), upper(md5('bench-customer-user')), 'customer@bench.test', 'CUSTOMER@BENCH.TEST', true,
        :'password_hash', md5('bench-stamp'), md5('bench-concurrency'), false, false, true, 0);

COMMIT;
VACUUM ANALYZE;  -- a settled table, as a database in use would have (visibility map, hint bits)
