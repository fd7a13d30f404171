-- The audit log, and the metadata of login sessions (refresh-token families).
-- Portable SQL for H2, PostgreSQL and MariaDB/MySQL; ids are made by the service.

-- One row per audited event. Never a code, token, session_key or full phone number: only who
-- (user, admin), where from (address, user agent, app), what (event_type) and how it ended (outcome:
-- OK or our ApiError code). Rows older than WXLOGIN_AUDIT_RETENTION are purged hourly.
CREATE TABLE audit_event (
    id              VARCHAR(36)  NOT NULL,
    occurred_at     TIMESTAMP(6) NOT NULL,
    -- occurred_at cut to the hour (UTC): the dashboard's counts GROUP BY it in any database's SQL.
    hour_start      TIMESTAMP(6) NOT NULL,
    event_type      VARCHAR(40)  NOT NULL,
    outcome         VARCHAR(64)  NOT NULL,
    appid           VARCHAR(32),
    user_id         BIGINT,
    session_id      VARCHAR(36),
    client_address  VARCHAR(64),
    user_agent      VARCHAR(256),
    admin_actor     VARCHAR(100),
    CONSTRAINT pk_audit_event PRIMARY KEY (id)
);

CREATE INDEX ix_audit_event_time ON audit_event (occurred_at);
CREATE INDEX ix_audit_event_user ON audit_event (user_id, occurred_at);
CREATE INDEX ix_audit_event_app ON audit_event (appid, occurred_at);
CREATE INDEX ix_audit_event_hour ON audit_event (hour_start);

-- One row per login session: the refresh-token family one login started (id = family_id, the sid
-- claim of its access tokens). revoked_at ends it, and with it every access token that names it.
CREATE TABLE login_session (
    id              VARCHAR(36)  NOT NULL,
    user_id         BIGINT       NOT NULL,
    appid           VARCHAR(32)  NOT NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    last_used_at    TIMESTAMP(6) NOT NULL,
    expires_at      TIMESTAMP(6) NOT NULL,
    client_address  VARCHAR(64),
    user_agent      VARCHAR(256),
    revoked_at      TIMESTAMP(6),
    CONSTRAINT pk_login_session PRIMARY KEY (id)
);

CREATE INDEX ix_login_session_user ON login_session (user_id);
