-- The users table's configuration moved to the accounts feature, where EFCore.NamingConventions
-- names its foreign keys after the principal entity, as it does everywhere else (see 0006).
ALTER TABLE users RENAME CONSTRAINT fk_users_customers_customer_id TO fk_users_customer_customer_id;
ALTER TABLE users RENAME CONSTRAINT fk_users_resellers_reseller_id TO fk_users_reseller_reseller_id;
