-- 10,000 customers for the reseller "bench" (run after catalog-seed.sql): varied companies,
-- contacts and domains, 90 % active, 6 % pending, 4 % suspended; and its admin admin@bench.test.
-- For comparison, a reseller "benchsmall" with 25 such customers and its admin admin@benchsmall.test.
-- Both sign in to the console with the password hashed in :password_hash.
BEGIN;

INSERT INTO resellers (id, nickname, display_name, primary_color, accent_color, support_email, logo_updated_at, created_at)
VALUES (md5('bench-small-reseller')::uuid, 'benchsmall', 'Bench Small', '#334155', '#f59e0b', 'support@benchsmall.test', NULL, now());

INSERT INTO customers (id, reseller_id, company_name, created_at, domain, contact_first_name, contact_last_name, contact_email,
                       street, city, state, postal_code, country, preferred_language, status, currency, price_book_id, updated_at)
SELECT md5(r.name || '-customer-' || i)::uuid, md5(r.name || '-reseller')::uuid,
       (ARRAY['Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Adatum', 'Litware', 'Woodgrove', 'Proseware', 'Wingtip', 'Lucerne'])[1 + i % 10]
           || ' ' || (ARRAY['Traders', 'Labs', 'Health', 'Logistics', 'Studios', 'Bank', 'Foods', 'Systems'])[1 + (i / 10) % 8] || ' ' || i,
       now() - (i || ' minutes')::interval, 'company' || i || '.test',
       (ARRAY['Ana', 'Ben', 'Carla', 'Diego', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jon'])[1 + (i / 7) % 10],
       (ARRAY['Silva', 'Moreau', 'Okafor', 'Schmidt', 'Tanaka', 'Garcia', 'Novak', 'Kowalski', 'Rossi', 'Byrne'])[1 + (i / 3) % 10],
       'contact' || i || '@company' || i || '.test',
       i || ' Main St', 'Springfield', 'IL', '62701', 'US', 'en',
       CASE WHEN i % 25 = 0 THEN 'Suspended' WHEN i % 16 = 0 THEN 'Pending' ELSE 'Active' END, 'USD', NULL, now()
FROM (VALUES ('bench', 10000), ('bench-small', 25)) r(name, customers), generate_series(1, r.customers) i;

INSERT INTO users (id, kind, reseller_id, customer_id, role, display_name, created_at, user_name, normalized_user_name, email,
                   normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed,
                   two_factor_enabled, lockout_enabled, access_failed_count)
SELECT md5(r.name || '-admin')::uuid, 'staff', md5(r.name || '-reseller')::uuid, NULL, 'Admin', 'Bench Admin', now(),
       md5(r.name || '-admin'), upper(md5(r.name || '-admin')), r.email, upper(r.email), true,
       :'password_hash', md5(r.name || '-admin-stamp'), md5(r.name || '-admin-concurrency'), false, false, true, 0
FROM (VALUES ('bench', 'admin@bench.test'), ('bench-small', 'admin@benchsmall.test')) r(name, email);

COMMIT;
VACUUM ANALYZE;  -- a settled table, as a database in use would have (visibility map, hint bits)
