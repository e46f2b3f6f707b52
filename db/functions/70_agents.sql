-- 70_agents.sql: the /agents family: agents with their statistics since
-- startTime, their queues, presence profiles and ready state; the writes.
--
-- State model (docs/decisions.md, "Agents"):
-- * agent_states holds each agent's current state: user_status (Ready,
--   NotReady, Pause, LoggedOut) since user_status_since, the active presence
--   profile since profile_since, and contact_handling_status since
--   contact_handling_since as the platform reports it (Talking_Inbound ...
--   Waiting; NULL while logged out). An agent without a row is LoggedOut.
-- * agent_state_history has one row per interval of (user_status, profile),
--   the open one (end_time NULL) equal to agent_states. Every write here
--   locks the agent's agent_states row first, then closes the open interval
--   and opens the next at the same instant, stamped once the lock is held
--   (rmi_agent_transition): concurrent writers queue behind one another and
--   each stamps a time no earlier than its predecessor's, so the intervals
--   are contiguous, in order and never overlap.
--
-- Who sees whom:
-- * /agents and /agents/{id} (statistics): agents on which the signed-in
--   user has STATISTICS_DETAILS, and the user itself if it is an agent.
-- * Below an agent (queues, presences, readyState) and the writes: also
--   the agents on which the user has MANAGE or MANAGE_PRESENCE. Anything
--   else is 404.
-- * Writes: the agent itself; another agent's ready state and queue logins
--   need MANAGE, its presence MANAGE_PRESENCE: otherwise 403 (SQLSTATE
--   RM403, see common/db.h) and nothing changes. An agent may change its
--   own queue login only where can_change_queue_login.
--
-- Definitions (wire field in brackets; "now" is rmi_now(), the window is
-- startTime .. now):
-- * [manageable] the user is the agent or has MANAGE on it;
--   [manageablePresence] the user is the agent or has MANAGE_PRESENCE.
-- * [userStatus] agent_states.user_status, [userStatusDuration] since
--   user_status_since; [userReadyStatus] userStatus = Ready.
-- * [contactHandlingStatus], [profile], [profileType]: only while logged in.
--   [contactHandlingStatusDuration] since contact_handling_since, 0 while
--   logged out; [profileId], [profileDuration] whenever the agent has a
--   profile. [profile] is translated.
-- * [availability] LoggedOut; else Away when the profile's availability is
--   Away; else Busy when the profile says Busy or the agent has an active
--   contact; else Free. (Ready state is userStatus, not availability.)
-- * Active contacts: the agent's contacts InProcess, InProcess_Preview or
--   InProcess_WrapUp (rmi_status_makes_activity; a parked InProcess_Pending
--   e-mail is not active, as in /userStatuses). [activePhoneContacts], [activeChatContacts],
--   [activeEmailContacts] count them per channel; [activeContactDuration]
--   is the age of the oldest, from its connect (else preview, else
--   arrival) time, 0 without any.
-- * Handled contacts: the agent's contacts that arrived in the window and
--   were connected to it (connect_time set), finished or not; inbound or
--   outbound by rmi_is_inbound (00_common.sql). [handledContactsCbrIn] type
--   CBR;
--   [handledContactsCallIn], [handledContactsChatIn] and
--   [handledContactseEmailIn] (= [handledContactsEmailIn]) the other inbound
--   ones per channel; [handledContactsCallOut], [...ChatOut], [...EmailOut]
--   the outbound ones per channel; the totals add them up.
--   [totalHandlingDuration] sums their handlingDuration (connect to
--   disconnect, or to now) and [totalWrapupDuration] their
--   wrapUpTotalDuration (wrap-up begin to end, or to now), as /contacts
--   shows them.
-- * [readyTime], [notReadyTime], [pauseTime]: the history intervals in
--   Ready, NotReady, Pause clipped to the window (the open one runs to now).
-- * AgentQueue items (showQueueInfo): the agent's queues (agent_queues)
--   and, when statistics are shown, the queues of its handled contacts.
--   [serving], [externalServing], [canChangeQueueLogin] from agent_queues
--   (absent for a queue it only has statistics in); [handledContactsCallIn]
--   (PHONE inbound but CBR), [...CallOut] (PHONE outbound),
--   [...ChatIn], [...EmailIn], [handlingDuration], [wrapUpDuration]: the
--   handled contacts of that queue, as above.
-- * showQueueInfo 4, 5, 6 list only the agents having statistics (a handled
--   contact in one of its queues in the window), configuration (a queue in
--   agent_queues), or both; they show the fields of 1, 2, 3. The programs
--   decode the value (cgi-bin/agents.c) and pass what it asks as booleans.
-- * Without startTime the window starts at the current UTC day
--   (rmi_day_start(rmi_now()), as /contacts).
-- * queueId=...: agents configured in one of those queues.

