-- 001_schema.sql: the Monitoring Database tables for all seven families.
--
-- This is the suite's ingest interface: the contact-center platform (or our
-- simulator, db/simulate) writes these tables; the FastCGI programs only read
-- them through the views and functions of later migrations, except for the
-- few documented writes (agent state, presence, queue logins, settings).
-- Ids are 32 upper-case hex characters (GUIDs without dashes) unless the
-- object is not a GUID by nature (queue group ALL_QUEUES, setting ids).

CREATE DOMAIN guid AS text CHECK (VALUE ~ '^[0-9A-F]{32}$');

CREATE TABLE reporting_groups (
	id		guid PRIMARY KEY,
	name		text NOT NULL
);

-- Everybody who can sign in; agents are users with is_agent.
CREATE TABLE users (
	id			guid PRIMARY KEY,
	login			text NOT NULL UNIQUE,
	name			text NOT NULL,
	is_agent		boolean NOT NULL DEFAULT true,
	reporting_group_id	guid REFERENCES reporting_groups,
	number			text NOT NULL DEFAULT '',
	mobile_number		text NOT NULL DEFAULT '',
	external_number		text NOT NULL DEFAULT '',
	location		text NOT NULL DEFAULT '',
	chat_name		text NOT NULL DEFAULT '',
	chat			text NOT NULL DEFAULT '',
	email			text NOT NULL DEFAULT '',
	daily_pause_duration	bigint NOT NULL DEFAULT 0,	-- ms
	daily_work_duration	bigint NOT NULL DEFAULT 0,	-- ms
	chat_capacity		integer NOT NULL DEFAULT 0,
	phone_capacity		integer NOT NULL DEFAULT 0,
	task_capacity		integer NOT NULL DEFAULT 0,
	text_chat_capacity	integer NOT NULL DEFAULT 0,
	video_chat_capacity	integer NOT NULL DEFAULT 0
);

-- ContactCenter itself and the IVR applications.
CREATE TABLE applications (
	id		guid PRIMARY KEY,
	name		text NOT NULL,
	kind		text NOT NULL CHECK (kind IN ('ContactCenter', 'IVR'))
);

CREATE TABLE outbound_campaigns (
	id		guid PRIMARY KEY,
	name		text NOT NULL
);

-- Thresholds: answered_on_time and false_attempt in seconds (as the wire
-- shows them); the *_level columns are the queue group threshold levels,
-- NULL where not configured (omitted on the wire).
CREATE TABLE queues (
	id				guid PRIMARY KEY,
	name				text NOT NULL,
	type				text NOT NULL CHECK (type IN ('Phone', 'Email', 'Chat')),
	login_type			text NOT NULL DEFAULT 'AutoAllocation'
					CHECK (login_type IN ('AutoAllocation', 'HuntGroup')),
	application_id			guid NOT NULL REFERENCES applications,
	answered_on_time_threshold	integer NOT NULL DEFAULT 20,	-- s
	false_attempt_threshold		integer NOT NULL DEFAULT 5,	-- s
	free_agent_critical_level	integer,
	free_agent_warning_level	integer,
	interactions_critical_level	integer,
	interactions_warning_level	integer,
	max_wait_time_critical_level	integer,	-- ms
	max_wait_time_warning_level	integer,	-- ms
	serving_agent_critical_level	integer,
	serving_agent_warning_level	integer,
	service_level_critical_level	integer,	-- %
	service_level_warning_level	integer		-- %
);

-- Queue groups; ALL_QUEUES is not stored, it is derived from queues.
CREATE TABLE queue_groups (
	id		guid PRIMARY KEY,
	name		text NOT NULL
);

CREATE TABLE queue_group_queues (
	queue_group_id	guid NOT NULL REFERENCES queue_groups ON DELETE CASCADE,
	queue_id	guid NOT NULL REFERENCES queues ON DELETE CASCADE,
	position	integer NOT NULL DEFAULT 0,
	PRIMARY KEY (queue_group_id, queue_id)
);

-- Agent-queue memberships: serving is the agent's queue login.
CREATE TABLE agent_queues (
	agent_id		guid NOT NULL REFERENCES users ON DELETE CASCADE,
	queue_id		guid NOT NULL REFERENCES queues ON DELETE CASCADE,
	serving			boolean NOT NULL DEFAULT false,
	external_serving	boolean NOT NULL DEFAULT false,
	can_change_queue_login	boolean NOT NULL DEFAULT true,
	PRIMARY KEY (agent_id, queue_id)
);
CREATE INDEX agent_queues_queue ON agent_queues (queue_id) WHERE serving;

-- Presence profiles; availability is what activating one makes the agent.
CREATE TABLE presence_profiles (
	id		guid PRIMARY KEY,
	name		text NOT NULL,
	reason		text NOT NULL DEFAULT 'NONE',
	type		text NOT NULL CHECK (type IN ('PRESENCE', 'ABSENCE', 'CONFERENCE')),
	priority	integer NOT NULL DEFAULT 100,
	availability	text NOT NULL DEFAULT 'Free'
			CHECK (availability IN ('Away', 'Busy', 'Free'))
);

CREATE TABLE agent_presence_profiles (
	agent_id	guid NOT NULL REFERENCES users ON DELETE CASCADE,
	profile_id	guid NOT NULL REFERENCES presence_profiles ON DELETE CASCADE,
	PRIMARY KEY (agent_id, profile_id)
);

