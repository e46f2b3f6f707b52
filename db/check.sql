-- db/check.sql: consistency checks of a Monitoring Database's data (the
-- demo, a simulated one, or a platform's). Read-only.
--
--   psql -X -v ON_ERROR_STOP=1 -d rmi -f db/check.sql
--
-- Prints one line per check with the number of offending rows and fails
-- (exit status 3 with ON_ERROR_STOP) when any count is not zero.

\set ON_ERROR_STOP on
SET client_min_messages = warning;
-- One snapshot for every comparison: under READ COMMITTED each statement
-- would see a later state than the last while writers run, and report
-- differences that never existed. Rolled back at the end: nothing changes.
BEGIN ISOLATION LEVEL REPEATABLE READ;

CREATE TEMP VIEW rmi_checks AS
WITH h AS (
	SELECT h.*, lead(h.start_time) OVER w AS next_start
	FROM agent_state_history h
	WINDOW w AS (PARTITION BY h.agent_id ORDER BY h.start_time, h.id)
)
SELECT 'agent without agent_states row' AS check_name, count(*) AS bad
FROM users u WHERE u.is_agent
  AND NOT EXISTS (SELECT 1 FROM agent_states s WHERE s.agent_id = u.id)
UNION ALL
SELECT 'agent_states row of a non-agent', count(*)
FROM agent_states s JOIN users u ON u.id = s.agent_id WHERE NOT u.is_agent
UNION ALL
SELECT 'agent without exactly one open history row', count(*)
FROM agent_states s
WHERE (SELECT count(*) FROM agent_state_history h
    WHERE h.agent_id = s.agent_id AND h.end_time IS NULL) <> 1
UNION ALL
SELECT 'open history row differs from agent_states', count(*)
FROM agent_states s JOIN agent_state_history h
    ON h.agent_id = s.agent_id AND h.end_time IS NULL
WHERE h.user_status <> s.user_status
   OR h.profile_id IS DISTINCT FROM s.profile_id
   OR h.start_time <> s.user_status_since
UNION ALL
SELECT 'history gap or overlap (end_time <> next start_time)', count(*)
FROM h WHERE h.next_start IS NOT NULL
  AND h.end_time IS DISTINCT FROM h.next_start
UNION ALL
SELECT 'open history row that is not the latest', count(*)
FROM h WHERE h.end_time IS NULL AND h.next_start IS NOT NULL
UNION ALL
SELECT 'history starts in the future', count(*)
FROM agent_state_history WHERE start_time > rmi_now()
UNION ALL
SELECT 'contact timestamps out of order', count(*)
FROM contacts c
WHERE c.arrival_queue_time < c.arrival_time
   OR c.queue_entry_time < c.arrival_queue_time
   OR c.preview_time < c.arrival_time
   OR c.connect_time < coalesce(c.queue_entry_time, c.preview_time,
	c.arrival_time)
   OR c.pending_time < c.connect_time
   OR c.pick_time < c.pending_time
   OR c.disconnect_time < coalesce(c.pick_time, c.pending_time,
	c.connect_time, c.queue_entry_time, c.arrival_time)
   OR c.wrap_up_begin_time < c.disconnect_time
   OR c.wrap_up_end_time < c.wrap_up_begin_time
   OR c.wrap_up_scripting_duration > coalesce(rmi_ms(c.wrap_up_end_time
	- c.wrap_up_begin_time), 0)
   OR c.waiting_duration > coalesce(rmi_ms(c.connect_time
	- c.queue_entry_time), 0)
UNION ALL
SELECT 'contact in the future', count(*)
FROM contacts c
WHERE greatest(c.arrival_time, c.arrival_queue_time, c.queue_entry_time,
    c.preview_time, c.connect_time, c.pending_time, c.pick_time,
    c.disconnect_time, c.wrap_up_begin_time, c.wrap_up_end_time)
    > rmi_now()
UNION ALL
SELECT 'InQueue contact not waiting in a queue', count(*)
FROM contacts c WHERE c.status = 'InQueue'
  AND (c.queue_id IS NULL OR c.agent_id IS NOT NULL
       OR c.connect_time IS NOT NULL OR c.disconnect_time IS NOT NULL
       OR c.arrival_queue_time IS NULL OR c.queue_entry_time IS NULL)
UNION ALL
SELECT 'active contact without agent, or ended', count(*)
FROM contacts c
WHERE c.status IN ('InProcess', 'InProcess_Preview', 'InProcess_Pending',
    'InProcess_WrapUp')
  AND (c.agent_id IS NULL OR c.wrap_up_end_time IS NOT NULL
       OR (c.status = 'InProcess_WrapUp') <> (c.disconnect_time IS NOT NULL)
       OR (c.status = 'InProcess_Preview') <> (c.connect_time IS NULL))
UNION ALL
SELECT 'finished contact without disconnect time', count(*)
FROM contacts c
WHERE c.status IN ('Handled', 'Handled_AOT', 'NotHandled_FA',
    'NotHandled_Ab', 'ServiceClosed') AND c.disconnect_time IS NULL
UNION ALL
SELECT 'handled contact without agent or connect time', count(*)
FROM contacts c
WHERE c.status IN ('Handled', 'Handled_AOT') AND c.type <> 'IVR'
  AND (c.agent_id IS NULL OR c.connect_time IS NULL)
UNION ALL
SELECT 'unhandled contact with connect time', count(*)
FROM contacts c
WHERE c.status IN ('NotHandled_FA', 'NotHandled_Ab', 'ServiceClosed')
  AND c.connect_time IS NOT NULL
UNION ALL
SELECT 'Handled_AOT waited longer than the threshold', count(*)
FROM contacts c JOIN queues q ON q.id = c.queue_id
WHERE c.status = 'Handled_AOT'
  AND c.connect_time - c.arrival_queue_time
      > q.answered_on_time_threshold * interval '1 second'
