-- Billing: metered usage (Partner Center's daily rated usage, from uploaded files and the provider's
-- daily feed) with its monthly rollup, monthly statements per customer, and saved reports.

CREATE TABLE usage_imports (
    id uuid NOT NULL,
    reseller_id uuid NOT NULL,
    source character varying(16) NOT NULL,
    name character varying(260) NOT NULL,
    fingerprint character varying(80) NOT NULL,
    row_count integer NOT NULL,
    unmatched_row_count integer NOT NULL,
    late_row_count integer NOT NULL,
    cost numeric(20,8) NOT NULL,
    first_usage_date date NOT NULL,
    last_usage_date date NOT NULL,
    imported_at timestamp with time zone NOT NULL,
    imported_by character varying(256) NOT NULL,
    CONSTRAINT pk_usage_imports PRIMARY KEY (id),
    CONSTRAINT fk_usage_imports_reseller_reseller_id FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE CASCADE
);
-- The same file (or the same day of the feed) imports once.
CREATE UNIQUE INDEX ix_usage_imports_reseller_id_fingerprint ON usage_imports (reseller_id, fingerprint);
CREATE INDEX ix_usage_imports_reseller_id_imported_at ON usage_imports (reseller_id, imported_at);

-- One row per customer, subscription, meter, resource and day, as the provider rated it. Ten million
-- rows a month come in by COPY, so the import resolves customer and subscription itself and the
-- table has no foreign keys to check per row; partitions are made by month as imports need them.
CREATE TABLE usage_records (
    reseller_id uuid NOT NULL,
    usage_date date NOT NULL,
    import_id uuid NOT NULL,
    line integer NOT NULL,
    billing_month date NOT NULL,
    customer_id uuid,
    subscription_id uuid,
    provider_customer_id character varying(64) NOT NULL,
    customer_domain character varying(256) NOT NULL,
    customer_name character varying(256) NOT NULL,
    provider_subscription_id character varying(64) NOT NULL,
    product_name character varying(200) NOT NULL,
    meter_id character varying(64) NOT NULL,
    meter_name character varying(200) NOT NULL,
    meter_category character varying(100) NOT NULL,
    meter_region character varying(64) NOT NULL,
    resource_uri character varying(1000) NOT NULL,
    charge_type character varying(32) NOT NULL,
    unit character varying(64) NOT NULL,
    quantity numeric(28,10) NOT NULL,
    cost numeric(20,8) NOT NULL,
    currency character varying(3) NOT NULL,
    CONSTRAINT pk_usage_records PRIMARY KEY (reseller_id, usage_date, import_id, line)
) PARTITION BY RANGE (usage_date);

-- Usage summed per customer, subscription and meter for each month it was used and billed in; kept
-- current by every import, so statements, reports and reconciliation never scan the raw rows.
CREATE TABLE usage_monthly (
    reseller_id uuid NOT NULL,
    usage_month date NOT NULL,
    billing_month date NOT NULL,
    provider_customer_id character varying(64) NOT NULL,
    provider_subscription_id character varying(64) NOT NULL,
    meter_id character varying(64) NOT NULL,
    currency character varying(3) NOT NULL,
    customer_id uuid,
    subscription_id uuid,
    customer_name character varying(256) NOT NULL,
    customer_domain character varying(256) NOT NULL,
    product_name character varying(200) NOT NULL,
    meter_name character varying(200) NOT NULL,
    meter_category character varying(100) NOT NULL,
    unit character varying(64) NOT NULL,
    quantity numeric(28,10) NOT NULL,
    cost numeric(20,8) NOT NULL,
    row_count integer NOT NULL,
    CONSTRAINT pk_usage_monthly PRIMARY KEY (reseller_id, billing_month, usage_month, provider_customer_id, provider_subscription_id, meter_id, currency)
);
CREATE INDEX ix_usage_monthly_reseller_id_provider_customer_id ON usage_monthly (reseller_id, provider_customer_id);

