-- Indexes for ten million users. Portable SQL for H2, PostgreSQL and MariaDB/MySQL.

-- The hourly purges delete expired rows in batches, oldest first: each batch reads its ids through
-- these instead of scanning the whole table.
CREATE INDEX ix_refresh_token_expires_at ON refresh_token (expires_at);
CREATE INDEX ix_login_session_expires_at ON login_session (expires_at);

-- The console's user search: an openid alone (the unique key starts with the appid), and the
-- listing newest first (ORDER BY created_at DESC, id DESC LIMIT n reads the index backwards).
CREATE INDEX ix_wx_user_openid ON wx_user (openid);
CREATE INDEX ix_wx_user_created ON wx_user (created_at, id);