-- Which agents p_user may act on or look below: itself, STATISTICS_DETAILS,
-- MANAGE, MANAGE_PRESENCE. (p_lang: every row source takes $1 and $2.)
CREATE FUNCTION rmi_agent_refs(p_user guid, p_lang text DEFAULT NULL)
RETURNS TABLE (id guid)
LANGUAGE sql STABLE AS $$
	SELECT u.id FROM users u
	WHERE u.is_agent
	  AND (u.id = p_user OR EXISTS (SELECT 1 FROM rights g
	      WHERE g.user_id = p_user AND g.object_id = u.id
	        AND g.right_name IN ('STATISTICS_DETAILS', 'MANAGE',
	            'MANAGE_PRESENCE')))
$$;

-- Handled contacts of p_agent in the window, classified (see above). Read
-- from the index contacts_agent_handled alone (migration 011).
CREATE FUNCTION rmi_agent_handled(p_agent guid, p_start timestamptz)
RETURNS TABLE (queue_id guid, channel text, type text, inbound boolean,
	handling bigint, wrap_up bigint)
LANGUAGE sql STABLE AS $$
	SELECT c.queue_id, c.channel, c.type, rmi_is_inbound(c.type),
	    rmi_ms(coalesce(c.disconnect_time, rmi_now()) - c.connect_time),
	    CASE WHEN c.wrap_up_begin_time IS NULL THEN 0
	    ELSE rmi_ms(coalesce(c.wrap_up_end_time, rmi_now()) -
		c.wrap_up_begin_time) END
	FROM contacts c
	WHERE c.agent_id = p_agent
	  AND c.arrival_time >= p_start AND c.arrival_time <= rmi_now()
	  AND c.connect_time IS NOT NULL
$$;

-- The handled-contact counters and totals of p_agent in the window: one
-- row ([handledContacts...], [totalHandlingDuration],
-- [totalWrapupDuration]).
CREATE FUNCTION rmi_agent_handled_totals(p_agent guid, p_start timestamptz)
RETURNS TABLE (call_in bigint, chat_in bigint, email_in bigint,
	cbr_in bigint, call_out bigint, chat_out bigint, email_out bigint,
	handling bigint, wrap_up bigint)
LANGUAGE sql STABLE AS $$
	SELECT
	    count(*) FILTER (WHERE k.inbound AND k.type <> 'CBR'
		AND k.channel = 'PHONE'),
	    count(*) FILTER (WHERE k.inbound AND k.type <> 'CBR'
		AND k.channel = 'CHAT'),
	    count(*) FILTER (WHERE k.inbound AND k.type <> 'CBR'
		AND k.channel = 'EMAIL'),
	    count(*) FILTER (WHERE k.type = 'CBR'),
	    count(*) FILTER (WHERE NOT k.inbound AND k.channel = 'PHONE'),
	    count(*) FILTER (WHERE NOT k.inbound AND k.channel = 'CHAT'),
	    count(*) FILTER (WHERE NOT k.inbound AND k.channel = 'EMAIL'),
	    coalesce(sum(k.handling), 0)::bigint,
	    coalesce(sum(k.wrap_up), 0)::bigint
	FROM rmi_agent_handled(p_agent, p_start) k