-- A provider customer the reseller matched to one of its customers by hand (its usage had no linked tenant).
CREATE TABLE usage_customer_matches (
    reseller_id uuid NOT NULL,
    provider_customer_id character varying(64) NOT NULL,
    customer_id uuid NOT NULL,
    matched_at timestamp with time zone NOT NULL,
    matched_by character varying(256) NOT NULL,
    CONSTRAINT pk_usage_customer_matches PRIMARY KEY (reseller_id, provider_customer_id),
    CONSTRAINT fk_usage_customer_matches_customer_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
);
CREATE INDEX ix_usage_customer_matches_customer_id ON usage_customer_matches (customer_id);

-- A reseller's billing month: its statements are drafts until it is issued, and locked after.
CREATE TABLE billing_periods (
    reseller_id uuid NOT NULL,
    month date NOT NULL,
    last_run_at timestamp with time zone,
    issued_at timestamp with time zone,
    issued_by character varying(256),
    CONSTRAINT pk_billing_periods PRIMARY KEY (reseller_id, month),
    CONSTRAINT fk_billing_periods_reseller_reseller_id FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE CASCADE
);

CREATE SEQUENCE statement_numbers START WITH 100001;

CREATE TABLE statements (
    id uuid NOT NULL,
    reseller_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    month date NOT NULL,
    number bigint NOT NULL DEFAULT nextval('statement_numbers'),
    customer_name character varying(200) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_statements PRIMARY KEY (id),
    CONSTRAINT fk_statements_customer_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
);
ALTER SEQUENCE statement_numbers OWNED BY statements.number;
CREATE UNIQUE INDEX ix_statements_reseller_id_month_customer_id ON statements (reseller_id, month, customer_id);
CREATE UNIQUE INDEX ix_statements_number ON statements (number);
CREATE INDEX ix_statements_customer_id_month ON statements (customer_id, month);

CREATE TABLE statement_totals (
    statement_id uuid NOT NULL,
    currency character varying(3) NOT NULL,
    licences numeric(18,2) NOT NULL,
    usage numeric(18,2) NOT NULL,
    support numeric(18,2) NOT NULL,
    total numeric(18,2) NOT NULL,
    cost numeric(18,2) NOT NULL,
    CONSTRAINT pk_statement_totals PRIMARY KEY (statement_id, currency),
    CONSTRAINT fk_statement_totals_statements_statement_id FOREIGN KEY (statement_id) REFERENCES statements (id) ON DELETE CASCADE
);

CREATE TABLE statement_lines (
    statement_id uuid NOT NULL,
    line_number integer NOT NULL,
    reseller_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    month date NOT NULL,
    kind character varying(8) NOT NULL,
    subscription_id uuid,
    provider_subscription_id character varying(64),
    vendor character varying(80) NOT NULL,
    product_name character varying(200) NOT NULL,
    description character varying(300) NOT NULL,
    meter_id character varying(64),
    usage_month date,
    period_start date NOT NULL,
    period_end date NOT NULL,
    days integer,
    days_in_period integer,
    quantity numeric(28,10) NOT NULL,
    unit character varying(64) NOT NULL,
    unit_price numeric(12,2),
    cost numeric(18,2) NOT NULL,
    price numeric(18,2) NOT NULL,
    currency character varying(3) NOT NULL,
    priced_at_cost boolean NOT NULL,
    CONSTRAINT pk_statement_lines PRIMARY KEY (statement_id, line_number),
    CONSTRAINT fk_statement_lines_statements_statement_id FOREIGN KEY (statement_id) REFERENCES statements (id) ON DELETE CASCADE
);
CREATE INDEX ix_statement_lines_reseller_id_month ON statement_lines (reseller_id, month);

CREATE TABLE saved_reports (
    id uuid NOT NULL,
    reseller_id uuid NOT NULL,
    owner_id uuid NOT NULL,
    name character varying(80) NOT NULL,
    settings jsonb NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_saved_reports PRIMARY KEY (id),
    CONSTRAINT fk_saved_reports_users_owner_id FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_saved_reports_owner_id_name ON saved_reports (owner_id, name);
