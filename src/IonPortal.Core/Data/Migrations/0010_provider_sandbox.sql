-- The provider sandbox's Microsoft tenants (served in Development and tests only; empty elsewhere).
CREATE TABLE sandbox_tenants (
    id uuid NOT NULL,
    domain character varying(253) NOT NULL,
    company_name character varying(200) NOT NULL,
    country character varying(2) NOT NULL,
    request_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_sandbox_tenants PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_sandbox_tenants_domain ON sandbox_tenants (domain);
CREATE UNIQUE INDEX ix_sandbox_tenants_request_id ON sandbox_tenants (request_id);
