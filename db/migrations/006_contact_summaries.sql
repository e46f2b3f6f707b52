-- 006_contact_summaries.sql: contacts per queue and 15-minute interval
-- (/contactSummaries).
--
-- Definitions (the wire field in brackets; ms = milliseconds):
-- * A summary is one queue and one 15-minute interval of arrival, in UTC:
--   the contacts whose current queue (contacts.queue_id: where an
--   overflowed contact went, where a transferred one was passed to) is that
--   queue and whose arrival_time is in [start, start + 15 min). A contact
--   arriving at 08:14:59.999 belongs to the 08:00 interval, one at
--   08:15:00.000 to the 08:15 interval. Contacts without a queue (IVR,
--   campaign calls, operator-direct calls) are in no summary. An interval
--   without contacts in the queue has no summary.
-- * [id] queueId followed by the interval start as yyyyMMdd'T'HHmmss'Z',
--   e.g. 535A3F8292D6433DA215D29B7455A9AB20190830T084500Z; [hourTime] the
--   interval start.
-- * [queueId], [queueName] (translated), [type] (Phone, Email, Chat) of the
--   queue; [applicationId], [applicationName] of the queue's application.
-- * [changeTimeStamp] the latest contacts.changed_at of the summary's
--   contacts.
-- * Direction: outbound are the types CallOut, CallOutTerm, CallOutOB,
--   CBRCallOut, EMAILOUT and ChatOut; every other type is inbound.
-- * Inbound contacts, by status:
--   [inArrivedActive] still in process: InQueue, InProcess,
--     InProcess_Preview, InProcess_Pending, InProcess_WrapUp;
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
-- Cost: nothing is maintained; a request aggregates. The list is one range
-- scan of contacts_arrival (or, when the rights, a queueId filter or the
-- id leave few queues, of contacts_queue_arrival per queue) and a
-- two-level aggregation: per summary, status and type in one pass over
-- the contacts, then per summary. Measured (PostgreSQL 15, 2 cores, 4 M
-- contacts over 8 days, 500 000 of them today in 100 queues, 9 600
-- summaries): the day for a user seeing every queue 1.4 s with
-- random_page_cost 1.1 and work_mem 32MB (index scan 0.2 s, hash
-- aggregation 0.8 s), 2.0 s with the default work_mem of 4MB (the
-- first level sorts on disk); the last hour 0.15 s; a user with 3 queues
-- 0.14 s; one summary by id 2 ms. With only a week of history and the
-- default random_page_cost the planner prefers a sequential scan for a
-- whole day (1/8 of the table).

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

-- The summaries of the contacts that arrived in [p_from, p_to), of the
-- queues the user may see. p_queue: only that queue (NULL: all). The bounds
-- must be interval starts (or infinity); both are index conditions.
CREATE FUNCTION rmi_contact_summary_rows(p_user guid, p_lang text,
    p_from timestamptz, p_to timestamptz, p_queue text)
