-- 002_core.sql: functions every family's queries use: the clock, the
-- signed-in user's session, rights and translations.

-- The database's notion of now. Tests pin it with
--   ALTER DATABASE ... SET rmi.now = '2026-01-15T10:00:00Z'
-- so that every duration "up to now" is exact; production leaves it unset.
CREATE FUNCTION rmi_now() RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT coalesce(nullif(current_setting('rmi.now', true), '')::timestamptz,
	    now())
$$;

-- Whole milliseconds of an interval, never negative (a clock pinned before
-- an event must not produce negative durations on the wire).
CREATE FUNCTION rmi_ms(d interval) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT greatest(0, floor(extract(epoch FROM d) * 1000))::bigint
$$;

-- The signed-in user: id and the default language of the requests
-- (uiLanguage of the MON365_SETTINGS setting if set, else of the most
-- recently changed setting that has one). No row: the login is unknown.
CREATE FUNCTION rmi_session(p_login text)
RETURNS TABLE (user_id guid, ui_language text)
LANGUAGE sql STABLE AS $$
	SELECT u.id,
	    (SELECT upper(s.ui_language) FROM settings s
	     WHERE s.user_id = u.id AND s.ui_language ~* '^[a-z]{2}$'
	     ORDER BY s.id = 'MON365_SETTINGS' DESC, s.changed_at DESC
	     LIMIT 1)
	FROM users u
	WHERE u.login = p_login
$$;

-- Does p_user hold p_right on object p_object?
CREATE FUNCTION rmi_has_right(p_user guid, p_right text, p_object text)
RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT EXISTS (SELECT 1 FROM rights r
	    WHERE r.user_id = p_user AND r.right_name = p_right
	      AND r.object_id = p_object)
$$;

-- Display name of a configuration object in p_lang (upper-case ISO 639),
-- falling back to its own name when there is no translation.
CREATE FUNCTION rmi_tr(p_object text, p_lang text, p_name text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT t.name FROM translations t
	    WHERE t.object_id = p_object AND t.language = p_lang), p_name)
$$;
