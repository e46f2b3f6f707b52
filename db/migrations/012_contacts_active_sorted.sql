-- 012_contacts_active_sorted.sql: contacts_active (004) in the order of the
-- /contacts list's default sort, the tie-break included, so that the Merge
-- Append of the window and the contacts in process outside it needs no
-- sort above the joins (db/functions/30_contacts.sql). Building it scans
-- contacts once, holding off writes to contacts meanwhile (about 1 s per
-- million contacts): migrations run in a transaction, so not CONCURRENTLY.
DROP INDEX contacts_active;
CREATE INDEX contacts_active ON contacts (arrival_time DESC, id)
	WHERE status IN ('InQueue', 'InProcess', 'InProcess_Preview',
	    'InProcess_Pending', 'InProcess_WrapUp');
