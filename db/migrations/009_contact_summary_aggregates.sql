-- 009_contact_summary_aggregates.sql: the /contactSummaries counters,
-- maintained per queue and 15-minute interval as contacts are written.
--
-- The definitions are those of 006_contact_summaries.sql, unchanged: the
-- same two-level aggregation of contacts, run when contacts change rather
-- than when a summary is read. A read is then a range scan of one small
-- table (one row per summary) joined to queues, applications and rights.
--
-- * contact_summary_buckets: one row per summary (queue_id, interval_start
--   = date_bin('15 minutes', arrival_time, epoch) of its contacts), with
--   every stored counter, total and maximum of the wire fields, the number
--   of its contacts (any type and status: a summary whose contacts count in
--   none of the counters still exists) and change_time_stamp. A queue and
--   interval without contacts has no row. Derived data: it is a function
--   of contacts only and rmi_contact_summary_buckets_rebuild() recomputes
--   it from scratch.
-- * rmi_contact_summary_aggregate(queues[], starts[]): 006's aggregation
--   restricted to the given (queue, interval) keys, one index range scan
--   of contacts_queue_arrival per key. The only place the counters are
--   defined from now on.
-- * rmi_refresh_contact_summary_buckets(queues[], starts[]): locks the keys
--   (below), recomputes them from contacts, upserts the non-empty ones and
--   deletes the rows of those that became empty.
-- * Statement-level AFTER INSERT, UPDATE and DELETE triggers on contacts,
--   with transition tables: once per statement, the DISTINCT keys of the
--   old and new rows (a row moved to another queue or interval refreshes
--   both), refreshed together. Never per row: a bulk INSERT of 25 000
--   contacts is one refresh of the few thousand buckets it touches. AFTER
--   TRUNCATE empties the table.
-- * rmi_contact_summary_rows (006) is replaced: same signature, same rows,
--   read from the table. rmi_contact_summaries and rmi_contact_summary are
--   unchanged (they call it).
--
-- Concurrency. Every refresh of a key runs under a transaction-level
-- advisory lock on that key's slot (pg_advisory_xact_lock(class, hash of
-- the key mod 1 024, see below), held until commit or rollback), and recomputes from contacts in a
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
-- that rolls back is undone with its rows. The upsert itself never waits (all
-- writers of a bucket row hold its lock). Locks are taken in the order of
-- their lock ids, so two single-statement writers cannot deadlock on them.
-- The lock id hashes the interval as epoch seconds, not as text: timestamptz
-- text depends on the session's TimeZone, and two sessions must agree.
-- What is not covered:
-- * Transactions that write contacts of several buckets in several
--   statements can now deadlock with each other where they did not before
--   (T1 holds B's lock and waits for a contact row T2 locked; T2 waits for
--   B's lock). PostgreSQL detects it and aborts one; retry it.
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
-- * Lock slots, not one lock per key: each advisory lock held is an entry
--   of the shared lock table until commit, sized by
--   max_locks_per_transaction * max_connections (64 * 100 by default: one
--   session could hold about 12 000 before "out of shared memory"). A bulk
--   INSERT of a day of 100 queues touches 9 600 keys, so the keys are hashed
--   into 1 024 slots: a transaction holds at most 1 024 of these locks
--   (about ten concurrent bulk loaders fit), and two writers of different
--   buckets share a slot, i.e. wait for each other's commit, with
--   probability 1/1 024. Correctness only needs "same key, same slot".
--
-- Cost, measured (PostgreSQL 15, 2 cores, work_mem 32MB, random_page_cost
-- 1.1; 500 000 contacts on one day in 100 queues, 9 600 summaries):
-- * the day's list for a user seeing every queue, sorted as the program
--   does: 760 ms with 006, 37 ms here (one scan of 9 600 rows, a hash
--   join to queues, rights and applications, the sort); the last hour
--   142 ms -> 3 ms; one summary by id 28 ms -> 3 ms.
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
-- * this migration's backfill of the 500 000 contacts: 3.3 s, writers of
--   contacts blocked meanwhile.

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

-- 006's aggregation of the contacts of the given (queue, interval start)
-- keys (parallel arrays; duplicates and NULL queues are ignored): one row
-- per key that has contacts. Nested loop over the keys in key order, each
-- one index range scan of contacts_queue_arrival (hash and merge joins
-- would read every contact of the keys' queues); its rows come out grouped
-- by key, so both levels aggregate as a stream (incremental sort, group
-- aggregation: no hash table of every group, nothing spilled to disk when
-- a rebuild reads millions of contacts).
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
	    coalesce(sum(o.n) FILTER (WHERE o.inbound AND o.status IN
	        ('Handled_AOT', 'Handled', 'NotHandled_FA', 'NotHandled_Ab',
	        'ServiceClosed')), 0),
	    coalesce(sum(o.n) FILTER (WHERE o.inbound AND o.status IN
	        ('InQueue', 'InProcess', 'InProcess_Preview',
	        'InProcess_Pending', 'InProcess_WrapUp')), 0),
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
	FROM (SELECT f.*, f.type NOT IN ('CallOut', 'CallOutTerm',
		'CallOutOB', 'CBRCallOut', 'EMAILOUT', 'ChatOut') AS inbound
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
	-- The locks first, in lock id order (no deadlock between two
	-- refreshes), each slot once. Lock class: this table's own.
	FOR l IN SELECT DISTINCT hashtext(u.q || ' ' ||
		    extract(epoch FROM u.s)::bigint::text) & 1023 AS slot
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
	IF TG_OP = 'INSERT' THEN
		SELECT array_agg(k.queue_id), array_agg(k.s) INTO qs, ss
		FROM (SELECT DISTINCT n.queue_id, date_bin('15 minutes',
			n.arrival_time, timestamptz '1970-01-01 00:00:00+00') AS s
		      FROM new_rows n WHERE n.queue_id IS NOT NULL) k;
	ELSIF TG_OP = 'UPDATE' THEN
		SELECT array_agg(k.queue_id), array_agg(k.s) INTO qs, ss
		FROM (SELECT r.queue_id, date_bin('15 minutes',
			r.arrival_time, timestamptz '1970-01-01 00:00:00+00') AS s
		      FROM old_rows r WHERE r.queue_id IS NOT NULL
		      UNION
		      SELECT r.queue_id, date_bin('15 minutes',
			r.arrival_time, timestamptz '1970-01-01 00:00:00+00')
		      FROM new_rows r WHERE r.queue_id IS NOT NULL) k;
	ELSIF TG_OP = 'DELETE' THEN
		SELECT array_agg(k.queue_id), array_agg(k.s) INTO qs, ss
		FROM (SELECT DISTINCT o.queue_id, date_bin('15 minutes',
			o.arrival_time, timestamptz '1970-01-01 00:00:00+00') AS s
		      FROM old_rows o WHERE o.queue_id IS NOT NULL) k;
	ELSIF TG_OP = 'TRUNCATE' THEN
		TRUNCATE contact_summary_buckets;
	END IF;
	IF qs IS NOT NULL THEN
		PERFORM rmi_refresh_contact_summary_buckets(qs, ss);
	END IF;
	RETURN NULL;
END
$$;

-- Every bucket from scratch, writers of contacts blocked meanwhile: after
-- writes that fired no triggers, and to fill the table here.
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
	FROM (SELECT DISTINCT c.queue_id, date_bin('15 minutes',
		c.arrival_time, timestamptz '1970-01-01 00:00:00+00') AS s
	      FROM contacts c WHERE c.queue_id IS NOT NULL) k;
	INSERT INTO contact_summary_buckets
	SELECT * FROM rmi_contact_summary_aggregate(qs, ss);
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;

CREATE TRIGGER contacts_summary_buckets_insert AFTER INSERT ON contacts
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION rmi_contacts_summary_buckets_trigger();
CREATE TRIGGER contacts_summary_buckets_update AFTER UPDATE ON contacts
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION rmi_contacts_summary_buckets_trigger();
CREATE TRIGGER contacts_summary_buckets_delete AFTER DELETE ON contacts
	REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION rmi_contacts_summary_buckets_trigger();
CREATE TRIGGER contacts_summary_buckets_truncate AFTER TRUNCATE ON contacts
	FOR EACH STATEMENT EXECUTE FUNCTION rmi_contacts_summary_buckets_trigger();

-- Fill it from the contacts already there (the triggers above already hold
-- writers of contacts off until this migration commits).
SELECT rmi_contact_summary_buckets_rebuild();
ANALYZE contact_summary_buckets;

-- The summaries of the buckets in [p_from, p_to) of the queues the user may
-- see (006's signature and rows; see there for the bounds).
CREATE OR REPLACE FUNCTION rmi_contact_summary_rows(p_user guid, p_lang text,
    p_from timestamptz, p_to timestamptz, p_queue text)
RETURNS SETOF rmi_contact_summary
LANGUAGE sql STABLE AS $$
	SELECT q.application_id, app.name, b.change_time_stamp, b.interval_start,
	    b.queue_id || to_char(b.interval_start AT TIME ZONE 'UTC',
	        'YYYYMMDD"T"HH24MISS"Z"'),
	    b.in_abandoned, b.in_answered_on_time, b.in_arrived_handled,
	    b.in_arrived_active, b.in_false_attempt,
	    b.in_handle_time_max, b.in_handle_time_total, b.in_handled,
	    b.in_queue_time_max, b.in_answered_queue_time_total,
	    b.in_abandoned_queue_time_total, b.in_false_attempt_queue_time_total,
	    b.in_service_closed,
	    b.out_handle_time_max, b.out_handle_time_total, b.out_handled,
	    b.queue_id, rmi_tr(q.id, p_lang, q.name), q.type
	FROM contact_summary_buckets b
	JOIN queues q ON q.id = b.queue_id
	JOIN applications app ON app.id = q.application_id
	WHERE b.interval_start >= p_from AND b.interval_start < p_to
	  AND (p_queue IS NULL OR b.queue_id = p_queue)
	  AND b.queue_id IN (SELECT g.object_id FROM rights g
	      WHERE g.user_id = p_user AND g.right_name = 'STATISTICS_DETAILS')
$$;