$$;

-- The live part of p_agent: its active contacts, the few found through
-- contacts_active_agent (one row: how many, per channel, and the start of
-- the oldest: connect, else preview, else arrival time).
CREATE FUNCTION rmi_agent_active_contacts(p_agent guid)
RETURNS TABLE (n bigint, phone bigint, chat bigint, email bigint,
	oldest timestamptz)
LANGUAGE sql STABLE AS $$
	SELECT count(*),
	    count(*) FILTER (WHERE c.channel = 'PHONE'),
	    count(*) FILTER (WHERE c.channel = 'CHAT'),
	    count(*) FILTER (WHERE c.channel = 'EMAIL'),
	    min(coalesce(c.connect_time, c.preview_time, c.arrival_time))
	FROM contacts c
	WHERE c.agent_id = p_agent AND rmi_status_makes_activity(c.status)
$$;

-- The ms p_agent spent Ready, NotReady and Pause in the window: its
-- history clipped to [p_start, now) (the open interval runs to now); the
-- interval open at p_start (the last one starting before it) and those
-- starting in the window. One row; NULL where none.
CREATE FUNCTION rmi_agent_state_times(p_agent guid, p_start timestamptz)
RETURNS TABLE (ready numeric, not_ready numeric, pause numeric)
LANGUAGE sql STABLE AS $$
	SELECT sum(x.ms) FILTER (WHERE x.user_status = 'Ready'),
	    sum(x.ms) FILTER (WHERE x.user_status = 'NotReady'),
	    sum(x.ms) FILTER (WHERE x.user_status = 'Pause')
	FROM (SELECT hs.user_status,
		rmi_ms(least(coalesce(hs.end_time, rmi_now()), rmi_now()) -
		    greatest(hs.start_time, p_start)) AS ms
	    FROM agent_state_history hs
	    WHERE hs.agent_id = p_agent
	      AND hs.start_time >= coalesce((SELECT max(h0.start_time)
		  FROM agent_state_history h0
		  WHERE h0.agent_id = p_agent AND h0.start_time <= p_start),
		  p_start)
	      AND hs.start_time < rmi_now()) x
$$;

-- Every agent p_user may see statistics of, every wire field: the user's
-- row and state, then the named parts above, one row each.
-- p_start: the window's start, NULL for the current UTC day
-- (rmi_day_start); p_queues: queueId list or NULL, only agents configured
-- in one of those queues; p_with_stats: only agents having a handled
-- contact in one of their queues in the window; p_with_config: only
-- agents having a queue in agent_queues. (The programs decode
-- showQueueInfo into these: cgi-bin/agents.c.)
CREATE FUNCTION rmi_agents(p_user guid, p_lang text, p_start timestamptz,
    p_queues text[], p_with_stats boolean, p_with_config boolean)
RETURNS TABLE (
	id guid, name text, reporting_group_id guid, reporting_group_name text,
	number text, mobile_number text, external_number text, location text,
	manageable boolean, manageable_presence boolean,
	chat_name text, chat text, email text,
	user_status text, user_status_duration bigint,
	user_ready_status boolean,
	contact_handling_status text, contact_handling_status_duration bigint,
	profile_id guid, profile text, profile_duration bigint,
	profile_type text, availability text,
	daily_pause_duration bigint, daily_work_duration bigint,
	active_phone_contacts bigint, active_chat_contacts bigint,
	active_email_contacts bigint, active_contact_duration bigint,
	chat_capacity integer,
	handled_call_in bigint, handled_chat_in bigint,
	handled_email_in bigint, handled_cbr_in bigint,
	handled_total_in bigint, handled_call_out bigint,
	handled_chat_out bigint, handled_email_out bigint,
	handled_total_out bigint, handled_total bigint,
	total_handling_duration bigint, total_wrapup_duration bigint,
	ready_time bigint, not_ready_time bigint, pause_time bigint)
