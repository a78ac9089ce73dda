-- The claims the runs were last bound by: a digest of every pipeline's claiming annotations and registration time
-- (which breaks ties between equal claims), written by the rebinding pass under its lock. A catalog change that leaves
-- the claims as they were, as most do, then does not read every job's runs again. '' before the first pass and after
-- an import (its runs are bound as the archive had them). settled: every job's runs were read again after the claims
-- last changed, once the run events stored meanwhile had committed; until then a start reads them all.
CREATE TABLE run_bindings (
    id       INTEGER     PRIMARY KEY,
    claims   VARCHAR(64) NOT NULL,
    settled  BOOLEAN     NOT NULL
);
INSERT INTO run_bindings (id, claims, settled) VALUES (1, '', FALSE);
