-- Sign-in to websites by scanning: one row per ticket shown as a mini-program code. The browser that
-- asked for it holds a random secret (an HttpOnly cookie); only its SHA-256 is stored. A ticket goes
-- PENDING -> SCANNED (by one user) -> APPROVED or DENIED, and APPROVED -> CONSUMED once, when that
-- browser's session becomes the user's.
CREATE TABLE web_login_ticket (
    id             VARCHAR(22)   NOT NULL,
    browser_hash   VARCHAR(64)   NOT NULL,
    appid          VARCHAR(64)   NOT NULL,
    client_id      VARCHAR(100),
    scopes         VARCHAR(1000),
    status         VARCHAR(16)   NOT NULL,
    user_id        BIGINT,
    created_at     TIMESTAMP(6)  NOT NULL,
    expires_at     TIMESTAMP(6)  NOT NULL,
    scanned_at     TIMESTAMP(6),
    decided_at     TIMESTAMP(6),
    consumed_at    TIMESTAMP(6),
    CONSTRAINT pk_web_login_ticket PRIMARY KEY (id)
);

CREATE INDEX ix_web_login_ticket_expires_at ON web_login_ticket (expires_at);
