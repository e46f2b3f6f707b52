-- 015_functions_dir.sql: hands the functions, types and triggers over to
-- db/functions/. Migrations 002-014 used to define them and redefine them
-- (CREATE OR REPLACE in a later file); those files are gone and
-- db/functions/ holds one current definition of each, which db/migrate
-- applies after the migrations, in the same transaction. A database
-- migrated before that change still has the old objects: they are dropped
-- here (together with the dead ones: the agent_activity view and
-- rmi_has_right, which nothing called), so that the function files create
-- everything afresh and own it. On a new database there is nothing to drop.

SET client_min_messages = warning;	-- "does not exist, skipping"

DROP TRIGGER IF EXISTS agent_queues_counts_insert ON agent_queues;
DROP TRIGGER IF EXISTS agent_queues_counts_update ON agent_queues;
DROP TRIGGER IF EXISTS agent_queues_counts_delete ON agent_queues;
DROP TRIGGER IF EXISTS agent_queues_counts_truncate ON agent_queues;
DROP TRIGGER IF EXISTS agent_states_counts_insert ON agent_states;
DROP TRIGGER IF EXISTS agent_states_counts_update ON agent_states;
DROP TRIGGER IF EXISTS agent_states_counts_delete ON agent_states;
DROP TRIGGER IF EXISTS agent_states_counts_truncate ON agent_states;
DROP TRIGGER IF EXISTS contacts_queue_agent_counts_insert ON contacts;
DROP TRIGGER IF EXISTS contacts_queue_agent_counts_update ON contacts;
DROP TRIGGER IF EXISTS contacts_queue_agent_counts_delete ON contacts;
DROP TRIGGER IF EXISTS contacts_queue_agent_counts_truncate ON contacts;
DROP TRIGGER IF EXISTS contacts_summary_buckets_insert ON contacts;
DROP TRIGGER IF EXISTS contacts_summary_buckets_update ON contacts;
DROP TRIGGER IF EXISTS contacts_summary_buckets_delete ON contacts;
DROP TRIGGER IF EXISTS contacts_summary_buckets_truncate ON contacts;

DROP VIEW IF EXISTS agent_activity;

-- 002
DROP FUNCTION IF EXISTS rmi_now(), rmi_ms(interval), rmi_session(text),
    rmi_has_right(guid, text, text), rmi_tr(text, text, text);
-- 003, 010, 013
DROP FUNCTION IF EXISTS rmi_queue_statuses(guid, text),
    rmi_queue_agent_aggregate(guid[]),
    rmi_refresh_queue_agent_counts(guid[]),
    rmi_lock_agent_states(guid[]), rmi_status_makes_activity(text),
    rmi_refresh_queue_agent_counts_of_agents(guid[]),
    rmi_queue_agent_counts_rebuild(), rmi_agent_queues_counts_trigger(),
    rmi_agent_states_counts_trigger(),
    rmi_contacts_queue_agent_counts_trigger();
-- 004, 012
DROP FUNCTION IF EXISTS rmi_contact_rows(guid, text),
    rmi_contacts(guid, text, timestamptz, timestamptz, boolean, text,
	boolean, boolean),
    rmi_contact_details(guid, text, guid),
    rmi_contact_rows_in(guid, text, timestamptz, timestamptz, boolean);
DROP TYPE IF EXISTS rmi_contact;
-- 005
DROP FUNCTION IF EXISTS rmi_user_statuses(guid, text);
-- 006, 009
DROP FUNCTION IF EXISTS
    rmi_contact_summary_rows(guid, text, timestamptz, timestamptz, text),
    rmi_contact_summaries(guid, text, timestamptz),
    rmi_contact_summary(guid, text, text),
    rmi_contact_summary_aggregate(guid[], timestamptz[]),
    rmi_refresh_contact_summary_buckets(guid[], timestamptz[]),
    rmi_contacts_summary_buckets_trigger(),
    rmi_contact_summary_buckets_rebuild();
DROP TYPE IF EXISTS rmi_contact_summary;
-- 007, 014
DROP FUNCTION IF EXISTS rmi_queue_groups(guid, text),
    rmi_queue_group_queues(guid, text);
-- 008
DROP FUNCTION IF EXISTS rmi_settings(guid, text);
-- 011
DROP FUNCTION IF EXISTS rmi_agent_refs(guid, text),
    rmi_agent_handled(guid, timestamptz),
    rmi_agents(guid, text, timestamptz, text, text[], boolean),
    rmi_agent_queue_items(text, timestamptz, text, guid),
    rmi_agent_queues(guid, text, guid),
    rmi_agent_presences(guid, text, guid),
    rmi_agent_ready_states(guid, text),
    rmi_agent_check_write(guid, guid, text),
    rmi_agent_transition(guid, text, guid),
    rmi_agent_put_ready_state(guid, guid, text),
    rmi_agent_put_queue(guid, guid, guid, boolean),
    rmi_agent_put_presence(guid, guid, guid);
