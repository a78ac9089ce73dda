-- The example catalog's locations are the system's, no account's: the loader stored its history name ('system') as
-- their registrant, which made an account of that name their registrant (it could point them elsewhere or delete
-- them) and, without such an account, made their refresh write with no rights at all. Portable between H2 (2.x) and
-- PostgreSQL.
UPDATE locations SET registered_by = NULL, registered_roles = NULL
WHERE registered_by = 'system' AND registered_roles = 'catalog-admin' AND type = 'file';
