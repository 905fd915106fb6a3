-- Click-to-run solutions: an order line's deployment parameters and the deployment it made; the sandbox's Azure deployments.
ALTER TABLE order_lines ADD COLUMN parameters jsonb, ADD COLUMN deployment_id character varying(200);

CREATE TABLE sandbox_deployments (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    name character varying(64) NOT NULL,
    template character varying(40) NOT NULL,
    parameters jsonb NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_sandbox_deployments PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_sandbox_deployments_tenant_id_name ON sandbox_deployments (tenant_id, name);
