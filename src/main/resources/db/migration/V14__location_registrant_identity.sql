-- With single sign-on a location's refresh writes as the person who registered it, and the provider cannot be asked
-- again: besides her roles, the registration keeps the e-mail address her token verified (which finds her catalog User
-- when no User has her account's name) and the teams the token asserted (the groups claim, when configured). Before,
-- a refresh guessed the e-mail from an account name containing '@', which the provider may not have verified.
-- Locations registered before keep neither (their registrant renews them by changing the location). Portable between
-- H2 (2.x) and PostgreSQL.
ALTER TABLE locations ADD COLUMN registered_email VARCHAR(320);
ALTER TABLE locations ADD COLUMN registered_groups VARCHAR;
