-- Customers get their full profile (contact, validated address, language, status, currency,
-- default price book and support plan), provider authorizations, and the approval queue with the
-- reseller's sign-up settings. Customer search uses a trigram index over a generated column.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Existing customers (before this migration) are kept; their new fields start empty and active.
ALTER TABLE customers
    ADD COLUMN domain character varying(200),
    ADD COLUMN contact_first_name character varying(100) NOT NULL DEFAULT '',
    ADD COLUMN contact_last_name character varying(100) NOT NULL DEFAULT '',
    ADD COLUMN contact_email character varying(254) NOT NULL DEFAULT '',
    ADD COLUMN contact_phone character varying(30),
    ADD COLUMN contact_title character varying(100),
    ADD COLUMN street character varying(200) NOT NULL DEFAULT '',
    ADD COLUMN city character varying(200) NOT NULL DEFAULT '',
    ADD COLUMN state character varying(100),
    ADD COLUMN postal_code character varying(20) NOT NULL DEFAULT '',
    ADD COLUMN country character varying(2) NOT NULL DEFAULT '',
    ADD COLUMN preferred_language character varying(2) NOT NULL DEFAULT 'en',
    ADD COLUMN status character varying(12) NOT NULL DEFAULT 'Active',
    ADD COLUMN currency character varying(3) NOT NULL DEFAULT 'USD',
    ADD COLUMN price_book_id uuid,
    ADD COLUMN support_plan_id uuid,
    ADD COLUMN updated_at timestamp with time zone NOT NULL DEFAULT now();
ALTER TABLE customers
    ALTER COLUMN contact_first_name DROP DEFAULT,
    ALTER COLUMN contact_last_name DROP DEFAULT,
    ALTER COLUMN contact_email DROP DEFAULT,
    ALTER COLUMN street DROP DEFAULT,
    ALTER COLUMN city DROP DEFAULT,
    ALTER COLUMN postal_code DROP DEFAULT,
    ALTER COLUMN country DROP DEFAULT,
    ALTER COLUMN preferred_language DROP DEFAULT,
    ALTER COLUMN status DROP DEFAULT,
    ALTER COLUMN currency DROP DEFAULT,
    ALTER COLUMN updated_at DROP DEFAULT,
    ADD COLUMN search_text text GENERATED ALWAYS AS (
        lower(company_name || ' ' || contact_first_name || ' ' || contact_last_name || ' ' || contact_email || ' ' || coalesce(domain, ''))) STORED NOT NULL,
    ADD CONSTRAINT ck_customers_status CHECK (status IN ('Pending', 'Active', 'Suspended')),
    ADD CONSTRAINT ck_customers_language CHECK (preferred_language IN ('en', 'es')),
    ADD CONSTRAINT fk_customers_price_books_price_book_id FOREIGN KEY (price_book_id) REFERENCES price_books (id) ON DELETE RESTRICT,
    ADD CONSTRAINT fk_customers_support_plans_support_plan_id FOREIGN KEY (support_plan_id) REFERENCES support_plans (id) ON DELETE RESTRICT;
CREATE INDEX ix_customers_reseller_id_status ON customers (reseller_id, status);
CREATE INDEX ix_customers_price_book_id ON customers (price_book_id);
CREATE INDEX ix_customers_support_plan_id ON customers (support_plan_id);
CREATE INDEX ix_customers_search ON customers USING gin (search_text gin_trgm_ops);

CREATE TABLE provider_authorizations (
    customer_id uuid NOT NULL,
    provider character varying(20) NOT NULL,
    reseller_id uuid NOT NULL,
    price_book_id uuid NOT NULL,
    currency character varying(3) NOT NULL,
    enabled_in_portal boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_provider_authorizations PRIMARY KEY (customer_id, provider),
    CONSTRAINT fk_provider_authorizations_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
    CONSTRAINT fk_provider_authorizations_price_books_price_book_id FOREIGN KEY (price_book_id) REFERENCES price_books (id) ON DELETE RESTRICT
);
CREATE INDEX ix_provider_authorizations_reseller_id_price_book_id ON provider_authorizations (reseller_id, price_book_id);
CREATE INDEX ix_provider_authorizations_price_book_id ON provider_authorizations (price_book_id);

CREATE TABLE sign_up_settings (
    reseller_id uuid NOT NULL,
    allow_sign_up boolean NOT NULL,
    require_email_confirmation boolean NOT NULL,
    require_address boolean NOT NULL,
    terms_text character varying(10000),
    auto_approve boolean NOT NULL,
    allowed_domains text[] NOT NULL,
    blocked_domains text[] NOT NULL,
    default_price_book_id uuid,
    default_support_plan_id uuid,
    default_providers text[] NOT NULL,
    default_enabled_in_portal boolean NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_sign_up_settings PRIMARY KEY (reseller_id),
    CONSTRAINT fk_sign_up_settings_resellers_reseller_id FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE CASCADE,
    CONSTRAINT fk_sign_up_settings_price_books_default_price_book_id FOREIGN KEY (default_price_book_id) REFERENCES price_books (id) ON DELETE RESTRICT,
    CONSTRAINT fk_sign_up_settings_support_plans_default_support_plan_id FOREIGN KEY (default_support_plan_id) REFERENCES support_plans (id) ON DELETE RESTRICT
);
CREATE INDEX ix_sign_up_settings_default_price_book_id ON sign_up_settings (default_price_book_id);
CREATE INDEX ix_sign_up_settings_default_support_plan_id ON sign_up_settings (default_support_plan_id);

-- The approval queue: sign-ups and account requests, kept after they are decided.
CREATE TABLE approval_requests (
    id uuid NOT NULL,
    reseller_id uuid NOT NULL,
    kind character varying(20) NOT NULL,
    status character varying(24) NOT NULL,
    company_name character varying(200) NOT NULL,
    contact_first_name character varying(100) NOT NULL,
    contact_last_name character varying(100) NOT NULL,
    contact_email character varying(254) NOT NULL,
    contact_phone character varying(30),
    contact_title character varying(100),
    street character varying(200),
    city character varying(200),
    state character varying(100),
    postal_code character varying(20),
    country character varying(2),
    preferred_language character varying(2) NOT NULL,
    password_hash text,
    confirmation_token_hash character varying(64),
    terms_accepted_at timestamp with time zone,
    customer_id uuid,
    requested_by_user_id uuid,
    provider character varying(20),
    message character varying(1000),
    created_at timestamp with time zone NOT NULL,
    confirmed_at timestamp with time zone,
    decided_at timestamp with time zone,
    decided_by_user_id uuid,
    decided_by_name character varying(256),
    decline_reason character varying(1000),
    CONSTRAINT pk_approval_requests PRIMARY KEY (id),
    CONSTRAINT ck_approval_requests_decision CHECK (
        (status IN ('Approved', 'Declined')) = (decided_at IS NOT NULL) AND (status <> 'Declined' OR decline_reason IS NOT NULL)),
    CONSTRAINT fk_approval_requests_resellers_reseller_id FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE CASCADE,
    CONSTRAINT fk_approval_requests_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT
);
CREATE INDEX ix_approval_requests_reseller_id_status_created_at ON approval_requests (reseller_id, status, created_at);
CREATE INDEX ix_approval_requests_reseller_id_contact_email ON approval_requests (reseller_id, contact_email);
CREATE INDEX ix_approval_requests_customer_id ON approval_requests (customer_id);
