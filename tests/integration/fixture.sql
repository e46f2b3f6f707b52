-- fixture.sql: a small hand-written Monitoring Database with known answers.
-- The clock is pinned by the harness: rmi.now = 2026-01-15T10:00:00Z, so
-- every duration below is exact. Expected values live in test_*.py.

\set now '''2026-01-15T10:00:00Z'''

INSERT INTO applications (id, name, kind) VALUES
	('A0000000000000000000000000000001', 'ContactCenter', 'ContactCenter');

INSERT INTO reporting_groups (id, name) VALUES
	('B0000000000000000000000000000001', 'Sales');

-- Q1..Q7; names chosen so that sorting, locales and wildcards discriminate.
INSERT INTO queues (id, name, type, login_type, application_id) VALUES
	('11111111111111111111111111111111', 'Alpha Sales', 'Phone', 'AutoAllocation', 'A0000000000000000000000000000001'),
	('22222222222222222222222222222222', 'Ärende Chat', 'Chat', 'HuntGroup', 'A0000000000000000000000000000001'),
	('33333333333333333333333333333333', 'Zeta Support, Tier 2', 'Email', 'AutoAllocation', 'A0000000000000000000000000000001'),
	('44444444444444444444444444444444', 'Öljy Phone', 'Phone', 'AutoAllocation', 'A0000000000000000000000000000001'),
	('55555555555555555555555555555555', 'Help_100%', 'Chat', 'AutoAllocation', 'A0000000000000000000000000000001'),
	('66666666666666666666666666666666', 'HelpX1000', 'Chat', 'AutoAllocation', 'A0000000000000000000000000000001'),
	('77777777777777777777777777777777', 'Hidden Queue', 'Email', 'HuntGroup', 'A0000000000000000000000000000001');

INSERT INTO translations (object_id, language, name) VALUES
	('11111111111111111111111111111111', 'FI', 'Alfa Myynti'),
	('11111111111111111111111111111111', 'SV', 'Alfa Försäljning'),
	('44444444444444444444444444444444', 'FI', 'Öljy Puhelin');

-- Users: the signed-in ones and the agents whose states are counted.
INSERT INTO users (id, login, name, is_agent, reporting_group_id) VALUES
	('AA000000000000000000000000000001', 'supervisor', 'Boss, Big', false, NULL),
	('AA000000000000000000000000000002', 'agent1', 'One, Agent', true, 'B0000000000000000000000000000001'),
	('AA000000000000000000000000000003', 'norights', 'Nobody, No', true, NULL),
	('AB00000000000000000000000000000A', 'agentA', 'Free, Anna', true, 'B0000000000000000000000000000001'),
	('AB00000000000000000000000000000B', 'agentB', 'Busy, Bert', true, 'B0000000000000000000000000000001'),
	('AB00000000000000000000000000000C', 'agentC', 'Wrap, Cecilia', true, 'B0000000000000000000000000000001'),
	('AB00000000000000000000000000000D', 'agentD', 'Notready, Dan', true, 'B0000000000000000000000000000001'),
	('AB00000000000000000000000000000E', 'agentE', 'Pause, Eeva', true, 'B0000000000000000000000000000001'),
	('AB00000000000000000000000000000F', 'agentF', 'Out, Frank', true, 'B0000000000000000000000000000001'),
	('AB000000000000000000000000000010', 'agentG', 'Member, Greta', true, 'B0000000000000000000000000000001'),
	('AB000000000000000000000000000011', 'agentH', 'Pending, Harri', true, 'B0000000000000000000000000000001');

-- agent1 reads Finnish by default.
INSERT INTO settings (user_id, id, ui_language, value) VALUES
	('AA000000000000000000000000000002', 'MON365_SETTINGS', 'fi', '');

-- supervisor: STATISTICS_DETAILS on every queue; agent1: on Q1 and Q2 only.
INSERT INTO rights (user_id, object_id, right_name)
SELECT 'AA000000000000000000000000000001', id, 'STATISTICS_DETAILS' FROM queues;
INSERT INTO rights (user_id, object_id, right_name) VALUES
	('AA000000000000000000000000000002', '11111111111111111111111111111111', 'STATISTICS_DETAILS'),
	('AA000000000000000000000000000002', '22222222222222222222222222222222', 'STATISTICS_DETAILS');

