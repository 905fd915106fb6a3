-- Orders (with their prices snapshotted), the jobs that provision them, and the subscriptions they make.

-- How many units one subscription to a plan may hold; Microsoft's business plans stop at 300 users.
ALTER TABLE plans ADD COLUMN min_quantity integer NOT NULL DEFAULT 1, ADD COLUMN max_quantity integer NOT NULL DEFAULT 10000;
ALTER TABLE plans ALTER COLUMN min_quantity DROP DEFAULT, ALTER COLUMN max_quantity DROP DEFAULT;
UPDATE plans SET max_quantity = 300
WHERE name ILIKE '%Business%' AND product_id IN (SELECT id FROM products WHERE provider = 'microsoft');

CREATE SEQUENCE order_numbers START WITH 1001;

CREATE TABLE orders (
    id uuid NOT NULL,
    reseller_id uuid NOT NULL,
    number bigint NOT NULL DEFAULT nextval('order_numbers'),
    customer_id uuid NOT NULL,
    checkout_key uuid NOT NULL,
    provider character varying(16) NOT NULL,
    currency character varying(3) NOT NULL,
    total numeric(14,2) NOT NULL,
    status character varying(16) NOT NULL,
    placed_at timestamp with time zone NOT NULL,
    placed_by character varying(256) NOT NULL,
    placed_by_user_id uuid,
    placed_by_customer boolean NOT NULL,
    completed_at timestamp with time zone,
    failure_problem character varying(64),
    CONSTRAINT pk_orders PRIMARY KEY (id),
    CONSTRAINT fk_orders_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
);
ALTER SEQUENCE order_numbers OWNED BY orders.number;
CREATE UNIQUE INDEX ix_orders_number ON orders (number);
CREATE UNIQUE INDEX ix_orders_reseller_id_checkout_key ON orders (reseller_id, checkout_key);
CREATE INDEX ix_orders_reseller_id_placed_at ON orders (reseller_id, placed_at);
CREATE INDEX ix_orders_customer_id_placed_at ON orders (customer_id, placed_at);

CREATE TABLE order_lines (
    order_id uuid NOT NULL,
    line_number integer NOT NULL,
    plan_id uuid NOT NULL,
    product_id uuid NOT NULL,
    product_name character varying(120) NOT NULL,
    plan_name character varying(120) NOT NULL,
    sku character varying(40) NOT NULL,
    term character varying(3) NOT NULL,
    billing character varying(10) NOT NULL,
    unit character varying(40) NOT NULL,
    quantity integer NOT NULL,
    unit_price numeric(12,2) NOT NULL,
    unit_cost numeric(12,2) NOT NULL,
    subscription_id uuid,
    CONSTRAINT pk_order_lines PRIMARY KEY (order_id, line_number),
    CONSTRAINT fk_order_lines_orders_order_id FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT fk_order_lines_plans_plan_id FOREIGN KEY (plan_id) REFERENCES plans (id) ON DELETE CASCADE
);
CREATE INDEX ix_order_lines_plan_id ON order_lines (plan_id);

CREATE TABLE order_events (
    id uuid NOT NULL,
    order_id uuid NOT NULL,
    status character varying(16) NOT NULL,
    at timestamp with time zone NOT NULL,
    by character varying(256) NOT NULL,
    problem character varying(64),
    CONSTRAINT pk_order_events PRIMARY KEY (id),
    CONSTRAINT fk_order_events_orders_order_id FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
);
CREATE INDEX ix_order_events_order_id_at ON order_events (order_id, at);

CREATE TABLE provisioning_jobs (
    id uuid NOT NULL,
    reseller_id uuid NOT NULL,
    order_id uuid NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    last_error character varying(2000),
    completed_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_provisioning_jobs PRIMARY KEY (id),
    CONSTRAINT fk_provisioning_jobs_orders_order_id FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
);
CREATE INDEX ix_provisioning_jobs_due ON provisioning_jobs (next_attempt_at) WHERE completed_at IS NULL;
CREATE INDEX ix_provisioning_jobs_order_id ON provisioning_jobs (order_id);

CREATE TABLE subscriptions (
    id uuid NOT NULL,
    reseller_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    order_id uuid NOT NULL,
    provider character varying(16) NOT NULL,
    provider_subscription_id character varying(64) NOT NULL,
    plan_id uuid NOT NULL,
    product_name character varying(120) NOT NULL,
    plan_name character varying(120) NOT NULL,
    sku character varying(40) NOT NULL,
    term character varying(3) NOT NULL,
    billing character varying(10) NOT NULL,
    unit character varying(40) NOT NULL,
    currency character varying(3) NOT NULL,
    unit_price numeric(12,2) NOT NULL,
    min_quantity integer NOT NULL,
    max_quantity integer NOT NULL,
    quantity integer NOT NULL,
    status character varying(12) NOT NULL,
    auto_renew boolean NOT NULL,
    purchased_at timestamp with time zone NOT NULL,
    renews_at timestamp with time zone NOT NULL,
    pending_quantity integer,
    version integer NOT NULL,
    CONSTRAINT pk_subscriptions PRIMARY KEY (id),
    CONSTRAINT fk_subscriptions_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
    CONSTRAINT fk_subscriptions_orders_order_id FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT fk_subscriptions_plans_plan_id FOREIGN KEY (plan_id) REFERENCES plans (id) ON DELETE CASCADE
);
CREATE INDEX ix_subscriptions_reseller_id_purchased_at ON subscriptions (reseller_id, purchased_at);
CREATE INDEX ix_subscriptions_customer_id_purchased_at ON subscriptions (customer_id, purchased_at);
CREATE UNIQUE INDEX ix_subscriptions_provider_provider_subscription_id ON subscriptions (provider, provider_subscription_id);
CREATE INDEX ix_subscriptions_due ON subscriptions (renews_at) WHERE status IN ('Active', 'Suspended');
CREATE INDEX ix_subscriptions_order_id ON subscriptions (order_id);
CREATE INDEX ix_subscriptions_plan_id ON subscriptions (plan_id);

CREATE TABLE seat_batches (
    id uuid NOT NULL,
    subscription_id uuid NOT NULL,
    quantity integer NOT NULL,
    added_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_seat_batches PRIMARY KEY (id),
    CONSTRAINT fk_seat_batches_subscriptions_subscription_id FOREIGN KEY (subscription_id) REFERENCES subscriptions (id) ON DELETE CASCADE
);
CREATE INDEX ix_seat_batches_subscription_id ON seat_batches (subscription_id);

CREATE TABLE subscription_events (
    id uuid NOT NULL,
    subscription_id uuid NOT NULL,
    kind character varying(20) NOT NULL,
    at timestamp with time zone NOT NULL,
    by character varying(256) NOT NULL,
    from_quantity integer,
    to_quantity integer,
    CONSTRAINT pk_subscription_events PRIMARY KEY (id),
    CONSTRAINT fk_subscription_events_subscriptions_subscription_id FOREIGN KEY (subscription_id) REFERENCES subscriptions (id) ON DELETE CASCADE
);
CREATE INDEX ix_subscription_events_subscription_id_at ON subscription_events (subscription_id, at);
