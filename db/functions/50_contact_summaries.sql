-- 50_contact_summaries.sql: contacts per queue and 15-minute interval
-- (/contactSummaries), and the table that maintains them
-- (contact_summary_buckets, migration 009).
--
-- Definitions (the wire field in brackets; ms = milliseconds):
-- * A summary is one queue and one 15-minute interval of arrival, in UTC
--   (rmi_interval_start, 00_common.sql): the contacts whose current queue
--   (contacts.queue_id: where an overflowed contact went, where a
--   transferred one was passed to) is that queue and whose arrival_time is
--   in [start, start + 15 min). Contacts without a queue (IVR, campaign
--   calls, operator-direct calls) are in no summary. An interval without
--   contacts in the queue has no summary.
-- * [id] queueId followed by the interval start as yyyyMMdd'T'HHmmss'Z',
--   e.g. 535A3F8292D6433DA215D29B7455A9AB20190830T084500Z; [hourTime] the
--   interval start.
-- * [queueId], [queueName] (translated), [type] (Phone, Email, Chat) of the
--   queue; [applicationId], [applicationName] of the queue's application.
-- * [changeTimeStamp] the latest contacts.changed_at of the summary's
--   contacts.
-- * Direction: rmi_is_inbound (00_common.sql).
-- * Inbound contacts, by status:
--   [inArrivedActive] still in process (rmi_status_in_process: InQueue,
--     InProcess, InProcess_Preview, InProcess_Pending, InProcess_WrapUp);
--   [inArrivedHandled] done, whatever the outcome: Handled_AOT, Handled,
--     NotHandled_FA, NotHandled_Ab, ServiceClosed; so inArrivedActive +
--     inArrivedHandled = every inbound contact that arrived;
--   [inHandled] answered and done: Handled_AOT or Handled (a contact counts
--     once its wrap-up has ended, when its status is final);
--   [inAnsweredOnTime] Handled_AOT (a part of inHandled);
--   [inAbandoned] NotHandled_Ab; [inFalseAttempt] NotHandled_FA;
--   [inServiceClosed] ServiceClosed;
--   so inHandled + inAbandoned + inFalseAttempt + inServiceClosed =
--   inArrivedHandled.
-- * Queue time of a contact: arrival_queue_time (entry into its first
--   queue) to connect_time, or to disconnect_time when never connected
--   (queuingDuration of /contacts); 0 when it never queued.
--   [inAnsweredQueueTimeTotal], [inAbandonedQueueTimeTotal],
--   [inFalseAttemptQueueTimeTotal] its sum over inHandled, inAbandoned and
--   inFalseAttempt contacts; [inQueueTimeMax] its maximum over the contacts
--   of those three totals; 0 when none. Contacts still active are not in
--   them (nothing in a summary runs up to now).
-- * Handle time of a contact: connect_time to disconnect_time
--   (handlingDuration of /contacts, wrap-up excluded); 0 when never
--   connected. [inHandleTimeTotal], [inHandleTimeMax] over inHandled.
-- * [outHandled] outbound contacts with status Handled_AOT or Handled;
--   [outHandleTimeTotal], [outHandleTimeMax] their handle times.
-- * Visible: summaries of queues on which the signed-in user has
--   STATISTICS_DETAILS.
-- * The list covers the intervals from startTime rounded down to its
--   interval start (so every summary is complete) on; without startTime,
--   from the start of the current UTC day (by rmi_now()). There is no end.
--
-- Maintained, not aggregated per read: the counters of every summary are
-- kept in contact_summary_buckets, recomputed as contacts are written, and
-- a read is a range scan of that small table (one row per summary) joined
-- to queues, applications and rights.
-- * contact_summary_buckets: one row per summary (queue_id, interval_start),
--   with every stored counter, total and maximum of the wire fields, the
--   number of its contacts (any type and status: a summary whose contacts
--   count in none of the counters still exists) and change_time_stamp.
--   Derived data, a function of contacts only:
--   rmi_contact_summary_buckets_rebuild() recomputes it from scratch, and
--   applying this file does (its definition may have changed).
-- * rmi_contact_summary_aggregate(queues[], starts[]): the definitions
--   above for the given (queue, interval) keys, one index range scan of
--   contacts_queue_arrival per key; the only place the counters are
--   defined.
-- * rmi_refresh_contact_summary_buckets(queues[], starts[]): locks the keys
--   (below), recomputes them from contacts, upserts the non-empty ones and
--   deletes the rows of those that became empty.
-- * Statement-level AFTER INSERT, UPDATE and DELETE triggers on contacts,
--   with transition tables: once per statement, the DISTINCT keys of the
--   old and new rows (a row moved to another queue or interval refreshes
--   both), refreshed together. A bulk INSERT of 25 000 contacts is one
--   refresh of the few thousand buckets it touches. AFTER TRUNCATE empties
--   the table.
--
-- Concurrency. Every refresh of a key runs under a transaction-level
-- advisory lock on that key's slot (rmi_lock_slot of the key, 00_common.sql),
-- held until commit or rollback, and recomputes from contacts in a
-- statement that starts after the lock is granted. Under READ COMMITTED
-- that statement's snapshot sees every transaction committed before it.
-- A writer of contacts in bucket B refreshes B at the end of each of its
-- statements that touched B, so before it commits, and holds B's lock from
-- that refresh to its commit. Hence for two writers of B, one of them (the
-- second to get the lock) refreshes after the other has committed, seeing
-- the other's rows and its own: whichever order they run in, the last
-- refresh of B is done by the last writer to commit and sees every
-- committed row of B (a third writer cannot commit in between: it must
-- refresh B, i.e. wait for the lock, first). The refresh of a transaction
-- that rolls back is undone with its rows. The upsert itself never waits
-- (all writers of a bucket row hold its lock). Locks are taken in slot
-- order, so two single-statement writers cannot deadlock on them. The lock
-- key hashes the interval as epoch seconds, not as text: timestamptz text
-- depends on the session's TimeZone, and two sessions must agree.
-- What is not covered:
-- * Transactions that write contacts of several buckets in several
--   statements can deadlock with each other (T1 holds B's lock and waits
--   for a contact row T2 locked; T2 waits for B's lock). PostgreSQL detects
--   it and aborts one; retry it.
-- * REPEATABLE READ writers see a snapshot from before the lock: when a
--   concurrent writer of B commits first, the RR writer's upsert of B fails
--   with a serialization failure (40001, retry), since that bucket row was
--   updated or inserted after the snapshot; but if the concurrent writer
--   emptied B and deleted its row, the RR writer inserts a fresh row from
--   its stale view (counting the deleted contacts) and nothing fails. The
--   row stays wrong until B's next write or a rebuild. SERIALIZABLE writers
--   are safe among themselves (SSI sees the read-write conflict on B's
--   contacts), not with concurrent non-serializable writers of B. The
--   ingest and db/simulate write under READ COMMITTED.
-- * Writes that fire no triggers: session_replication_role = replica
--   (bench/gen-scale, logical replication apply), ALTER TABLE ... DISABLE
--   TRIGGER, COPY with triggers disabled. The triggers are ordinary (ENABLE
--   ORIGIN) on purpose: a bulk loader that drops the indexes of contacts
--   would otherwise refresh through sequential scans. Such a loader calls
--   SELECT rmi_contact_summary_buckets_rebuild() after it (as it rebuilds
--   the indexes); a logical replica replicates this table with contacts.
--
-- Cost, measured (PostgreSQL 15, 2 cores, work_mem 32MB, random_page_cost
-- 1.1; 500 000 contacts on one day in 100 queues, 9 600 summaries):
-- * the day's list for a user seeing every queue, sorted as the program
--   does: 760 ms aggregated per read, 37 ms from the table (one scan of
--   9 600 rows, a hash join to queues, rights and applications, the sort);
--   the last hour 142 ms -> 3 ms; one summary by id 28 ms -> 3 ms.
-- * loading the day in 20 INSERTs of 25 000 contacts, one transaction
--   each: arrival-ordered chunks (each touches ~500 buckets) 36.5 s
--   without the triggers, 36.4 s with them; chunks spread over the whole
--   day (each touches all 9 600 buckets and re-reads every contact loaded
--   so far) 37.4 s -> 74 s. Recomputing a bucket costs its contacts, so a
--   loader should write in arrival order where it can.
-- * one single-row UPDATE of a contact (pgbench, one session, buckets of
--   ~50 contacts): 0.25 ms -> 2.0 ms. Writers of one bucket serialize on
--   its lock and each re-reads the whole bucket: 8 sessions inserting and
--   updating 2 400 contacts into one queue's single interval averaged
--   89 ms a statement, and the bucket came out exact.
-- * a rebuild of the 500 000 contacts: 3.3 s, writers of contacts blocked
--   meanwhile.

-- The columns of a summary, in wire field order, and the internal
-- hour_time (for sorting on the interval rather than the id text).
CREATE TYPE rmi_contact_summary AS (
	application_id			guid,
	application_name		text,
	change_time_stamp		timestamptz,
	hour_time			timestamptz,
	id				text,
	in_abandoned			bigint,
	in_answered_on_time		bigint,
	in_arrived_handled		bigint,
	in_arrived_active		bigint,
	in_false_attempt		bigint,
	in_handle_time_max		bigint,
	in_handle_time_total		bigint,
	in_handled			bigint,
	in_queue_time_max		bigint,
	in_answered_queue_time_total	bigint,
	in_abandoned_queue_time_total	bigint,
	in_false_attempt_queue_time_total bigint,
	in_service_closed		bigint,
	out_handle_time_max		bigint,
	out_handle_time_total		bigint,
	out_handled			bigint,
	queue_id			guid,
	queue_name			text,
	type				text);

-- The aggregation of the contacts of the given (queue, interval start)
-- keys (parallel arrays; duplicates and NULL queues are ignored): one row
-- per key that has contacts. Two levels: per key, status and type in one
-- pass over the contacts (the count, the last change, the queue and handle
-- time totals, each contact's whole ms as /contacts shows them, and maxima
-- as intervals: rmi_ms of the maximum is the maximum of rmi_ms), then per
-- key. Nested loop over the keys in key order, each one index range scan
-- of contacts_queue_arrival (hash and merge joins would read every contact
-- of the keys' queues); its rows come out grouped by key, so both levels
-- aggregate as a stream (incremental sort, group aggregation: no hash table
-- of every group, nothing spilled to disk when a rebuild reads millions of
-- contacts).
CREATE FUNCTION rmi_contact_summary_aggregate(p_queues guid[],
    p_starts timestamptz[])
RETURNS SETOF contact_summary_buckets
LANGUAGE sql STABLE
SET enable_hashjoin = off SET enable_mergejoin = off SET enable_hashagg = off AS $$
	SELECT o.queue_id, o.hour_time, sum(o.n)::bigint,
	    max(o.changed_at),
	    coalesce(sum(o.n) FILTER (WHERE o.inbound
	        AND o.status = 'NotHandled_Ab'), 0),
	    coalesce(sum(o.n) FILTER (WHERE o.inbound
	        AND o.status = 'Handled_AOT'), 0),
	    coalesce(sum(o.n) FILTER (WHERE o.inbound
	        AND NOT rmi_status_in_process(o.status)), 0),
	    coalesce(sum(o.n) FILTER (WHERE o.inbound
	        AND rmi_status_in_process(o.status)), 0),
	    coalesce(sum(o.n) FILTER (WHERE o.inbound
	        AND o.status = 'NotHandled_FA'), 0),
	    coalesce(rmi_ms(max(o.handle_max) FILTER (WHERE o.inbound
	        AND o.status IN ('Handled_AOT', 'Handled'))), 0),
	    coalesce(sum(o.handle_ms) FILTER (WHERE o.inbound
	        AND o.status IN ('Handled_AOT', 'Handled')), 0),
	    coalesce(sum(o.n) FILTER (WHERE o.inbound
	        AND o.status IN ('Handled_AOT', 'Handled')), 0),
	    coalesce(rmi_ms(max(o.queue_max) FILTER (WHERE o.inbound
	        AND o.status IN ('Handled_AOT', 'Handled', 'NotHandled_FA',
	        'NotHandled_Ab'))), 0),
	    coalesce(sum(o.queue_ms) FILTER (WHERE o.inbound
	        AND o.status IN ('Handled_AOT', 'Handled')), 0),
	    coalesce(sum(o.queue_ms) FILTER (WHERE o.inbound
	        AND o.status = 'NotHandled_Ab'), 0),
	    coalesce(sum(o.queue_ms) FILTER (WHERE o.inbound
	        AND o.status = 'NotHandled_FA'), 0),
	    coalesce(sum(o.n) FILTER (WHERE o.inbound
	        AND o.status = 'ServiceClosed'), 0),
	    coalesce(rmi_ms(max(o.handle_max) FILTER (WHERE NOT o.inbound
	        AND o.status IN ('Handled_AOT', 'Handled'))), 0),
	    coalesce(sum(o.handle_ms) FILTER (WHERE NOT o.inbound
	        AND o.status IN ('Handled_AOT', 'Handled')), 0),
	    coalesce(sum(o.n) FILTER (WHERE NOT o.inbound
	        AND o.status IN ('Handled_AOT', 'Handled')), 0)
	FROM (SELECT f.*, rmi_is_inbound(f.type) AS inbound
	      FROM (
		SELECT k.queue_id, k.hour_time, c.status, c.type,
		    count(*) AS n, max(c.changed_at) AS changed_at,
		    sum(rmi_ms(coalesce(c.connect_time, c.disconnect_time,
		        c.arrival_queue_time) - c.arrival_queue_time))
		        AS queue_ms,
		    max(coalesce(c.connect_time, c.disconnect_time,
		        c.arrival_queue_time) - c.arrival_queue_time)
		        AS queue_max,
		    sum(rmi_ms(coalesce(c.disconnect_time, c.connect_time) -
		        c.connect_time)) AS handle_ms,
		    max(coalesce(c.disconnect_time, c.connect_time) -
		        c.connect_time) AS handle_max
		FROM (SELECT DISTINCT u.queue_id, u.hour_time
		      FROM unnest(p_queues, p_starts) AS u(queue_id, hour_time)
		      WHERE u.queue_id IS NOT NULL
		      ORDER BY 1, 2) k
		JOIN contacts c ON c.queue_id = k.queue_id
		  AND c.arrival_time >= k.hour_time
		  AND c.arrival_time < k.hour_time + interval '15 minutes'
		GROUP BY 1, 2, 3, 4) f) o
	GROUP BY o.queue_id, o.hour_time
$$;

-- Recomputes the buckets of the given keys (as rmi_contact_summary_aggregate
-- takes them; every start an interval start) under their advisory locks.
CREATE FUNCTION rmi_refresh_contact_summary_buckets(p_queues guid[],
    p_starts timestamptz[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	l record;
BEGIN
	-- The locks first, in slot order (no deadlock between two
	-- refreshes), each slot once. Lock class: this table's own.
	FOR l IN SELECT DISTINCT rmi_lock_slot(u.q || ' ' ||
		    extract(epoch FROM u.s)::bigint::text) AS slot
		FROM unnest(p_queues, p_starts) AS u(q, s)
		WHERE u.q IS NOT NULL
		ORDER BY 1
	LOOP
		PERFORM pg_advisory_xact_lock(hashtext('contact_summary_buckets'),
		    l.slot);
	END LOOP;
	-- Then, in a statement (and a snapshot) of its own: recompute, upsert
	-- the keys with contacts, delete those without.
	WITH a AS (
		SELECT * FROM rmi_contact_summary_aggregate(p_queues, p_starts)
	), up AS (
		INSERT INTO contact_summary_buckets AS b SELECT * FROM a
		ON CONFLICT (queue_id, interval_start) DO UPDATE SET
		    contacts = EXCLUDED.contacts,
		    change_time_stamp = EXCLUDED.change_time_stamp,
		    in_abandoned = EXCLUDED.in_abandoned,
		    in_answered_on_time = EXCLUDED.in_answered_on_time,
		    in_arrived_handled = EXCLUDED.in_arrived_handled,
		    in_arrived_active = EXCLUDED.in_arrived_active,
		    in_false_attempt = EXCLUDED.in_false_attempt,
		    in_handle_time_max = EXCLUDED.in_handle_time_max,
		    in_handle_time_total = EXCLUDED.in_handle_time_total,
		    in_handled = EXCLUDED.in_handled,
		    in_queue_time_max = EXCLUDED.in_queue_time_max,
		    in_answered_queue_time_total =
		        EXCLUDED.in_answered_queue_time_total,
		    in_abandoned_queue_time_total =
		        EXCLUDED.in_abandoned_queue_time_total,
		    in_false_attempt_queue_time_total =
		        EXCLUDED.in_false_attempt_queue_time_total,
		    in_service_closed = EXCLUDED.in_service_closed,
		    out_handle_time_max = EXCLUDED.out_handle_time_max,
		    out_handle_time_total = EXCLUDED.out_handle_time_total,
		    out_handled = EXCLUDED.out_handled
		RETURNING 1
	)
	DELETE FROM contact_summary_buckets b
	USING unnest(p_queues, p_starts) AS u(q, s)
	WHERE b.queue_id = u.q AND b.interval_start = u.s
	  AND NOT EXISTS (SELECT 1 FROM a
	      WHERE a.queue_id = u.q AND a.interval_start = u.s);
END
$$;

-- The trigger: the keys of the statement's old and new rows, refreshed
-- once. Transition tables old_rows / new_rows (whichever the event has).
CREATE FUNCTION rmi_contacts_summary_buckets_trigger()
RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	qs guid[];
	ss timestamptz[];
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		TRUNCATE contact_summary_buckets;
		RETURN NULL;
	ELSIF TG_OP = 'INSERT' THEN
		SELECT array_agg(k.queue_id), array_agg(k.s) INTO qs, ss
		FROM (SELECT DISTINCT n.queue_id,
			rmi_interval_start(n.arrival_time) AS s
		      FROM new_rows n WHERE n.queue_id IS NOT NULL) k;
	ELSIF TG_OP = 'UPDATE' THEN
		SELECT array_agg(k.queue_id), array_agg(k.s) INTO qs, ss
		FROM (SELECT r.queue_id, rmi_interval_start(r.arrival_time) AS s
		      FROM old_rows r WHERE r.queue_id IS NOT NULL
		      UNION
		      SELECT r.queue_id, rmi_interval_start(r.arrival_time)
		      FROM new_rows r WHERE r.queue_id IS NOT NULL) k;
	ELSE
		SELECT array_agg(k.queue_id), array_agg(k.s) INTO qs, ss
		FROM (SELECT DISTINCT o.queue_id,
			rmi_interval_start(o.arrival_time) AS s
		      FROM old_rows o WHERE o.queue_id IS NOT NULL) k;
	END IF;
	IF qs IS NOT NULL THEN
		PERFORM rmi_refresh_contact_summary_buckets(qs, ss);
	END IF;
	RETURN NULL;
END
$$;

SELECT rmi_create_statement_triggers('contacts', 'contacts_summary_buckets',
    'rmi_contacts_summary_buckets_trigger');

-- Every bucket from scratch, writers of contacts blocked meanwhile: after
-- writes that fired no triggers, and when this file is applied.
CREATE FUNCTION rmi_contact_summary_buckets_rebuild()
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	qs guid[];
	ss timestamptz[];
	n bigint;
BEGIN
	LOCK TABLE contacts IN SHARE MODE;
	TRUNCATE contact_summary_buckets;
	SELECT array_agg(k.queue_id), array_agg(k.s) INTO qs, ss
	FROM (SELECT DISTINCT c.queue_id, rmi_interval_start(c.arrival_time) AS s
	      FROM contacts c WHERE c.queue_id IS NOT NULL) k;
	INSERT INTO contact_summary_buckets
	SELECT * FROM rmi_contact_summary_aggregate(qs, ss);
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;

-- [id], the only place it is built: the queue's id and the interval's
-- start as yyyyMMdd'T'HHmmss'Z' (UTC). The programs validate an {id}
-- (cgi-bin/contactSummaries.c); rmi_contact_summary parses what they pass.
CREATE FUNCTION rmi_contact_summary_id(p_queue text, p_start timestamptz)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT p_queue || to_char(p_start AT TIME ZONE 'UTC',
	    'YYYYMMDD"T"HH24MISS"Z"')
$$;

-- The summaries of the buckets in [p_from, p_to) of the queues the user may
-- see. p_queue: only that queue (NULL: all). The bounds must be interval
-- starts (or infinity); both are index conditions.
CREATE FUNCTION rmi_contact_summary_rows(p_user guid, p_lang text,
    p_from timestamptz, p_to timestamptz, p_queue text)
RETURNS SETOF rmi_contact_summary
LANGUAGE sql STABLE AS $$
	SELECT q.application_id, app.name, b.change_time_stamp, b.interval_start,
	    rmi_contact_summary_id(b.queue_id, b.interval_start),
	    b.in_abandoned, b.in_answered_on_time, b.in_arrived_handled,
	    b.in_arrived_active, b.in_false_attempt,
	    b.in_handle_time_max, b.in_handle_time_total, b.in_handled,
	    b.in_queue_time_max, b.in_answered_queue_time_total,
	    b.in_abandoned_queue_time_total, b.in_false_attempt_queue_time_total,
	    b.in_service_closed,
	    b.out_handle_time_max, b.out_handle_time_total, b.out_handled,
	    b.queue_id, coalesce(t.name, q.name), q.type
	FROM contact_summary_buckets b
	JOIN queues q ON q.id = b.queue_id
	JOIN applications app ON app.id = q.application_id
	LEFT JOIN translations t ON t.object_id = q.id AND t.language = p_lang
	WHERE b.interval_start >= p_from AND b.interval_start < p_to
	  AND (p_queue IS NULL OR b.queue_id = p_queue)
	  AND b.queue_id IN (SELECT g.object_id FROM rights g
	      WHERE g.user_id = p_user AND g.right_name = 'STATISTICS_DETAILS')
$$;

-- The list (/contactSummaries): from startTime rounded down to its
-- interval start, or from the start of the current UTC day.
CREATE FUNCTION rmi_contact_summaries(p_user guid, p_lang text,
    p_start timestamptz)
RETURNS SETOF rmi_contact_summary
LANGUAGE sql STABLE AS $$
	SELECT * FROM rmi_contact_summary_rows(p_user, p_lang,
	    rmi_interval_start(coalesce(p_start, rmi_day_start(rmi_now()))),
	    timestamptz 'infinity', NULL)
$$;

-- One summary by id (/contactSummaries/{id}): the queue and the interval
-- the id names. p_id is of the form rmi_contact_summary_id builds: the
-- program validates it (a malformed one is 400 before any SQL); one whose
-- time is not an interval start finds nothing (its interval has another
-- id).
CREATE FUNCTION rmi_contact_summary(p_user guid, p_lang text, p_id text)
RETURNS SETOF rmi_contact_summary
LANGUAGE sql STABLE AS $$
	SELECT r.* FROM (SELECT substr(p_id, 33, 15)::timestamp
		AT TIME ZONE 'UTC' AS t) i
	CROSS JOIN LATERAL rmi_contact_summary_rows(p_user, p_lang, i.t,
	    i.t + interval '15 minutes', left(p_id, 32)) r
	WHERE r.id = p_id
$$;

-- The stored summaries follow this file's definition from now on.
SELECT rmi_contact_summary_buckets_rebuild();