RETURNS SETOF rmi_contact_summary
LANGUAGE sql STABLE AS $$
	SELECT q.application_id, app.name, s.change_time_stamp, s.hour_time,
	    s.queue_id || to_char(s.hour_time AT TIME ZONE 'UTC',
	        'YYYYMMDD"T"HH24MISS"Z"'),
	    s.in_abandoned, s.in_answered_on_time, s.in_arrived_handled,
	    s.in_arrived_active, s.in_false_attempt,
	    s.in_handle_time_max, s.in_handle_time_total, s.in_handled,
	    s.in_queue_time_max, s.in_answered_queue_time_total,
	    s.in_abandoned_queue_time_total, s.in_false_attempt_queue_time_total,
	    s.in_service_closed,
	    s.out_handle_time_max, s.out_handle_time_total, s.out_handled,
	    s.queue_id, rmi_tr(q.id, p_lang, q.name), q.type
	FROM (
		-- Second level: the few (status, direction) groups of a summary
		-- into its counters.
		SELECT o.queue_id, o.hour_time,
		    max(o.changed_at) AS change_time_stamp,
		    coalesce(sum(o.n) FILTER (WHERE o.inbound
		        AND o.status = 'NotHandled_Ab'), 0) AS in_abandoned,
		    coalesce(sum(o.n) FILTER (WHERE o.inbound
		        AND o.status = 'Handled_AOT'), 0) AS in_answered_on_time,
		    coalesce(sum(o.n) FILTER (WHERE o.inbound AND o.status IN
		        ('Handled_AOT', 'Handled', 'NotHandled_FA', 'NotHandled_Ab',
		        'ServiceClosed')), 0) AS in_arrived_handled,
		    coalesce(sum(o.n) FILTER (WHERE o.inbound AND o.status IN
		        ('InQueue', 'InProcess', 'InProcess_Preview',
		        'InProcess_Pending', 'InProcess_WrapUp')), 0)
		        AS in_arrived_active,
		    coalesce(sum(o.n) FILTER (WHERE o.inbound
		        AND o.status = 'NotHandled_FA'), 0) AS in_false_attempt,
		    coalesce(rmi_ms(max(o.handle_max) FILTER (WHERE o.inbound
		        AND o.status IN ('Handled_AOT', 'Handled'))), 0)
		        AS in_handle_time_max,
		    coalesce(sum(o.handle_ms) FILTER (WHERE o.inbound
		        AND o.status IN ('Handled_AOT', 'Handled')), 0)
		        AS in_handle_time_total,
		    coalesce(sum(o.n) FILTER (WHERE o.inbound
		        AND o.status IN ('Handled_AOT', 'Handled')), 0)
		        AS in_handled,
		    coalesce(rmi_ms(max(o.queue_max) FILTER (WHERE o.inbound
		        AND o.status IN ('Handled_AOT', 'Handled', 'NotHandled_FA',
		        'NotHandled_Ab'))), 0) AS in_queue_time_max,
		    coalesce(sum(o.queue_ms) FILTER (WHERE o.inbound
		        AND o.status IN ('Handled_AOT', 'Handled')), 0)
		        AS in_answered_queue_time_total,
		    coalesce(sum(o.queue_ms) FILTER (WHERE o.inbound
		        AND o.status = 'NotHandled_Ab'), 0)
		        AS in_abandoned_queue_time_total,
		    coalesce(sum(o.queue_ms) FILTER (WHERE o.inbound
		        AND o.status = 'NotHandled_FA'), 0)
		        AS in_false_attempt_queue_time_total,
		    coalesce(sum(o.n) FILTER (WHERE o.inbound
		        AND o.status = 'ServiceClosed'), 0) AS in_service_closed,
		    coalesce(rmi_ms(max(o.handle_max) FILTER (WHERE NOT o.inbound
		        AND o.status IN ('Handled_AOT', 'Handled'))), 0)
		        AS out_handle_time_max,
		    coalesce(sum(o.handle_ms) FILTER (WHERE NOT o.inbound
		        AND o.status IN ('Handled_AOT', 'Handled')), 0)
		        AS out_handle_time_total,
		    coalesce(sum(o.n) FILTER (WHERE NOT o.inbound
		        AND o.status IN ('Handled_AOT', 'Handled')), 0)
		        AS out_handled
		FROM (SELECT f.*, f.type NOT IN ('CallOut', 'CallOutTerm',
			'CallOutOB', 'CBRCallOut', 'EMAILOUT', 'ChatOut') AS inbound
		      FROM (
			-- First level, one pass over the contacts: per summary,
			-- status and type, the count, the last change, the
			-- queue and handle time totals (each contact's whole ms,
			-- as /contacts shows them) and maxima (as intervals:
			-- rmi_ms of the maximum is the maximum of rmi_ms).
			SELECT c.queue_id,
			    date_bin('15 minutes', c.arrival_time,
			        timestamptz '1970-01-01 00:00:00+00') AS hour_time,
			    c.status, c.type, count(*) AS n, max(c.changed_at) AS changed_at,
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
			FROM contacts c
			WHERE c.arrival_time >= p_from AND c.arrival_time < p_to
			  AND (p_queue IS NULL OR c.queue_id = p_queue)
			  AND c.queue_id IN (SELECT g.object_id FROM rights g
			      WHERE g.user_id = p_user
			        AND g.right_name = 'STATISTICS_DETAILS')
			GROUP BY 1, 2, 3, 4) f) o
		GROUP BY o.queue_id, o.hour_time) s
	JOIN queues q ON q.id = s.queue_id
	JOIN applications app ON app.id = q.application_id
$$;

-- The number of first-level groups, for the planner (a hash aggregation
-- rather than a sort of the day's contacts): the GROUP BY above.
CREATE STATISTICS contacts_summary_groups (ndistinct) ON queue_id, status,
    type,
    date_bin('15 minutes', arrival_time, timestamptz '1970-01-01 00:00:00+00')
    FROM contacts;

-- The list (/contactSummaries): from startTime rounded down to its
-- interval start, or from the start of the current UTC day.
CREATE FUNCTION rmi_contact_summaries(p_user guid, p_lang text,
    p_start timestamptz)
RETURNS SETOF rmi_contact_summary
LANGUAGE sql STABLE AS $$
	SELECT * FROM rmi_contact_summary_rows(p_user, p_lang,
	    date_bin('15 minutes', coalesce(p_start,
	        date_trunc('day', rmi_now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'),
	        timestamptz '1970-01-01 00:00:00+00'),
	    timestamptz 'infinity', NULL)
$$;

-- One summary by id (/contactSummaries/{id}): the queue and the interval
-- the id names. An id not of the form queueId + yyyyMMdd'T'HHmmss'Z' finds
-- nothing (the program answers 400 before asking); one whose time is not
-- an interval start finds nothing either (its interval has another id).
CREATE FUNCTION rmi_contact_summary(p_user guid, p_lang text, p_id text)
RETURNS SETOF rmi_contact_summary
LANGUAGE sql STABLE AS $$
	SELECT r.* FROM (SELECT CASE WHEN p_id ~ '^[0-9A-F]{32}[0-9]{8}T[0-9]{6}Z$'
		THEN (substr(p_id, 33, 15))::timestamp AT TIME ZONE 'UTC'
		END AS t) i
	CROSS JOIN LATERAL rmi_contact_summary_rows(p_user, p_lang, i.t,
	    i.t + interval '15 minutes', left(p_id, 32)) r
	WHERE r.id = p_id
$$;
