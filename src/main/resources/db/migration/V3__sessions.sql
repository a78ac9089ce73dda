-- Sign-in sessions of local mode. The cookie holds a random token; only its SHA-256 is stored, so a copy of the
-- database cannot be used to sign in. Signing out deletes the row: the cookie stops working at once, on every
-- replica.
CREATE TABLE sign_in_sessions (
    token_hash      VARCHAR(64)  NOT NULL PRIMARY KEY,
    account         VARCHAR(300) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sign_in_sessions_expiry_idx ON sign_in_sessions (expires_at);
