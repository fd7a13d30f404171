-- The reuse grace window of refresh tokens: for a short while after a token is rotated, its row keeps
-- the successor pair (access and refresh token) that the rotation answered, sealed with AES-GCM under a
-- key derived from the presented token itself. Only that token's holder can open it, so a database dump
-- reveals nothing; a repeated presentation within the window gets the same pair instead of revoking the
-- family. The service erases both columns once successor_until has passed.
ALTER TABLE refresh_token ADD COLUMN successor_sealed VARCHAR(4000);
ALTER TABLE refresh_token ADD COLUMN successor_until TIMESTAMP(6);

CREATE INDEX ix_refresh_token_successor_until ON refresh_token (successor_until);
