-- Products that come from a vendor's price list keep the vendor's id for them (Partner Center's ProductId).
ALTER TABLE products ADD COLUMN external_id character varying(20);
CREATE UNIQUE INDEX ix_products_vendor_id_external_id ON products (vendor_id, external_id);
