-- 009_contact_summary_buckets.sql: the /contactSummaries counters, one row
-- per queue and 15-minute interval of arrival. Derived data: the
-- definitions, the triggers that maintain it and its rebuild are in
-- db/functions/50_contact_summaries.sql, which fills it when applied.
CREATE TABLE contact_summary_buckets (
	queue_id			guid NOT NULL,
	interval_start			timestamptz NOT NULL,
	contacts			bigint NOT NULL,
	change_time_stamp		timestamptz NOT NULL,
	in_abandoned			bigint NOT NULL,
	in_answered_on_time		bigint NOT NULL,
	in_arrived_handled		bigint NOT NULL,
	in_arrived_active		bigint NOT NULL,
	in_false_attempt		bigint NOT NULL,
	in_handle_time_max		bigint NOT NULL,
	in_handle_time_total		bigint NOT NULL,
	in_handled			bigint NOT NULL,
	in_queue_time_max		bigint NOT NULL,
	in_answered_queue_time_total	bigint NOT NULL,
	in_abandoned_queue_time_total	bigint NOT NULL,
	in_false_attempt_queue_time_total bigint NOT NULL,
	in_service_closed		bigint NOT NULL,
	out_handle_time_max		bigint NOT NULL,
	out_handle_time_total		bigint NOT NULL,
	out_handled			bigint NOT NULL,
	PRIMARY KEY (queue_id, interval_start)
);
-- The list reads a time range over every visible queue.
CREATE INDEX contact_summary_buckets_interval
	ON contact_summary_buckets (interval_start);
