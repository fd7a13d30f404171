-- The statements the dashboard sent before audit_hourly_count (V42): every count from audit_event.
-- psql -d wxlogin_10m -f bench/scale/dashboard-before.sql
\timing on
SET TIME ZONE 'UTC';
\echo logins per hour, last 24 hours
SELECT count(*) AS groups FROM (SELECT hour_start, appid, event_type, outcome, COUNT(*) AS n FROM audit_event
 WHERE event_type = 'LOGIN' AND outcome = 'OK' AND occurred_at >= date_trunc('hour', now() AT TIME ZONE 'UTC') - interval '23 hours'
 GROUP BY hour_start, appid, event_type, outcome) g;
\echo logins per day by app, last 7 days
SELECT count(*) AS groups FROM (SELECT hour_start, appid, event_type, outcome, COUNT(*) AS n FROM audit_event
 WHERE event_type = 'LOGIN' AND outcome = 'OK' AND occurred_at >= date_trunc('day', now() AT TIME ZONE 'UTC') - interval '7 days'
 GROUP BY hour_start, appid, event_type, outcome) g;
\echo new users, last 24 hours and 7 days
SELECT count(*) AS groups FROM (SELECT hour_start, appid, event_type, outcome, COUNT(*) AS n FROM audit_event
 WHERE event_type = 'USER_CREATE' AND occurred_at >= now() AT TIME ZONE 'UTC' - interval '1 day' GROUP BY hour_start, appid, event_type, outcome) g;
SELECT count(*) AS groups FROM (SELECT hour_start, appid, event_type, outcome, COUNT(*) AS n FROM audit_event
 WHERE event_type = 'USER_CREATE' AND occurred_at >= now() AT TIME ZONE 'UTC' - interval '7 days' GROUP BY hour_start, appid, event_type, outcome) g;
\echo login failures by code, last 7 days
SELECT outcome, COUNT(*) AS n FROM audit_event WHERE event_type = 'LOGIN' AND outcome <> 'OK'
 AND occurred_at >= now() AT TIME ZONE 'UTC' - interval '7 days' GROUP BY outcome ORDER BY n DESC, outcome;
