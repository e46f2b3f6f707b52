-- db/demo-data.sql: a lively demo Monitoring Database.
--
--   db/migrate 'dbname=rmi'
--   psql -X -d rmi -f db/demo-data.sql
--   db/simulate 'dbname=rmi'        # optional: live traffic until killed
--
-- Everything time-related is relative to rmi_now(), so the demo looks live
-- whenever it is loaded (reload it to move the day of history to "now").
-- Configuration objects have fixed GUIDs (see db/README.md), contact ids are
-- md5-derived and pseudo-random choices use md5 too, so every load produces
-- the same configuration, agents, states and live contacts, only shifted in
-- time; the day of history follows a daily profile (Helsinki time), so it
-- depends on the time of day of the load.
--
-- Reloading is safe: if the database already holds this demo (its
-- ContactCenter application exists), every table except schema_migrations is
-- emptied first; a database holding any other data is refused.
--
-- Contents: ContactCenter and two IVR applications; 11 queues (Phone, Email,
-- Chat; AutoAllocation and HuntGroup); 4 reporting groups; 40 agents and a
-- non-agent supervisor; presence profiles; agent states with 24 h of state
-- history; 2 outbound campaigns; 3 queue groups; about 3000 contacts of the
-- last 24 h with their events; live contacts waiting and being handled;
-- FI and SV translations; rights and settings for the demo users
-- `supervisor` (everything) and `agent1` (an agent seeing three queues).

\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET jit = off;		-- compiling costs more than these one-off queries take

BEGIN;

-- Empty a database that holds this demo; refuse one that holds other data.
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM applications
	    WHERE id = '8E6A1E9A77B9416BA5FBBDE823E09F0D') THEN
		TRUNCATE contact_events, contacts, agent_state_history,
		    agent_states, agent_presence_profiles, agent_queues,
		    queue_group_queues, queue_groups, rights, settings,
		    translations, presence_profiles, users, queues,
		    reporting_groups, outbound_campaigns, applications
		    RESTART IDENTITY;
	ELSIF EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM queues)
	    OR EXISTS (SELECT 1 FROM contacts)
	    OR EXISTS (SELECT 1 FROM applications) THEN
		RAISE EXCEPTION 'this database holds data that is not the demo; refusing to load demo-data.sql';
	END IF;
END
$$;

-- A deterministic pseudo-random number in [0, 1) from a text seed.
CREATE FUNCTION pg_temp.rnd(seed text) RETURNS float8
LANGUAGE sql IMMUTABLE AS $$
	SELECT ('x' || substr(md5(seed), 1, 8))::bit(32)::bigint / 4294967296.0
$$;

