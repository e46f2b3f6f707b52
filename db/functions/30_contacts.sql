-- 30_contacts.sql: contacts as the wire shows them (/contacts,
-- /contacts/{id}, /contacts/{id}/details).
--
-- Definitions (wire field in brackets; "now" is rmi_now()):
-- * Visible: the signed-in user has STATISTICS_DETAILS on the contact's
--   current queue, its agent, its IVR application or its outbound campaign.
-- * [queuingDuration] arrival_queue_time to connect_time (or to
--   disconnect_time when never connected, or to now while waiting); 0 for a
--   contact that never queued.
-- * [handlingDuration] connect_time to disconnect_time, or to now while
--   connected; 0 when never connected.
-- * [wrapUpTotalDuration] wrap_up_begin_time to wrap_up_end_time, or to now
--   during wrap-up; 0 without wrap-up.
-- * [wrapUpScriptingDuration] as the platform measured it and
--   [wrapUpRestingDuration] the rest of the wrap-up: both only once wrap-up
--   has ended (absent before).
-- * [totalDuration] arrival_time to disconnect_time, or to now.
-- * [waitingDuration] as the platform measured it (alerting time).
-- * [record] phone calls only (true/false); absent for other channels.
-- * [previewTime] only for outbound campaign contacts; [pendingTime],
--   [pickTime] only for e-mails; every optional time absent while unset.
-- * [answeredOnTimeThreshold], [falseAttemptTimeThreshold] seconds, of the
--   current queue (0 without a queue).
-- * Translated: queueName, origQueueName, reportingGroupName.
-- The list (rmi_contacts):
-- * Window: [p_start, p_end) on arrival_time; without p_start, from the
--   start of the current UTC day (rmi_day_start); without p_end, open.
-- * p_all (showAllInProcess=1): also every contact still in process
--   (rmi_status_in_process), whenever it arrived.
-- * p_search: an ILIKE pattern on source OR destination.
-- * p_pickable: only contacts the user could pick: SERVE on its queue,
--   never a phone call, and either waiting (InQueue, chat or e-mail) or a
--   pending e-mail (InProcess_Pending) that is inbound or that the user
--   itself wrote (EMAILOUT of this agent).
-- * p_active_queue: only contacts whose current queue the user is logged in
--   to now (agent_queues.serving).
--
-- How it is computed, and why (measured at 1M contacts: db/README.md,
-- "Plans of the common /contacts queries"):
-- * Visibility is four "column IN (the user's objects)", uncorrelated
--   sub-selects under OR, which PostgreSQL runs as hashed SubPlans: the
--   rights are read once per query, then it is one hash probe per contact
--   and column. (An EXISTS over rights comparing each contact with each
--   right of the user was 2.4M comparisons for 5 000 contacts of a user with
--   1 205 rights, 85 % of the query.)
-- * Translations are LEFT JOINs on translations' primary key, never
--   rmi_tr() (a sub-select: never inlined, one call per row and name).
-- * pickable's SERVE right and activeQueue's login are hashed sub-selects
--   too (a correlated sub-select under OR is run per row).
-- * showAllInProcess: the contacts come from a UNION ALL of two branches of
--   contacts, "branch" 1 the window and 2 the contacts in process outside
--   it (only with showAllInProcess), so each contact is in exactly one
--   branch. The branches are bare tables and the conditions are on the
--   union, so that PostgreSQL flattens it into one append relation: it
--   pushes the condition down into each branch with "branch" replaced by its
--   constant, which leaves the window (an index range on contacts_arrival)
--   in the first, the contacts in process outside the window (the partial
--   index contacts_active) in the second or nothing at all without
--   showAllInProcess, and merges both in the requested order (Merge
--   Append). With WHERE clauses inside the branches it would plan each
--   branch on its own, unordered, and sort the whole window for each page.
--   Price: statistics are not known for columns of a union, so the planner
--   does not memoize the joins keyed by a contact's columns (agent, queues,
--   reporting group); they are one index lookup per row each.

