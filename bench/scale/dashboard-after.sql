-- The statements the dashboard sends with audit_hourly_count (V42): the counted hours from there, the
-- hour not yet counted from audit_event through its occurred_at index. Run once the service has counted
-- (its job runs a minute after the start): psql -d wxlogin_10m -f bench/scale/dashboard-after.sql
\timing on
SET TIME ZONE 'UTC';
SELECT counted_until AS mark FROM audit_hourly_count_mark WHERE id = 1 \gset
\echo logins per hour, last 24 hours: counted hours, then the rest
SELECT count(*) AS groups FROM audit_hourly_count WHERE event_type = 'LOGIN' AND outcome = 'OK'
 AND hour_start < :'mark' AND hour_start >= date_trunc('hour', now() AT TIME ZONE 'UTC') - interval '23 hours';
SELECT count(*) AS groups FROM (SELECT hour_start, appid, event_type, outcome, COUNT(*) FROM audit_event
 WHERE event_type = 'LOGIN' AND outcome = 'OK' AND occurred_at >= :'mark' GROUP BY hour_start, appid, event_type, outcome) g;
\echo logins per day by app, last 7 days
SELECT count(*) AS groups FROM audit_hourly_count WHERE event_type = 'LOGIN' AND outcome = 'OK'
 AND hour_start < :'mark' AND hour_start >= date_trunc('day', now() AT TIME ZONE 'UTC') - interval '7 days';
SELECT count(*) AS groups FROM (SELECT hour_start, appid, event_type, outcome, COUNT(*) FROM audit_event
 WHERE event_type = 'LOGIN' AND outcome = 'OK' AND occurred_at >= :'mark' GROUP BY hour_start, appid, event_type, outcome) g;
\echo new users, 7 days: counted hours, the rest, the partial first hour
SELECT count(*) AS groups FROM audit_hourly_count WHERE event_type = 'USER_CREATE'
 AND hour_start < :'mark' AND hour_start >= date_trunc('hour', now() AT TIME ZONE 'UTC') - interval '7 days' + interval '1 hour';
SELECT count(*) AS groups FROM (SELECT hour_start, appid, event_type, outcome, COUNT(*) FROM audit_event
 WHERE event_type = 'USER_CREATE' AND occurred_at >= :'mark' GROUP BY hour_start, appid, event_type, outcome) g;
SELECT count(*) AS groups FROM (SELECT hour_start, appid, event_type, outcome, COUNT(*) FROM audit_event
 WHERE event_type = 'USER_CREATE' AND occurred_at >= now() AT TIME ZONE 'UTC' - interval '7 days'
   AND occurred_at < date_trunc('hour', now() AT TIME ZONE 'UTC') - interval '7 days' + interval '1 hour'
 GROUP BY hour_start, appid, event_type, outcome) g;
\echo login failures by code, 7 days
SELECT outcome, SUM(n) FROM audit_hourly_count WHERE event_type = 'LOGIN' AND outcome <> 'OK'
 AND hour_start < :'mark' AND hour_start >= date_trunc('hour', now() AT TIME ZONE 'UTC') - interval '7 days' + interval '1 hour' GROUP BY outcome;
SELECT count(*) AS groups FROM (SELECT hour_start, appid, event_type, outcome, COUNT(*) FROM audit_event
 WHERE event_type = 'LOGIN' AND outcome <> 'OK' AND occurred_at >= :'mark' GROUP BY hour_start, appid, event_type, outcome) g;
