-- The platform catalog (vendors, products, plans priced per currency), resellers' price books and
-- storefront settings, support plans, and the audit trail for changes that matter.

CREATE TABLE audit_events (
    id uuid NOT NULL,
    reseller_id uuid,
    actor_user_id uuid,
    actor_name character varying(256) NOT NULL,
    action character varying(60) NOT NULL,
    entity_type character varying(60) NOT NULL,
    entity_id uuid NOT NULL,
    before jsonb,
    after jsonb,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_audit_events PRIMARY KEY (id)
);
CREATE INDEX ix_audit_events_reseller_id_entity_type_entity_id_at ON audit_events (reseller_id, entity_type, entity_id, at);

-- Catalog: kept by platform operators, shared by every reseller.
CREATE TABLE vendors (
    id uuid NOT NULL,
    name character varying(80) NOT NULL,
    website character varying(200),
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_vendors PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_vendors_name ON vendors (name);

CREATE TABLE products (
    id uuid NOT NULL,
    vendor_id uuid NOT NULL,
    name character varying(120) NOT NULL,
    category character varying(60) NOT NULL,
    short_description character varying(300) NOT NULL,
    description character varying(4000) NOT NULL,
    kind character varying(20) NOT NULL,
    provider character varying(20) NOT NULL,
    retired_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_products PRIMARY KEY (id),
    CONSTRAINT fk_products_vendors_vendor_id FOREIGN KEY (vendor_id) REFERENCES vendors (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_products_vendor_id_name ON products (vendor_id, name);
CREATE INDEX ix_products_category ON products (category);

CREATE TABLE plans (
    id uuid NOT NULL,
    product_id uuid NOT NULL,
    sku character varying(40) NOT NULL,
    name character varying(120) NOT NULL,
    term character varying(3) NOT NULL,
    billing character varying(10) NOT NULL,
    unit character varying(40) NOT NULL,
    retired_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_plans PRIMARY KEY (id),
    CONSTRAINT fk_plans_products_product_id FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_plans_sku ON plans (sku);
CREATE INDEX ix_plans_product_id ON plans (product_id);

-- Cost (what the reseller pays the distributor) and list price, per unit per charge.
CREATE TABLE plan_prices (
    plan_id uuid NOT NULL,
    currency character(3) NOT NULL,
    cost numeric(18,2) NOT NULL,
    list_price numeric(18,2) NOT NULL,
    CONSTRAINT pk_plan_prices PRIMARY KEY (plan_id, currency),
    CONSTRAINT ck_plan_prices_amounts CHECK (cost >= 0 AND list_price >= 0),
    CONSTRAINT ck_plan_prices_currency CHECK (currency IN ('USD', 'CAD', 'MXN', 'BRL', 'COP', 'EUR')),
    CONSTRAINT fk_plan_prices_plans_plan_id FOREIGN KEY (plan_id) REFERENCES plans (id) ON DELETE CASCADE
);

CREATE TABLE plan_upgrades (
    from_plan_id uuid NOT NULL,
    to_plan_id uuid NOT NULL,
    CONSTRAINT pk_plan_upgrades PRIMARY KEY (from_plan_id, to_plan_id),
    CONSTRAINT ck_plan_upgrades_distinct CHECK (from_plan_id <> to_plan_id),
    CONSTRAINT fk_plan_upgrades_plans_from_plan_id FOREIGN KEY (from_plan_id) REFERENCES plans (id) ON DELETE CASCADE,
    CONSTRAINT fk_plan_upgrades_plans_to_plan_id FOREIGN KEY (to_plan_id) REFERENCES plans (id) ON DELETE CASCADE
);
CREATE INDEX ix_plan_upgrades_to_plan_id ON plan_upgrades (to_plan_id);

-- Price books: a reseller's pricing in one currency, with one rule per target.
CREATE TABLE price_books (
    id uuid NOT NULL,
    reseller_id uuid NOT NULL,
    name character varying(80) NOT NULL,
    currency character(3) NOT NULL,
    basis character varying(10) NOT NULL,
    default_adjustment_percent numeric(9,4) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_price_books PRIMARY KEY (id),
    CONSTRAINT ck_price_books_adjustment CHECK (default_adjustment_percent > -100 AND default_adjustment_percent <= 1000),
    CONSTRAINT ck_price_books_currency CHECK (currency IN ('USD', 'CAD', 'MXN', 'BRL', 'COP', 'EUR')),
    CONSTRAINT fk_price_books_resellers_reseller_id FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_price_books_reseller_id_name ON price_books (reseller_id, name);

CREATE TABLE price_rules (
    id uuid NOT NULL,
    reseller_id uuid NOT NULL,
    price_book_id uuid NOT NULL,
    scope character varying(10) NOT NULL,
    vendor_id uuid,
    category character varying(60),
    product_id uuid,
    plan_id uuid,
    adjustment_percent numeric(9,4),
    fixed_price numeric(18,2),
    CONSTRAINT pk_price_rules PRIMARY KEY (id),
    CONSTRAINT ck_price_rules_target CHECK (
        (scope = 'Vendor' AND vendor_id IS NOT NULL AND category IS NULL AND product_id IS NULL AND plan_id IS NULL) OR
        (scope = 'Category' AND vendor_id IS NULL AND category IS NOT NULL AND product_id IS NULL AND plan_id IS NULL) OR
        (scope = 'Product' AND vendor_id IS NULL AND category IS NULL AND product_id IS NOT NULL AND plan_id IS NULL) OR
        (scope = 'Plan' AND vendor_id IS NULL AND category IS NULL AND product_id IS NULL AND plan_id IS NOT NULL)),
    CONSTRAINT ck_price_rules_value CHECK (
        (adjustment_percent IS NOT NULL AND fixed_price IS NULL AND adjustment_percent > -100 AND adjustment_percent <= 1000) OR
        (adjustment_percent IS NULL AND fixed_price IS NOT NULL AND fixed_price >= 0 AND scope = 'Plan')),
    CONSTRAINT fk_price_rules_price_books_price_book_id FOREIGN KEY (price_book_id) REFERENCES price_books (id) ON DELETE CASCADE,
    CONSTRAINT fk_price_rules_vendors_vendor_id FOREIGN KEY (vendor_id) REFERENCES vendors (id) ON DELETE CASCADE,
    CONSTRAINT fk_price_rules_products_product_id FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
    CONSTRAINT fk_price_rules_plans_plan_id FOREIGN KEY (plan_id) REFERENCES plans (id) ON DELETE CASCADE
);
CREATE INDEX ix_price_rules_reseller_id_price_book_id ON price_rules (reseller_id, price_book_id);
CREATE UNIQUE INDEX ix_price_rules_vendor ON price_rules (price_book_id, vendor_id) WHERE scope = 'Vendor';
CREATE UNIQUE INDEX ix_price_rules_category ON price_rules (price_book_id, category) WHERE scope = 'Category';
CREATE UNIQUE INDEX ix_price_rules_product ON price_rules (price_book_id, product_id) WHERE scope = 'Product';
CREATE UNIQUE INDEX ix_price_rules_plan ON price_rules (price_book_id, plan_id) WHERE scope = 'Plan';
CREATE INDEX ix_price_rules_vendor_id ON price_rules (vendor_id);
CREATE INDEX ix_price_rules_product_id ON price_rules (product_id);
CREATE INDEX ix_price_rules_plan_id ON price_rules (plan_id);

-- Storefronts: the book that prices them, the vendors they show, the products they hide.
CREATE TABLE storefront_settings (
    reseller_id uuid NOT NULL,
    price_book_id uuid,
    currency character(3) NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_storefront_settings PRIMARY KEY (reseller_id),
    CONSTRAINT ck_storefront_settings_currency CHECK (currency IN ('USD', 'CAD', 'MXN', 'BRL', 'COP', 'EUR')),
    CONSTRAINT fk_storefront_settings_resellers_reseller_id FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE CASCADE,
    CONSTRAINT fk_storefront_settings_price_books_price_book_id FOREIGN KEY (price_book_id) REFERENCES price_books (id) ON DELETE RESTRICT
);
CREATE INDEX ix_storefront_settings_price_book_id ON storefront_settings (price_book_id);

CREATE TABLE storefront_vendors (
    reseller_id uuid NOT NULL,
    vendor_id uuid NOT NULL,
    CONSTRAINT pk_storefront_vendors PRIMARY KEY (reseller_id, vendor_id),
    CONSTRAINT fk_storefront_vendors_resellers_reseller_id FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE CASCADE,
    CONSTRAINT fk_storefront_vendors_vendors_vendor_id FOREIGN KEY (vendor_id) REFERENCES vendors (id) ON DELETE CASCADE
);
CREATE INDEX ix_storefront_vendors_vendor_id ON storefront_vendors (vendor_id);

CREATE TABLE storefront_hidden_products (
    reseller_id uuid NOT NULL,
    product_id uuid NOT NULL,
    CONSTRAINT pk_storefront_hidden_products PRIMARY KEY (reseller_id, product_id),
    CONSTRAINT fk_storefront_hidden_products_resellers_reseller_id FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE CASCADE,
    CONSTRAINT fk_storefront_hidden_products_products_product_id FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
);
CREATE INDEX ix_storefront_hidden_products_product_id ON storefront_hidden_products (product_id);

-- Support plans: a monthly fee as a share of the customer's charges and/or a fixed amount.
CREATE TABLE support_plans (
    id uuid NOT NULL,
    reseller_id uuid NOT NULL,
    name character varying(80) NOT NULL,
    description character varying(500) NOT NULL,
    percent_of_charges numeric(5,2),
    fixed_monthly_fee numeric(18,2),
    currency character(3),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_support_plans PRIMARY KEY (id),
    CONSTRAINT ck_support_plans_fee CHECK (percent_of_charges IS NOT NULL OR fixed_monthly_fee IS NOT NULL),
    CONSTRAINT ck_support_plans_percent CHECK (percent_of_charges IS NULL OR (percent_of_charges >= 0 AND percent_of_charges <= 100)),
    CONSTRAINT ck_support_plans_fixed CHECK ((fixed_monthly_fee IS NULL AND currency IS NULL) OR (fixed_monthly_fee >= 0 AND currency IS NOT NULL)),
    CONSTRAINT fk_support_plans_resellers_reseller_id FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_support_plans_reseller_id_name ON support_plans (reseller_id, name);
