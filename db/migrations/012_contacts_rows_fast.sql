-- 012_contacts_rows_fast.sql: the /contacts rows at a per-row cost that does
-- not grow with the page (issue 4). Same signatures, same rows and the same
-- definitions as 004_contacts.sql (see there); only how they are computed
-- changes. Measured at 1M contacts: db/README.md, "Plans of the common
-- /contacts queries".
-- * Visibility: 004's EXISTS (rights ... object_id IN (queue, agent,
--   campaign, IVR application)) became a nested-loop semi-join comparing
--   each contact with each right of the user: 2.4M comparisons for 5 000
--   contacts of a user with 1 205 rights, 85 % of the query. Here each of
--   the four is "column IN (the user's objects)", an uncorrelated sub-select
--   under OR, which PostgreSQL runs as a hashed SubPlan: the rights are read
--   once per query, then it is one hash probe per contact and column.
-- * Translations: rmi_tr() holds a sub-select, so PostgreSQL never inlines
--   it and runs it as a function call per row and name. Here they are LEFT
--   JOINs on translations' primary key (memoized per queue).
-- * pickable's rmi_has_right(SERVE) and activeQueue's EXISTS: hashed
--   sub-selects too (a correlated sub-select under OR is run per row).
-- * showAllInProcess: 004's "window OR active" is an index scan of
--   contacts_arrival with a filter: past the window it walks the rest of the
--   index to find the few active contacts that arrived earlier. Here the
--   contacts come from a UNION ALL of two branches of contacts, "branch" 1
--   the window and 2 the active contacts outside it (only with
--   showAllInProcess), so each contact is in exactly one branch. The
--   branches are bare tables and the conditions are on the union, so that
--   PostgreSQL flattens it into one append relation: it pushes the
--   condition down into each branch with "branch" replaced by its constant,
--   which leaves the window (an index range on contacts_arrival) in the
--   first, the active contacts outside the window (the partial index
--   contacts_active) in the second or nothing at all without
--   showAllInProcess, and merges both in the requested order (Merge
--   Append). With WHERE clauses inside the branches it would plan each
--   branch on its own, unordered, and sort the whole window for each page.
--   Price: statistics are not known for columns of a union, so the planner
--   does not memoize the joins keyed by a contact's columns (agent, queues,
--   reporting group); they are one index lookup per row each.

-- The rows of rmi_contact_rows, restricted to the contacts that arrived in
-- [p_start, p_end) (p_end NULL: open) plus, when p_all, the active ones
-- outside that window. p_start must not be NULL. Internal: the building
-- block of rmi_contact_rows and rmi_contacts.
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
	-- Branch 1: the window; branch 2: the active contacts outside it. The
	-- status list is contacts_active's predicate, so that the index applies.
	WHERE ((c.branch = 1 AND c.arrival_time >= p_start
	        AND (p_end IS NULL OR c.arrival_time < p_end))
	    OR (c.branch = 2 AND p_all AND c.status IN ('InQueue', 'InProcess',
	        'InProcess_Preview', 'InProcess_Pending', 'InProcess_WrapUp')
	        AND (c.arrival_time < p_start OR c.arrival_time >= p_end)))
	  -- Visible: STATISTICS_DETAILS on the queue, the agent, the campaign or
	  -- the IVR application. A NULL column is never IN, as in 004.
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

-- Every contact the user may see: every arrival time, nothing more.
CREATE OR REPLACE FUNCTION rmi_contact_rows(p_user guid, p_lang text)
RETURNS SETOF rmi_contact
LANGUAGE sql STABLE AS $$
	SELECT * FROM rmi_contact_rows_in(p_user, p_lang, '-infinity', NULL,
	    false)
$$;

-- As in 004: the window (default: from the start of the current UTC day),
-- showAllInProcess, search, pickable, activeQueue.
CREATE OR REPLACE FUNCTION rmi_contacts(p_user guid, p_lang text,
    p_start timestamptz, p_end timestamptz, p_all boolean, p_search text,
    p_pickable boolean, p_active_queue boolean)
RETURNS SETOF rmi_contact
LANGUAGE sql STABLE AS $$
	SELECT r.* FROM rmi_contact_rows_in(p_user, p_lang,
	    coalesce(p_start, date_trunc('day', rmi_now() AT TIME ZONE 'UTC')
	        AT TIME ZONE 'UTC'), p_end, coalesce(p_all, false)) r
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

-- The active contacts in the order of the list's default sort, the tie-break
-- included, so that Merge Append needs no sort above the joins
-- (004's contacts_active had arrival_time only). Building it scans contacts
-- once, holding off writes to contacts meanwhile (about 1 s per million
-- contacts): migrations run in a transaction, so not CONCURRENTLY.
DROP INDEX contacts_active;
CREATE INDEX contacts_active ON contacts (arrival_time DESC, id)
	WHERE status IN ('InQueue', 'InProcess', 'InProcess_Preview',
	    'InProcess_Pending', 'InProcess_WrapUp');