-- A deterministic GUID from a text seed.
CREATE FUNCTION pg_temp.gid(seed text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT upper(md5('rmi-demo:' || seed))
$$;

------------------------------------------------------------------------------
-- Configuration
------------------------------------------------------------------------------

INSERT INTO applications (id, name, kind) VALUES
	('8E6A1E9A77B9416BA5FBBDE823E09F0D', 'ContactCenter', 'ContactCenter'),
	('2E25F13D04EB4E538C03B14EABA48E31', 'IVR Main Menu', 'IVR'),
	('2D8E4EE0B2274339BAA2E2D86A9163F7', 'IVR Self Service', 'IVR');

CREATE TEMP TABLE demo_group (key text PRIMARY KEY, id text, name text,
    fi text, sv text);
INSERT INTO demo_group VALUES
	('sales',   'B381EB6BFF7B492FB3E550EB896731F4', 'Sales',       'Myynti',          'Försäljning'),
	('support', '329F2C0AB6AF4B918F05436989F349F5', 'Support',     'Asiakastuki',     'Kundsupport'),
	('billing', '3E326BF96EAB42198474B03F82A14D63', 'Billing',     'Laskutus',        'Fakturering'),
	('back',    '62CD6FE4E51E4858915D8209AA13B64B', 'Back Office', 'Taustapalvelut',  'Backoffice');
INSERT INTO reporting_groups (id, name) SELECT id, name FROM demo_group;

INSERT INTO outbound_campaigns (id, name) VALUES
	('85B59578B8674DF990ADE8023AB407A6', 'Winter Offer'),
	('B5348BD420B24D708738B1E2BF0376C3', 'Customer Survey (preview)');

CREATE TEMP TABLE demo_profile (key text PRIMARY KEY, id text, fi text,
    sv text);
INSERT INTO demo_profile VALUES
	('available',  '37FF4ECF5C0547139A51C1E01E31F8C5', 'Tavoitettavissa', 'Tillgänglig'),
	('lunch',      '091813E21E0C4E0CBC880CA564CD5EC3', 'Lounas',          'Lunch'),
	('vacation',   '39BFE1469B6F4245B49A8798C5DA6FD5', 'Loma',            'Semester'),
	('meeting',    'A791B42FF52E4F338CC80010EFA396D7', 'Kokous',          'Möte'),
	('conference', '123ADCEC88E64D2A8B95DC15DF272F09', 'Konferenssi',     'Konferens');
INSERT INTO presence_profiles (id, name, reason, type, priority, availability)
VALUES
	('37FF4ECF5C0547139A51C1E01E31F8C5', 'Available',  'NONE',     'PRESENCE',   100, 'Free'),
	('091813E21E0C4E0CBC880CA564CD5EC3', 'Lunch',      'NONE',     'ABSENCE',    100, 'Away'),
	('39BFE1469B6F4245B49A8798C5DA6FD5', 'Vacation',   'VACATION', 'ABSENCE',    100, 'Away'),
	('A791B42FF52E4F338CC80010EFA396D7', 'Meeting',    'MEETING',  'ABSENCE',    100, 'Busy'),
	('123ADCEC88E64D2A8B95DC15DF272F09', 'Conference', 'NONE',     'CONFERENCE', 100, 'Busy');

-- Queues with what the traffic generator needs to know about them:
-- addr (the number or address customers contact), mean_wait (s),
-- handle_min/handle_max (s).
CREATE TEMP TABLE demo_queue (key text PRIMARY KEY, id text, name text,
    type text, login_type text, aot int, fa int, addr text, mean_wait float8,
    handle_min float8, handle_max float8, fi text, sv text);
INSERT INTO demo_queue VALUES
	('cs',        '120E3DBA64E1420897A7CF9ACF0B2B47', 'Customer Service',          'Phone', 'AutoAllocation',    20,  5, '+358201234500',                15,  40,  600, 'Asiakaspalvelu',             'Kundtjänst'),
	('cso',       '307E924998AB4C6C8F3E626C5DAA4A20', 'Customer Service Overflow', 'Phone', 'AutoAllocation',    30,  5, '+358201234500',                20,  40,  600, 'Asiakaspalvelu, ylivuoto',   'Kundtjänst, överflöde'),
	('sales',     'A0B36660DEEF4AFAA74EF72FA8A24D8C', 'Sales',                     'Phone', 'AutoAllocation',    20,  5, '+358201234510',                12,  60,  720, 'Myynti',                     'Försäljning'),
	('tech',      '0DD430081BA348EFA8789C83A8C18538', 'Technical Support',         'Phone', 'HuntGroup',         30, 10, '+358201234520',                25,  90,  900, 'Tekninen tuki',              'Teknisk support'),
	('bill',      'C500C48DE5964DB185CCCAE24002B1F9', 'Billing',                   'Phone', 'AutoAllocation',    20,  5, '+358201234530',                15,  40,  480, 'Laskutus',                   'Fakturering'),
	('vm',        '47C38A2D93C045AEAD6E3F83B7209003', 'Voicemail',                 'Phone', 'AutoAllocation',  3600,  0, '+358201234540',              1800,  30,  180, 'Ääniviestit',                'Röstmeddelanden'),
	('tele',      'DE6AABFFFBFF4358842238BD9E70818F', 'Telesales',                 'Phone', 'AutoAllocation',    20,  5, '+358201234550',                 0,  30,  400, 'Puhelinmyynti',              'Telefonförsäljning'),
	('csmail',    'AFCAD8A1E1A74B8F8869BCF91173389D', 'Customer Service Email',    'Email', 'AutoAllocation', 14400,  0, 'service@example.com',         2400,  60,  900, 'Asiakaspalvelu, sähköposti', 'Kundtjänst, e-post'),
	('invmail',   'E40DBD8D057C4CC5BEBD40E8BA4B0614', 'Invoicing Email',           'Email', 'HuntGroup',      28800,  0, 'invoicing@example.com',       5400,  60,  900, 'Laskutus, sähköposti',       'Fakturering, e-post'),
	('web',       '75399A2CD72B47F58718CE954663E601', 'Web Chat',                  'Chat',  'AutoAllocation',    30, 10, 'https://www.example.com/chat', 15,  90,  900, 'Verkkochat',                 'Webbchatt'),
	('saleschat', 'F0CBDEBC826A46A0BE90C088514D7124', 'Sales Chat',                'Chat',  'HuntGroup',         45, 10, 'https://shop.example.com/chat', 20, 90,  900, 'Myyntichat',                 'Försäljningschatt');

INSERT INTO queues (id, name, type, login_type, application_id,
    answered_on_time_threshold, false_attempt_threshold,
    free_agent_critical_level, free_agent_warning_level,
    interactions_critical_level, interactions_warning_level,
    max_wait_time_critical_level, max_wait_time_warning_level,
    serving_agent_critical_level, serving_agent_warning_level,
    service_level_critical_level, service_level_warning_level)
SELECT q.id, q.name, q.type, q.login_type,
    '8E6A1E9A77B9416BA5FBBDE823E09F0D', q.aot, q.fa,
    l.fac, l.faw, l.ic, l.iw, l.mwc, l.mww, l.sac, l.saw, l.slc, l.slw
FROM demo_queue q
JOIN (VALUES
	-- free agent, interactions, max wait (ms), serving agents, service level %
	-- (critical, warning); NULL where not configured
	('cs',        1, 2,    8,    4,   120000,   60000,    2, 4,   60, 80),
	('cso',       0, 1,    5,    3,   180000,   90000,    1, 2,   50, 70),
	('sales',     1, 2,    4,    2,    90000,   45000,    2, 3,   70, 85),
	('tech',      1, 2,    6,    3,   180000,   90000,    2, 3,   60, 80),
	('bill',      1, 2,    4,    2,   120000,   60000,    1, 2,   70, 80),
	('vm',        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	('tele',      NULL, NULL, NULL, NULL, NULL, NULL,    1, 2, NULL, NULL),
	('csmail',    NULL, NULL, 40,  20, 14400000, 7200000,  1, 2,   70, 85),
	('invmail',   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,   60, 80),
	('web',       1, 2,    6,    3,   120000,   60000,    2, 3,   70, 85),
	('saleschat', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
) AS l(key, fac, faw, ic, iw, mwc, mww, sac, saw, slc, slw) ON l.key = q.key;

CREATE TEMP TABLE demo_qgroup (key text PRIMARY KEY, id text, name text,
    fi text, sv text, queues text[]);
INSERT INTO demo_qgroup VALUES
	('phone',   '17B9AE7B58C245B883049FD4FF80C412', 'Phone queues',     'Puhelinjonot',         'Telefonköer',
	    '{cs,cso,sales,tech,bill,vm,tele}'),
	('digital', '92BD5A85E77C4AC0BEB3D5CAB9335E80', 'Digital channels', 'Digitaaliset kanavat', 'Digitala kanaler',
	    '{csmail,invmail,web,saleschat}'),
	('sales',   '7B84C06D38114E6882F4F6F0142C9605', 'Sales queues',     'Myyntijonot',          'Försäljningsköer',
	    '{sales,saleschat,tele}');
INSERT INTO queue_groups (id, name) SELECT id, name FROM demo_qgroup;
INSERT INTO queue_group_queues (queue_group_id, queue_id, position)
SELECT g.id, q.id, k.pos
FROM demo_qgroup g, unnest(g.queues) WITH ORDINALITY AS k(qkey, pos)
JOIN demo_queue q ON q.key = k.qkey;

------------------------------------------------------------------------------
-- Users: 40 agents and the supervisor
------------------------------------------------------------------------------

-- state: the current ready state, since `mins` minutes ago, with presence
-- profile `prof`. Agents 1-10 Sales, 11-26 Support, 27-34 Billing,
-- 35-40 Back Office. Agent 11 is the demo user agent1.
CREATE TEMP TABLE demo_agent (idx int PRIMARY KEY, id text, name text,
    grp text, location text, state text, mins int, prof text);
INSERT INTO demo_agent VALUES
	( 1, 'E5FB455E225A4135ADD019145734015B', 'Virtanen, Mikko',    'sales',   'Espoo',    'Ready',      35, 'available'),
	( 2, '9A429F2550E94FE5A1B3F5B52455BA2A', 'Åberg, Anna',        'sales',   'Espoo',    'Ready',      22, 'available'),
	( 3, '30F335BAA2434C9A9DF1897BE0F99B62', 'Nieminen, Laura',    'sales',   'Espoo',    'Ready',      48, 'available'),
	( 4, '71E460CAA4C14B5BA4DA5BDFA5F52F2A', 'Smith, John',        'sales',   'Espoo',    'Ready',      17, 'available'),
	( 5, '6CC4218560354284AB135D67536D51A7', 'Mäkinen, Jussi',     'sales',   'Espoo',    'NotReady',   12, 'meeting'),
	( 6, '7DB66AA29C65474A837083BB80859AEA', 'Lindqvist, Erik',    'sales',   'Espoo',    'Pause',      21, 'lunch'),
	( 7, 'B41B38B67A2A4D419D97C4AF11FF6610', 'Öhman, Sofia',       'sales',   'Espoo',    'LoggedOut', 190, 'available'),
	( 8, '12B154C6A2BB4A928575C0E9E57B6F0A', 'Heikkinen, Petri',   'sales',   'Espoo',    'Ready',      64, 'available'),
	( 9, 'B4850C506CA84453B7B52A948EA2C629', 'Johnson, Emily',     'sales',   'Espoo',    'Ready',      15, 'available'),
	(10, '2151B5493930409A8E2268869F1F5283', 'Koskinen, Sanna',    'sales',   'Espoo',    'Ready',      41, 'available'),
	(11, 'D388A1D185C5400FA1F7BE665CEFBBB0', 'Korhonen, Aino',     'support', 'Helsinki', 'Ready',      26, 'available'),
	(12, '17560DD3416A419BB5E85F6F87A4E10D', 'Äijälä, Öllö',       'support', 'Helsinki', 'NotReady',    4, 'available'),
	(13, 'B75DCFB28C9642DF9F2C96DECAEAD774', 'Östman, Ulla',       'support', 'Helsinki', 'Pause',       9, 'lunch'),
	(14, 'BD7CC4905BD744CBAEFDBFD2E2D056E8', 'Laine, Timo',        'support', 'Helsinki', 'Ready',      55, 'available'),
	(15, 'BD28DA83D10341C8AD076429AD9A4C5B', 'Fox, John',          'support', 'Helsinki', 'Ready',      18, 'available'),
	(16, '4C687EA12D784809B58342EC1F9B9EFB', 'Wolf, Jane',         'support', 'Helsinki', 'Ready',      73, 'available'),
	(17, 'DFD8570AD07B4A2D9392E620DCA6F193', 'Järvinen, Kalle',    'support', 'Tampere',  'Ready',      39, 'available'),
	(18, '6BEFF1E0496A4C51B4A615084D903DF4', 'Lehtonen, Hanna',    'support', 'Tampere',  'Ready',      27, 'available'),
	(19, 'A92EF9A9B2BE479491951715A53A5695', 'Brown, Michael',     'support', 'Tampere',  'Ready',      44, 'available'),
	(20, '114ABEF4CD7C43D1A50FEE1F0D346AC2', 'Ängeslevä, Päivi',   'support', 'Oulu',     'Ready',       6, 'available'),
	(21, '8F702301342C4362B881CF319D79F89F', 'Salo, Antti',        'support', 'Oulu',     'Ready',      31, 'available'),
	(22, '3BC5F57B07E147B79A26B32F3C8A180A', 'Hämäläinen, Riikka', 'support', 'Tampere',  'Ready',      13, 'available'),
	(23, 'D0DE802CF08844139031C4DBB2348B21', 'Nyström, Björn',     'support', 'Vaasa',    'Ready',      57, 'available'),
	(24, 'A677901DC650456B981A35996523E080', 'Rantanen, Elina',    'support', 'Helsinki', 'Ready',       3, 'available'),
	(25, '809F8E55A21D497D9EA13C27A78C46B9', 'Garcia, Maria',      'support', 'Helsinki', 'NotReady',   33, 'conference'),
	(26, 'D1E5E0B67BD44A5F917ACB11B2557E3A', 'Karjalainen, Ville', 'support', 'Oulu',     'Pause',      16, 'lunch'),
	(27, 'FAF907F3F6904DBBA688BAA6B53BAE68', 'Ahonen, Minna',      'billing', 'Turku',    'Ready',      29, 'available'),
	(28, 'ACE5F4F96025408BAC0E74F0B78DB862', 'Öberg, Lars',        'billing', 'Turku',    'Ready',      11, 'available'),
	(29, '4BD538584CFF4A46A715D5F276338FD6', 'Miller, Sarah',      'billing', 'Turku',    'Ready',      47, 'available'),
	(30, '04318F3CA18C4A98B643D71732FE233F', 'Sjöberg, Åsa',       'billing', 'Turku',    'NotReady',    7, 'available'),
	(31, '6FB95D2EDDCB4034917D1427CBF8569D', 'Turunen, Jari',      'billing', 'Turku',    'Ready',      24, 'available'),
	(32, '7EE46580D46044F1812199BBDB7AED41', 'Kallio, Noora',      'billing', 'Turku',    'Pause',      27, 'lunch'),
	(33, '27655A26018B47AE95EA6DC822A47E6D', 'Peltonen, Markus',   'billing', 'Turku',    'LoggedOut', 610, 'available'),
	(34, '5E3E0FCC0CA046AEA804A96E3395B250', 'Taylor, David',      'billing', 'Turku',    'LoggedOut', 4320, 'vacation'),
	(35, '8F60BA2DDB6E4A8CB6B815FD54336B8F', 'Åkerlund, Ingrid',   'back',    'Vaasa',    'Ready',      45, 'available'),
	(36, '02C67601213C411FAB576042BB21ECD1', 'Lindholm, Sari',     'back',    'Vaasa',    'NotReady',   20, 'available'),
	(37, '3005DCC303CF4614817CCD59854BAC29', 'Wilson, James',      'back',    'Vaasa',    'Ready',      52, 'available'),
	(38, 'D6B774E28524400AAF75CD2FF007D730', 'Räsänen, Olli',      'back',    'Vaasa',    'NotReady',   14, 'meeting'),
	(39, 'A8077DF2295F429483BCDF524D47A5B2', 'Heinonen, Tiina',    'back',    'Vaasa',    'Pause',       5, 'lunch'),
	(40, 'AFED1E3B701D4AEAB9277FA8FD10EAAF', 'Zetterberg, Maja',   'back',    'Vaasa',    'LoggedOut', 2880, 'vacation');

INSERT INTO users (id, login, name, is_agent, reporting_group_id, number,
    mobile_number, external_number, location, chat_name, chat, email,
    daily_pause_duration, daily_work_duration, chat_capacity,
    phone_capacity, task_capacity, text_chat_capacity, video_chat_capacity)
SELECT a.id,
    CASE WHEN a.idx = 11 THEN 'agent1' ELSE n.ascii END,
    a.name, true, g.id,
    (200 + a.idx)::text,
    '+35840' || lpad((1234500 + a.idx * 7919 % 100000)::text, 7, '0'),
    CASE WHEN pg_temp.rnd('ext' || a.idx) < 0.3
	THEN '+35840' || lpad((1234500 + a.idx * 7919 % 100000)::text, 7, '0')
	ELSE '' END,
    a.location,
    n.first || ' ' || n.last,
    n.mail, n.mail,
    1800000,
    CASE WHEN a.grp = 'back' THEN 27000000 ELSE 30600000 END,
    c.text_chat, 1, c.task, c.text_chat,
    CASE WHEN a.grp = 'support' AND a.idx % 3 = 0 THEN 1 ELSE 0 END
FROM demo_agent a
JOIN demo_group g ON g.key = a.grp
CROSS JOIN LATERAL (
	SELECT split_part(a.name, ', ', 2) AS first,
	    split_part(a.name, ', ', 1) AS last,
	    translate(lower(split_part(a.name, ', ', 2) || '.'
	        || split_part(a.name, ', ', 1)), 'åäöéü', 'aaoeu') AS ascii) n0
CROSS JOIN LATERAL (
	SELECT n0.first, n0.last, n0.ascii,
	    CASE WHEN a.idx = 11 THEN 'agent1@example.com'
	    ELSE n0.ascii || '@example.com' END AS mail) n
CROSS JOIN LATERAL (
	SELECT CASE a.grp WHEN 'billing' THEN 0
	    ELSE 2 + (pg_temp.rnd('chat' || a.idx) * 3)::int END AS text_chat,
	    3 + (pg_temp.rnd('task' || a.idx) * 3)::int AS task) c;

INSERT INTO users (id, login, name, is_agent, email, location)
VALUES ('A97C4F6000E94E65B2F6787856443620', 'supervisor',
    'Supervisor, Demo', false, 'supervisor@example.com', 'Helsinki');

-- Everybody has Available, Lunch, Meeting and Vacation; about half the
-- agents, and all in Support, may also use Conference.
INSERT INTO agent_presence_profiles (agent_id, profile_id)
SELECT a.id, p.id
FROM demo_agent a
JOIN demo_profile p ON p.key <> 'conference' OR a.grp = 'support'
    OR pg_temp.rnd('conf' || a.idx) < 0.5;

-- Queue memberships: the queues of the agent's reporting group, secondary
-- ones for some. agent1 (11) belongs to exactly three queues.
INSERT INTO agent_queues (agent_id, queue_id, serving, external_serving,
    can_change_queue_login)
SELECT a.id, q.id,
    a.idx = 11 OR pg_temp.rnd('srv' || a.idx || m.qkey) < 0.8,
    a.idx <> 11 AND pg_temp.rnd('ext' || a.idx || m.qkey) < 0.08,
    a.idx = 11 OR pg_temp.rnd('ccl' || a.idx || m.qkey)
	< CASE WHEN q.login_type = 'HuntGroup' THEN 0.5 ELSE 0.85 END
FROM demo_agent a
JOIN (VALUES
	('sales', 'sales', true), ('sales', 'saleschat', true),
	('sales', 'tele', true), ('sales', 'cso', false),
	('support', 'cs', true), ('support', 'cso', true),
	('support', 'tech', true), ('support', 'csmail', true),
	('support', 'web', true), ('support', 'vm', false),
	('billing', 'bill', true), ('billing', 'invmail', true),
	('billing', 'cso', false),
	('back', 'csmail', true), ('back', 'invmail', true),
	('back', 'vm', true), ('back', 'tech', false)
) AS m(grp, qkey, primary_queue) ON m.grp = a.grp
JOIN demo_queue q ON q.key = m.qkey
WHERE CASE WHEN a.idx = 11 THEN m.qkey IN ('cs', 'csmail', 'web')
    ELSE m.primary_queue OR pg_temp.rnd('mem' || a.idx || m.qkey) < 0.6 END;

------------------------------------------------------------------------------
-- Agent states and 24 h of state history
------------------------------------------------------------------------------

INSERT INTO agent_states (agent_id, user_status, user_status_since,
    profile_id, profile_since)
SELECT a.id, a.state, rmi_now() - a.mins * interval '1 minute', p.id,
    rmi_now() - a.mins * interval '1 minute'
FROM demo_agent a JOIN demo_profile p ON p.key = a.prof;

-- Going back from the current state: Ready alternates with NotReady, Pause
-- or LoggedOut (so neighbours always differ), with plausible durations,
-- until the last 24 h are covered. The open row is the current state.
INSERT INTO agent_state_history (agent_id, user_status, profile_id,
    start_time, end_time)
WITH seg AS (
	SELECT a.id, a.idx, k, s.user_status_since AS t0,
	    CASE WHEN (k + CASE WHEN s.user_status = 'Ready' THEN 0 ELSE 1 END)
		% 2 = 0 THEN 'Ready'
	    WHEN pg_temp.rnd(a.id || 's' || k) < 0.45 THEN 'NotReady'
	    WHEN pg_temp.rnd(a.id || 's' || k) < 0.80 THEN 'Pause'
	    ELSE 'LoggedOut' END AS st,
	    pg_temp.rnd(a.id || 'd' || k) AS r,
	    pg_temp.rnd(a.id || 'p' || k) AS rp,
	    EXISTS (SELECT 1 FROM agent_presence_profiles ap
		WHERE ap.agent_id = a.id
		  AND ap.profile_id = '123ADCEC88E64D2A8B95DC15DF272F09')
		AS has_conf
	FROM demo_agent a
	JOIN agent_states s ON s.agent_id = a.id
	CROSS JOIN generate_series(1, 200) AS k
), dur AS (
	SELECT *, CASE st
	    WHEN 'Ready' THEN 15 + r * 60
	    WHEN 'NotReady' THEN 3 + r * 17
	    WHEN 'Pause' THEN 5 + r * 30
	    ELSE 60 + r * 540 END * interval '1 minute' AS d
	FROM seg
), cum AS (
	SELECT *, t0 - sum(d) OVER (PARTITION BY id ORDER BY k) AS start_t
	FROM dur
), bounded AS (
	SELECT *, coalesce(lag(start_t) OVER (PARTITION BY id ORDER BY k), t0)
	    AS end_t
	FROM cum
)
SELECT id, st,
    CASE st
    WHEN 'Pause' THEN '091813E21E0C4E0CBC880CA564CD5EC3'
    WHEN 'NotReady' THEN CASE
	WHEN rp < 0.6 THEN '37FF4ECF5C0547139A51C1E01E31F8C5'
	WHEN rp < 0.85 OR NOT has_conf THEN 'A791B42FF52E4F338CC80010EFA396D7'
	ELSE '123ADCEC88E64D2A8B95DC15DF272F09' END
    ELSE '37FF4ECF5C0547139A51C1E01E31F8C5' END,
    start_t, end_t
FROM bounded
WHERE end_t > rmi_now() - interval '24 hours'
UNION ALL
SELECT agent_id, user_status, profile_id, user_status_since, NULL
FROM agent_states;

------------------------------------------------------------------------------
-- Live contacts (inserted into contacts further down)
------------------------------------------------------------------------------

-- Live contacts, in seconds before now: arr = arrival, ovf = entry into
-- the overflow queue, conn = connect, disc = disconnect (wrap-up running),
-- pend = set pending, prev = preview. q = current queue, oq = original.
CREATE TEMP TABLE demo_live (k int PRIMARY KEY, q text, oq text, type text,
    subtype text, status text, agent int, arr int, ovf int, conn int,
    disc int, pend int, prev int, camp text, grp int);
INSERT INTO demo_live VALUES
	-- waiting
	( 1, 'cs',        'cs',      'CallIn',      NULL,       'InQueue',            NULL,    13, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	( 2, 'cs',        'cs',      'CallIn',      NULL,       'InQueue',            NULL,    30, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	( 3, 'cs',        'cs',      'CallIn',      NULL,       'InQueue',            NULL,    52, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	( 4, 'cs',        'cs',      'CallIn',      NULL,       'InQueue',            NULL,   100, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	( 5, 'cs',        'cs',      'CBR',         NULL,       'InQueue',            NULL,   600, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	( 6, 'cso',       'cs',      'CallIn',      NULL,       'InQueue',            NULL,    75,   25, NULL, NULL, NULL, NULL, NULL, NULL),
	( 7, 'cso',       'cs',      'CallIn',      NULL,       'InQueue',            NULL,   135,   85, NULL, NULL, NULL, NULL, NULL, NULL),
	( 8, 'sales',     'sales',   'CallIn',      NULL,       'InQueue',            NULL,    17, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	( 9, 'tech',      'tech',    'CallIn',      NULL,       'InQueue',            NULL,    35, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	(10, 'tech',      'tech',    'CallIn',      NULL,       'InQueue',            NULL,   165, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	(11, 'bill',      'cs',      'CallIn',      NULL,       'InQueue',            NULL,    40, NULL, NULL, NULL, NULL, NULL, NULL,   20),
	(12, 'csmail',    'csmail',  'EMAILIN',     NULL,       'InQueue',            NULL,   180, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	(13, 'csmail',    'csmail',  'EMAILIN',     NULL,       'InQueue',            NULL,   600, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	(14, 'csmail',    'csmail',  'EMAILIN',     NULL,       'InQueue',            NULL,  1500, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	(15, 'csmail',    'csmail',  'EMAILIN',     NULL,       'InQueue',            NULL,  2400, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	(16, 'csmail',    'csmail',  'EMAILIN',     NULL,       'InQueue',            NULL,  3300, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	(17, 'invmail',   'invmail', 'EMAILIN',     NULL,       'InQueue',            NULL,  7200, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	(18, 'web',       'web',     'ChatIn',      'text',     'InQueue',            NULL,    16, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	(19, 'web',       'web',     'ChatIn',      'whatsapp', 'InQueue',            NULL,    51, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	-- being handled
	(20, 'cs',        'cs',      'CallIn',      NULL,       'InProcess_WrapUp',     18,   400, NULL,  380,   40, NULL, NULL, NULL, NULL),
	(21, 'cs',        'cs',      'CallIn',      NULL,       'InProcess',            14,   200, NULL,  185, NULL, NULL, NULL, NULL, NULL),
	(22, 'cs',        'cs',      'CallIn',      NULL,       'InProcess',            15,    95, NULL,   70, NULL, NULL, NULL, NULL, NULL),
	(23, 'cs',        'cs',      'CallIn',      NULL,       'InProcess',            16,   330, NULL,  290, NULL, NULL, NULL, NULL, NULL),
	(24, 'cso',       'cs',      'CallIn',      NULL,       'InProcess',            17,   170,  120,   60, NULL, NULL, NULL, NULL, NULL),
	(25, 'tech',      'tech',    'CallIn',      NULL,       'InProcess',            21,   420, NULL,  400, NULL, NULL, NULL, NULL, NULL),
	(26, 'sales',     'sales',   'CallIn',      NULL,       'InProcess',             1,   150, NULL,  140, NULL, NULL, NULL, NULL, NULL),
	(27, 'bill',      'bill',    'CallIn',      NULL,       'InProcess',            27,   250, NULL,  230, NULL, NULL, NULL, NULL, NULL),
	(28, 'web',       'web',     'ChatIn',      'text',     'InProcess',            19,   320, NULL,  300, NULL, NULL, NULL, NULL, NULL),
	(29, 'saleschat', 'saleschat', 'ChatIn',    'facebook', 'InProcess',             3,   200, NULL,  190, NULL, NULL, NULL, NULL, NULL),
	(30, 'csmail',    'csmail',  'EMAILIN',     NULL,       'InProcess',            22,  5400, NULL,  240, NULL, NULL, NULL, NULL, NULL),
	(31, 'tele',      'tele',    'CallOutOB',   NULL,       'InProcess',             8,   130, NULL,  110, NULL, NULL, NULL, '85B59578B8674DF990ADE8023AB407A6', NULL),
	(32, 'tele',      'tele',    'CallOutOB',   NULL,       'InProcess_Preview',     9,    25, NULL, NULL, NULL, NULL,   20, 'B5348BD420B24D708738B1E2BF0376C3', NULL),
	(33, 'sales',     'sales',   'CallOut',     NULL,       'InProcess',             4,    80, NULL,   65, NULL, NULL, NULL, NULL, NULL),
	(34, 'bill',      'bill',    'CallIn',      NULL,       'InProcess_WrapUp',     29,   500, NULL,  470,   20, NULL, NULL, NULL, NULL),
	(35, 'csmail',    'csmail',  'EMAILIN',     NULL,       'InProcess_Pending',    35,  9000, NULL, 1800, NULL, 1200, NULL, NULL, NULL),
	(36, 'invmail',   'invmail', 'EMAILIN',     NULL,       'InProcess_Pending',    36, 20000, NULL, 4000, NULL, 3000, NULL, NULL, NULL);

-- The agents of live contacts serve those queues.
INSERT INTO agent_queues (agent_id, queue_id, serving, external_serving,
    can_change_queue_login)
SELECT a.id, q.id, true, false, true
FROM demo_live l JOIN demo_agent a ON a.idx = l.agent
JOIN demo_queue q ON q.key = l.q
ON CONFLICT (agent_id, queue_id) DO UPDATE SET serving = true;

------------------------------------------------------------------------------
-- A day of contact history
------------------------------------------------------------------------------

-- Kinds of contact, their queue and share (weights add up to 100).
-- dir: in = queued inbound, out = agent-initiated, ivr = IVR only.
CREATE TEMP TABLE demo_kind (kind text PRIMARY KEY, qkey text, app text,
    channel text, type text, dir text, weight int, lo float8, hi float8);
INSERT INTO demo_kind (kind, qkey, app, channel, type, dir, weight) VALUES
	('cs-in',     'cs',        NULL,       'PHONE', 'CallIn',           'in',  26),
	('cs-fwd',    'cs',        NULL,       'PHONE', 'CallIn/Forwarded', 'in',   2),
	('cs-cbr',    'cs',        NULL,       'PHONE', 'CBR',              'in',   3),
	('cs-out',    'cs',        NULL,       'PHONE', 'CallOut',          'out',  3),
	('sales-in',  'sales',     NULL,       'PHONE', 'CallIn',           'in',   8),
	('sales-out', 'sales',     NULL,       'PHONE', 'CallOut',          'out',  2),
	('tech-in',   'tech',      NULL,       'PHONE', 'CallIn',           'in',   8),
	('bill-in',   'bill',      NULL,       'PHONE', 'CallIn',           'in',   6),
	('tele-ob',   'tele',      NULL,       'PHONE', 'CallOutOB',        'out',  6),
	('vm-in',     'vm',        NULL,       'PHONE', 'VOICEMAILIN',      'in',   2),
	('mail-in',   'csmail',    NULL,       'EMAIL', 'EMAILIN',          'in',   8),
	('inv-in',    'invmail',   NULL,       'EMAIL', 'EMAILIN',          'in',   4),
	('mail-out',  'csmail',    NULL,       'EMAIL', 'EMAILOUT',         'out',  2),
	('web-in',    'web',       NULL,       'CHAT',  'ChatIn',           'in',   9),
	('sc-in',     'saleschat', NULL,       'CHAT',  'ChatIn',           'in',   4),
	('web-out',   'web',       NULL,       'CHAT',  'ChatOut',          'out',  1),
	('ivr-main',  NULL,        '2E25F13D04EB4E538C03B14EABA48E31', 'PHONE', 'IVR', 'ivr', 4),
	('ivr-self',  NULL,        '2D8E4EE0B2274339BAA2E2D86A9163F7', 'PHONE', 'IVR', 'ivr', 2);
UPDATE demo_kind k SET lo = c.lo, hi = c.hi
FROM (SELECT kind,
	(sum(weight) OVER w - weight) / 100.0 AS lo,
	sum(weight) OVER w / 100.0 AS hi
      FROM demo_kind WINDOW w AS (ORDER BY kind)) c
WHERE c.kind = k.kind;

-- Work table: one row per contact, times as offsets in seconds.
-- outcome: ok (handled), FA, Ab, closed (service closed), noanswer.
CREATE TEMP TABLE demo_w (
	n int PRIMARY KEY, id text, grp_id text, t0 timestamptz, h int,
	kind text, dir text, channel text, type text, subtype text,
	qkey text, okey text, app text, camp text, outcome text,
	ivr_s float8, wait_s float8, ovf_s float8, alert_s float8,
	prev_s float8, handle_s float8, pend_f float8, wrap_s float8,
	script_f float8, agent_id text, xfer_to text, follows int,
	src text, dst text, subj text, rec boolean);

-- Candidate arrivals spread over the last 24 h, thinned by a daily profile
-- (Helsinki time); those that would not be complete by now are dropped
-- further down.
INSERT INTO demo_w (n, id, grp_id, t0, h, kind, dir, channel, type, qkey,
    okey, app)
SELECT c.n, pg_temp.gid('contact' || c.n), pg_temp.gid('group' || c.n),
    c.t0, c.h, k.kind, k.dir, k.channel, k.type, k.qkey, k.qkey, k.app
FROM (
	SELECT n, t0, extract(hour FROM t0 AT TIME ZONE 'Europe/Helsinki')::int
	    AS h
	FROM (SELECT n, rmi_now() - interval '24 hours'
		+ pg_temp.rnd('t' || n) * interval '23 hours 55 minutes' AS t0
	      FROM generate_series(1, 6000) AS n) s
) c
JOIN demo_kind k ON pg_temp.rnd('k' || c.n) >= k.lo
    AND pg_temp.rnd('k' || c.n) < k.hi
WHERE pg_temp.rnd('keep' || c.n) < CASE
    WHEN c.h BETWEEN 8 AND 16 THEN 1.0
    WHEN c.h IN (7, 17, 18) THEN 0.6
    WHEN c.h BETWEEN 19 AND 21 THEN 0.3
    ELSE 0.08 END;

-- Outcome (IVR contacts are done just below).
UPDATE demo_w w SET outcome = CASE
    WHEN w.dir = 'out' THEN CASE WHEN w.channel = 'PHONE'
	AND pg_temp.rnd('out' || w.n) < 0.15 THEN 'noanswer' ELSE 'ok' END
    WHEN w.type = 'CallIn' AND (w.h < 7 OR w.h >= 20)
	AND pg_temp.rnd('out' || w.n) < 0.6 THEN 'closed'
    WHEN w.channel = 'EMAIL' OR w.type IN ('VOICEMAILIN', 'CBR') THEN 'ok'
    WHEN pg_temp.rnd('out' || w.n) < 0.05 AND q.fa > 1 THEN 'FA'
    WHEN pg_temp.rnd('out' || w.n) < 0.14 THEN 'Ab'
    ELSE 'ok' END
FROM demo_queue q
WHERE q.key = w.qkey;
UPDATE demo_w SET outcome = CASE WHEN pg_temp.rnd('out' || n) < 0.2
    THEN 'Ab' ELSE 'ok' END WHERE dir = 'ivr';

-- Durations (s). Waits are exponential around the queue's mean; false
-- attempts end before the queue's false-attempt threshold, abandons after.
UPDATE demo_w w SET
    ivr_s = CASE WHEN w.dir <> 'in' THEN 0
	WHEN w.channel = 'PHONE' AND w.type <> 'CBR'
	    THEN 3 + pg_temp.rnd('ivr' || w.n) * 12
	ELSE pg_temp.rnd('ivr' || w.n) END,
    wait_s = CASE
	WHEN w.dir <> 'in' OR w.outcome = 'closed' THEN 0
	WHEN w.outcome = 'FA' THEN 0.5 + pg_temp.rnd('wait' || w.n) * (q.fa - 1)
	WHEN w.outcome = 'Ab' THEN q.fa + 5 + pg_temp.rnd('wait' || w.n) * 150
	WHEN w.type = 'CBR' THEN 60 - ln(1 - pg_temp.rnd('wait' || w.n)) * 300
	ELSE -ln(1 - pg_temp.rnd('wait' || w.n)) * q.mean_wait END,
    alert_s = 2 + pg_temp.rnd('alert' || w.n) * 10,
    handle_s = CASE
	WHEN w.dir = 'ivr' THEN 20 + pg_temp.rnd('h' || w.n) * 220
	WHEN w.type = 'CBR' THEN 10 + pg_temp.rnd('h' || w.n) * 50
	ELSE q.handle_min + pg_temp.rnd('h' || w.n) ^ 2
	    * (q.handle_max - q.handle_min) END,
    wrap_s = CASE WHEN w.channel = 'EMAIL'
	THEN pg_temp.rnd('wrap' || w.n) * 30
	ELSE 5 + pg_temp.rnd('wrap' || w.n) * 90 END,
    script_f = 0.3 + pg_temp.rnd('script' || w.n) * 0.6,
    pend_f = CASE WHEN w.type = 'EMAILIN' AND pg_temp.rnd('pend' || w.n) < 0.2
	THEN 0.3 END,
    prev_s = CASE WHEN w.type = 'CallOutOB' AND pg_temp.rnd('camp' || w.n) < 0.4
	THEN 5 + pg_temp.rnd('prev' || w.n) * 35 END,
    camp = CASE WHEN w.type <> 'CallOutOB' THEN NULL
	WHEN pg_temp.rnd('camp' || w.n) < 0.4
	THEN 'B5348BD420B24D708738B1E2BF0376C3'
	ELSE '85B59578B8674DF990ADE8023AB407A6' END,
    subtype = CASE WHEN w.channel <> 'CHAT' THEN NULL
	ELSE (ARRAY['text', 'text', 'text', 'text', 'text', 'text', 'sms',
	    'facebook', 'whatsapp', 'whatsapp', 'video', 'wechat'])
	    [1 + (pg_temp.rnd('sub' || w.n) * 12)::int % 12] END
FROM demo_queue q
WHERE q.key = w.qkey OR (w.qkey IS NULL AND q.key = 'cs');
-- No alerting time longer than the wait itself.
UPDATE demo_w SET alert_s = least(alert_s, wait_s) WHERE dir = 'in';

-- Overflow: Customer Service calls still waiting after 45 s move to the
-- overflow queue (same contact, new current queue).
UPDATE demo_w SET qkey = 'cso', ovf_s = 45,
    alert_s = least(alert_s, wait_s - 45)
WHERE kind = 'cs-in' AND outcome IN ('ok', 'Ab') AND wait_s > 45
  AND pg_temp.rnd('ovf' || n) < 0.75;

-- Who handled it: an agent of the queue who was Ready at that moment
-- (else any agent of the queue).
UPDATE demo_w w SET agent_id = coalesce(
	(SELECT aq.agent_id FROM agent_queues aq
	 JOIN agent_state_history h ON h.agent_id = aq.agent_id
	     AND h.user_status = 'Ready' AND h.start_time <= x.at
	     AND coalesce(h.end_time, 'infinity') > x.at
	 WHERE aq.queue_id = q.id
	   AND NOT (x.at > rmi_now() - interval '25 minutes'
	       AND aq.agent_id IN (SELECT a.id FROM demo_live l
		   JOIN demo_agent a ON a.idx = l.agent))
	 ORDER BY md5(w.n || aq.agent_id) LIMIT 1),
	(SELECT aq.agent_id FROM agent_queues aq WHERE aq.queue_id = q.id
	 ORDER BY md5(w.n || aq.agent_id) LIMIT 1))
FROM (SELECT w2.n, w2.t0 + make_interval(secs => w2.ivr_s + w2.wait_s) AS at
	FROM demo_w w2) x, demo_queue q
WHERE x.n = w.n AND q.key = w.qkey AND w.dir <> 'ivr'
  AND w.outcome IN ('ok', 'noanswer');

-- Transfers: some handled calls are passed on to another queue by the
-- agent; the new contact (new id, same contact group) queues there.
INSERT INTO demo_w (n, id, grp_id, t0, h, kind, dir, channel, type, qkey,
    okey, outcome, ivr_s, wait_s, alert_s, handle_s, wrap_s, script_f,
    follows)
SELECT 100000 + w.n, pg_temp.gid('transfer' || w.n), w.grp_id,
    w.t0 + make_interval(secs => w.ivr_s + w.wait_s + w.handle_s),
    w.h, 'transfer', 'in', 'PHONE', 'CallIn',
    CASE w.qkey WHEN 'cs' THEN 'bill' WHEN 'cso' THEN 'bill'
	WHEN 'bill' THEN 'cs' WHEN 'sales' THEN 'cs' ELSE 'cs' END,
    w.okey, 'ok', 0, -ln(1 - pg_temp.rnd('xw' || w.n)) * 20,
    least(2 + pg_temp.rnd('xa' || w.n) * 8,
	-ln(1 - pg_temp.rnd('xw' || w.n)) * 20),
    60 + pg_temp.rnd('xh' || w.n) * 400, 5 + pg_temp.rnd('xr' || w.n) * 60,
    0.5, w.n
FROM demo_w w
WHERE w.type = 'CallIn' AND w.outcome = 'ok'
  AND w.qkey IN ('cs', 'cso', 'bill', 'sales', 'tech')
  AND pg_temp.rnd('xfer' || w.n) < 0.05;
UPDATE demo_w a SET xfer_to = b.qkey
FROM demo_w b WHERE b.follows = a.n AND b.kind = 'transfer';

-- Callbacks: an agent who picked up a callback request calls back
-- (new contact in the same contact group).
INSERT INTO demo_w (n, id, grp_id, t0, h, kind, dir, channel, type, qkey,
    okey, outcome, ivr_s, wait_s, alert_s, handle_s, wrap_s, script_f,
    agent_id, follows)
SELECT 200000 + w.n, pg_temp.gid('callback' || w.n), w.grp_id,
    w.t0 + make_interval(secs => w.ivr_s + w.wait_s + w.handle_s + 2),
    w.h, 'callback', 'out', 'PHONE', 'CBRCallOut', w.qkey, w.qkey,
    CASE WHEN pg_temp.rnd('cbo' || w.n) < 0.15 THEN 'noanswer' ELSE 'ok' END,
    0, 0, 0, 40 + pg_temp.rnd('cbh' || w.n) * 300,
    5 + pg_temp.rnd('cbr' || w.n) * 60, 0.5, w.agent_id, w.n
FROM demo_w w
WHERE w.type = 'CBR' AND w.outcome = 'ok';

UPDATE demo_w w SET agent_id = coalesce(
	(SELECT aq.agent_id FROM agent_queues aq
	 JOIN agent_state_history h ON h.agent_id = aq.agent_id
	     AND h.user_status = 'Ready' AND h.start_time <= x.at
	     AND coalesce(h.end_time, 'infinity') > x.at
	 WHERE aq.queue_id = q.id
	   AND NOT (x.at > rmi_now() - interval '25 minutes'
	       AND aq.agent_id IN (SELECT a.id FROM demo_live l
		   JOIN demo_agent a ON a.idx = l.agent))
	 ORDER BY md5(w.n || aq.agent_id) LIMIT 1),
	(SELECT aq.agent_id FROM agent_queues aq WHERE aq.queue_id = q.id
	 ORDER BY md5(w.n || aq.agent_id) LIMIT 1))
FROM (SELECT w2.n, w2.t0 + make_interval(secs => w2.wait_s) AS at
	FROM demo_w w2) x, demo_queue q
WHERE x.n = w.n AND q.key = w.qkey AND w.kind = 'transfer';

-- Whole milliseconds everywhere, so that the stored durations and the
-- differences of the stored times agree exactly.
UPDATE demo_w SET t0 = date_trunc('milliseconds', t0),
    ivr_s = round(ivr_s::numeric, 3), wait_s = round(wait_s::numeric, 3),
    ovf_s = round(ovf_s::numeric, 3), alert_s = round(alert_s::numeric, 3),
    prev_s = round(prev_s::numeric, 3),
    handle_s = round(handle_s::numeric, 3),
    wrap_s = round(wrap_s::numeric, 3);

-- Keep only contacts complete by now (and transfers and callbacks whose
-- first part is kept).
DELETE FROM demo_w
WHERE t0 + make_interval(secs => ivr_s + wait_s + coalesce(prev_s, 0) + 30
    + handle_s + wrap_s) > rmi_now() - interval '2 minutes';
DELETE FROM demo_w b WHERE b.follows IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM demo_w a WHERE a.n = b.follows);
UPDATE demo_w a SET xfer_to = NULL WHERE xfer_to IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM demo_w b
      WHERE b.follows = a.n AND b.kind = 'transfer');

-- Addresses, subjects, recordings.
UPDATE demo_w w SET
    src = CASE
	WHEN w.dir = 'out' THEN q.addr
	WHEN w.channel = 'EMAIL' THEN c.mail
	WHEN w.channel = 'CHAT' AND w.subtype IN ('sms', 'whatsapp') THEN c.phone
	WHEN w.channel = 'CHAT' THEN c.first || ' ' || c.last
	ELSE c.phone END,
    dst = CASE
	WHEN w.dir = 'out' AND w.channel = 'EMAIL' THEN c.mail
	WHEN w.dir = 'out' AND w.channel = 'CHAT' THEN c.first || ' ' || c.last
	WHEN w.dir = 'out' THEN c.phone
	WHEN w.dir = 'ivr' THEN '+358201234599'
	ELSE oq.addr END,
    subj = CASE WHEN w.channel <> 'EMAIL' THEN NULL
	WHEN w.dir = 'out' THEN 'Re: ' || c.subject
	ELSE c.subject END,
    rec = CASE WHEN w.channel <> 'PHONE' THEN NULL
	ELSE w.outcome = 'ok' AND w.dir <> 'ivr'
	    AND pg_temp.rnd('rec' || w.n) < 0.7 END
FROM demo_queue q, demo_queue oq, (
	SELECT n, first, last, phone,
	    translate(lower(first || '.' || last), 'åäö', 'aao')
		|| (pg_temp.rnd('mn' || n) * 100)::int || '@example.net' AS mail,
	    subject
	FROM (SELECT n,
	    (ARRAY['Matti', 'Liisa', 'Pekka', 'Maria', 'Jukka', 'Kaisa',
		'Olli', 'Emma', 'Karl', 'Sara', 'Tom', 'Linnea'])
		[1 + (pg_temp.rnd('fn' || n) * 12)::int % 12] AS first,
	    (ARRAY['Lahtinen', 'Manninen', 'Eriksson', 'Koivisto',
		'Lindberg', 'Nurmi', 'Holm', 'Söderström', 'Väisänen', 'Berg'])
		[1 + (pg_temp.rnd('ln' || n) * 10)::int % 10] AS last,
	    '+3584' || lpad(((pg_temp.rnd('ph' || n) * 1e8)::bigint)::text,
		8, '0') AS phone,
	    (ARRAY['Invoice question', 'Request for support',
		'Change of address', 'Order delivery', 'Password reset',
		'Contract renewal', 'Complaint about delivery',
		'Fråga om faktura', 'Laskun eräpäivä', 'Tilauksen peruutus',
		'Moving house', 'Product return'])
		[1 + (pg_temp.rnd('subj' || n) * 12)::int % 12] AS subject
	      FROM demo_w) c0
) c
WHERE c.n = w.n AND q.key = coalesce(w.qkey, 'cs')
  AND oq.key = coalesce(w.okey, 'cs');

------------------------------------------------------------------------------
-- Contacts: the history, then the live ones
------------------------------------------------------------------------------

CREATE TEMP TABLE demo_c (LIKE contacts INCLUDING DEFAULTS);
ALTER TABLE demo_c ADD n int, ADD alert_s float8, ADD xfer_to text,
    ADD ovf boolean, ADD dial_at timestamptz;

INSERT INTO demo_c (n, alert_s, xfer_to, ovf, dial_at, id, contact_group_id,
    channel, type, subtype, status, source, destination, agent_id, queue_id,
    orig_queue_id, application_id, reporting_group_id, outbound_campaign_id,
    arrival_time, arrival_queue_time, queue_entry_time, preview_time,
    connect_time, pending_time, pick_time, disconnect_time,
    wrap_up_begin_time, wrap_up_end_time, wrap_up_scripting_duration,
    waiting_duration, service_closed, record, subject, changed_at)
SELECT w.n, w.alert_s, xq.id, w.ovf_s IS NOT NULL,
    w.t0 + make_interval(secs => coalesce(1 + w.prev_s, 0)), w.id, w.grp_id,
    w.channel, w.type, w.subtype,
    CASE
	WHEN w.outcome = 'closed' THEN 'ServiceClosed'
	WHEN w.outcome = 'FA' THEN 'NotHandled_FA'
	WHEN w.outcome IN ('Ab', 'noanswer') THEN 'NotHandled_Ab'
	WHEN w.dir = 'in' AND w.wait_s <= q.aot THEN 'Handled_AOT'
	ELSE 'Handled' END,
    w.src, w.dst,
    CASE WHEN w.outcome IN ('ok', 'noanswer') THEN w.agent_id END,
    q.id, oq.id,
    coalesce(w.app, '8E6A1E9A77B9416BA5FBBDE823E09F0D'),
    CASE WHEN w.outcome IN ('ok', 'noanswer') THEN u.reporting_group_id END,
    w.camp,
    t.arrival, t.aq, t.qentry, t.preview, t.conn, t.pend, t.pick, t.disc,
    t.wrap_begin, t.wrap_end,
    CASE WHEN t.wrap_end IS NOT NULL
	THEN floor(w.wrap_s * w.script_f * 1000)::bigint ELSE 0 END,
    CASE WHEN t.conn IS NOT NULL AND w.dir = 'in'
	THEN (w.alert_s * 1000)::bigint ELSE 0 END,
    w.outcome = 'closed', w.rec, w.subj,
    coalesce(t.wrap_end, t.disc)
FROM demo_w w
LEFT JOIN demo_queue q ON q.key = w.qkey
LEFT JOIN demo_queue oq ON oq.key = w.okey
LEFT JOIN demo_queue xq ON xq.key = w.xfer_to
LEFT JOIN users u ON u.id = w.agent_id
CROSS JOIN LATERAL (
	SELECT w.t0 AS arrival,
	    CASE WHEN w.dir = 'in'
		THEN w.t0 + make_interval(secs => w.ivr_s) END AS aq,
	    CASE WHEN w.dir = 'in' THEN w.t0 + make_interval(secs =>
		w.ivr_s + coalesce(w.ovf_s, 0)) END AS qentry,
	    CASE WHEN w.prev_s IS NOT NULL
		THEN w.t0 + interval '1 second' END AS preview,
	    -- connect: after the wait (inbound), after preview and ringing
	    -- (outbound calls), at once (outbound e-mail, chat)
	    CASE WHEN w.outcome <> 'ok' OR w.dir = 'ivr' THEN NULL
		WHEN w.dir = 'in'
		THEN w.t0 + make_interval(secs => w.ivr_s + w.wait_s)
		WHEN w.channel = 'PHONE'
		THEN w.t0 + make_interval(secs => 1 + coalesce(w.prev_s, 0)
		    + 5 + round(pg_temp.rnd('ring' || w.n)::numeric * 20, 3))
		ELSE w.t0 END AS conn
) t0
CROSS JOIN LATERAL (
	SELECT t0.*,
	    CASE WHEN w.pend_f IS NOT NULL AND t0.conn IS NOT NULL
		THEN t0.conn + make_interval(secs => round((w.handle_s * w.pend_f)::numeric, 3))
		END AS pend,
	    CASE WHEN w.pend_f IS NOT NULL AND t0.conn IS NOT NULL
		THEN t0.conn + make_interval(secs =>
		    round((w.handle_s * (w.pend_f + 0.4))::numeric, 3))
		END AS pick,
	    CASE
		WHEN t0.conn IS NOT NULL
		THEN t0.conn + make_interval(secs => w.handle_s)
		WHEN w.dir = 'ivr' THEN w.t0 + make_interval(secs => w.handle_s)
		WHEN w.outcome = 'noanswer'
		THEN w.t0 + make_interval(secs => 1 + coalesce(w.prev_s, 0) + 30)
		WHEN w.outcome = 'closed' THEN t0.aq + interval '8 seconds'
		ELSE t0.aq + make_interval(secs => w.wait_s) END AS disc,
	    CASE WHEN t0.conn IS NOT NULL
		THEN t0.conn + make_interval(secs => w.handle_s) END AS wrap_begin,
	    CASE WHEN t0.conn IS NOT NULL
		THEN t0.conn + make_interval(secs => w.handle_s + w.wrap_s)
		END AS wrap_end
) t;

INSERT INTO demo_c (n, alert_s, ovf, id, contact_group_id, channel, type,
    subtype, status, source, destination, agent_id, queue_id, orig_queue_id,
    application_id, reporting_group_id, outbound_campaign_id, arrival_time,
    arrival_queue_time, queue_entry_time, preview_time, connect_time,
    pending_time, disconnect_time, wrap_up_begin_time, waiting_duration,
    record, subject, changed_at)
SELECT 300000 + l.k, x.alert_s, l.ovf IS NOT NULL,
    pg_temp.gid('live' || l.k),
    pg_temp.gid('live-group' || coalesce(l.grp, l.k)),
    q.type_channel, l.type, l.subtype, l.status,
    CASE WHEN x.outbound THEN q.addr
	WHEN q.type = 'Email' THEN 'customer' || l.k || '@example.net'
	WHEN l.subtype = 'whatsapp' THEN '+35850' || (7000000 + l.k * 131)
	WHEN q.type = 'Chat' THEN 'Visitor ' || (4000 + l.k * 37)
	ELSE '+35840' || (7000000 + l.k * 131) END,
    CASE WHEN x.outbound THEN '+35844' || (5000000 + l.k * 97)
	ELSE oq.addr END,
    a.id, q.id, oq.id, '8E6A1E9A77B9416BA5FBBDE823E09F0D',
    u.reporting_group_id, l.camp,
    t.arrival, t.aq, t.qentry, t.preview, t.conn, t.pend, t.disc, t.disc,
    CASE WHEN t.conn IS NOT NULL AND NOT x.outbound
	THEN (x.alert_s * 1000)::bigint ELSE 0 END,
    CASE WHEN q.type = 'Phone' THEN l.conn IS NOT NULL AND l.k % 3 <> 0 END,
    CASE WHEN q.type = 'Email' THEN (ARRAY['Request for support',
	'Invoice question', 'Order delivery', 'Laskun eräpäivä',
	'Fråga om faktura', 'Password reset'])[1 + l.k % 6] END,
    rmi_now() - make_interval(secs => least(l.arr, l.ovf, l.conn, l.disc,
	l.pend, l.prev))
FROM demo_live l
JOIN (SELECT *, CASE type WHEN 'Phone' THEN 'PHONE' WHEN 'Email' THEN 'EMAIL'
	ELSE 'CHAT' END AS type_channel FROM demo_queue) q ON q.key = l.q
JOIN demo_queue oq ON oq.key = l.oq
LEFT JOIN demo_agent a ON a.idx = l.agent
LEFT JOIN users u ON u.id = a.id
CROSS JOIN LATERAL (
	SELECT l.type IN ('CallOut', 'CallOutOB') AS outbound,
	    CASE WHEN q.type = 'Phone' AND l.grp IS NULL THEN 5 ELSE 0 END
		AS ivr_s,
	    least(2 + l.k % 7, l.arr - l.conn
		- CASE WHEN q.type = 'Phone' AND l.grp IS NULL THEN 5 ELSE 0 END)
		AS alert_s) x
CROSS JOIN LATERAL (
	SELECT rmi_now() - make_interval(secs => l.arr) AS arrival,
	    CASE WHEN NOT x.outbound
		THEN rmi_now() - make_interval(secs => l.arr - x.ivr_s) END AS aq,
	    CASE WHEN NOT x.outbound
		THEN rmi_now() - make_interval(secs =>
		    coalesce(l.ovf, l.arr - x.ivr_s)) END AS qentry,
	    rmi_now() - make_interval(secs => l.prev) AS preview,
	    rmi_now() - make_interval(secs => l.conn) AS conn,
	    rmi_now() - make_interval(secs => l.pend) AS pend,
	    rmi_now() - make_interval(secs => l.disc) AS disc) t;

-- The call transferred to Billing (live 11) left Customer Service when
-- live 20 ended.
UPDATE demo_c SET xfer_to = 'C500C48DE5964DB185CCCAE24002B1F9'
WHERE n = 300020;

INSERT INTO contacts (id, contact_group_id, channel, type, subtype, status,
    source, destination, agent_id, queue_id, orig_queue_id, application_id,
    reporting_group_id, outbound_campaign_id, arrival_time,
    arrival_queue_time, queue_entry_time, preview_time, connect_time,
    pending_time, pick_time, disconnect_time, wrap_up_begin_time,
    wrap_up_end_time, wrap_up_scripting_duration, waiting_duration,
    service_closed, record, subject, changed_at)
SELECT id, contact_group_id, channel, type, subtype, status, source,
    destination, agent_id, queue_id, orig_queue_id, application_id,
    reporting_group_id, outbound_campaign_id, arrival_time,
    arrival_queue_time, queue_entry_time, preview_time, connect_time,
    pending_time, pick_time, disconnect_time, wrap_up_begin_time,
    wrap_up_end_time, wrap_up_scripting_duration, waiting_duration,
    service_closed, record, subject, changed_at
FROM demo_c;

------------------------------------------------------------------------------
-- Contact events
------------------------------------------------------------------------------

-- The sequences, in order: Queing (first queue), Overflow and Queing
-- (overflow queue), Preview, Dialing (outbound), DestAllocated,
-- ConnectedToOper, DestUnAllocated (inbound) or Connected (outbound),
-- Pending, Picked (e-mail), Transferred, Disconnected. IVR contacts have IVR
-- and Disconnected; service-closed ones ServiceClosed and Disconnected.
INSERT INTO contact_events (id, contact_id, time, seq, event, value1, value2)
SELECT upper(md5(e.contact_id || ':' || e.ord)), e.contact_id, e.time,
    row_number() OVER (PARTITION BY e.contact_id ORDER BY e.ord),
    e.event, e.value1, e.value2
FROM (
	SELECT c.id AS contact_id, ev.*
	FROM demo_c c
	LEFT JOIN queues q ON q.id = c.queue_id
	LEFT JOIN queues oq ON oq.id = c.orig_queue_id
	LEFT JOIN queues xq ON xq.id = c.xfer_to
	LEFT JOIN users u ON u.id = c.agent_id
	LEFT JOIN applications app ON app.id = c.application_id
	LEFT JOIN outbound_campaigns oc ON oc.id = c.outbound_campaign_id
	CROSS JOIN LATERAL (VALUES
	    (1, 'IVR', c.arrival_time, app.name, '',
		c.type = 'IVR'),
	    (2, 'ServiceClosed', c.arrival_queue_time, q.name, '',
		c.status = 'ServiceClosed'),
	    (3, 'Queing', c.arrival_queue_time,
		CASE WHEN c.ovf THEN oq.name ELSE q.name END, '',
		c.arrival_queue_time IS NOT NULL
		    AND c.status <> 'ServiceClosed'),
	    (4, 'Overflow', c.queue_entry_time, q.name, oq.name, c.ovf),
	    (5, 'Queing', c.queue_entry_time, q.name, '', c.ovf),
	    (6, 'Preview', c.preview_time, u.name, oc.name,
		c.preview_time IS NOT NULL),
	    (7, 'Dialing', coalesce(c.dial_at, c.arrival_time), u.name,
		c.destination, c.arrival_queue_time IS NULL
		    AND c.channel = 'PHONE' AND c.type <> 'IVR'
		    AND c.status <> 'InProcess_Preview'),
	    (8, 'DestAllocated',
		c.connect_time - make_interval(secs => c.alert_s),
		u.name, q.name,
		c.connect_time IS NOT NULL AND c.arrival_queue_time IS NOT NULL),
	    (9, 'ConnectedToOper', c.connect_time, u.name, q.name,
		c.connect_time IS NOT NULL AND c.arrival_queue_time IS NOT NULL),
	    (10, 'DestUnAllocated', c.connect_time, q.name, 'Connected',
		c.connect_time IS NOT NULL AND c.arrival_queue_time IS NOT NULL),
	    (11, 'Connected', c.connect_time, c.destination, u.name,
		c.connect_time IS NOT NULL AND c.arrival_queue_time IS NULL),
	    (12, 'Pending', c.pending_time, u.name, q.name,
		c.pending_time IS NOT NULL),
	    (13, 'Picked', c.pick_time, u.name, q.name,
		c.pick_time IS NOT NULL),
	    (14, 'Transferred', c.disconnect_time, xq.name, u.name,
		c.xfer_to IS NOT NULL),
	    (15, 'Disconnected', c.disconnect_time, ';0',
		coalesce(q.name, app.name), c.disconnect_time IS NOT NULL)
	) AS ev(ord, event, time, value1, value2, happened)
	WHERE ev.happened
) e;

------------------------------------------------------------------------------
-- What agents are doing (derived from their live contacts)
------------------------------------------------------------------------------

UPDATE agent_states s SET
    contact_handling_status = CASE
	WHEN s.user_status = 'LoggedOut' THEN NULL
	ELSE coalesce(h.status, 'Waiting') END,
    contact_handling_since = CASE
	WHEN s.user_status = 'LoggedOut' THEN NULL
	ELSE coalesce(h.since, s.user_status_since) END
FROM agent_states s2
LEFT JOIN LATERAL (
	SELECT CASE
	    WHEN c.status = 'InProcess_Preview' THEN 'Dialing_Outbound_Campaign'
	    WHEN c.type = 'CallOutOB' THEN 'Talking_Outbound_Campaign'
	    WHEN c.type = 'CBRCallOut' THEN 'Talking_Outbound_CBR'
	    WHEN c.type IN ('CallOut', 'CallOutTerm') THEN 'Talking_Outbound'
	    WHEN c.channel = 'PHONE' THEN 'Talking_Inbound'
	    WHEN c.channel = 'CHAT' THEN 'Chatting_Inbound'
	    WHEN c.type = 'EMAILOUT' THEN 'Emailing_Outbound'
	    ELSE 'Emailing_Inbound' END AS status,
	    coalesce(c.connect_time, c.preview_time) AS since
	FROM contacts c
	WHERE c.agent_id = s2.agent_id
	  AND c.status IN ('InProcess', 'InProcess_Preview')
	ORDER BY c.connect_time DESC NULLS FIRST LIMIT 1) h ON true
WHERE s2.agent_id = s.agent_id;

------------------------------------------------------------------------------
-- Rights, settings, translations
------------------------------------------------------------------------------

-- supervisor: every right on every queue, agent, application and campaign.
INSERT INTO rights (user_id, object_id, right_name)
SELECT 'A97C4F6000E94E65B2F6787856443620', o.id, r.right_name
FROM (SELECT id FROM queues UNION ALL SELECT id FROM users WHERE is_agent
      UNION ALL SELECT id FROM applications
      UNION ALL SELECT id FROM outbound_campaigns) o
CROSS JOIN (VALUES ('STATISTICS_DETAILS'), ('SERVE'), ('MANAGE'),
    ('MANAGE_PRESENCE')) AS r(right_name);

-- Every agent may serve its queues and see its own statistics; agent1 sees
-- the statistics of its three queues (Customer Service, Customer Service
-- Email, Web Chat) and nothing else.
INSERT INTO rights (user_id, object_id, right_name)
SELECT agent_id, queue_id, 'SERVE' FROM agent_queues
UNION
SELECT id, id, 'STATISTICS_DETAILS' FROM users WHERE is_agent
UNION
SELECT 'D388A1D185C5400FA1F7BE665CEFBBB0', id, 'STATISTICS_DETAILS'
FROM demo_queue WHERE key IN ('cs', 'csmail', 'web');

INSERT INTO settings (user_id, id, ui_language, value) VALUES
	('A97C4F6000E94E65B2F6787856443620', 'MON365_SETTINGS', 'EN', ''),
	('D388A1D185C5400FA1F7BE665CEFBBB0', 'MON365_SETTINGS', 'FI', '');

INSERT INTO translations (object_id, language, name)
SELECT id, 'FI', fi FROM demo_queue
UNION ALL SELECT id, 'SV', sv FROM demo_queue
UNION ALL SELECT id, 'FI', fi FROM demo_group
UNION ALL SELECT id, 'SV', sv FROM demo_group
UNION ALL SELECT id, 'FI', fi FROM demo_profile
UNION ALL SELECT id, 'SV', sv FROM demo_profile
UNION ALL SELECT id, 'FI', fi FROM demo_qgroup
UNION ALL SELECT id, 'SV', sv FROM demo_qgroup
UNION ALL VALUES ('ALL_QUEUES', 'FI', 'Kaikki jonot'),
    ('ALL_QUEUES', 'SV', 'Alla köer');

COMMIT;

ANALYZE;
