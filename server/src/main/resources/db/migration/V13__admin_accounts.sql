-- Operators of the admin console and their API keys. Portable SQL for H2, PostgreSQL and MariaDB/MySQL.

-- One row per admin. password_hash is a DelegatingPasswordEncoder string ({bcrypt}$2a$12$...), so a
-- later, stronger encoding can replace it at the admin's next login.
CREATE TABLE admin_account (
    username       VARCHAR(100) NOT NULL,
    password_hash  VARCHAR(255) NOT NULL,
    created_at     TIMESTAMP(6) NOT NULL,
    last_login_at  TIMESTAMP(6),
    CONSTRAINT pk_admin_account PRIMARY KEY (username)
);

-- Keys for scripts calling /admin/api/v1: wxa_<id>_<secret>. Only the SHA-256 of the whole key is
-- kept (the key has 256 random bits: a slow hash adds nothing); it is shown once, when created.
CREATE TABLE admin_api_key (
    id            VARCHAR(16)  NOT NULL,
    name          VARCHAR(100) NOT NULL,
    key_hash      VARCHAR(64)  NOT NULL,
    created_by    VARCHAR(100) NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL,
    last_used_at  TIMESTAMP(6),
    revoked_at    TIMESTAMP(6),
    CONSTRAINT pk_admin_api_key PRIMARY KEY (id)
);
