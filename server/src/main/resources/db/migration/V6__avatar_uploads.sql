-- Every uploaded avatar file, recorded as its uploader's: an upload deletes only the uploader's own
-- earlier files, never a file that some user's avatar_url merely names. Portable SQL for H2,
-- PostgreSQL and MariaDB/MySQL.
CREATE TABLE avatar_upload (
    name        VARCHAR(64)  NOT NULL,
    user_id     BIGINT       NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    CONSTRAINT pk_avatar_upload PRIMARY KEY (name)
);

CREATE INDEX ix_avatar_upload_user ON avatar_upload (user_id);

-- Uploads made before this table: an avatar path is taken as its user's upload when exactly one user
-- names it. A path that several users name (one of them copied it through a login profile) is
-- nobody's: it is left on disk and never deleted by an upload.
INSERT INTO avatar_upload (name, user_id, created_at)
SELECT SUBSTRING(avatar_url, 10), id, last_login_at FROM wx_user
WHERE avatar_url LIKE '/avatars/%'
  AND avatar_url IN (SELECT avatar_url FROM wx_user WHERE avatar_url LIKE '/avatars/%' GROUP BY avatar_url HAVING COUNT(*) = 1);