-- Agent states. Q1 is served by A (free), B (busy), C (wrap-up), D (not
-- ready), E (pause), H (ready with only a pending e-mail: free); F is logged
-- out and G is a member not serving: neither counts.
INSERT INTO agent_states (agent_id, user_status, user_status_since, profile_since) VALUES
	('AB00000000000000000000000000000A', 'Ready', :now::timestamptz - interval '1 hour', :now::timestamptz - interval '1 hour'),
	('AB00000000000000000000000000000B', 'Ready', :now::timestamptz - interval '1 hour', :now::timestamptz - interval '1 hour'),
	('AB00000000000000000000000000000C', 'Ready', :now::timestamptz - interval '1 hour', :now::timestamptz - interval '1 hour'),
	('AB00000000000000000000000000000D', 'NotReady', :now::timestamptz - interval '1 hour', :now::timestamptz - interval '1 hour'),
	('AB00000000000000000000000000000E', 'Pause', :now::timestamptz - interval '1 hour', :now::timestamptz - interval '1 hour'),
	('AB00000000000000000000000000000F', 'LoggedOut', :now::timestamptz - interval '1 hour', :now::timestamptz - interval '1 hour'),
	('AB000000000000000000000000000010', 'Ready', :now::timestamptz - interval '1 hour', :now::timestamptz - interval '1 hour'),
	('AB000000000000000000000000000011', 'Ready', :now::timestamptz - interval '1 hour', :now::timestamptz - interval '1 hour');

INSERT INTO agent_queues (agent_id, queue_id, serving) VALUES
	('AB00000000000000000000000000000A', '11111111111111111111111111111111', true),
	('AB00000000000000000000000000000B', '11111111111111111111111111111111', true),
	('AB00000000000000000000000000000C', '11111111111111111111111111111111', true),
	('AB00000000000000000000000000000D', '11111111111111111111111111111111', true),
	('AB00000000000000000000000000000E', '11111111111111111111111111111111', true),
	('AB00000000000000000000000000000F', '11111111111111111111111111111111', true),
	('AB000000000000000000000000000010', '11111111111111111111111111111111', false),
	('AB000000000000000000000000000011', '11111111111111111111111111111111', true),
	-- Q4 is served by A (free) and D (not ready).
	('AB00000000000000000000000000000A', '44444444444444444444444444444444', true),
	('AB00000000000000000000000000000D', '44444444444444444444444444444444', true);

