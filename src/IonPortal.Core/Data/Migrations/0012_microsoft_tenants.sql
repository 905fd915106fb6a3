-- A customer's Microsoft tenant (created here or linked after the reseller relationship was
-- accepted) and its Microsoft Customer Agreement; the sandbox learns existing tenants and custom domains.
CREATE TABLE microsoft_tenants (
    customer_id uuid NOT NULL,
    reseller_id uuid NOT NULL,
    state character varying(16) NOT NULL,
    created_here boolean NOT NULL,
    tenant_id uuid,
    domain character varying(253),
    invitation_region character varying(16),
    invitation_sent_to character varying(254),
    invitation_sent_at timestamp with time zone,
    linked_at timestamp with time zone,
    CONSTRAINT pk_microsoft_tenants PRIMARY KEY (customer_id),
    CONSTRAINT ck_microsoft_tenants_state CHECK (state IN ('InvitationSent', 'Linked')),
    CONSTRAINT ck_microsoft_tenants_linked CHECK (state <> 'Linked' OR (tenant_id IS NOT NULL AND domain IS NOT NULL)),
    CONSTRAINT fk_microsoft_tenants_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
    CONSTRAINT fk_microsoft_tenants_reseller_reseller_id FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_microsoft_tenants_reseller_id_tenant_id ON microsoft_tenants (reseller_id, tenant_id);

CREATE TABLE customer_agreements (
    customer_id uuid NOT NULL,
    reseller_id uuid NOT NULL,
    signer_first_name character varying(100),
    signer_last_name character varying(100),
    signer_email character varying(254),
    signer_phone character varying(30),
    date_accepted date,
    template_id character varying(64),
    accepted_by character varying(12),
    recorded_at timestamp with time zone,
    requested_at timestamp with time zone,
    requested_from character varying(254),
    CONSTRAINT pk_customer_agreements PRIMARY KEY (customer_id),
    CONSTRAINT ck_customer_agreements_accepted_by CHECK (accepted_by IN ('Reseller', 'Customer')),
    CONSTRAINT fk_customer_agreements_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
    CONSTRAINT fk_customer_agreements_reseller_reseller_id FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE RESTRICT
);
CREATE INDEX ix_customer_agreements_reseller_id ON customer_agreements (reseller_id);

ALTER TABLE sandbox_tenants ALTER COLUMN request_id DROP NOT NULL;
ALTER TABLE sandbox_tenants ADD COLUMN primary_domain character varying(253);
ALTER TABLE sandbox_tenants ADD COLUMN is_partners_customer boolean NOT NULL DEFAULT true;
ALTER TABLE sandbox_tenants ALTER COLUMN is_partners_customer DROP DEFAULT;
CREATE UNIQUE INDEX ix_sandbox_tenants_primary_domain ON sandbox_tenants (primary_domain);
