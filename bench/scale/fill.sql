-- Fills an empty wxlogin schema (the one Flyway made: run the service once against the database first)
-- with :users users across 3 apps, one login session each with its refresh tokens, and :days days of
-- audit events at :per_day logins a day. Run by generate.sh; psql variables: users, days, per_day.
--
-- The picture is the steady state of a service that has run for a while: users created over the time
-- since 2025-01-01, each with a session last used in the past 32 days (refresh tokens live 30 days, so
-- one in 16 has expired and half of those, a day's worth, expired over a day ago: what the hourly purge
-- deletes after a day without one), half of the sessions with a used predecessor token, and the audit
-- log of the last :days days. Ids are made like the service makes them: user ids are milliseconds since
-- 2025-01-01 shifted by 12 bits, row ids are time-ordered UUIDs (version 7).
\set ON_ERROR_STOP on
\timing on
SET synchronous_commit = off;
SET maintenance_work_mem = '1GB';
SET max_parallel_maintenance_workers = 2;
SET TIME ZONE 'UTC';

-- Index i (1..users) -> created_at and user id; timestamps are stored as UTC like the service's.
CREATE TEMP TABLE gen_param AS
SELECT (now() AT TIME ZONE 'UTC')::timestamp(6) AS now_utc,
       TIMESTAMP '2025-01-01 00:00:00' AS epoch,
       :users::bigint AS users;
CREATE FUNCTION pg_temp.created_ms(i bigint, users bigint, now_utc timestamp) RETURNS bigint IMMUTABLE LANGUAGE sql AS $$
  SELECT 86400000::bigint + (i - 1) * ((extract(epoch FROM now_utc - TIMESTAMP '2025-01-02')::bigint * 1000) / users)
$$;
CREATE FUNCTION pg_temp.user_id(i bigint, users bigint, now_utc timestamp) RETURNS bigint IMMUTABLE LANGUAGE sql AS $$
  SELECT (pg_temp.created_ms(i, users, now_utc) << 12) | (i & 4095)
$$;
-- A version 7 UUID for a time (milliseconds since the Unix epoch) and a sequence number.
CREATE FUNCTION pg_temp.uuid7(ms bigint, seq bigint) RETURNS varchar IMMUTABLE LANGUAGE sql AS $$
  SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 1, 3) || '-' || substr('89ab', (seq & 3)::int + 1, 1)
         || substr(r, 4, 3) || '-' || substr(r, 7, 12)
  FROM (SELECT lpad(to_hex(ms), 12, '0') AS h, md5(seq::text || ':' || ms::text) AS r) x
$$;
CREATE FUNCTION pg_temp.ms(t timestamp) RETURNS bigint IMMUTABLE LANGUAGE sql AS $$
  SELECT (extract(epoch FROM t) * 1000)::bigint
$$;

-- Secondary indexes and primary keys are dropped for the load and made again after it from their own
-- definitions, whatever migrations made them (a sorted build is many times faster than row-by-row inserts).
CREATE TEMP TABLE saved_index AS
SELECT 1 AS step, format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS create_sql,
       format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop_sql
FROM pg_constraint c
WHERE c.contype IN ('p', 'u') AND c.conrelid::regclass::text IN ('wx_user', 'login_session', 'refresh_token', 'audit_event')
UNION ALL
SELECT 2, pg_get_indexdef(i.indexrelid), format('DROP INDEX %s', i.indexrelid::regclass)
FROM pg_index i
WHERE i.indrelid::regclass::text IN ('wx_user', 'login_session', 'refresh_token', 'audit_event')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
SELECT drop_sql FROM saved_index ORDER BY step DESC \gexec

\echo users
INSERT INTO wx_user (id, appid, openid, unionid, nickname, avatar_url, gender, country, province, city, language,
                     session_key, session_key_updated_at, session_key_sealed, disabled, created_at, last_login_at, login_count,
                     phone_number, pure_phone_number, country_code, phone_verified_at)
