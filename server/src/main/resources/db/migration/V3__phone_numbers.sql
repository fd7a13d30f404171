-- Phone numbers bound to users, and the outcome of every phone code exchanged with WeChat.
-- Portable SQL for H2, PostgreSQL and MariaDB/MySQL.

ALTER TABLE wx_user ADD phone_number VARCHAR(32);
ALTER TABLE wx_user ADD pure_phone_number VARCHAR(32);
ALTER TABLE wx_user ADD country_code VARCHAR(8);
ALTER TABLE wx_user ADD phone_verified_at TIMESTAMP(6);

-- getuserphonenumber is paid and its code single-use: a row is claimed (state PENDING) before the
-- one call to WeChat, then holds its outcome (DONE with the masked number, or FAILED with our error
-- code), so that a retried request is answered from here. Codes are kept only as SHA-256 hex.
CREATE TABLE phone_code_exchange (
    appid          VARCHAR(32)  NOT NULL,
    code_hash      VARCHAR(64)  NOT NULL,
    user_id        BIGINT       NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    masked_number  VARCHAR(32),
    country_code   VARCHAR(8),
    error_code     VARCHAR(64),
    created_at     TIMESTAMP(6) NOT NULL,
    completed_at   TIMESTAMP(6),
    CONSTRAINT pk_phone_code_exchange PRIMARY KEY (appid, code_hash)
);
