-- Our own login state: the keys that sign access tokens, and refresh tokens (stored only as hashes).
-- Portable SQL for H2, PostgreSQL and MariaDB/MySQL; ids are made by the service.

-- ES256 signing keys. public_jwk is published in the JWKS; private_jwk is the private JWK, either as
-- it is (private_key_encryption = 'NONE') or sealed with the key-encryption secret.
CREATE TABLE signing_key (
    kid                    VARCHAR(64)   NOT NULL,
    algorithm              VARCHAR(16)   NOT NULL,
    public_jwk             VARCHAR(2000) NOT NULL,
    private_jwk            VARCHAR(4000) NOT NULL,
    private_key_encryption VARCHAR(32)   NOT NULL,
    created_at             TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_signing_key PRIMARY KEY (kid)
);

-- One row per refresh token ever issued. A family is the chain of tokens that one login started;
-- each use marks the token used and adds its successor, so a second use of a token is detectable.
CREATE TABLE refresh_token (
    id          VARCHAR(36)  NOT NULL,
    family_id   VARCHAR(36)  NOT NULL,
    user_id     BIGINT       NOT NULL,
    token_hash  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    expires_at  TIMESTAMP(6) NOT NULL,
    used_at     TIMESTAMP(6),
    rotated_to  VARCHAR(36),
    revoked_at  TIMESTAMP(6),
    CONSTRAINT pk_refresh_token PRIMARY KEY (id),
    CONSTRAINT uq_refresh_token_hash UNIQUE (token_hash)
);

CREATE INDEX ix_refresh_token_family ON refresh_token (family_id);
CREATE INDEX ix_refresh_token_user ON refresh_token (user_id);