-- A contact as the wire shows it, in wire field order.
CREATE TYPE rmi_contact AS (
	id guid, contact_group_id guid, channel text, type text, subtype text,
	status text, source text, destination text,
	agent_id guid, agent_name text, queue_id guid, queue_name text,
	orig_queue_id guid, orig_queue_name text, queue_login_type text,
	application_id guid, application_name text,
	reporting_group_id guid, reporting_group_name text,
	outbound_campaign_id guid, outbound_campaign_name text,
	arrival_time timestamptz, arrival_queue_time timestamptz,
	preview_time timestamptz, connect_time timestamptz,
	pending_time timestamptz, pick_time timestamptz,
	disconnect_time timestamptz, wrap_up_begin_time timestamptz,
	wrap_up_end_time timestamptz,
	queuing_duration bigint, handling_duration bigint,
	wrap_up_total_duration bigint, wrap_up_scripting_duration bigint,
	wrap_up_resting_duration bigint, total_duration bigint,
	waiting_duration bigint, service_closed boolean, record boolean,
	answered_on_time_threshold integer, false_attempt_time_threshold integer,
	subject text);

-- The contacts the user may see that arrived in [p_start, p_end) (p_end
-- NULL: open) plus, when p_all, those in process outside that window.
-- p_start must not be NULL. Internal: the building block of
-- rmi_contact_rows and rmi_contacts.
CREATE FUNCTION rmi_contact_rows_in(p_user guid, p_lang text,
    p_start timestamptz, p_end timestamptz, p_all boolean)