-- Contacts. Waiting: C1, C2 in Q1; C3 arrived in Q1 and overflowed to Q4
-- 5 s ago; C4 in Q4; C6 in Q2. Others are being handled or are history.
INSERT INTO contacts (id, contact_group_id, channel, type, status, agent_id,
    queue_id, orig_queue_id, application_id, arrival_time, arrival_queue_time,
    queue_entry_time, connect_time, disconnect_time) VALUES
	('C0000000000000000000000000000001', 'C0000000000000000000000000000001', 'PHONE', 'CallIn', 'InQueue', NULL,
	 '11111111111111111111111111111111', '11111111111111111111111111111111', 'A0000000000000000000000000000001',
	 :now::timestamptz - interval '31 seconds', :now::timestamptz - interval '30 seconds', :now::timestamptz - interval '30 seconds', NULL, NULL),
	('C0000000000000000000000000000002', 'C0000000000000000000000000000002', 'PHONE', 'CallIn', 'InQueue', NULL,
	 '11111111111111111111111111111111', '11111111111111111111111111111111', 'A0000000000000000000000000000001',
	 :now::timestamptz - interval '13 seconds', :now::timestamptz - interval '12.5 seconds', :now::timestamptz - interval '12.5 seconds', NULL, NULL),
	('C0000000000000000000000000000003', 'C0000000000000000000000000000003', 'PHONE', 'CallIn', 'InQueue', NULL,
	 '44444444444444444444444444444444', '11111111111111111111111111111111', 'A0000000000000000000000000000001',
	 :now::timestamptz - interval '46 seconds', :now::timestamptz - interval '45 seconds', :now::timestamptz - interval '5 seconds', NULL, NULL),
	('C0000000000000000000000000000004', 'C0000000000000000000000000000004', 'PHONE', 'CallIn', 'InQueue', NULL,
	 '44444444444444444444444444444444', '44444444444444444444444444444444', 'A0000000000000000000000000000001',
	 :now::timestamptz - interval '3 seconds', :now::timestamptz - interval '3 seconds', :now::timestamptz - interval '3 seconds', NULL, NULL),
	('C0000000000000000000000000000005', 'C0000000000000000000000000000005', 'PHONE', 'CallIn', 'Handled', 'AB00000000000000000000000000000A',
	 '11111111111111111111111111111111', '11111111111111111111111111111111', 'A0000000000000000000000000000001',
	 :now::timestamptz - interval '1 hour', :now::timestamptz - interval '1 hour', :now::timestamptz - interval '1 hour',
	 :now::timestamptz - interval '59 minutes', :now::timestamptz - interval '50 minutes'),
	('C0000000000000000000000000000006', 'C0000000000000000000000000000006', 'CHAT', 'ChatIn', 'InQueue', NULL,
	 '22222222222222222222222222222222', '22222222222222222222222222222222', 'A0000000000000000000000000000001',
	 :now::timestamptz - interval '62 seconds', :now::timestamptz - interval '61.234 seconds', :now::timestamptz - interval '61.234 seconds', NULL, NULL),
	('C0000000000000000000000000000007', 'C0000000000000000000000000000007', 'PHONE', 'CallIn', 'InProcess', 'AB00000000000000000000000000000B',
	 '11111111111111111111111111111111', '11111111111111111111111111111111', 'A0000000000000000000000000000001',
	 :now::timestamptz - interval '2 minutes', :now::timestamptz - interval '2 minutes', :now::timestamptz - interval '2 minutes',
	 :now::timestamptz - interval '1 minute', NULL),
	('C0000000000000000000000000000008', 'C0000000000000000000000000000008', 'PHONE', 'CallIn', 'InProcess_WrapUp', 'AB00000000000000000000000000000C',
	 '11111111111111111111111111111111', '11111111111111111111111111111111', 'A0000000000000000000000000000001',
	 :now::timestamptz - interval '5 minutes', :now::timestamptz - interval '5 minutes', :now::timestamptz - interval '5 minutes',
	 :now::timestamptz - interval '4 minutes', :now::timestamptz - interval '1 minute'),
	('C0000000000000000000000000000009', 'C0000000000000000000000000000009', 'EMAIL', 'EMAILIN', 'InProcess_Pending', 'AB000000000000000000000000000011',
	 '33333333333333333333333333333333', '33333333333333333333333333333333', 'A0000000000000000000000000000001',
	 :now::timestamptz - interval '2 hours', :now::timestamptz - interval '2 hours', :now::timestamptz - interval '2 hours',
	 :now::timestamptz - interval '1 hour', NULL);

-- Contacts beyond the queue statuses (none changes those): history,
-- transfers, e-mails, rights through agent and IVR, pickable ones.
INSERT INTO applications (id, name, kind) VALUES
	('A0000000000000000000000000000002', 'Main IVR', 'IVR');
INSERT INTO outbound_campaigns (id, name) VALUES
	('CA000000000000000000000000000001', 'Spring Campaign');

UPDATE contacts SET source = '0401111111', destination = '320'
WHERE id = 'C0000000000000000000000000000001';
UPDATE contacts SET source = '0509999999', destination = '0401000000'
WHERE id = 'C0000000000000000000000000000002';
UPDATE contacts SET source = 'chat@example.com', destination = 'Ärende Chat',
    subtype = 'text'
WHERE id = 'C0000000000000000000000000000006';

