-- 00_common.sql: what every family uses: the clock, durations, the
-- signed-in user's session, translations, and the rules several families
-- share (outbound contact types, the statuses that make an agent active,
-- the 15-minute interval, the lock slots of the maintained tables).
--
-- The rules are LANGUAGE sql functions of one expression, without STRICT
-- and no more volatile than their body: PostgreSQL inlines them into the
-- calling query, so a plan (and a partial index's predicate) sees the
-- expression itself, as if it had been written out.

-- The database's notion of now for reads: the transaction's start time.
-- Tests pin it with
--   ALTER DATABASE ... SET rmi.now = '2026-01-15T10:00:00Z'
-- so that every duration "up to now" is exact; production leaves it unset.
CREATE FUNCTION rmi_now() RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT coalesce(nullif(current_setting('rmi.now', true), '')::timestamptz,
	    now())
$$;

-- The time a write stamps on what it changes: the pinned clock when there
-- is one (tests), else the wall clock at the moment of the call. A writer
-- calls it after it holds the row locks that order it among concurrent
-- writers, never rmi_now(): the transaction's start time is fixed before
-- the locks are granted, so a writer that began first but got the lock
-- last would stamp a time before its predecessor's.
CREATE FUNCTION rmi_clock() RETURNS timestamptz
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
	SELECT coalesce(nullif(current_setting('rmi.now', true), '')::timestamptz,
	    clock_timestamp())
$$;

-- Whole milliseconds of an interval, never negative (a clock pinned before
-- an event must not produce negative durations on the wire).
CREATE FUNCTION rmi_ms(d interval) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT greatest(0, floor(extract(epoch FROM d) * 1000))::bigint
$$;

-- The start of the UTC day of t: the default start of the day's lists
-- (/contacts, /contactSummaries).
CREATE FUNCTION rmi_day_start(t timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT date_trunc('day', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
$$;

-- The 15-minute interval (in UTC, from the epoch) t falls in, by its
-- start: a contact arriving at 08:14:59.999 belongs to the 08:00 interval,
-- one at 08:15:00.000 to the 08:15 interval. The unit of /contactSummaries;
-- inlined, it is the very expression of the statistics object
-- contacts_summary_groups (migration 006).
CREATE FUNCTION rmi_interval_start(t timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT date_bin('15 minutes', t, timestamptz '1970-01-01 00:00:00+00')
$$;

-- Is a contact of this type inbound? Outbound are the types CallOut,
-- CallOutTerm, CallOutOB, CBRCallOut, EMAILOUT and ChatOut; every other
-- type is inbound (CallIn, CallIn/Forwarded, CBR, VOICEMAILIN, ChatIn,
-- EMAILIN ...).
CREATE FUNCTION rmi_is_inbound(p_type text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT p_type NOT IN ('CallOut', 'CallOutTerm', 'CallOutOB',
	    'CBRCallOut', 'EMAILOUT', 'ChatOut')
$$;

-- Does a contact in this status keep its agent busy or in wrap-up? Its
-- active contacts are those InProcess, InProcess_Preview or
-- InProcess_WrapUp. A pending e-mail (InProcess_Pending) is parked and
-- does not count, nor does a waiting contact (InQueue: no agent yet).
CREATE FUNCTION rmi_status_makes_activity(p_status text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT p_status IN ('InProcess', 'InProcess_Preview', 'InProcess_WrapUp')
$$;

-- Is a contact in this status still in process (not finished)? InQueue,
-- InProcess, InProcess_Preview, InProcess_Pending, InProcess_WrapUp; the
-- final statuses are Handled_AOT, Handled, NotHandled_FA, NotHandled_Ab and
-- ServiceClosed. The partial index contacts_active has this predicate.
CREATE FUNCTION rmi_status_in_process(p_status text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT p_status IN ('InQueue', 'InProcess', 'InProcess_Preview',
	    'InProcess_Pending', 'InProcess_WrapUp')
$$;

-- The advisory lock slot of a key of a maintained table
-- (contact_summary_buckets, queue_agent_counts): keys are hashed into 1 024
-- slots, so that a transaction holds at most 1 024 such locks whatever it
-- writes (the shared lock table has room for about 12 000 per session by
-- default); two keys sharing a slot only wait for each other. Correctness
-- needs only "same key, same slot". The lock itself is
-- pg_advisory_xact_lock(hashtext(table name), slot), held to commit.
CREATE FUNCTION rmi_lock_slot(p_key text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT hashtext(p_key) & 1023
$$;

-- The signed-in user: id and the default language of the requests
-- (uiLanguage of the MON365_SETTINGS setting if set, else of the most
-- recently changed setting that has one; by id among settings stamped at
-- the same instant, as under a pinned clock). No row: the login is unknown.
-- The login compares case-insensitively, as directory logins do (AGENT1 is
-- agent1); the unique index users_login_lower (migration 020) makes that
-- one user at most, and serves the look-up.
CREATE FUNCTION rmi_session(p_login text)
RETURNS TABLE (user_id guid, ui_language text)
LANGUAGE sql STABLE AS $$
	SELECT u.id,
	    (SELECT upper(s.ui_language) FROM settings s
	     WHERE s.user_id = u.id AND s.ui_language ~* '^[a-z]{2}$'
	     ORDER BY s.id = 'MON365_SETTINGS' DESC, s.changed_at DESC, s.id
	     LIMIT 1)
	FROM users u
	WHERE lower(u.login) = lower(p_login)
$$;

-- Display name of a configuration object in p_lang (upper-case ISO 639),
-- falling back to its own name when there is no translation. It holds a
-- sub-select, so PostgreSQL never inlines it: list functions join
-- translations on its key instead (a LEFT JOIN, coalesce(t.name, x.name));
-- this is for the few single values.
CREATE FUNCTION rmi_tr(p_object text, p_lang text, p_name text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT t.name FROM translations t
	    WHERE t.object_id = p_object AND t.language = p_lang), p_name)
$$;

-- Rights: every family checks them in its own query, as a join or an
-- uncorrelated "object IN (SELECT object_id FROM rights WHERE user_id =
-- p_user AND right_name = ...)" (a hashed sub-plan, built once per query),
-- never through a function called per row. The rights are
-- STATISTICS_DETAILS (see an object's statistics and contacts), SERVE
-- (pick its contacts), MANAGE and MANAGE_PRESENCE (change an agent's
-- ready state and queue logins, its presence).

-- Creates the four statement-level AFTER triggers by which a maintained
-- table follows p_table: <p_prefix>_insert, _update, _delete (with the
-- transition tables new_rows and old_rows that each event has) and
-- _truncate, all executing p_function, which tells them apart by TG_OP.
-- Never per row: a bulk statement is one refresh. (AFTER statement
-- triggers of one table fire in name order.)
CREATE FUNCTION rmi_create_statement_triggers(p_table regclass,
    p_prefix text, p_function text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	e record;
BEGIN
	FOR e IN SELECT * FROM (VALUES
		('insert', 'INSERT', 'REFERENCING NEW TABLE AS new_rows'),
		('update', 'UPDATE',
		    'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'),
		('delete', 'DELETE', 'REFERENCING OLD TABLE AS old_rows'),
		('truncate', 'TRUNCATE', '')) AS v(suffix, event, refs)
	LOOP
		EXECUTE format('CREATE TRIGGER %I AFTER %s ON %s %s '
		    'FOR EACH STATEMENT EXECUTE FUNCTION %I()',
		    p_prefix || '_' || e.suffix, e.event, p_table, e.refs,
		    p_function);
	END LOOP;
END
$$;
