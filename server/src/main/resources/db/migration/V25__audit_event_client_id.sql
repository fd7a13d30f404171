-- The website (OpenID Connect client_id) an audited event concerns: for an admin's changes to a
-- registered website, which one. NULL for every other event. Portable to H2, PostgreSQL and MariaDB/MySQL.
ALTER TABLE audit_event ADD COLUMN client_id VARCHAR(100);
