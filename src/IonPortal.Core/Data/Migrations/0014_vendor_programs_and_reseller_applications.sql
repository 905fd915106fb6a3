-- Vendor programs a reseller asks for (decided by operators), and companies asking to become resellers.
CREATE TABLE program_enrollments (
    id uuid NOT NULL,
    reseller_id uuid NOT NULL,
    program character varying(30) NOT NULL,
    status character varying(12) NOT NULL,
    reseller_domain character varying(253) NOT NULL,
    terms_accepted_at timestamp with time zone NOT NULL,
    requested_by character varying(254) NOT NULL,
    requested_at timestamp with time zone NOT NULL,
    decided_by character varying(254),
    decided_at timestamp with time zone,
    decline_reason character varying(1000),
    CONSTRAINT pk_program_enrollments PRIMARY KEY (id),
    CONSTRAINT ck_program_enrollments_status CHECK (status IN ('Requested', 'Approved', 'Declined')),
    CONSTRAINT fk_program_enrollments_resellers_reseller_id FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_program_enrollments_reseller_id_program ON program_enrollments (reseller_id, program);
CREATE INDEX ix_program_enrollments_status_requested_at ON program_enrollments (status, requested_at);

CREATE TABLE reseller_applications (
    id uuid NOT NULL,
    company_name character varying(200) NOT NULL,
    street character varying(200) NOT NULL,
    city character varying(200) NOT NULL,
    state character varying(100),
    postal_code character varying(20) NOT NULL,
    country character varying(2) NOT NULL,
    contact_first_name character varying(100) NOT NULL,
    contact_last_name character varying(100) NOT NULL,
    contact_email character varying(254) NOT NULL,
    contact_phone character varying(30),
    contact_title character varying(100),
    microsoft_partner_id character varying(10),
    message character varying(2000),
    language character varying(2) NOT NULL,
    status character varying(12) NOT NULL,
    decline_reason character varying(1000),
    decided_by character varying(254),
    decided_at timestamp with time zone,
    reseller_id uuid,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_reseller_applications PRIMARY KEY (id),
    CONSTRAINT ck_reseller_applications_status CHECK (status IN ('Requested', 'Approved', 'Declined')),
    CONSTRAINT ck_reseller_applications_language CHECK (language IN ('en', 'es')),
    CONSTRAINT fk_reseller_applications_reseller_reseller_id FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE SET NULL
);
CREATE INDEX ix_reseller_applications_status_created_at ON reseller_applications (status, created_at);
CREATE INDEX ix_reseller_applications_contact_email ON reseller_applications (contact_email);
CREATE INDEX ix_reseller_applications_reseller_id ON reseller_applications (reseller_id);
