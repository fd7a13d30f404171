-- Accounts of one person on two platforms, linked by the person (issue 21): both proved the same
-- phone number and the user of the second confirmed. Never inferred from a number alone. A pair is
-- stored once, the smaller id first. phone_hash is the SHA-256 hex of the number both proved then
-- (country code and number), kept as evidence, never the number. Portable SQL for H2, PostgreSQL and
-- MariaDB/MySQL.
CREATE TABLE account_link (
    user_low      BIGINT       NOT NULL,
    user_high     BIGINT       NOT NULL,
    phone_hash    VARCHAR(64)  NOT NULL,
    confirmed_by  BIGINT       NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL,
    CONSTRAINT pk_account_link PRIMARY KEY (user_low, user_high)
);
CREATE INDEX ix_account_link_high ON account_link (user_high);

-- Link candidates are the users holding the same number: found by equality, not by a scan.
CREATE INDEX ix_wx_user_pure_phone ON wx_user (pure_phone_number);
