-- The audit log counted per completed hour, for the console's dashboard: a week is 168 hours of a
-- few rows each instead of seven million events at a million logins a day. Portable SQL for H2,
-- PostgreSQL and MariaDB/MySQL. appid is '' for events without an app (admin actions), as a primary
-- key column cannot be NULL.
CREATE TABLE audit_hourly_count (
    hour_start  TIMESTAMP(6) NOT NULL,
    appid       VARCHAR(32)  NOT NULL,
    event_type  VARCHAR(40)  NOT NULL,
    outcome     VARCHAR(64)  NOT NULL,
    n           BIGINT       NOT NULL,
    CONSTRAINT pk_audit_hourly_count PRIMARY KEY (hour_start, appid, event_type, outcome)
);

-- One row: the hours before counted_until are in audit_hourly_count (NULL: none counted yet).
CREATE TABLE audit_hourly_count_mark (
    id             SMALLINT     NOT NULL,
    counted_until  TIMESTAMP(6),
    CONSTRAINT pk_audit_hourly_count_mark PRIMARY KEY (id)
);
INSERT INTO audit_hourly_count_mark (id, counted_until) VALUES (1, NULL);
