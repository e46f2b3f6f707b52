-- 004_contacts_active.sql: the contacts still in process, for
-- showAllInProcess=1 of /contacts (db/functions/30_contacts.sql), which
-- ORs its window with them: few rows. (012 rebuilds it in the list's
-- order.)
CREATE INDEX contacts_active ON contacts (arrival_time DESC)
	WHERE status IN ('InQueue', 'InProcess', 'InProcess_Preview',
	    'InProcess_Pending', 'InProcess_WrapUp');