INSERT INTO contacts (id, contact_group_id, channel, type, status, source,
    destination, agent_id, queue_id, orig_queue_id, application_id,
    reporting_group_id, outbound_campaign_id, arrival_time, arrival_queue_time,
    queue_entry_time, preview_time, connect_time, pending_time, pick_time,
    disconnect_time, wrap_up_begin_time, wrap_up_end_time,
    wrap_up_scripting_duration, waiting_duration, service_closed, record,
    subject) VALUES
	-- Yesterday, handled on time, wrap-up ended; then transferred (C11).
	('C0000000000000000000000000000010', 'C0000000000000000000000000000010', 'PHONE', 'CallIn', 'Handled_AOT',
	 '0401234567', '320', 'AB00000000000000000000000000000A', '11111111111111111111111111111111',
	 '11111111111111111111111111111111', 'A0000000000000000000000000000001', 'B0000000000000000000000000000001', NULL,
	 '2026-01-14T12:00:00Z', '2026-01-14T12:00:01Z', '2026-01-14T12:00:01Z', NULL, '2026-01-14T12:00:11Z', NULL, NULL,
	 '2026-01-14T12:05:00Z', '2026-01-14T12:05:00Z', '2026-01-14T12:05:10Z', 7000, 3500, false, true, NULL),
	('C0000000000000000000000000000011', 'C0000000000000000000000000000010', 'PHONE', 'CallIn/Forwarded', 'Handled',
	 '0401234567', '330', 'AB00000000000000000000000000000D', '44444444444444444444444444444444',
	 '11111111111111111111111111111111', 'A0000000000000000000000000000001', NULL, NULL,
	 '2026-01-14T12:06:00Z', '2026-01-14T12:06:00Z', '2026-01-14T12:06:00Z', NULL, '2026-01-14T12:06:30Z', NULL, NULL,
	 '2026-01-14T12:10:00Z', NULL, NULL, 0, 1200, false, false, NULL),
	-- Pending e-mails in Q2: written by agent1 (pickable for it), by B (not).
	('C0000000000000000000000000000013', 'C0000000000000000000000000000013', 'EMAIL', 'EMAILOUT', 'InProcess_Pending',
	 'agent1@example.com', 'customer@example.com', 'AA000000000000000000000000000002', '22222222222222222222222222222222',
	 '22222222222222222222222222222222', 'A0000000000000000000000000000001', NULL, NULL,
	 '2026-01-15T09:30:00Z', NULL, NULL, NULL, '2026-01-15T09:30:00Z', '2026-01-15T09:40:00Z', NULL,
	 NULL, NULL, NULL, 0, 0, false, NULL, 'Re: order 12'),
	('C0000000000000000000000000000014', 'C0000000000000000000000000000014', 'EMAIL', 'EMAILOUT', 'InProcess_Pending',
	 'bert@example.com', 'other@example.com', 'AB00000000000000000000000000000B', '22222222222222222222222222222222',
	 '22222222222222222222222222222222', 'A0000000000000000000000000000001', NULL, NULL,
	 '2026-01-15T09:20:00Z', NULL, NULL, NULL, '2026-01-15T09:20:00Z', '2026-01-15T09:25:00Z', NULL,
	 NULL, NULL, NULL, 0, 0, false, NULL, 'Offer'),
	-- An old inbound e-mail still pending (showAllInProcess finds it).
	('C0000000000000000000000000000015', 'C0000000000000000000000000000015', 'EMAIL', 'EMAILIN', 'InProcess_Pending',
	 'customer@example.com', 'service@example.com', 'AA000000000000000000000000000002', '22222222222222222222222222222222',
	 '22222222222222222222222222222222', 'A0000000000000000000000000000001', NULL, NULL,
	 '2026-01-10T08:00:00Z', '2026-01-10T08:00:00Z', '2026-01-10T08:00:00Z', NULL, '2026-01-10T08:30:00Z',
	 '2026-01-10T09:00:00Z', '2026-01-10T08:30:00Z', NULL, NULL, NULL, 0, 0, false, NULL, 'Invoice question'),
	-- Outbound campaign call without a queue, by agent A.
	('C0000000000000000000000000000016', 'C0000000000000000000000000000016', 'PHONE', 'CallOutOB', 'Handled',
	 '320', '0409876543', 'AB00000000000000000000000000000A', NULL, NULL, 'A0000000000000000000000000000001', NULL,
	 'CA000000000000000000000000000001',
	 '2026-01-15T07:00:00Z', NULL, NULL, '2026-01-15T06:59:00Z', '2026-01-15T07:00:10Z', NULL, NULL,
	 '2026-01-15T07:05:00Z', NULL, NULL, 0, 0, false, false, NULL),
	-- An IVR contact.
	('C0000000000000000000000000000017', 'C0000000000000000000000000000017', 'PHONE', 'IVR', 'Handled',
	 '0405555555', '100', NULL, NULL, NULL, 'A0000000000000000000000000000002', NULL, NULL,
	 '2026-01-15T06:00:00Z', NULL, NULL, NULL, '2026-01-15T06:00:00Z', NULL, NULL,
	 '2026-01-15T06:01:00Z', NULL, NULL, 0, 0, false, false, NULL),
	-- In the hidden queue: supervisor only.
	('C0000000000000000000000000000018', 'C0000000000000000000000000000018', 'EMAIL', 'EMAILIN', 'Handled',
	 'x@example.com', 'hidden@example.com', NULL, '77777777777777777777777777777777',
	 '77777777777777777777777777777777', 'A0000000000000000000000000000001', NULL, NULL,
	 '2026-01-15T05:00:00Z', '2026-01-15T05:00:00Z', '2026-01-15T05:00:00Z', NULL, NULL, NULL, NULL,
	 '2026-01-15T05:30:00Z', NULL, NULL, 0, 0, true, NULL, 'Secret');