UNION ALL
SELECT 'Handled waited no longer than the threshold', count(*)
FROM contacts c JOIN queues q ON q.id = c.queue_id
WHERE c.status = 'Handled' AND c.arrival_queue_time IS NOT NULL
  AND c.connect_time - c.arrival_queue_time
      <= q.answered_on_time_threshold * interval '1 second'
UNION ALL
SELECT 'NotHandled_FA waited longer than the false-attempt limit', count(*)
FROM contacts c JOIN queues q ON q.id = c.queue_id
WHERE c.status = 'NotHandled_FA'
  AND c.disconnect_time - c.arrival_queue_time
      > q.false_attempt_threshold * interval '1 second'
UNION ALL
SELECT 'NotHandled_Ab of a queued contact within the false-attempt limit',
    count(*)
FROM contacts c JOIN queues q ON q.id = c.queue_id
WHERE c.status = 'NotHandled_Ab' AND c.arrival_queue_time IS NOT NULL
  AND c.disconnect_time - c.arrival_queue_time
      <= q.false_attempt_threshold * interval '1 second'
UNION ALL
SELECT 'ServiceClosed mismatch', count(*)
FROM contacts c WHERE (c.status = 'ServiceClosed') <> c.service_closed
UNION ALL
SELECT 'record set on a non-phone contact or missing on a phone one', count(*)
FROM contacts c WHERE (c.record IS NULL) <> (c.channel <> 'PHONE')
UNION ALL
SELECT 'subject on a non-email contact', count(*)
FROM contacts c WHERE c.subject IS NOT NULL AND c.channel <> 'EMAIL'
UNION ALL
SELECT 'agent with an active contact is logged out', count(*)
FROM contacts c JOIN agent_states s ON s.agent_id = c.agent_id
WHERE c.status IN ('InProcess', 'InProcess_Preview', 'InProcess_Pending',
    'InProcess_WrapUp') AND s.user_status = 'LoggedOut'
UNION ALL
SELECT 'agent with more than one call, preview or wrap-up', count(*)
FROM (SELECT agent_id FROM contacts
      WHERE status IN ('InProcess', 'InProcess_Preview', 'InProcess_WrapUp')
      GROUP BY agent_id HAVING count(*) > 1) x
UNION ALL
SELECT 'active contact of an agent not serving its queue', count(*)
FROM contacts c
WHERE c.status IN ('InProcess', 'InProcess_Preview', 'InProcess_WrapUp')
  AND c.queue_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM agent_queues aq WHERE aq.agent_id = c.agent_id
      AND aq.queue_id = c.queue_id)
UNION ALL
SELECT 'contact agent is not an agent', count(*)
FROM contacts c JOIN users u ON u.id = c.agent_id WHERE NOT u.is_agent
UNION ALL
SELECT 'transfer: contact group spans one queue only but orig <> queue',
    count(*)
FROM contacts c
WHERE c.orig_queue_id <> c.queue_id
  AND c.queue_entry_time = c.arrival_queue_time
  AND NOT EXISTS (SELECT 1 FROM contacts o
      WHERE o.contact_group_id = c.contact_group_id AND o.id <> c.id)
UNION ALL
SELECT 'contact event outside its contact''s lifetime', count(*)
FROM contact_events e JOIN contacts c ON c.id = e.contact_id
WHERE e.time < c.arrival_time
   OR e.time > coalesce(c.wrap_up_end_time, c.disconnect_time, rmi_now())
UNION ALL
SELECT 'contact events out of order', count(*)
FROM (SELECT e.time, lag(e.time) OVER (PARTITION BY e.contact_id
	ORDER BY e.seq) AS prev
      FROM contact_events e) x
WHERE x.time < x.prev
UNION ALL
SELECT 'active contact counted by nobody (agent has no agent_states)',
    count(*)
FROM contacts c
WHERE c.status IN ('InProcess', 'InProcess_Preview', 'InProcess_Pending',
    'InProcess_WrapUp')
  AND NOT EXISTS (SELECT 1 FROM agent_states s WHERE s.agent_id = c.agent_id)
UNION ALL
SELECT 'contact_summary_buckets differs from a recomputation', count(*)
FROM (SELECT array_agg(k.queue_id) AS qs, array_agg(k.s) AS ss
      FROM (SELECT DISTINCT c.queue_id, rmi_interval_start(c.arrival_time) AS s
	    FROM contacts c WHERE c.queue_id IS NOT NULL) k) keys,
     LATERAL ((SELECT * FROM rmi_contact_summary_aggregate(keys.qs, keys.ss)
	       EXCEPT SELECT * FROM contact_summary_buckets)
	      UNION ALL
	      (SELECT * FROM contact_summary_buckets
	       EXCEPT SELECT * FROM rmi_contact_summary_aggregate(keys.qs,
		keys.ss))) d
UNION ALL
SELECT 'queue_agent_counts differs from a recomputation', count(*)
FROM ((SELECT * FROM rmi_queue_agent_aggregate(ARRAY(
	SELECT a.queue_id FROM agent_queues a))
       EXCEPT SELECT * FROM queue_agent_counts)
      UNION ALL
      (SELECT * FROM queue_agent_counts
       EXCEPT SELECT * FROM rmi_queue_agent_aggregate(ARRAY(
	SELECT a.queue_id FROM agent_queues a)))) d;

SELECT check_name, bad FROM rmi_checks;

DO $$
DECLARE
	n bigint;
BEGIN
	SELECT sum(bad) INTO n FROM rmi_checks;
	IF n > 0 THEN
		RAISE EXCEPTION '% inconsistencies found', n;
	END IF;
END
$$;

ROLLBACK;