LANGUAGE sql STABLE AS $$
	SELECT u.id, u.name, u.reporting_group_id,
	    coalesce(rgt.name, rg.name),
	    u.number, u.mobile_number, u.external_number, u.location,
	    u.id = p_user OR EXISTS (SELECT 1 FROM rights g
		WHERE g.user_id = p_user AND g.right_name = 'MANAGE'
		  AND g.object_id = u.id),
	    u.id = p_user OR EXISTS (SELECT 1 FROM rights g
		WHERE g.user_id = p_user AND g.right_name = 'MANAGE_PRESENCE'
		  AND g.object_id = u.id),
	    u.chat_name, u.chat, u.email,
	    st.user_status,
	    CASE WHEN s.agent_id IS NULL THEN 0
	    ELSE rmi_ms(rmi_now() - s.user_status_since) END,
	    st.user_status = 'Ready',
	    CASE WHEN st.logged_in THEN s.contact_handling_status END,
	    CASE WHEN st.logged_in AND s.contact_handling_since IS NOT NULL
	    THEN rmi_ms(rmi_now() - s.contact_handling_since) ELSE 0 END,
	    s.profile_id,
	    CASE WHEN st.logged_in THEN coalesce(pt.name, p.name) END,
	    CASE WHEN s.profile_id IS NOT NULL
	    THEN rmi_ms(rmi_now() - s.profile_since) END,
	    CASE WHEN st.logged_in THEN p.type END,
	    CASE WHEN NOT st.logged_in THEN 'LoggedOut'
	    WHEN p.availability = 'Away' THEN 'Away'
	    WHEN p.availability = 'Busy' OR act.n > 0 THEN 'Busy'
	    ELSE 'Free' END,
	    u.daily_pause_duration, u.daily_work_duration,
	    act.phone, act.chat, act.email,
	    coalesce(rmi_ms(rmi_now() - act.oldest), 0),
	    u.chat_capacity,
	    h.call_in, h.chat_in, h.email_in, h.cbr_in,
	    h.call_in + h.chat_in + h.email_in + h.cbr_in,
	    h.call_out, h.chat_out, h.email_out,
	    h.call_out + h.chat_out + h.email_out,
	    h.call_in + h.chat_in + h.email_in + h.cbr_in +
		h.call_out + h.chat_out + h.email_out,
	    h.handling, h.wrap_up,
	    coalesce(t.ready, 0)::bigint, coalesce(t.not_ready, 0)::bigint,
	    coalesce(t.pause, 0)::bigint
	FROM users u
	LEFT JOIN reporting_groups rg ON rg.id = u.reporting_group_id
	LEFT JOIN translations rgt ON rgt.object_id = rg.id
	    AND rgt.language = p_lang
	LEFT JOIN agent_states s ON s.agent_id = u.id
	CROSS JOIN LATERAL (SELECT coalesce(s.user_status, 'LoggedOut')
		AS user_status,
	    coalesce(s.user_status, 'LoggedOut') <> 'LoggedOut' AS logged_in) st
	LEFT JOIN presence_profiles p ON p.id = s.profile_id
	LEFT JOIN translations pt ON pt.object_id = p.id
	    AND pt.language = p_lang
	CROSS JOIN (SELECT coalesce(p_start, rmi_day_start(rmi_now()))
	    AS start) w
	CROSS JOIN LATERAL rmi_agent_active_contacts(u.id) act
	CROSS JOIN LATERAL rmi_agent_handled_totals(u.id, w.start) h
	LEFT JOIN LATERAL rmi_agent_state_times(u.id, w.start) t ON true
	WHERE u.is_agent
	  AND (u.id = p_user OR u.id IN (SELECT g.object_id FROM rights g
	      WHERE g.user_id = p_user AND g.right_name = 'STATISTICS_DETAILS'))
	  AND (p_queues IS NULL OR EXISTS (SELECT 1
	      FROM agent_queues aq
	      WHERE aq.agent_id = u.id AND aq.queue_id = ANY (p_queues)))
	  AND (NOT p_with_stats OR EXISTS (SELECT 1
	      FROM rmi_agent_handled(u.id, w.start) k
	      WHERE k.queue_id IS NOT NULL))
	  AND (NOT p_with_config OR EXISTS (SELECT 1
	      FROM agent_queues aq WHERE aq.agent_id = u.id))