-- The current state of each agent (one row per agent). user_status is the
-- ready state; contact handling is derived from live contacts.
CREATE TABLE agent_states (
	agent_id		guid PRIMARY KEY REFERENCES users ON DELETE CASCADE,
	user_status		text NOT NULL DEFAULT 'LoggedOut'
				CHECK (user_status IN ('Ready', 'NotReady', 'Pause', 'LoggedOut')),
	user_status_since	timestamptz NOT NULL,
	profile_id		guid REFERENCES presence_profiles,
	profile_since		timestamptz NOT NULL,
	contact_handling_status	text,
	contact_handling_since	timestamptz
);

-- State history: one row per interval, end_time NULL for the open one.
CREATE TABLE agent_state_history (
	id		bigserial PRIMARY KEY,
	agent_id	guid NOT NULL REFERENCES users ON DELETE CASCADE,
	user_status	text NOT NULL
			CHECK (user_status IN ('Ready', 'NotReady', 'Pause', 'LoggedOut')),
	profile_id	guid REFERENCES presence_profiles,
	start_time	timestamptz NOT NULL,
	end_time	timestamptz,
	CHECK (end_time IS NULL OR end_time >= start_time)
);
CREATE INDEX agent_state_history_agent_time
	ON agent_state_history (agent_id, start_time);
CREATE UNIQUE INDEX agent_state_history_one_open
	ON agent_state_history (agent_id) WHERE end_time IS NULL;

-- Contacts. queue_entry_time is when the contact entered its current queue
-- (first arrival or overflow); arrival_queue_time when it entered its first.
-- Durations the platform measures itself (waiting, wrap-up parts) are stored
-- in ms; durations that run up to now are derived in views.
CREATE TABLE contacts (
	id			guid PRIMARY KEY,
	contact_group_id	guid NOT NULL,
	channel			text NOT NULL CHECK (channel IN ('PHONE', 'CHAT', 'EMAIL')),
	type			text NOT NULL,
	subtype			text CHECK (subtype IN ('text', 'video', 'sms',
				    'facebook', 'wechat', 'whatsapp')),
	status			text NOT NULL CHECK (status IN ('ServiceClosed',
				    'InProcess_WrapUp', 'Handled_AOT', 'Handled',
				    'NotHandled_FA', 'NotHandled_Ab', 'InProcess_Preview',
				    'InProcess_Pending', 'InProcess', 'InQueue')),
	source			text NOT NULL DEFAULT '',
	destination		text NOT NULL DEFAULT '',
	agent_id		guid REFERENCES users,
	queue_id		guid REFERENCES queues,
	orig_queue_id		guid REFERENCES queues,
	application_id		guid REFERENCES applications,
	reporting_group_id	guid REFERENCES reporting_groups,
	outbound_campaign_id	guid REFERENCES outbound_campaigns,
	arrival_time		timestamptz NOT NULL,
	arrival_queue_time	timestamptz,
	queue_entry_time	timestamptz,
	preview_time		timestamptz,
	connect_time		timestamptz,
	pending_time		timestamptz,
	pick_time		timestamptz,
	disconnect_time		timestamptz,
	wrap_up_begin_time	timestamptz,
	wrap_up_end_time	timestamptz,
	wrap_up_scripting_duration bigint NOT NULL DEFAULT 0,	-- ms
	waiting_duration	bigint NOT NULL DEFAULT 0,	-- ms
	service_closed		boolean NOT NULL DEFAULT false,
	record			boolean,
	subject			text,
	changed_at		timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contacts_arrival ON contacts (arrival_time DESC, id);
CREATE INDEX contacts_queue_arrival ON contacts (queue_id, arrival_time DESC);
CREATE INDEX contacts_agent_arrival ON contacts (agent_id, arrival_time DESC);
-- Live contacts are few; the statuses views look them up by these.
CREATE INDEX contacts_waiting_queue ON contacts (queue_id)
	WHERE status = 'InQueue';
CREATE INDEX contacts_waiting_orig_queue ON contacts (orig_queue_id)
	WHERE status = 'InQueue';
CREATE INDEX contacts_active_agent ON contacts (agent_id)
	WHERE status IN ('InProcess', 'InProcess_Preview', 'InProcess_Pending',
	    'InProcess_WrapUp');

CREATE TABLE contact_events (
	id		guid PRIMARY KEY,
	contact_id	guid NOT NULL REFERENCES contacts ON DELETE CASCADE,
	time		timestamptz NOT NULL,
	seq		integer NOT NULL DEFAULT 0,	-- order within one instant
	event		text NOT NULL,
	value1		text NOT NULL DEFAULT '',
	value2		text NOT NULL DEFAULT ''
);
CREATE INDEX contact_events_contact ON contact_events (contact_id, time, seq);

-- Rights per user and object (queue, agent, application, campaign).
CREATE TABLE rights (
	user_id		guid NOT NULL REFERENCES users ON DELETE CASCADE,
	object_id	guid NOT NULL,
	right_name	text NOT NULL CHECK (right_name IN ('STATISTICS_DETAILS',
			    'SERVE', 'MANAGE', 'MANAGE_PRESENCE')),
	PRIMARY KEY (user_id, right_name, object_id)
);

-- Per-user settings (/settings); ui_language is the user's default language.
CREATE TABLE settings (
	user_id		guid NOT NULL REFERENCES users ON DELETE CASCADE,
	id		text NOT NULL CHECK (length(id) BETWEEN 1 AND 128),
	ui_language	text NOT NULL DEFAULT '',
	value		text NOT NULL DEFAULT '',
	changed_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (user_id, id)
);

-- Display names of configuration objects per language (upper-case ISO 639).
CREATE TABLE translations (
	object_id	text NOT NULL,
	language	text NOT NULL CHECK (language ~ '^[A-Z]{2}$'),
	name		text NOT NULL,
	PRIMARY KEY (object_id, language)
);
