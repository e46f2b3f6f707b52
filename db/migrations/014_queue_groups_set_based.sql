-- 014_queue_groups_set_based.sql: /queueGroups functions set-based.
-- Same signatures, same rows, same definitions as 007 (see there): the
-- right and the translation of each row are joins instead of calls of
-- rmi_has_right and rmi_tr, which PostgreSQL never inlines (they hold a
-- sub-select) and so ran once per row, ~400 rows a request at bench scale
-- (200 queues in ALL_QUEUES, 210 memberships). Measured in bench/README.md.

CREATE OR REPLACE FUNCTION rmi_queue_groups(p_user guid, p_lang text)
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
	SELECT 'ALL_QUEUES', coalesce(
	    (SELECT t.name FROM translations t
	     WHERE t.object_id = 'ALL_QUEUES' AND t.language = p_lang),
	    'ALL_QUEUES')
$$;

CREATE OR REPLACE FUNCTION rmi_queue_group_queues(p_user guid, p_lang text)
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