$$;

-- The AgentQueue items of p_agent: its configured queues, and with
-- p_stats the statistics of the queues of its handled contacts in the
-- window from p_start (NULL: the current UTC day); none when neither
-- p_stats nor p_config asks for them.
CREATE FUNCTION rmi_agent_queue_items(p_lang text, p_start timestamptz,
    p_stats boolean, p_config boolean, p_agent guid)
RETURNS TABLE (id guid, name text, type text, serving boolean,
	external_serving boolean, can_change_queue_login boolean,
	handled_call_in bigint, handled_call_out bigint,
	handled_chat_in bigint, handled_email_in bigint,
	handling_duration bigint, wrap_up_duration bigint)
LANGUAGE sql STABLE AS $$
	WITH stats AS (
		SELECT k.queue_id,
		    count(*) FILTER (WHERE k.inbound AND k.type <> 'CBR'
			AND k.channel = 'PHONE') AS call_in,
		    count(*) FILTER (WHERE NOT k.inbound AND k.channel = 'PHONE')
			AS call_out,
		    count(*) FILTER (WHERE k.inbound AND k.channel = 'CHAT')
			AS chat_in,
		    count(*) FILTER (WHERE k.inbound AND k.channel = 'EMAIL')
			AS email_in,
		    sum(k.handling)::bigint AS handling,
		    sum(k.wrap_up)::bigint AS wrap_up
		FROM rmi_agent_handled(p_agent,
		    coalesce(p_start, rmi_day_start(rmi_now()))) k
		WHERE k.queue_id IS NOT NULL AND p_stats
		GROUP BY k.queue_id)
	SELECT q.id, coalesce(t.name, q.name), q.type,
	    aq.serving, aq.external_serving, aq.can_change_queue_login,
	    coalesce(s.call_in, 0), coalesce(s.call_out, 0),
	    coalesce(s.chat_in, 0), coalesce(s.email_in, 0),
	    coalesce(s.handling, 0), coalesce(s.wrap_up, 0)
	FROM (SELECT a.queue_id FROM agent_queues a WHERE a.agent_id = p_agent
	      UNION SELECT stats.queue_id FROM stats) x
	JOIN queues q ON q.id = x.queue_id
	LEFT JOIN translations t ON t.object_id = q.id AND t.language = p_lang
	LEFT JOIN agent_queues aq ON aq.agent_id = p_agent
	    AND aq.queue_id = q.id
	LEFT JOIN stats s ON s.queue_id = q.id
	WHERE p_stats OR p_config
$$;

-- /agents/{id}/queues: the agent's queue logins.
CREATE FUNCTION rmi_agent_queues(p_user guid, p_lang text, p_agent guid)
RETURNS TABLE (id guid, name text, type text, serving boolean,
	external_serving boolean, can_change_queue_login boolean)
LANGUAGE sql STABLE AS $$
	SELECT q.id, coalesce(t.name, q.name), q.type, aq.serving,
	    aq.external_serving, aq.can_change_queue_login
	FROM rmi_agent_refs(p_user) a
	JOIN agent_queues aq ON aq.agent_id = a.id
	JOIN queues q ON q.id = aq.queue_id
	LEFT JOIN translations t ON t.object_id = q.id AND t.language = p_lang
	WHERE a.id = p_agent
