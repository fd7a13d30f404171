-- Users of every mini-program platform (issue 21): a user is unique per (platform, appid, openid).
-- Every row before this one is a WeChat user. Portable SQL for H2, PostgreSQL and MariaDB/MySQL
-- (MySQL 8.0.19+ and MariaDB 10.2+ drop a UNIQUE key by DROP CONSTRAINT).
ALTER TABLE wx_user ADD COLUMN platform VARCHAR(16) DEFAULT 'wechat' NOT NULL;

-- appid, openid first: the login's lookup by (platform, appid, openid) and the older lookups by
-- (appid, openid) both read this index.
ALTER TABLE wx_user DROP CONSTRAINT uq_wx_user_app_openid;
ALTER TABLE wx_user ADD CONSTRAINT uq_wx_user_app_openid_platform UNIQUE (appid, openid, platform);

-- The console's user list filtered by platform, newest first.
CREATE INDEX ix_wx_user_platform_created ON wx_user (platform, created_at, id);

-- The audit log gets no platform column: audit_event.appid names the app, and one appid names one app
-- on one platform in a deployment (checked at start), so the platform is the app's (docs/console.md, "Audit log").
