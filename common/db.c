/* db.c: one persistent libpq connection per process (see db.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"

/* The process is single-threaded and serves one request at a time. */
static PGconn	*conn;

/*
 * A write that fails transiently (transient()) is tried this many times in
 * all, with a random pause of up to WRITE_BACKOFF_MS times the number of
 * tries so far in between, then answered 503 with Retry-After.
 */
#define WRITE_ATTEMPTS		3
#define WRITE_BACKOFF_MS	50

static void	 stmts_forget(void);
static int	 transient(const PGresult *);

/*
 * Server settings an administrator may change: the environment variable,
 * and the value without it. A value is a number with an optional unit
 * (32MB, 10s), as postgresql.conf takes it.
 */
static const struct {
	const char	*param;
	const char	*env;
	const char	*dflt;
} settings[] = {
	{ "work_mem", "RMI_WORK_MEM", "32MB" },
	{ "statement_timeout", "RMI_STATEMENT_TIMEOUT", RMI_STATEMENT_TIMEOUT_MS },
};

/*
 * 1 if v is up to 32 digits and then letters (nothing to split the options
 * on, nothing to overflow them).
 */
static int
setting_ok(const char *v)
{
	size_t	 i = 0;

	if (strlen(v) > 32)
		return 0;
	while (v[i] >= '0' && v[i] <= '9')
		i++;
	if (i == 0)
		return 0;
	while ((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z'))
		i++;
	return v[i] == '\0';
}

/* The connection's options: the fixed ones, then the settings. */
static void
connect_options(char *out, size_t outsz)
{
	const char	*v;
	size_t		 i, n;

	n = (size_t)snprintf(out, outsz, "-c TimeZone=UTC -c DateStyle=ISO "
	    "-c default_transaction_read_only=on -c jit=off");
	for (i = 0; i < sizeof(settings) / sizeof(settings[0]) && n < outsz;
	    i++) {
		v = getenv(settings[i].env);
		if (v != NULL && *v != '\0' && !setting_ok(v)) {
			fprintf(stderr, "rmi: %s: not a setting value, "
			    "using %s\n", settings[i].env, settings[i].dflt);
			v = NULL;
		}
		if (v == NULL || *v == '\0')
			v = settings[i].dflt;
		n += (size_t)snprintf(out + n, outsz - n, " -c %s=%s",
		    settings[i].param, v);
	}
}

enum rmi_err
rmi_db_connect(void)
{
	char		 options[512];
	/* connect_timeout first: a later one in RMI_DB (dbname) wins. */
	const char	*keys[] = { "connect_timeout", "dbname", "options",
	    "client_encoding", "fallback_application_name", NULL };
	const char	*vals[] = { RMI_CONNECT_TIMEOUT_S, getenv("RMI_DB"),
	    options, "UTF8", "rmi", NULL };

	if (conn != NULL && PQstatus(conn) == CONNECTION_OK)
		return RMI_OK;
	rmi_db_close();
	connect_options(options, sizeof(options));
	/* An unset or empty RMI_DB leaves libpq to its PG* defaults. */
	if (vals[1] == NULL)
		vals[1] = "";
	conn = PQconnectdbParams(keys, vals, 1);
	if (conn == NULL || PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "rmi: cannot connect to the database: %s",
		    conn ? PQerrorMessage(conn) : "out of memory\n");
		rmi_db_close();
		return RMI_EUNAVAIL;
	}
	return RMI_OK;
}

void
rmi_db_close(void)
{
	if (conn != NULL)
		PQfinish(conn);
	conn = NULL;
	stmts_forget();
}

/* After a failure: was it the connection rather than the statement? */
static int
connection_lost(void)
{
	return conn == NULL || PQstatus(conn) != CONNECTION_OK;
}

/*
 * Prepared statements of this connection, by SQL text, for the queries
 * that ask for it (look-ups by key: struct rmi_query). Planning the inlined
 * row functions costs more than running them: /agents/{id} at 1M contacts
 * plans in 3.5 ms and runs in 1.3 ms. PostgreSQL re-plans per execution
 * until a generic plan proves no worse (plan_cache_mode auto).
 */
#define NSTMT	32	/* a program has fewer (one per route and look-up) */

static struct stmt {
	char		*sql;		/* NULL: a free slot */
	char		 name[16];
} stmts[NSTMT];

/* Forgets them all (the connection that held them is gone). */
static void
stmts_forget(void)
{
	size_t	 i;

	for (i = 0; i < NSTMT; i++) {
		free(stmts[i].sql);
		stmts[i].sql = NULL;
	}
}

/*
 * The name of q's prepared statement, preparing it first if need be; NULL
 * when it cannot be (no slot left, or the statement is bad): then it is
 * sent unprepared, and a bad one reports its error there.
 */
static const char *
stmt_name(const struct rmi_query *q)
{
	struct stmt	*s = NULL;
	PGresult	*r;
	char		 dealloc[32];
	size_t		 i;
	int		 ok;

	for (i = 0; i < NSTMT; i++)
		if (stmts[i].sql == NULL)
			s = s != NULL ? s : &stmts[i];
		else if (strcmp(stmts[i].sql, q->sql.data) == 0)
			return stmts[i].name;
	if (s == NULL)
		return NULL;
	snprintf(s->name, sizeof(s->name), "rmi%zu", (size_t)(s - stmts));
	r = PQprepare(conn, s->name, q->sql.data, q->nvalues, NULL);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	if (ok && (s->sql = strdup(q->sql.data)) == NULL) {
		/* Out of memory: unprepare it, so that the slot stays free. */
		snprintf(dealloc, sizeof(dealloc), "DEALLOCATE %s", s->name);
		PQclear(PQexec(conn, dealloc));
		return NULL;
	}
	return ok ? s->name : NULL;
}

/* r's SQLSTATE for the log ("?" when libpq made the error itself). */
static const char *
sqlstate(const PGresult *r)
{
	const char	*state = PQresultErrorField(r, PG_DIAG_SQLSTATE);

	return state != NULL ? state : "?";
}

/*
 * Did a prepared statement fail because a migration changed what it reads
 * in a way PostgreSQL does not re-plan ("cached plan must not change
 * result type")? Then stmts_reset() drops them all, to be prepared again.
 */
static int
stale_plan(const PGresult *r)
{
	const char	*state = PQresultErrorField(r, PG_DIAG_SQLSTATE);

	return state != NULL && strcmp(state, "0A000") == 0;
}

static void
stmts_reset(void)
{
	PQclear(PQexec(conn, "DEALLOCATE ALL"));
	stmts_forget();
}

static int
send_query(const struct rmi_query *q)
{
	const char	*name = q->prepare ? stmt_name(q) : NULL;

	if (name == NULL)
		return PQsendQueryParams(conn, q->sql.data, q->nvalues, NULL,
		    (const char *const *)q->values, NULL, NULL, 0);
	return PQsendQueryPrepared(conn, name, q->nvalues,
	    (const char *const *)q->values, NULL, NULL, 0);
}

/* Reads and drops what is left of a sent statement's results. */
static void
drain(void)
{
	PGresult	*r;

	while ((r = PQgetResult(conn)) != NULL)
		PQclear(r);
}

static enum rmi_err
fail(const char *what)
{
	if (connection_lost()) {
		fprintf(stderr, "rmi: database connection lost: %s",
		    conn ? PQerrorMessage(conn) : "\n");
		rmi_db_close();
		return RMI_EUNAVAIL;
	}
	fprintf(stderr, "rmi: %s: %s", what, PQerrorMessage(conn));
	return RMI_EINTERNAL;
}

enum rmi_err
rmi_db_exec(const struct rmi_query *q, PGresult **res)
{
	enum rmi_err	 err;
	int		 attempt, busy;
	ExecStatusType	 st;

	*res = NULL;
	for (attempt = 0; attempt < 2; attempt++) {
		if ((err = rmi_db_connect()) != RMI_OK)
			return err;
		*res = send_query(q) ? PQgetResult(conn) : NULL;
		/* Single statement: drain to the terminating NULL. */
		if (*res != NULL)
			drain();
		st = PQresultStatus(*res);
		if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
			return RMI_OK;
		if (*res != NULL && stale_plan(*res)) {
			PQclear(*res);
			*res = NULL;
			stmts_reset();
			continue;
		}
		if (*res != NULL)
			fprintf(stderr, "rmi: query failed: SQLSTATE %s: %s",
			    sqlstate(*res), PQresultErrorMessage(*res));
		busy = *res != NULL && transient(*res);
		PQclear(*res);
		*res = NULL;
		/* A read cancelled by a conflict (a standby's 40001). */
		if (busy && !connection_lost())
			return RMI_EUNAVAIL;
		if (!connection_lost())
			return fail("query failed");
		rmi_db_close();
	}
	return RMI_EUNAVAIL;
}

/* Runs a statement without parameters; 0 when it succeeded. */
static int
simple(const char *sql)
{
	PGresult	*r = PQexec(conn, sql);
	int		 ok = PQresultStatus(r) == PGRES_COMMAND_OK;

	PQclear(r);
	return ok ? 0 : -1;
}

/*
 * The SQLSTATEs by which a write statement refuses (RAISE ... USING
 * ERRCODE): an answer to the client, not a failure of the suite. Class RM
 * is the suite's own: PostgreSQL uses none of it (errcodes appendix), so
 * its own errors (a missing grant's 42501, a missing row's P0002) never
 * pass for a refusal: they are failures, 500, logged with their SQLSTATE.
 */
static const struct {
	const char	*state;
	enum rmi_err	 err;
} refusals[] = {
	{ "RM403", RMI_EFORBIDDEN },
	{ "RM404", RMI_ENOTFOUND },
	{ "RM409", RMI_ECONFLICT },
	{ "RM400", RMI_EBADREQ },
};

/* The refusal r carries, with its message copied to msg; else RMI_OK. */
static enum rmi_err
refusal(const PGresult *r, char *msg, size_t msgsz)
{
	const char	*state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	const char	*primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
	size_t		 i;

	for (i = 0; state != NULL && i < sizeof(refusals) / sizeof(refusals[0]);
	    i++)
		if (strcmp(refusals[i].state, state) == 0) {
			snprintf(msg, msgsz, "%s", primary != NULL ? primary :
			    "");
			return refusals[i].err;
		}
	return RMI_OK;
}

/*
 * Did r fail for a reason that goes away when the transaction is tried
 * again: a serialization failure (40001) or a deadlock (40P01), e.g. a
 * ready-state write against the simulator's contact updates on the
 * queue_agent_counts advisory locks? The database rolled it back whole.
 */
static int
transient(const PGresult *r)
{
	const char	*state = PQresultErrorField(r, PG_DIAG_SQLSTATE);

	return state != NULL && (strcmp(state, "40001") == 0 ||
	    strcmp(state, "40P01") == 0);
}

/*
 * Waits before try number `attempt` (2, 3, ...): a random time up to
 * WRITE_BACKOFF_MS * (attempt - 1), so that the writers that collided do
 * not collide again in step.
 */
static void
backoff(int attempt)
{
	static int	 seeded;
	struct timespec	 ts;
	long		 ms;

	if (!seeded) {
		srandom((unsigned int)getpid() ^ (unsigned int)time(NULL));
		seeded = 1;
	}
	ms = 1 + random() % (WRITE_BACKOFF_MS * (attempt - 1));
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/* The ways one try of a write ends (see write_once). */
enum try { TRY_DONE, TRY_AGAIN };

/*
 * One try of rmi_db_write: BEGIN, the statement, COMMIT. TRY_AGAIN (with
 * the transaction rolled back) when it failed transiently; else TRY_DONE
 * with *err as rmi_db_write answers.
 */
static enum try
write_once(const struct rmi_query *q, PGresult **res, char *msg,
    size_t msgsz, enum rmi_err *err)
{
	PGresult	*c;
	ExecStatusType	 st;
	int		 again;

	if ((*err = rmi_db_connect()) != RMI_OK)
		return TRY_DONE;
	/* An idle connection may have broken: BEGIN finds out, harmlessly. */
	if (simple("BEGIN READ WRITE") == -1) {
		rmi_db_close();
		if ((*err = rmi_db_connect()) != RMI_OK)
			return TRY_DONE;
		if (simple("BEGIN READ WRITE") == -1) {
			*err = fail("BEGIN");
			return TRY_DONE;
		}
	}
	*res = PQexecParams(conn, q->sql.data, q->nvalues, NULL,
	    (const char *const *)q->values, NULL, NULL, 0);
	st = PQresultStatus(*res);
	if (st == PGRES_FATAL_ERROR &&
	    (*err = refusal(*res, msg, msgsz)) != RMI_OK) {
		PQclear(*res);
		*res = NULL;
		simple("ROLLBACK");
		return TRY_DONE;
	}
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		again = transient(*res);
		fprintf(stderr, "rmi: write failed%s: SQLSTATE %s: %s",
		    again ? " (to be tried again)" : "", sqlstate(*res),
		    PQresultErrorMessage(*res));
		PQclear(*res);
		*res = NULL;
		if (!connection_lost())
			simple("ROLLBACK");
		if (again && !connection_lost())
			return TRY_AGAIN;
		*err = connection_lost() ? fail("write") : RMI_EINTERNAL;
		return TRY_DONE;
	}
	/* Deferred checks run at COMMIT: it may deadlock too. */
	c = PQexec(conn, "COMMIT");
	if (PQresultStatus(c) == PGRES_COMMAND_OK) {
		PQclear(c);
		*err = RMI_OK;
		return TRY_DONE;
	}
	again = transient(c);
	PQclear(c);
	PQclear(*res);
	*res = NULL;
	if (again && !connection_lost()) {
		fprintf(stderr, "rmi: COMMIT failed (to be tried again): %s",
		    PQerrorMessage(conn));
		return TRY_AGAIN;
	}
	*err = fail("COMMIT");
	return TRY_DONE;
}

enum rmi_err
rmi_db_write(const struct rmi_query *q, PGresult **res, char *msg,
    size_t msgsz)
{
	enum rmi_err	 err;
	int		 attempt;

	*res = NULL;
	if (msgsz > 0)
		msg[0] = '\0';
	for (attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
		if (attempt > 1)
			backoff(attempt);
		if (write_once(q, res, msg, msgsz, &err) == TRY_DONE)
			return err;
	}
	snprintf(msg, msgsz, "the database is busy (a deadlock or "
	    "serialization failure, %d tries)", WRITE_ATTEMPTS);
	return RMI_EUNAVAIL;
}

/*
 * Reads the results of a sent query into cb. Returns RMI_OK, RMI_EUNAVAIL
 * (connection lost), or RMI_EINTERNAL (statement failed or cb stopped);
 * *stale is set when it failed on a stale prepared plan before any row
 * (then nothing was read: try again).
 */
static enum rmi_err
receive(rmi_row_cb cb, void *ctx, long long *nrows, int *stale)
{
	PGresult	*r;
	enum rmi_err	 err = RMI_OK;

	*stale = 0;
	while ((r = PQgetResult(conn)) != NULL) {
		switch (PQresultStatus(r)) {
		case PGRES_SINGLE_TUPLE:
			if (err == RMI_OK) {
				(*nrows)++;
				if (cb(ctx, r) != 0)
					err = RMI_EINTERNAL;
			}
			break;
		case PGRES_TUPLES_OK:
			break;
		default:
			if (err == RMI_OK && *nrows == 0 && stale_plan(r)) {
				*stale = 1;
				err = RMI_EINTERNAL;
			} else if (err == RMI_OK) {
				fprintf(stderr, "rmi: query failed: SQLSTATE "
				    "%s: %s", sqlstate(r),
				    PQresultErrorMessage(r));
				err = transient(r) ? RMI_EUNAVAIL :
				    RMI_EINTERNAL;
			}
		}
		PQclear(r);
		if (connection_lost())
			break;
	}
	if (connection_lost()) {
		rmi_db_close();
		return RMI_EUNAVAIL;
	}
	return err;
}

enum rmi_err
rmi_db_stream(const struct rmi_query *q, rmi_row_cb cb, void *ctx,
    long long *nrows)
{
	enum rmi_err	 err;
	int		 attempt, stale;

	*nrows = 0;
	for (attempt = 0; attempt < 2; attempt++) {
		if ((err = rmi_db_connect()) != RMI_OK)
			return err;
		if (!send_query(q) || !PQsetSingleRowMode(conn)) {
			if ((err = fail("sending query")) != RMI_EUNAVAIL)
				return err;
			continue;
		}
		err = receive(cb, ctx, nrows, &stale);
		if (err == RMI_EINTERNAL && stale) {
			stmts_reset();	/* prepared again on the next round */
			continue;
		}
		/*
		 * A connection that broke while idle (database restarted)
		 * shows only now; nothing was written yet, so try again once.
		 */
		if (err != RMI_EUNAVAIL || *nrows > 0)
			return err;
	}
	return RMI_EUNAVAIL;
}