$$;

-- /agents/{id}/presences: the profiles the agent may activate. Names and
-- reasons are translated (a reason's translation is keyed by its code).
CREATE FUNCTION rmi_agent_presences(p_user guid, p_lang text, p_agent guid)
RETURNS TABLE (id guid, name text, reason text, type text, priority integer)
LANGUAGE sql STABLE AS $$
	SELECT p.id, coalesce(t.name, p.name), coalesce(rt.name, p.reason),
	    p.type, p.priority
	FROM rmi_agent_refs(p_user) a
	JOIN agent_presence_profiles ap ON ap.agent_id = a.id
	JOIN presence_profiles p ON p.id = ap.profile_id
	LEFT JOIN translations t ON t.object_id = p.id AND t.language = p_lang
	LEFT JOIN translations rt ON rt.object_id = p.reason
	    AND rt.language = p_lang
	WHERE a.id = p_agent
$$;

-- /agents/{id}/readyState: Ready, NotReady, Pause or LoggedOut.
CREATE FUNCTION rmi_agent_ready_states(p_user guid, p_lang text)
RETURNS TABLE (agent_id guid, ready_state text)
LANGUAGE sql STABLE AS $$
	SELECT a.id, coalesce(s.user_status, 'LoggedOut')
	FROM rmi_agent_refs(p_user) a
	LEFT JOIN agent_states s ON s.agent_id = a.id
$$;

------------------------------------------------------------------------------
-- Writes. Each runs in the caller's transaction (rmi_db_write: one per
-- request), refuses with an SQLSTATE before changing anything, and returns
-- the id of what it wrote.
------------------------------------------------------------------------------

-- 404 unless p_agent is an agent p_user may look at; 403 unless p_user is
-- the agent or holds p_right on it.
CREATE FUNCTION rmi_agent_check_write(p_user guid, p_agent guid,
    p_right text)
RETURNS void
LANGUAGE plpgsql STABLE AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM rmi_agent_refs(p_user) a
	    WHERE a.id = p_agent) THEN
		RAISE EXCEPTION 'no such agent: %', p_agent
		    USING ERRCODE = 'RM404';
	END IF;
	IF p_agent <> p_user AND NOT EXISTS (SELECT 1 FROM rights g
	    WHERE g.user_id = p_user AND g.right_name = p_right
	      AND g.object_id = p_agent) THEN
		RAISE EXCEPTION 'no % right on agent %', p_right, p_agent
		    USING ERRCODE = 'RM403';
	END IF;
END
$$;

-- Moves the agent to (p_status, p_profile): closes the open history
-- interval and opens the next at the same instant, and returns that
-- instant. The caller holds the agent's agent_states row lock, so no other
-- transition of this agent runs meanwhile and every earlier one has
-- committed: the instant is taken now (rmi_clock, not the transaction's
-- start, which came before the lock), and never before the start of the
-- agent's latest interval (a wall clock set back, or a pinned test clock),
-- so that the intervals stay contiguous and in order.
CREATE FUNCTION rmi_agent_transition(p_agent guid, p_status text,
    p_profile guid)
RETURNS timestamptz
LANGUAGE plpgsql AS $$
DECLARE
	v_at timestamptz;
BEGIN
	SELECT greatest(rmi_clock(), max(h.start_time)) INTO v_at
	FROM agent_state_history h WHERE h.agent_id = p_agent;
	UPDATE agent_state_history SET end_time = v_at
	WHERE agent_id = p_agent AND end_time IS NULL;
	INSERT INTO agent_state_history (agent_id, user_status, profile_id,
	    start_time)
	VALUES (p_agent, p_status, p_profile, v_at);
	RETURN v_at;
END
$$;

