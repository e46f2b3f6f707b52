-- 020_users_login_case_insensitive.sql: logins are unique regardless of
-- case, and looked up that way, as directory logins compare.
--
-- With LDAP or Active Directory behind the web server, REMOTE_USER is the
-- login as the client typed it: AGENT1 and agent1 are one directory user
-- (uid and sAMAccountName compare case-insensitively), so they must be one
-- user of the Monitoring Database. rmi_session (00_common.sql) matches
-- lower(login) = lower(REMOTE_USER) through the index below. Two users whose
-- logins differ only in case would make that match ambiguous: this
-- migration refuses to run while there are any (rename or remove one of
-- each pair, then run db/migrate again), and the index refuses new ones.
-- lower() folds case as the database's LC_CTYPE does (ASCII always).

DO $$
DECLARE
	dups text;
BEGIN
	SELECT string_agg(format('%L', u.login), ', ' ORDER BY u.login)
	INTO dups
	FROM users u
	WHERE EXISTS (SELECT FROM users v
	    WHERE lower(v.login) = lower(u.login) AND v.id <> u.id);
	IF dups IS NOT NULL THEN
		RAISE EXCEPTION 'users whose logins differ only in case: %', dups
		    USING HINT = 'Logins compare case-insensitively (as in LDAP): '
		    'rename or remove all but one of each, then migrate again.';
	END IF;
END
$$;

CREATE UNIQUE INDEX users_login_lower ON users (lower(login));
