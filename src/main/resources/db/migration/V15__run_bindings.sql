-- The claims the runs were last bound by: a digest of every pipeline's claiming annotations and registration time
-- (which breaks ties between equal claims), written by the rebinding pass under its lock. A catalog change that leaves
-- the claims as they were, as most do, then does not read every job's runs again. '' before the first pass and after
-- an import (its runs are bound as the archive had them).
CREATE TABLE run_bindings (
    id      INTEGER     PRIMARY KEY,
    claims  VARCHAR(64) NOT NULL
);
INSERT INTO run_bindings (id, claims) VALUES (1, '');
