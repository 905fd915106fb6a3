-- A reseller may require two-factor sign-in of all its staff.
ALTER TABLE resellers ADD COLUMN require_staff_two_factor boolean NOT NULL DEFAULT false;
ALTER TABLE resellers ALTER COLUMN require_staff_two_factor DROP DEFAULT;
