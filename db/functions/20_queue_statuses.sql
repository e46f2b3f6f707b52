-- 20_queue_statuses.sql: live queue statistics (/queueStatuses) and the
-- table of agent counters they read (queue_agent_counts, migration 013).
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
-- * Agent activity (rmi_agent_activities below) puts every agent in exactly
--   one of: LoggedOut; Busy (has a contact InProcess or InProcess_Preview);
--   WrapUp (has a contact InProcess_WrapUp and none being handled); Pause;
--   NotReady; Free (Ready and none of the above). A pending e-mail
--   (InProcess_Pending) is parked and does not make an agent busy
--   (rmi_status_makes_activity, 00_common.sql).
-- * [agentsServing] agents logged in to the queue (agent_queues.serving) and
--   not LoggedOut; [agentsFree], [agentsBusy], [agentsWrapUp],
--   [agentsNotReady], [agentsPause] split them by activity, so the five add up
--   to agentsServing.
-- * Visible: queues on which the signed-in user has STATISTICS_DETAILS.
-- * [name] translated with the request's language where a translation exists.
--
-- The agent counters are maintained, not computed per read: computing them
-- for every serving login on every read was, at 1M contacts, 1 000 agents
-- and 8 000 serving logins, 8 of the 12 ms a /queueStatuses took in
-- PostgreSQL (bench/README.md). A read joins one row per queue.
-- * queue_agent_counts: per queue, its serving agents that are not
--   LoggedOut split by activity (agentsServing is their sum). A queue
--   without such agents has no row. Derived data, a function of
--   agent_queues, agent_states and contacts only:
--   rmi_queue_agent_counts_rebuild() recomputes it from scratch, and
--   applying this file does (its definition may have changed).
-- * rmi_queue_agent_aggregate(queues[]): the counters of the given queues
--   from the base tables; the only place they are defined.
-- * rmi_refresh_queue_agent_counts(queues[]): under the queues' advisory
--   locks, recomputes them, upserts the non-empty ones and deletes the rest.
-- * Statement-level AFTER triggers with transition tables (never per row)
--   on the three base tables; each works out the queues the statement may
--   have changed and refreshes them once:
--     agent_queues: the queues of old and new rows that are serving;
--     agent_states: the serving queues of the agents whose user_status
--       changed, or that were inserted or deleted (contact_handling_status
--       and profile changes, most of the traffic, refresh nothing);
--     contacts: the serving queues of the agents of old and new rows in
--       one of the three statuses above (a waiting or finished contact
--       changes no agent's activity).
--   AFTER TRUNCATE of any of them rebuilds.
--
-- Concurrency: as contact_summary_buckets (50_contact_summaries.sql), every
-- refresh of a queue runs under a transaction-level advisory lock on the
-- queue's slot (rmi_lock_slot), taken in slot order and held to commit, and
-- recomputes in a statement that starts after the lock is granted; so the
-- last refresh of a queue is done by the last writer to commit and sees
-- every committed change. One more race is particular to this table: which
-- queues an agent serves is itself read from agent_queues. A contact
-- writer for agent A that reads A's queues before a concurrent login of A
-- to queue Q commits would not refresh Q, and the login's refresh of Q
-- would not see the contact. So both first lock A's agent_states row (FOR
-- NO KEY UPDATE, in agent order; an UPDATE of agent_states, and the API's
-- writes, hold that lock already) and read A's queues in a later
-- statement: whichever gets the row second sees the other's commit. An
-- agent without an agent_states row counts nowhere, so it needs no lock;
-- the insert of its first row refreshes its queues (a contact of that
-- agent written concurrently with that very insert can be missed until the
-- agent's next change: provisioning comes first).
-- Lock order: agent_states rows first, then queue slots, each in order, so
-- two single-statement writers cannot deadlock. A transaction of several
-- statements that takes queue slots in one (by writing contacts) and
-- agent_states rows in a later one can deadlock with a writer of those
-- agents (PostgreSQL aborts one; retry it): such a transaction locks the
-- agent_states rows it will write before it writes contacts. Writes that
-- fire no triggers (session_replication_role = replica, as bench/gen-scale
-- loads) are followed by rmi_queue_agent_counts_rebuild().
--
-- Cost (1M contacts, 1 000 agents, 200 queues, 8 000 serving logins;
-- pgbench, 2 clients): the list ~500 statements/s (143 when computed per
-- read), /queueStatuses/{id} 14 300 (534); 8 writers of random agent
-- states, logins and contacts ran 620 transactions/s with the triggers. One
-- status change of an active contact takes 5.6-5.8 ms instead of 2.4-3.2
-- ms without this trigger: the refresh recomputes the ~7 queues the agent
-- serves. Writes that change no agent's activity (events, times, waiting
-- contacts, contact_handling_status) pay only the transition-table
-- comparison.