-- Events of C5; the two at 09:01:00 are ordered by seq, not by id.
INSERT INTO contact_events (id, contact_id, time, seq, event, value1, value2) VALUES
	('E0000000000000000000000000000005', 'C0000000000000000000000000000005', '2026-01-15T09:00:00Z', 0, 'Queing', 'Alpha Sales', ''),
	('E0000000000000000000000000000004', 'C0000000000000000000000000000005', '2026-01-15T09:00:50Z', 0, 'DestAllocated', 'Free, Anna', 'Alpha Sales'),
	('E0000000000000000000000000000003', 'C0000000000000000000000000000005', '2026-01-15T09:01:00Z', 0, 'ConnectedToOper', 'Free, Anna', 'Alpha Sales'),
	('E0000000000000000000000000000001', 'C0000000000000000000000000000005', '2026-01-15T09:01:00Z', 1, 'DestUnAllocated', 'Alpha Sales', 'Connected'),
	('E0000000000000000000000000000002', 'C0000000000000000000000000000005', '2026-01-15T09:10:00Z', 0, 'Disconnected', ';0', 'Alpha Sales');

-- agent1 also sees agent A's contacts and the IVR's, serves Q2 and is
-- logged in to Q2 only.
INSERT INTO rights (user_id, object_id, right_name) VALUES
	('AA000000000000000000000000000002', 'AB00000000000000000000000000000A', 'STATISTICS_DETAILS'),
	('AA000000000000000000000000000002', 'A0000000000000000000000000000002', 'STATISTICS_DETAILS'),
	('AA000000000000000000000000000002', '22222222222222222222222222222222', 'SERVE');
INSERT INTO agent_queues (agent_id, queue_id, serving) VALUES
	('AA000000000000000000000000000002', '22222222222222222222222222222222', true),
	('AA000000000000000000000000000002', '11111111111111111111111111111111', false);

-- supervisor sees every agent, application and campaign too.
INSERT INTO rights (user_id, object_id, right_name)
SELECT 'AA000000000000000000000000000001', id, 'STATISTICS_DETAILS' FROM users
UNION ALL
SELECT 'AA000000000000000000000000000001', id, 'STATISTICS_DETAILS' FROM applications
UNION ALL
SELECT 'AA000000000000000000000000000001', id, 'STATISTICS_DETAILS' FROM outbound_campaigns;