-- PUT /agents/{id}/readyState: Ready, NotReady or Pause. A logged-out
-- agent cannot be made ready from here (409): it logs in at its desk.
CREATE FUNCTION rmi_agent_put_ready_state(p_user guid, p_agent guid,
    p_state text)
RETURNS guid
LANGUAGE plpgsql AS $$
DECLARE
	s agent_states%ROWTYPE;
	v_at timestamptz;
BEGIN
	PERFORM rmi_agent_check_write(p_user, p_agent, 'MANAGE');
	SELECT * INTO s FROM agent_states WHERE agent_id = p_agent FOR UPDATE;
	IF NOT FOUND OR s.user_status = 'LoggedOut' THEN
		RAISE EXCEPTION 'agent % is logged out', p_agent
		    USING ERRCODE = 'RM409';
	END IF;
	IF s.user_status <> p_state THEN
		v_at := rmi_agent_transition(p_agent, p_state, s.profile_id);
		UPDATE agent_states SET user_status = p_state,
		    user_status_since = v_at
		WHERE agent_id = p_agent;
	END IF;
	RETURN p_agent;
END
$$;

-- PUT /agents/{id}/queues/{queueId}: the queue login (serving) only.
CREATE FUNCTION rmi_agent_put_queue(p_user guid, p_agent guid, p_queue guid,
    p_serving boolean)
RETURNS guid
LANGUAGE plpgsql AS $$
DECLARE
	m agent_queues%ROWTYPE;
BEGIN
	PERFORM rmi_agent_check_write(p_user, p_agent, 'MANAGE');
	SELECT * INTO m FROM agent_queues
	WHERE agent_id = p_agent AND queue_id = p_queue FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'agent % has no queue %', p_agent, p_queue
		    USING ERRCODE = 'RM404';
	END IF;
	IF p_agent = p_user AND NOT m.can_change_queue_login THEN
		RAISE EXCEPTION 'agent % may not change its login to queue %',
		    p_agent, p_queue USING ERRCODE = 'RM403';
	END IF;
	UPDATE agent_queues SET serving = p_serving
	WHERE agent_id = p_agent AND queue_id = p_queue;
	RETURN p_queue;
END
$$;

-- PUT /agents/{id}/presences/{presenceId}: activates that profile. An
-- agent without a state yet gets one (LoggedOut) whose ready state starts
-- with the transition.
CREATE FUNCTION rmi_agent_put_presence(p_user guid, p_agent guid,
    p_profile guid)
RETURNS guid
LANGUAGE plpgsql AS $$
DECLARE
	s agent_states%ROWTYPE;
	v_new boolean;
	v_at timestamptz;
BEGIN
	PERFORM rmi_agent_check_write(p_user, p_agent, 'MANAGE_PRESENCE');
	IF NOT EXISTS (SELECT 1 FROM agent_presence_profiles ap
	    WHERE ap.agent_id = p_agent AND ap.profile_id = p_profile) THEN
		RAISE EXCEPTION 'agent % has no presence profile %', p_agent,
		    p_profile USING ERRCODE = 'RM404';
	END IF;
	INSERT INTO agent_states (agent_id, user_status, user_status_since,
	    profile_id, profile_since)
	VALUES (p_agent, 'LoggedOut', rmi_clock(), NULL, rmi_clock())
	ON CONFLICT (agent_id) DO NOTHING;
	v_new := FOUND;
	SELECT * INTO s FROM agent_states WHERE agent_id = p_agent FOR UPDATE;
	IF s.profile_id IS DISTINCT FROM p_profile THEN
		v_at := rmi_agent_transition(p_agent, s.user_status, p_profile);
		UPDATE agent_states SET profile_id = p_profile,
		    profile_since = v_at,
		    user_status_since = CASE WHEN v_new THEN v_at
			ELSE user_status_since END
		WHERE agent_id = p_agent;
	END IF;
	RETURN p_profile;
END
$$;