-- The activity of the agents of p_agents that have a state row, LoggedOut
-- included; see the definitions above. Inlined where it is called with a
-- plain value (a column, a parameter), not with a sub-select.
CREATE FUNCTION rmi_agent_activities(p_agents guid[])
RETURNS TABLE (agent_id guid, activity text)
LANGUAGE sql STABLE AS $$
	SELECT s.agent_id,
	    CASE WHEN s.user_status = 'LoggedOut' THEN 'LoggedOut'
	    WHEN b.busy THEN 'Busy' WHEN b.wrap THEN 'WrapUp'
	    ELSE s.user_status END	-- Pause, NotReady, or Ready = Free
	FROM agent_states s
	LEFT JOIN (SELECT k.agent_id,
		bool_or(k.status IN ('InProcess', 'InProcess_Preview')) AS busy,
		bool_or(k.status = 'InProcess_WrapUp') AS wrap
	    FROM contacts k
	    WHERE rmi_status_makes_activity(k.status)
	      AND k.agent_id = ANY (p_agents)
	    GROUP BY k.agent_id) b ON b.agent_id = s.agent_id
	WHERE s.agent_id = ANY (p_agents)
$$;

-- The counters of the given queues: their serving agents by activity.
CREATE FUNCTION rmi_queue_agent_aggregate(p_queues guid[])
RETURNS TABLE (queue_id guid, free integer, busy integer, wrap_up integer,
    not_ready integer, pause integer)
LANGUAGE sql STABLE AS $$
	WITH aq AS MATERIALIZED (
		SELECT a.queue_id, a.agent_id
		FROM agent_queues a
		WHERE a.queue_id = ANY (p_queues) AND a.serving),
	act AS (
		SELECT x.* FROM (SELECT array_agg(DISTINCT aq.agent_id) AS ids
		    FROM aq) g
		CROSS JOIN LATERAL rmi_agent_activities(g.ids) x
		WHERE x.activity <> 'LoggedOut')
	SELECT aq.queue_id,
	    (count(*) FILTER (WHERE x.activity = 'Ready'))::integer,
	    (count(*) FILTER (WHERE x.activity = 'Busy'))::integer,
	    (count(*) FILTER (WHERE x.activity = 'WrapUp'))::integer,
	    (count(*) FILTER (WHERE x.activity = 'NotReady'))::integer,
	    (count(*) FILTER (WHERE x.activity = 'Pause'))::integer
	FROM aq JOIN act x ON x.agent_id = aq.agent_id
	GROUP BY aq.queue_id
$$;

