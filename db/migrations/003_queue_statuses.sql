-- 003_queue_statuses.sql: live queue statistics (/queueStatuses).
--
-- Definitions (the wire field in brackets):
-- * A contact is waiting while its status is InQueue.
-- * [inQueue] waiting contacts whose original queue (orig_queue_id) is this
--   queue; [waitingDurationMax] the longest of their waits, measured from
--   arrival_queue_time (first entry into a queue) to now, 0 when none.
-- * [inQueueCurrent] waiting contacts whose current queue (queue_id) is this
--   queue, whether they arrived here first or overflowed here;
--   [waitingDurationCurrentMax] the longest wait in this queue, measured from
--   queue_entry_time (entry into the current queue) to now, 0 when none.
-- * Agent activity (agent_activity below) puts every agent in exactly one of:
--   LoggedOut; Busy (has a contact InProcess or InProcess_Preview);
--   WrapUp (has a contact InProcess_WrapUp and none being handled);
--   Pause; NotReady; Free (Ready and none of the above). A pending e-mail
--   (InProcess_Pending) is parked and does not make an agent busy.
-- * [agentsServing] agents logged in to the queue (agent_queues.serving) and
--   not LoggedOut; [agentsFree], [agentsBusy], [agentsWrapUp],
--   [agentsNotReady], [agentsPause] split them by activity, so the five add up
--   to agentsServing.
-- * Visible: queues on which the signed-in user has STATISTICS_DETAILS.
-- * [name] translated with the request's language where a translation exists.

CREATE VIEW agent_activity AS
SELECT s.agent_id,
	CASE
	WHEN s.user_status = 'LoggedOut' THEN 'LoggedOut'
	WHEN EXISTS (SELECT 1 FROM contacts c WHERE c.agent_id = s.agent_id
	    AND c.status IN ('InProcess', 'InProcess_Preview')) THEN 'Busy'
	WHEN EXISTS (SELECT 1 FROM contacts c WHERE c.agent_id = s.agent_id
	    AND c.status = 'InProcess_WrapUp') THEN 'WrapUp'
	ELSE s.user_status	-- Pause, NotReady, or Ready = Free
	END AS activity
FROM agent_states s;

CREATE FUNCTION rmi_queue_statuses(p_user guid, p_lang text)
RETURNS TABLE (
	id				guid,
	name				text,
	type				text,
	in_queue			bigint,
	waiting_duration_max		bigint,
	in_queue_current		bigint,
	waiting_duration_current_max	bigint,
	agents_serving			bigint,
	agents_free			bigint,
	agents_busy			bigint,
	agents_wrap_up			bigint,
	agents_not_ready		bigint,
	agents_pause			bigint)
LANGUAGE sql STABLE AS $$
	SELECT q.id, rmi_tr(q.id, p_lang, q.name), q.type,
	    coalesce(w.n, 0), coalesce(w.max_ms, 0),
	    coalesce(c.n, 0), coalesce(c.max_ms, 0),
	    coalesce(a.serving, 0), coalesce(a.free, 0), coalesce(a.busy, 0),
	    coalesce(a.wrap_up, 0), coalesce(a.not_ready, 0),
	    coalesce(a.pause, 0)
	FROM queues q
	LEFT JOIN LATERAL (
		SELECT count(*) AS n,
		    max(rmi_ms(rmi_now() - coalesce(k.arrival_queue_time,
		        k.arrival_time))) AS max_ms
		FROM contacts k
		WHERE k.orig_queue_id = q.id AND k.status = 'InQueue') w ON true
	LEFT JOIN LATERAL (
		SELECT count(*) AS n,
		    max(rmi_ms(rmi_now() - coalesce(k.queue_entry_time,
		        k.arrival_queue_time, k.arrival_time))) AS max_ms
		FROM contacts k
		WHERE k.queue_id = q.id AND k.status = 'InQueue') c ON true
	LEFT JOIN LATERAL (
		SELECT count(*) AS serving,
		    count(*) FILTER (WHERE x.activity = 'Ready') AS free,
		    count(*) FILTER (WHERE x.activity = 'Busy') AS busy,
		    count(*) FILTER (WHERE x.activity = 'WrapUp') AS wrap_up,
		    count(*) FILTER (WHERE x.activity = 'NotReady') AS not_ready,
		    count(*) FILTER (WHERE x.activity = 'Pause') AS pause
		FROM agent_queues aq
		JOIN agent_activity x ON x.agent_id = aq.agent_id
		WHERE aq.queue_id = q.id AND aq.serving
		  AND x.activity <> 'LoggedOut') a ON true
	WHERE rmi_has_right(p_user, 'STATISTICS_DETAILS', q.id)
$$;
