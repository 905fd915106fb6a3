-- A reseller's own settings: support phone, time zone, storefront on or off and its branding, the
-- customer portal's areas; nicknames it used before, which keep their storefront addresses redirecting.
ALTER TABLE resellers ADD COLUMN support_phone character varying(30);
ALTER TABLE resellers ADD COLUMN time_zone character varying(64) NOT NULL DEFAULT 'UTC';
ALTER TABLE resellers ADD COLUMN storefront_enabled boolean NOT NULL DEFAULT true;
ALTER TABLE resellers ADD COLUMN storefront_branding character varying(12) NOT NULL DEFAULT 'WhiteLabel';
ALTER TABLE resellers ADD COLUMN portal_areas integer NOT NULL DEFAULT 127;
-- Defaults stay, as for the two-factor switch: rows written by SQL (the benchmarks' seeds) get what a new reseller gets.
ALTER TABLE resellers ALTER COLUMN require_staff_two_factor SET DEFAULT false;

CREATE TABLE former_nicknames (
    nickname character varying(30) NOT NULL,
    reseller_id uuid NOT NULL,
    retired_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_former_nicknames PRIMARY KEY (nickname),
    CONSTRAINT fk_former_nicknames_reseller_reseller_id FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE CASCADE
);
CREATE INDEX ix_former_nicknames_reseller_id ON former_nicknames (reseller_id);
