-- The provider sandbox's carts and subscriptions (Development and tests only; empty elsewhere).
CREATE TABLE sandbox_carts (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    request_id uuid NOT NULL,
    line_items jsonb NOT NULL,
    order_id uuid,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_sandbox_carts PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_sandbox_carts_request_id ON sandbox_carts (request_id);

CREATE TABLE sandbox_subscriptions (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    order_id uuid NOT NULL,
    line_number integer NOT NULL,
    offer_id character varying(64) NOT NULL,
    quantity integer NOT NULL,
    status character varying(12) NOT NULL,
    auto_renew boolean NOT NULL,
    billing_cycle character varying(12) NOT NULL,
    term_duration character varying(3) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    commitment_end timestamp with time zone NOT NULL,
    CONSTRAINT pk_sandbox_subscriptions PRIMARY KEY (id)
);
CREATE INDEX ix_sandbox_subscriptions_tenant_id_order_id ON sandbox_subscriptions (tenant_id, order_id);
