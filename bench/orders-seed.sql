-- The order benchmark's world: a reseller "bench" (admin@bench.test, who places the orders) with its
-- Microsoft CSP program approved, a Microsoft product with one plan, a price book 15 % over list,
-- and 50 active customers ready to buy Microsoft: authorized with that book, their tenant linked
-- (known to the provider sandbox as the partner's customers) and the agreement accepted.
-- :password_hash is the admin's; :template is the Microsoft Customer Agreement template id.
BEGIN;

INSERT INTO resellers (id, nickname, display_name, primary_color, accent_color, support_email, logo_updated_at, created_at)
VALUES (md5('bench-reseller')::uuid, 'bench', 'Bench Cloud', '#1f3b57', '#f59e0b', 'support@bench.test', NULL, now());

INSERT INTO users (id, kind, reseller_id, customer_id, role, display_name, created_at, user_name, normalized_user_name, email,
                   normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed,
                   two_factor_enabled, lockout_enabled, access_failed_count)
VALUES (md5('bench-admin')::uuid, 'staff', md5('bench-reseller')::uuid, NULL, 'Admin', 'Bench Admin', now(), md5('bench-admin'), upper(md5('bench-admin')),
        'admin@bench.test', 'ADMIN@BENCH.TEST', true, :'password_hash', md5('bench-admin-stamp'), md5('bench-admin-concurrency'), false, false, true, 0);

INSERT INTO program_enrollments (id, reseller_id, program, status, reseller_domain, terms_accepted_at, requested_by, requested_at, decided_by, decided_at)
VALUES (md5('bench-csp')::uuid, md5('bench-reseller')::uuid, 'microsoft-csp', 'Approved', 'bench.example', now(), 'bench', now(), 'bench', now());

INSERT INTO vendors (id, name, website, created_at) VALUES (md5('bench-microsoft')::uuid, 'Microsoft (bench)', NULL, now());
INSERT INTO products (id, vendor_id, name, category, short_description, description, kind, provider, created_at)
VALUES (md5('bench-m365')::uuid, md5('bench-microsoft')::uuid, 'Microsoft 365 Business Standard', 'Productivity', 'Office apps and email', 'Office apps and email',
        'SeatLicence', 'microsoft', now());
INSERT INTO plans (id, product_id, sku, name, term, billing, unit, min_quantity, max_quantity, created_at)
VALUES (md5('bench-m365-plan')::uuid, md5('bench-m365')::uuid, 'CFQ7TTC0LDPB:0001:P1Y:Monthly', 'Annual, paid monthly', 'P1Y', 'Monthly', 'user', 1, 300, now());
INSERT INTO plan_prices (plan_id, currency, cost, list_price) VALUES (md5('bench-m365-plan')::uuid, 'USD', 10.00, 12.50);

INSERT INTO price_books (id, reseller_id, name, currency, basis, default_adjustment_percent, created_at, updated_at)
VALUES (md5('bench-book')::uuid, md5('bench-reseller')::uuid, 'Bench book', 'USD', 'ListPrice', 15, now(), now());

INSERT INTO customers (id, reseller_id, company_name, created_at, domain, contact_first_name, contact_last_name, contact_email,
                       street, city, state, postal_code, country, preferred_language, status, currency, price_book_id, updated_at)
SELECT md5('bench-customer-' || i)::uuid, md5('bench-reseller')::uuid, 'Customer ' || i, now(), 'customer' || i || '.test', 'Ana', 'Silva',
       'ana@customer' || i || '.test', i || ' Main St', 'Springfield', 'IL', '62701', 'US', 'en', 'Active', 'USD', NULL, now()
FROM generate_series(1, 50) i;

INSERT INTO provider_authorizations (customer_id, provider, reseller_id, price_book_id, currency, enabled_in_portal, created_at)
SELECT md5('bench-customer-' || i)::uuid, 'microsoft', md5('bench-reseller')::uuid, md5('bench-book')::uuid, 'USD', false, now()
FROM generate_series(1, 50) i;

INSERT INTO sandbox_tenants (id, domain, company_name, country, request_id, created_at, primary_domain, is_partners_customer)
SELECT md5('bench-tenant-' || i)::uuid, 'benchcustomer' || i || '.onmicrosoft.com', 'Customer ' || i, 'US', NULL, now(), NULL, true
FROM generate_series(1, 50) i;

INSERT INTO microsoft_tenants (customer_id, reseller_id, state, created_here, tenant_id, domain, linked_at)
SELECT md5('bench-customer-' || i)::uuid, md5('bench-reseller')::uuid, 'Linked', false, md5('bench-tenant-' || i)::uuid, 'benchcustomer' || i || '.onmicrosoft.com', now()
FROM generate_series(1, 50) i;

INSERT INTO customer_agreements (customer_id, reseller_id, signer_first_name, signer_last_name, signer_email, signer_phone, date_accepted, template_id, accepted_by, recorded_at)
SELECT md5('bench-customer-' || i)::uuid, md5('bench-reseller')::uuid, 'Ana', 'Silva', 'ana@customer' || i || '.test', '+1 217 555 0100', current_date, :'template', 'Customer', now()
FROM generate_series(1, 50) i;

COMMIT;
