-- 60_queue_groups.sql: queue groups and their queues (/queueGroups).
--
-- * A stored group is listed when it holds at least one queue the user has
--   STATISTICS_DETAILS on; its queues are those it holds and the user may
--   see, in the group's order (position), then by name.
-- * ALL_QUEUES is always listed: every queue the user may see, by name.
-- * Names of groups (ALL_QUEUES included, object id 'ALL_QUEUES') and of
--   queues are translated with the request's language.
-- * Threshold levels are the queue's own (queues.*_level), NULL when not
--   configured; the program shows them only with showThresholds=1.
-- Rights and translations are joins (about 400 rows a request at bench
-- scale: 200 queues in ALL_QUEUES, 210 memberships; bench/README.md).

CREATE FUNCTION rmi_queue_groups(p_user guid, p_lang text)
RETURNS TABLE (id text, name text)
LANGUAGE sql STABLE AS $$
	SELECT g.id::text, coalesce(t.name, g.name)
	FROM queue_groups g
	LEFT JOIN translations t ON t.object_id = g.id AND t.language = p_lang
	WHERE EXISTS (SELECT 1 FROM queue_group_queues m
	    JOIN rights r ON r.user_id = p_user
	        AND r.right_name = 'STATISTICS_DETAILS'
	        AND r.object_id = m.queue_id
	    WHERE m.queue_group_id = g.id)
	UNION ALL
	SELECT 'ALL_QUEUES', rmi_tr('ALL_QUEUES', p_lang, 'ALL_QUEUES')
$$;

-- The queues of every group the user may see, ALL_QUEUES included (its
-- position 0 for every queue).
CREATE FUNCTION rmi_queue_group_queues(p_user guid, p_lang text)
RETURNS TABLE (group_id text, "position" integer, id guid, name text,
    type text, free_agent_critical_level integer,
    free_agent_warning_level integer, interactions_critical_level integer,
    interactions_warning_level integer, max_wait_time_critical_level integer,
    max_wait_time_warning_level integer, serving_agent_critical_level integer,
    serving_agent_warning_level integer, service_level_critical_level integer,
    service_level_warning_level integer)
LANGUAGE sql STABLE AS $$
	SELECT x.group_id, x.position, q.id, coalesce(t.name, q.name),
	    q.type, q.free_agent_critical_level, q.free_agent_warning_level,
	    q.interactions_critical_level, q.interactions_warning_level,
	    q.max_wait_time_critical_level, q.max_wait_time_warning_level,
	    q.serving_agent_critical_level, q.serving_agent_warning_level,
	    q.service_level_critical_level, q.service_level_warning_level
	FROM (SELECT m.queue_group_id::text AS group_id, m.position, m.queue_id
	      FROM queue_group_queues m
	      UNION ALL
	      SELECT 'ALL_QUEUES', 0, q.id FROM queues q) x
	JOIN queues q ON q.id = x.queue_id
	-- One rights row at most per queue: (user, right, object) is its key.
	JOIN rights r ON r.user_id = p_user AND r.right_name = 'STATISTICS_DETAILS'
	    AND r.object_id = q.id
	LEFT JOIN translations t ON t.object_id = q.id AND t.language = p_lang
$$;
