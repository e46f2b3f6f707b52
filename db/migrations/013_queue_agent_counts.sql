-- 013_queue_agent_counts.sql: the agent counters of /queueStatuses, one
-- row per queue with serving agents that are not logged out. Derived data:
-- the definitions, the triggers that maintain it and its rebuild are in
-- db/functions/20_queue_statuses.sql, which fills it when applied.
CREATE TABLE queue_agent_counts (
	queue_id	guid PRIMARY KEY,
	free		integer NOT NULL,
	busy		integer NOT NULL,
	wrap_up		integer NOT NULL,
	not_ready	integer NOT NULL,
	pause		integer NOT NULL
);
