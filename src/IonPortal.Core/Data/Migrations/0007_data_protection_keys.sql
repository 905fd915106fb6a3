-- The key ring is now kept by Microsoft.AspNetCore.DataProtection.EntityFrameworkCore, whose
-- entity leaves the friendly name and the XML optional and unbounded.
ALTER TABLE data_protection_keys ALTER COLUMN friendly_name TYPE text, ALTER COLUMN friendly_name DROP NOT NULL, ALTER COLUMN xml DROP NOT NULL;
