-- A browser's sign-in at wxlogin, made when it completes a scan: in the database, so that a browser
-- that scanned through one instance goes on through any other. The browser holds a random token in the
-- HttpOnly cookie WXLOGIN_WEB_SIGNIN; only its SHA-256 is stored (token_hash). id names the sign-in to
-- the provider (the ID token's sid is a hash of it); signed_in_at is when the scan was completed, the
-- ID token's auth_time. Rows are deleted at logout, with the account, and once expired.
CREATE TABLE web_sign_in (
    id            VARCHAR(22)  NOT NULL,
    token_hash    VARCHAR(64)  NOT NULL,
    user_id       BIGINT       NOT NULL,
    signed_in_at  TIMESTAMP(6) NOT NULL,
    expires_at    TIMESTAMP(6) NOT NULL,
    CONSTRAINT pk_web_sign_in PRIMARY KEY (id),
    CONSTRAINT uq_web_sign_in_token_hash UNIQUE (token_hash)
);

CREATE INDEX ix_web_sign_in_user ON web_sign_in (user_id);
CREATE INDEX ix_web_sign_in_expires_at ON web_sign_in (expires_at);
