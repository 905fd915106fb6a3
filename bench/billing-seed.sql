-- The billing benchmark's world: a reseller "bench" (admin@bench.test) with 1,000 active customers,
-- each authorized for Microsoft with a book 15 % over list, its tenant linked, the "Care" support
-- plan (10 % of charges), and a Microsoft 365 subscription of 10 seats at 12.50 bought two months ago.
-- :password_hash is the admin's; :month is the first day of the month the usage is for.
BEGIN;

INSERT INTO resellers (id, nickname, display_name, primary_color, accent_color, support_email, logo_updated_at, created_at)
VALUES (md5('bench-reseller')::uuid, 'bench', 'Bench Cloud', '#1f3b57', '#f59e0b', 'support@bench.test', NULL, now());

INSERT INTO users (id, kind, reseller_id, customer_id, role, display_name, created_at, user_name, normalized_user_name, email,
                   normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed,
                   two_factor_enabled, lockout_enabled, access_failed_count)
VALUES (md5('bench-admin')::uuid, 'staff', md5('bench-reseller')::uuid, NULL, 'Admin', 'Bench Admin', now(), md5('bench-admin'), upper(md5('bench-admin')),
        'admin@bench.test', 'ADMIN@BENCH.TEST', true, :'password_hash', md5('bench-admin-stamp'), md5('bench-admin-concurrency'), false, false, true, 0);

INSERT INTO vendors (id, name, website, created_at) VALUES (md5('bench-microsoft')::uuid, 'Microsoft (bench)', NULL, now());
INSERT INTO products (id, vendor_id, name, category, short_description, description, kind, provider, created_at)
VALUES (md5('bench-m365')::uuid, md5('bench-microsoft')::uuid, 'Microsoft 365 Business Standard', 'Productivity', 'Office apps and email', 'Office apps and email', 'SeatLicence', 'microsoft', now()),
       (md5('bench-azure')::uuid, md5('bench-microsoft')::uuid, 'Azure plan', 'Infrastructure', 'Azure services', 'Azure services', 'MeteredUsage', 'microsoft', now());
INSERT INTO plans (id, product_id, sku, name, term, billing, unit, min_quantity, max_quantity, created_at)
VALUES (md5('bench-m365-plan')::uuid, md5('bench-m365')::uuid, 'CFQ7TTC0LDPB:0001:P1Y:Monthly', 'Annual, paid monthly', 'P1Y', 'Monthly', 'user', 1, 300, now());
INSERT INTO plan_prices (plan_id, currency, cost, list_price) VALUES (md5('bench-m365-plan')::uuid, 'USD', 10.00, 12.50);

INSERT INTO price_books (id, reseller_id, name, currency, basis, default_adjustment_percent, created_at, updated_at)
VALUES (md5('bench-book')::uuid, md5('bench-reseller')::uuid, 'Bench book', 'USD', 'ListPrice', 15, now(), now());
INSERT INTO support_plans (id, reseller_id, name, description, percent_of_charges, fixed_monthly_fee, currency, created_at, updated_at)
VALUES (md5('bench-care')::uuid, md5('bench-reseller')::uuid, 'Care', 'Help desk', 10, NULL, NULL, now(), now());

INSERT INTO customers (id, reseller_id, company_name, created_at, domain, contact_first_name, contact_last_name, contact_email,
                       street, city, state, postal_code, country, preferred_language, status, currency, price_book_id, support_plan_id, updated_at)
SELECT md5('bench-customer-' || i)::uuid, md5('bench-reseller')::uuid, 'Customer ' || i, now(), 'customer' || i || '.test', 'Ana', 'Silva',
       'ana@customer' || i || '.test', i || ' Main St', 'Springfield', 'IL', '62701', 'US', 'en', 'Active', 'USD', NULL, md5('bench-care')::uuid, now()
FROM generate_series(1, 1000) i;

INSERT INTO provider_authorizations (customer_id, provider, reseller_id, price_book_id, currency, enabled_in_portal, created_at)
SELECT md5('bench-customer-' || i)::uuid, 'microsoft', md5('bench-reseller')::uuid, md5('bench-book')::uuid, 'USD', false, now()
FROM generate_series(1, 1000) i;

INSERT INTO microsoft_tenants (customer_id, reseller_id, state, created_here, tenant_id, domain, linked_at)
SELECT md5('bench-customer-' || i)::uuid, md5('bench-reseller')::uuid, 'Linked', false, md5('bench-tenant-' || i)::uuid, 'benchcustomer' || i || '.onmicrosoft.com', now()
FROM generate_series(1, 1000) i;

INSERT INTO subscriptions (id, reseller_id, customer_id, order_id, provider, provider_subscription_id, plan_id, product_name, plan_name, sku, term, billing, unit,
                           currency, unit_price, min_quantity, max_quantity, quantity, status, auto_renew, purchased_at, renews_at, pending_quantity, version)
SELECT md5('bench-subscription-' || i)::uuid, md5('bench-reseller')::uuid, md5('bench-customer-' || i)::uuid, NULL, 'microsoft', md5('bench-subscription-' || i),
       md5('bench-m365-plan')::uuid, 'Microsoft 365 Business Standard', 'Annual, paid monthly', 'CFQ7TTC0LDPB:0001:P1Y:Monthly', 'P1Y', 'Monthly', 'user',
       'USD', 12.50, 1, 300, 10, 'Active', true, (:'month'::date - interval '1 month')::timestamptz, (:'month'::date + interval '11 months')::timestamptz, NULL, 1
FROM generate_series(1, 1000) i;
INSERT INTO subscription_events (id, subscription_id, kind, at, by, from_quantity, to_quantity)
SELECT md5('bench-event-' || i)::uuid, md5('bench-subscription-' || i)::uuid, 'Purchased', (:'month'::date - interval '1 month')::timestamptz, 'bench', 0, 10
FROM generate_series(1, 1000) i;

COMMIT;
