-- 006_contact_summary_statistics.sql: the number of (queue, status, type,
-- 15-minute interval) groups of contacts, for the planner: the first level
-- of the /contactSummaries aggregation (rmi_contact_summary_aggregate,
-- db/functions/50_contact_summaries.sql) is then a hash aggregation rather
-- than a sort of the day's contacts. The interval is
-- rmi_interval_start(arrival_time) written out: the inlined function is
-- this very expression, which is how the planner matches the two.
CREATE STATISTICS contacts_summary_groups (ndistinct) ON queue_id, status,
    type,
    date_bin('15 minutes', arrival_time, timestamptz '1970-01-01 00:00:00+00')
    FROM contacts;
