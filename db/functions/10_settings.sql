-- 10_settings.sql: the signed-in user's own settings (/settings).
--
-- Nobody reads or writes another user's settings: every statement is keyed
-- on the signed-in user. uiLanguage (upper-case ISO 639 or empty) is that
-- user's default language in every family (rmi_session, 00_common.sql).
-- The writes are the program's own statements on the settings table
-- (cgi-bin/settings.c), keyed the same way.

CREATE FUNCTION rmi_settings(p_user guid, p_lang text)
RETURNS TABLE (id text, ui_language text, value text)
LANGUAGE sql STABLE AS $$
	SELECT s.id, s.ui_language, s.value
	FROM settings s
	WHERE s.user_id = p_user
$$;
