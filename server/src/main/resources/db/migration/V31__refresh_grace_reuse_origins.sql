-- A refresh token presented again inside the reuse grace window is its own audit event
-- (REFRESH_GRACE_REUSE) with both origins: the event's own client_address and user_agent are the
-- repeated presentation's, these two columns where the token was first presented (the rotation).
ALTER TABLE audit_event ADD COLUMN first_client_address VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN first_user_agent VARCHAR(256);

-- The latest such repetition from another origin than the rotation, shown with the session to its
-- user and in the console: a repetition from elsewhere may be a stolen token.
ALTER TABLE login_session ADD COLUMN reused_elsewhere_at TIMESTAMP(6);
ALTER TABLE login_session ADD COLUMN reused_from_address VARCHAR(64);
ALTER TABLE login_session ADD COLUMN reused_from_user_agent VARCHAR(256);
