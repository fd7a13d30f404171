-- PostgreSQL only: the console's substring searches (part of a nickname, the last digits of a phone
-- number) through trigram indexes, so that they answer in milliseconds among ten million users
-- instead of reading the whole table. pg_trgm ships with PostgreSQL and is a trusted extension: the
-- database's owner may create it. Built CONCURRENTLY (outside a transaction, see the .conf file), so
-- that logins keep writing wx_user while an existing table is indexed. H2 and MariaDB/MySQL keep the
-- plain LIKE over the table.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_wx_user_nickname_trgm ON wx_user USING gin (LOWER(nickname) gin_trgm_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_wx_user_phone_trgm ON wx_user USING gin (pure_phone_number gin_trgm_ops);
