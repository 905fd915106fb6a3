-- Subscriptions transferred in (a Google transfer) have no order; the sandbox's Google transfer tokens.
ALTER TABLE subscriptions ALTER COLUMN order_id DROP NOT NULL;

CREATE TABLE sandbox_google_transfers (
    token character varying(64) NOT NULL,
    domain character varying(253) NOT NULL,
    reseller_public_id character varying(40) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    accepted_at timestamp with time zone,
    subscriptions jsonb,
    CONSTRAINT pk_sandbox_google_transfers PRIMARY KEY (token)
);
