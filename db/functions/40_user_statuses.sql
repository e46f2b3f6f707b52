-- 40_user_statuses.sql: agents' live contact counters (/userStatuses).
--
-- Definitions (the wire field in brackets):
-- * Listed: agents (users.is_agent) on which the signed-in user has
--   STATISTICS_DETAILS. Users that are not agents (supervisors) are never
--   listed, whatever the rights.
-- * [status] agent_states.user_status (Ready, NotReady, Pause, LoggedOut);
--   LoggedOut for an agent without an agent_states row.
-- * [phoneCapacity], [taskCapacity], [textChatCapacity], [videoChatCapacity]
--   as configured on the user (users.*_capacity).
-- * [name] the user's name (not translatable).
-- * An agent's active contacts: its contacts (contacts.agent_id) whose
--   status makes it active (rmi_status_makes_activity: InProcess,
--   InProcess_Preview or InProcess_WrapUp), i.e. the contacts that keep the
--   agent busy or in wrap-up. A pending e-mail (InProcess_Pending) is parked
--   and not counted, nor is a waiting contact (InQueue, it has no agent yet).
-- * Direction: rmi_is_inbound (00_common.sql).
-- * The counters split the active contacts by kind; no contact is counted
--   twice:
--   [activeIbCallCnt] inbound PHONE contacts that came through a queue
--     (queue_id set);
--   [activeIbOperDirCallCnt] operator-direct calls: inbound PHONE contacts
--     without a queue (dialled straight to the agent);
--   [activeIbChatCnt] inbound CHAT contacts of any subtype but video (text,
--     sms, facebook, wechat, whatsapp, or none);
--   [activeIbVideoChatCnt] inbound CHAT contacts of subtype video;
--   [activeIbEmailCnt] inbound EMAIL contacts;
--   [activeObCallCnt] the agent's own outbound calls, CallOut and
--     CallOutTerm;
--   [activeObCampaignCallCnt] outbound campaign calls, CallOutOB (a
--     previewed one, InProcess_Preview, included);
--   [activeObCbrCallCnt] callback calls, CBRCallOut;
--   [activeObEmailCnt] outbound e-mails, EMAILOUT.
--   An outbound chat (ChatOut) has no counter on the wire and counts
--   nowhere.

CREATE FUNCTION rmi_user_statuses(p_user guid, p_lang text)
RETURNS TABLE (
	active_ib_call_cnt		bigint,
	active_ib_chat_cnt		bigint,
	active_ib_email_cnt		bigint,
	active_ib_oper_dir_call_cnt	bigint,
	active_ib_video_chat_cnt	bigint,
	active_ob_call_cnt		bigint,
	active_ob_campaign_call_cnt	bigint,
	active_ob_cbr_call_cnt		bigint,
	active_ob_email_cnt		bigint,
	id				guid,
	name				text,
	phone_capacity			integer,
	status				text,
	task_capacity			integer,
	text_chat_capacity		integer,
	video_chat_capacity		integer)
LANGUAGE sql STABLE AS $$
	SELECT coalesce(a.ib_call, 0), coalesce(a.ib_chat, 0),
	    coalesce(a.ib_email, 0), coalesce(a.ib_oper_dir_call, 0),
	    coalesce(a.ib_video_chat, 0), coalesce(a.ob_call, 0),
	    coalesce(a.ob_campaign_call, 0), coalesce(a.ob_cbr_call, 0),
	    coalesce(a.ob_email, 0),
	    u.id, u.name, u.phone_capacity,
	    coalesce(s.user_status, 'LoggedOut'),
	    u.task_capacity, u.text_chat_capacity, u.video_chat_capacity
	FROM users u
	LEFT JOIN agent_states s ON s.agent_id = u.id
	LEFT JOIN (
		SELECT k.agent_id,
		    count(*) FILTER (WHERE k.inbound AND k.channel = 'PHONE'
		        AND k.queue_id IS NOT NULL) AS ib_call,
		    count(*) FILTER (WHERE k.inbound AND k.channel = 'CHAT'
		        AND k.subtype IS DISTINCT FROM 'video') AS ib_chat,
		    count(*) FILTER (WHERE k.inbound AND k.channel = 'EMAIL')
		        AS ib_email,
		    count(*) FILTER (WHERE k.inbound AND k.channel = 'PHONE'
		        AND k.queue_id IS NULL) AS ib_oper_dir_call,
		    count(*) FILTER (WHERE k.inbound AND k.channel = 'CHAT'
		        AND k.subtype = 'video') AS ib_video_chat,
		    count(*) FILTER (WHERE k.type IN ('CallOut', 'CallOutTerm'))
		        AS ob_call,
		    count(*) FILTER (WHERE k.type = 'CallOutOB')
		        AS ob_campaign_call,
		    count(*) FILTER (WHERE k.type = 'CBRCallOut') AS ob_cbr_call,
		    count(*) FILTER (WHERE k.type = 'EMAILOUT') AS ob_email
		FROM (SELECT c.agent_id, c.channel, c.subtype, c.type,
			c.queue_id, rmi_is_inbound(c.type) AS inbound
		      FROM contacts c
		      WHERE rmi_status_makes_activity(c.status)
		        AND c.agent_id IS NOT NULL) k
		GROUP BY k.agent_id) a ON a.agent_id = u.id
	WHERE u.is_agent
	  -- The right as a semi-join: a correlated sub-select is never inlined.
	  AND u.id IN (SELECT g.object_id FROM rights g
	      WHERE g.user_id = p_user AND g.right_name = 'STATISTICS_DETAILS')
$$;
