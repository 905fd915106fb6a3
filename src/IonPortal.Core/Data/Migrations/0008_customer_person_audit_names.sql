-- "Customer user" now names only the role (a customer's person who is not its admin); the
-- accounts of a customer's people are audited as "customer-person".
UPDATE audit_events
SET entity_type = 'customer-person', action = 'customer-person.' || substring(action FROM length('customer-user.') + 1)
WHERE entity_type = 'customer-user';