RETURNS SETOF rmi_contact
LANGUAGE sql STABLE AS $$
	SELECT c.id, c.contact_group_id, c.channel, c.type, c.subtype,
	    c.status, c.source, c.destination,
	    c.agent_id, ag.name, c.queue_id, coalesce(tq.name, q.name),
	    c.orig_queue_id, coalesce(toq.name, oq.name), q.login_type,
	    c.application_id, app.name,
	    c.reporting_group_id, coalesce(trg.name, rg.name),
	    c.outbound_campaign_id, oc.name,
	    c.arrival_time, c.arrival_queue_time,
	    CASE WHEN c.outbound_campaign_id IS NOT NULL THEN c.preview_time END,
	    c.connect_time,
	    CASE WHEN c.channel = 'EMAIL' THEN c.pending_time END,
	    CASE WHEN c.channel = 'EMAIL' THEN c.pick_time END,
	    c.disconnect_time, c.wrap_up_begin_time, c.wrap_up_end_time,
	    CASE WHEN c.arrival_queue_time IS NULL THEN 0
	    ELSE rmi_ms(coalesce(c.connect_time, c.disconnect_time, rmi_now()) -
	        c.arrival_queue_time) END,
	    CASE WHEN c.connect_time IS NULL THEN 0
	    ELSE rmi_ms(coalesce(c.disconnect_time, rmi_now()) - c.connect_time)
	    END,
	    w.total,
	    CASE WHEN c.wrap_up_end_time IS NOT NULL
	    THEN c.wrap_up_scripting_duration END,
	    CASE WHEN c.wrap_up_end_time IS NOT NULL
	    THEN greatest(0, w.total - c.wrap_up_scripting_duration) END,
	    rmi_ms(coalesce(c.disconnect_time, rmi_now()) - c.arrival_time),
	    c.waiting_duration, c.service_closed,
	    CASE WHEN c.channel = 'PHONE' THEN coalesce(c.record, false) END,
	    coalesce(q.answered_on_time_threshold, 0),
	    coalesce(q.false_attempt_threshold, 0),
	    c.subject
	FROM (SELECT 1 AS branch, * FROM contacts
	      UNION ALL
	      SELECT 2 AS branch, * FROM contacts) c
	CROSS JOIN LATERAL (SELECT CASE WHEN c.wrap_up_begin_time IS NULL THEN 0
	    ELSE rmi_ms(coalesce(c.wrap_up_end_time, rmi_now()) -
	        c.wrap_up_begin_time) END AS total) w
	LEFT JOIN users ag ON ag.id = c.agent_id
	LEFT JOIN queues q ON q.id = c.queue_id
	LEFT JOIN translations tq ON tq.object_id = q.id AND tq.language = p_lang
	LEFT JOIN queues oq ON oq.id = c.orig_queue_id
	LEFT JOIN translations toq ON toq.object_id = oq.id
	    AND toq.language = p_lang
	LEFT JOIN applications app ON app.id = c.application_id
	LEFT JOIN reporting_groups rg ON rg.id = c.reporting_group_id
	LEFT JOIN translations trg ON trg.object_id = rg.id
	    AND trg.language = p_lang
	LEFT JOIN outbound_campaigns oc ON oc.id = c.outbound_campaign_id
	-- Branch 1: the window; branch 2: the contacts in process outside it
	-- (contacts_active's predicate, so that the index applies).
	WHERE ((c.branch = 1 AND c.arrival_time >= p_start
	        AND (p_end IS NULL OR c.arrival_time < p_end))
	    OR (c.branch = 2 AND p_all AND rmi_status_in_process(c.status)
	        AND (c.arrival_time < p_start OR c.arrival_time >= p_end)))
	  -- Visible: STATISTICS_DETAILS on the queue, the agent, the campaign or
	  -- the IVR application. A NULL column is never IN.
	  AND (c.queue_id IN (SELECT g.object_id FROM rights g
	        WHERE g.user_id = p_user AND g.right_name = 'STATISTICS_DETAILS')
	   OR c.agent_id IN (SELECT g.object_id FROM rights g
	        WHERE g.user_id = p_user AND g.right_name = 'STATISTICS_DETAILS')
	   OR c.outbound_campaign_id IN (SELECT g.object_id FROM rights g
	        WHERE g.user_id = p_user AND g.right_name = 'STATISTICS_DETAILS')
	   OR c.application_id IN (SELECT g.object_id FROM rights g
	        JOIN applications a ON a.id = g.object_id AND a.kind = 'IVR'
	        WHERE g.user_id = p_user AND g.right_name = 'STATISTICS_DETAILS'))
$$;

-- Every contact the user may see, every wire field; no time window
-- (/contacts/{id}).
CREATE FUNCTION rmi_contact_rows(p_user guid, p_lang text)
RETURNS SETOF rmi_contact
LANGUAGE sql STABLE AS $$
	SELECT * FROM rmi_contact_rows_in(p_user, p_lang, '-infinity', NULL,
	    false)
$$;

-- The list (/contacts): the window, showAllInProcess, search, pickable,
-- activeQueue (see the head).
CREATE FUNCTION rmi_contacts(p_user guid, p_lang text,
    p_start timestamptz, p_end timestamptz, p_all boolean, p_search text,
    p_pickable boolean, p_active_queue boolean)
RETURNS SETOF rmi_contact
LANGUAGE sql STABLE AS $$
	SELECT r.* FROM rmi_contact_rows_in(p_user, p_lang,
	    coalesce(p_start, rmi_day_start(rmi_now())), p_end,
	    coalesce(p_all, false)) r
	WHERE (p_search IS NULL OR r.source ILIKE p_search
	      OR r.destination ILIKE p_search)
	  AND (p_pickable IS NOT TRUE OR (r.channel <> 'PHONE'
	      AND r.queue_id IN (SELECT g.object_id FROM rights g
	          WHERE g.user_id = p_user AND g.right_name = 'SERVE')
	      AND ((r.status = 'InQueue' AND r.channel IN ('CHAT', 'EMAIL'))
	        OR (r.status = 'InProcess_Pending' AND (r.type = 'EMAILIN'
	            OR (r.type = 'EMAILOUT' AND r.agent_id = p_user))))))
	  AND (p_active_queue IS NOT TRUE OR r.queue_id IN (SELECT aq.queue_id
	      FROM agent_queues aq WHERE aq.agent_id = p_user AND aq.serving))
$$;

-- The events of one contact (/contacts/{id}/details), only when the contact
-- itself is visible; seq orders events of the same instant.
CREATE FUNCTION rmi_contact_details(p_user guid, p_lang text, p_contact guid)
RETURNS TABLE (id guid, "time" timestamptz, event text, value1 text,
    value2 text, seq integer)
LANGUAGE sql STABLE AS $$
	SELECT e.id, e.time, e.event, e.value1, e.value2, e.seq
	FROM contact_events e
	WHERE e.contact_id = p_contact
	  AND EXISTS (SELECT 1 FROM rmi_contact_rows(p_user, p_lang) c
	      WHERE c.id = p_contact)
$$;