SELECT pg_temp.user_id(i, p.users, p.now_utc),
       'wxbe0c' || lpad((i % 3)::text, 12, '0'),
       'o' || substr(translate(encode(sha224(('openid' || i)::bytea), 'base64'), '+/', '-_'), 1, 27),
       CASE WHEN i % 3 = 0 THEN 'u' || substr(translate(encode(sha224(('unionid' || i)::bytea), 'base64'), '+/', '-_'), 1, 27) END,
       -- Two of 64 syllables and a number: every 3-letter substring matches many, a whole nickname few.
       (ARRAY['xiao','ming','hua','li','wang','zhang','liu','chen','yang','zhao','huang','zhou','wu','xu','sun','hu',
              'zhu','gao','lin','he','guo','ma','luo','liang','song','zheng','xie','han','tang','feng','yu','dong',
              'cheng','cao','yuan','deng','fu','shen','zeng','peng','lu','su','jiang','cai','jia','ding','wei','xue',
              'ye','yan','pan','du','dai','xia','zhong','tian','ren','jiang','fan','fang','shi','yao','tan','lan'])[1 + (i * 7919) % 64]
       || (ARRAY['long','feng','yun','xue','mei','lan','zhu','ju','hai','shan','tian','di','ri','yue','xing','chen'])[1 + (i * 104729) % 16]
       || (i % 10000)::text,
       'https://thirdwx.qlogo.cn/mmopen/vi_32/' || md5('avatar' || i) || md5('a' || i) || '/132',
       (i % 3)::smallint, 'China', 'Guangdong', 'Shenzhen', 'zh_CN',
       NULL, c.created + make_interval(secs => (i % 86400)),
       encode(sha512(('sealed' || i)::bytea), 'base64') || substr(encode(sha256(('s' || i)::bytea), 'base64'), 1, 20),
       i % 1000 = 0,
       c.created, c.last_login, 1 + i % 50,
       CASE WHEN i % 10 < 7 THEN '1' || lpad(((i * 2654435761) % 10000000000)::text, 10, '0') END,
       CASE WHEN i % 10 < 7 THEN '1' || lpad(((i * 2654435761) % 10000000000)::text, 10, '0') END,
       CASE WHEN i % 10 < 7 THEN '86' END,
       CASE WHEN i % 10 < 7 THEN c.created END
FROM gen_param p, generate_series(1, p.users) AS i,
     LATERAL (SELECT p.epoch + make_interval(secs => pg_temp.created_ms(i, p.users, p.now_utc) / 1000.0) AS created,
                     GREATEST(p.epoch + make_interval(secs => pg_temp.created_ms(i, p.users, p.now_utc) / 1000.0),
                              p.now_utc - make_interval(secs => (i * 7817) % (32 * 86400))) AS last_login) c;

\echo sessions
-- One session per user, last used at the user's last login, expiring 30 days later.
INSERT INTO login_session (id, user_id, appid, created_at, last_used_at, expires_at, client_address, user_agent)
SELECT pg_temp.uuid7(pg_temp.ms(u.last_login_at), u.id), u.id, u.appid, u.last_login_at - interval '3 days', u.last_login_at,
       u.last_login_at + interval '30 days', '10.' || (u.id % 250) || '.' || (u.id / 250 % 250) || '.' || (u.id / 62500 % 250),
       'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN'
FROM wx_user u;

\echo refresh tokens
-- The current token of every session, and a used predecessor for half of them (rotated three days earlier).
INSERT INTO refresh_token (id, family_id, user_id, token_hash, created_at, expires_at, used_at, rotated_to, revoked_at)
SELECT pg_temp.uuid7(pg_temp.ms(s.last_used_at), s.user_id + 1), s.id, s.user_id, encode(sha256(('rt' || s.id)::bytea), 'hex'),
       s.last_used_at, s.expires_at, NULL, NULL, NULL
FROM login_session s;
INSERT INTO refresh_token (id, family_id, user_id, token_hash, created_at, expires_at, used_at, rotated_to, revoked_at)
SELECT pg_temp.uuid7(pg_temp.ms(s.created_at), s.user_id + 2), s.id, s.user_id, encode(sha256(('rt0' || s.id)::bytea), 'hex'),
       s.created_at, s.created_at + interval '30 days', s.last_used_at,
       pg_temp.uuid7(pg_temp.ms(s.last_used_at), s.user_id + 1), NULL
FROM login_session s WHERE s.user_id % 2 = 0;

\echo audit events
-- :per_day events a day, evenly spaced: 90 % successful logins, 3 % failed ones, 5 % refreshes, 2 % new users.
INSERT INTO audit_event (id, occurred_at, hour_start, event_type, outcome, appid, user_id, session_id, client_address, user_agent)
SELECT pg_temp.uuid7(pg_temp.ms(e.t), k), e.t, date_trunc('hour', e.t),
       CASE WHEN k % 100 < 93 THEN 'LOGIN' WHEN k % 100 < 98 THEN 'REFRESH' ELSE 'USER_CREATE' END,
       CASE WHEN k % 100 < 90 OR k % 100 >= 93 THEN 'OK'
            ELSE (ARRAY['CODE_INVALID','CODE_MISSING','WECHAT_UNAVAILABLE'])[1 + k % 3] END,
       'wxbe0c' || lpad((u.i % 3)::text, 12, '0'),
       pg_temp.user_id(u.i, p.users, p.now_utc),
       pg_temp.uuid7(pg_temp.ms(e.t), u.i),
       '10.' || (k % 250) || '.' || (k / 250 % 250) || '.' || (k / 62500 % 250),
       'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN'
FROM gen_param p, generate_series(0, :days::bigint * :per_day - 1) AS k,
     LATERAL (SELECT p.now_utc - make_interval(secs => :days * 86400.0 * (1 - k::float8 / (:days::bigint * :per_day))) AS t) e,
     LATERAL (SELECT 1 + (k * 2654435761) % p.users AS i) u;

\echo indexes
SELECT create_sql FROM saved_index ORDER BY step \gexec

\echo analyze
VACUUM ANALYZE wx_user;
VACUUM ANALYZE login_session;
VACUUM ANALYZE refresh_token;
VACUUM ANALYZE audit_event;
