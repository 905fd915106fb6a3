-- The provider sandbox's tenant users and the licences assigned to them (Development and tests only; empty elsewhere).
CREATE TABLE sandbox_users (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    user_principal_name character varying(254) NOT NULL,
    first_name character varying(64) NOT NULL,
    last_name character varying(64) NOT NULL,
    display_name character varying(130) NOT NULL,
    usage_location character varying(2) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_sandbox_users PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_sandbox_users_user_principal_name ON sandbox_users (user_principal_name);
CREATE INDEX ix_sandbox_users_tenant_id ON sandbox_users (tenant_id);

CREATE TABLE sandbox_licences (
    user_id uuid NOT NULL,
    sku_id character varying(64) NOT NULL,
    tenant_id uuid NOT NULL,
    assigned_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_sandbox_licences PRIMARY KEY (user_id, sku_id),
    CONSTRAINT fk_sandbox_licences_sandbox_users_user_id FOREIGN KEY (user_id) REFERENCES sandbox_users (id) ON DELETE CASCADE
);
CREATE INDEX ix_sandbox_licences_tenant_id_sku_id ON sandbox_licences (tenant_id, sku_id);
