-- The console's user search at scale: the statements UserDirectory sends (a COUNT and a page of ids,
-- newest first), for the kinds of query an admin types, with their plans and times. Run after
-- generate.sh: psql -d wxlogin_10m -f bench/scale/search.sql
\timing on
\set app '''wxbe0c000000000001'''
\echo '--- blank query, all apps: the first page'
EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) SELECT id FROM wx_user ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;
SELECT COUNT(*) FROM wx_user;
\echo '--- blank query, one app'
EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM wx_user WHERE appid = :app ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;
SELECT COUNT(*) FROM wx_user WHERE appid = :app;
\echo '--- a whole nickname (few users)'
EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM wx_user WHERE (openid = 'zhanglong4242' OR unionid = 'zhanglong4242' OR LOWER(nickname) LIKE '%zhanglong4242%' ESCAPE '!') ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, COSTS OFF) SELECT COUNT(*) FROM wx_user WHERE (openid = 'zhanglong4242' OR unionid = 'zhanglong4242' OR LOWER(nickname) LIKE '%zhanglong4242%' ESCAPE '!');
\echo '--- part of a nickname shared by 1 user in 64 (156,000)'
EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM wx_user WHERE (openid = 'zhang' OR unionid = 'zhang' OR LOWER(nickname) LIKE '%zhang%' ESCAPE '!') ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, COSTS OFF) SELECT COUNT(*) FROM wx_user WHERE (openid = 'zhang' OR unionid = 'zhang' OR LOWER(nickname) LIKE '%zhang%' ESCAPE '!');
\echo '--- the last 4 digits of a phone number (also matches nicknames containing them)'
EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM wx_user WHERE (openid = '4321' OR unionid = '4321' OR LOWER(nickname) LIKE '%4321%' ESCAPE '!' OR id = 4321 OR pure_phone_number LIKE '%4321' ESCAPE '!') ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, COSTS OFF) SELECT COUNT(*) FROM wx_user WHERE (openid = '4321' OR unionid = '4321' OR LOWER(nickname) LIKE '%4321%' ESCAPE '!' OR id = 4321 OR pure_phone_number LIKE '%4321' ESCAPE '!');
\echo '--- the last 8 digits of a phone number'
EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM wx_user WHERE (openid = '76100000' OR unionid = '76100000' OR LOWER(nickname) LIKE '%76100000%' ESCAPE '!' OR id = 76100000 OR pure_phone_number LIKE '%76100000' ESCAPE '!') ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;
\echo '--- an openid'
SELECT openid AS some_openid FROM wx_user WHERE id = (SELECT max(id) / 2 FROM wx_user) OR id = (SELECT min(id) FROM wx_user WHERE id >= (SELECT max(id) / 2 FROM wx_user)) LIMIT 1 \gset
EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM wx_user WHERE (openid = :'some_openid' OR unionid = :'some_openid' OR LOWER(nickname) LIKE '%' || lower(:'some_openid') || '%' ESCAPE '!') ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, COSTS OFF) SELECT COUNT(*) FROM wx_user WHERE (openid = :'some_openid' OR unionid = :'some_openid' OR LOWER(nickname) LIKE '%' || lower(:'some_openid') || '%' ESCAPE '!');