CREATE FUNCTION rmi_refresh_queue_agent_counts(p_queues guid[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	l record;
BEGIN
	-- The locks first, in slot order, each slot once; this table's own
	-- lock class.
	FOR l IN SELECT DISTINCT rmi_lock_slot(u.q) AS slot
		FROM unnest(p_queues) AS u(q) WHERE u.q IS NOT NULL ORDER BY 1
	LOOP
		PERFORM pg_advisory_xact_lock(hashtext('queue_agent_counts'),
		    l.slot);
	END LOOP;
	-- Then, in a statement (and a snapshot) of its own: recompute, upsert
	-- the queues with agents, delete those without.
	WITH a AS (
		SELECT * FROM rmi_queue_agent_aggregate(p_queues)
	), up AS (
		INSERT INTO queue_agent_counts AS c SELECT * FROM a
		ON CONFLICT (queue_id) DO UPDATE SET
		    free = EXCLUDED.free, busy = EXCLUDED.busy,
		    wrap_up = EXCLUDED.wrap_up, not_ready = EXCLUDED.not_ready,
		    pause = EXCLUDED.pause
		RETURNING 1
	)
	DELETE FROM queue_agent_counts c
	WHERE c.queue_id = ANY (p_queues)
	  AND NOT EXISTS (SELECT 1 FROM a WHERE a.queue_id = c.queue_id);
END
$$;

-- Locks the agents' agent_states rows, in agent order (see the head). A
-- statement of its own: what the caller reads next sees the commits of
-- the writers it waited for.
-- (plpgsql: PERFORM runs the query to its end; a SQL function returning
-- void would stop at its first row, locking one agent.)
CREATE FUNCTION rmi_lock_agent_states(p_agents guid[])
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM 1 FROM agent_states s WHERE s.agent_id = ANY (p_agents)
	ORDER BY s.agent_id FOR NO KEY UPDATE;
END
$$;

-- The agents' rows locked, then their serving queues read and refreshed.
CREATE FUNCTION rmi_refresh_queue_agent_counts_of_agents(p_agents guid[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	qs guid[];
BEGIN
	PERFORM rmi_lock_agent_states(p_agents);
	SELECT array_agg(DISTINCT a.queue_id) INTO qs
	FROM agent_queues a WHERE a.agent_id = ANY (p_agents) AND a.serving;
	IF qs IS NOT NULL THEN
		PERFORM rmi_refresh_queue_agent_counts(qs);
	END IF;
END
$$;

-- Every queue from scratch, writers of the base tables blocked meanwhile:
-- after writes that fired no triggers, after TRUNCATE, and when this file
-- is applied.
CREATE FUNCTION rmi_queue_agent_counts_rebuild()
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
BEGIN
	LOCK TABLE agent_queues, agent_states, contacts IN SHARE MODE;
	DELETE FROM queue_agent_counts;
	INSERT INTO queue_agent_counts
	SELECT * FROM rmi_queue_agent_aggregate(
	    ARRAY(SELECT DISTINCT a.queue_id FROM agent_queues a
		WHERE a.serving));
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;

-- The triggers of all three tables: the queues a statement may have
-- changed, refreshed once. TRUNCATE rebuilds.
-- * agent_queues: the agents and queues of old and new serving rows;
-- * agent_states: the agents whose user_status changed, or that were
--   inserted or deleted;
-- * contacts: the agents of old and new rows in an activity-making status;
--   a row that stays in the same such status with the same agent changes
--   nothing (most updates of an active contact: events, times).
-- Transition tables old_rows / new_rows, whichever the event has.
CREATE FUNCTION rmi_queue_agent_counts_trigger()
RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	ags guid[];
	qs guid[];
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		PERFORM rmi_queue_agent_counts_rebuild();
	ELSIF TG_TABLE_NAME = 'agent_queues' THEN
		IF TG_OP = 'INSERT' THEN
			SELECT array_agg(DISTINCT n.agent_id),
			    array_agg(DISTINCT n.queue_id)
			INTO ags, qs FROM new_rows n WHERE n.serving;
		ELSIF TG_OP = 'UPDATE' THEN
			SELECT array_agg(DISTINCT r.agent_id),
			    array_agg(DISTINCT r.queue_id)
			INTO ags, qs
			FROM (SELECT o.agent_id, o.queue_id FROM old_rows o
			      WHERE o.serving
			      UNION ALL
			      SELECT n.agent_id, n.queue_id FROM new_rows n
			      WHERE n.serving) r;
		ELSE
			SELECT array_agg(DISTINCT o.agent_id),
			    array_agg(DISTINCT o.queue_id)
			INTO ags, qs FROM old_rows o WHERE o.serving;
		END IF;
		IF qs IS NOT NULL THEN
			PERFORM rmi_lock_agent_states(ags);
			PERFORM rmi_refresh_queue_agent_counts(qs);
		END IF;
	ELSIF TG_TABLE_NAME = 'agent_states' THEN
		IF TG_OP = 'INSERT' THEN
			SELECT array_agg(n.agent_id) INTO ags FROM new_rows n;
		ELSIF TG_OP = 'UPDATE' THEN
			SELECT array_agg(DISTINCT d.agent_id) INTO ags
			FROM ((SELECT o.agent_id, o.user_status FROM old_rows o
			       EXCEPT ALL
			       SELECT n.agent_id, n.user_status FROM new_rows n)
			      UNION ALL
			      (SELECT n.agent_id, n.user_status FROM new_rows n
			       EXCEPT ALL
			       SELECT o.agent_id, o.user_status FROM old_rows o)) d;
		ELSE
			SELECT array_agg(o.agent_id) INTO ags FROM old_rows o;
		END IF;
	ELSIF TG_OP = 'INSERT' THEN	-- contacts
		SELECT array_agg(DISTINCT n.agent_id) INTO ags FROM new_rows n
		WHERE n.agent_id IS NOT NULL
		  AND rmi_status_makes_activity(n.status);
	ELSIF TG_OP = 'UPDATE' THEN
		SELECT array_agg(DISTINCT r.agent_id) INTO ags
		FROM ((SELECT o.id, o.agent_id, o.status FROM old_rows o
		       WHERE o.agent_id IS NOT NULL
			 AND rmi_status_makes_activity(o.status)
		       EXCEPT
		       SELECT n.id, n.agent_id, n.status FROM new_rows n)
		      UNION ALL
		      (SELECT n.id, n.agent_id, n.status FROM new_rows n
		       WHERE n.agent_id IS NOT NULL
			 AND rmi_status_makes_activity(n.status)
		       EXCEPT
		       SELECT o.id, o.agent_id, o.status FROM old_rows o)) r;
	ELSE
		SELECT array_agg(DISTINCT o.agent_id) INTO ags FROM old_rows o
		WHERE o.agent_id IS NOT NULL
		  AND rmi_status_makes_activity(o.status);
	END IF;
	IF ags IS NOT NULL AND TG_TABLE_NAME <> 'agent_queues' THEN
		PERFORM rmi_refresh_queue_agent_counts_of_agents(ags);
	END IF;
	RETURN NULL;
END
$$;

SELECT rmi_create_statement_triggers('agent_queues', 'agent_queues_counts',
    'rmi_queue_agent_counts_trigger');
SELECT rmi_create_statement_triggers('agent_states', 'agent_states_counts',
    'rmi_queue_agent_counts_trigger');
-- (Named so that they fire before the contacts_summary_buckets_* ones.)
SELECT rmi_create_statement_triggers('contacts', 'contacts_queue_agent_counts',
    'rmi_queue_agent_counts_trigger');

-- The list: the waiting contacts per original and per current queue, the
-- maintained agent counters, the user's queues.
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
	WITH w AS (
		SELECT k.orig_queue_id AS queue_id, count(*) AS n,
		    max(rmi_ms(rmi_now() - coalesce(k.arrival_queue_time,
			k.arrival_time))) AS max_ms
		FROM contacts k WHERE k.status = 'InQueue'
		GROUP BY k.orig_queue_id),
	c AS (
		SELECT k.queue_id, count(*) AS n,
		    max(rmi_ms(rmi_now() - coalesce(k.queue_entry_time,
			k.arrival_queue_time, k.arrival_time))) AS max_ms
		FROM contacts k WHERE k.status = 'InQueue'
		GROUP BY k.queue_id)
	SELECT q.id, coalesce(t.name, q.name), q.type,
	    coalesce(w.n, 0), coalesce(w.max_ms, 0),
	    coalesce(c.n, 0), coalesce(c.max_ms, 0),
	    coalesce(a.free + a.busy + a.wrap_up + a.not_ready + a.pause,
		0)::bigint,
	    coalesce(a.free, 0)::bigint, coalesce(a.busy, 0)::bigint,
	    coalesce(a.wrap_up, 0)::bigint, coalesce(a.not_ready, 0)::bigint,
	    coalesce(a.pause, 0)::bigint
	FROM queues q
	JOIN rights r ON r.user_id = p_user AND r.right_name = 'STATISTICS_DETAILS'
	    AND r.object_id = q.id
	LEFT JOIN translations t ON t.object_id = q.id AND t.language = p_lang
	LEFT JOIN w ON w.queue_id = q.id
	LEFT JOIN c ON c.queue_id = q.id
	LEFT JOIN queue_agent_counts a ON a.queue_id = q.id
$$;

-- The counters follow this file's definition from now on (a changed
-- definition applies to what is stored too).
SELECT rmi_queue_agent_counts_rebuild();
