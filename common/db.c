/* db.c: one persistent libpq connection per process (see db.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

/* The process is single-threaded and serves one request at a time. */
static PGconn	*conn;

static void	 stmts_forget(void);

/* receive(): a stale prepared plan; nothing was read, try again. */
#define RMI_EAGAIN_PLAN	RMI_ERR__MAX

enum rmi_err
rmi_db_connect(void)
{
	/* connect_timeout first: a later one in RMI_DB (dbname) wins. */
	const char	*keys[] = { "connect_timeout", "dbname", "options",
	    "client_encoding", "fallback_application_name", NULL };
	const char	*vals[] = { RMI_CONNECT_TIMEOUT_S, getenv("RMI_DB"),
	    "-c TimeZone=UTC -c DateStyle=ISO -c default_transaction_read_only=on -c jit=off "
	    "-c work_mem=32MB "
	    "-c statement_timeout=" RMI_STATEMENT_TIMEOUT_MS,
	    "UTF8", "rmi", NULL };

	if (conn != NULL && PQstatus(conn) == CONNECTION_OK)
		return RMI_OK;
	rmi_db_close();
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
	int		 attempt;
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
			fprintf(stderr, "rmi: query failed: %s\n",
			    PQresultErrorMessage(*res));
		PQclear(*res);
		*res = NULL;
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
 * ERRCODE): an answer to the client, not a failure of the suite.
 */
static const struct {
	const char	*state;
	enum rmi_err	 err;
} refusals[] = {
	{ "42501", RMI_EFORBIDDEN },	/* insufficient_privilege */
	{ "P0002", RMI_ENOTFOUND },	/* no_data_found */
	{ "55000", RMI_ECONFLICT },	/* object_not_in_prerequisite_state */
	{ "22023", RMI_EBADREQ },	/* invalid_parameter_value */
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

enum rmi_err
rmi_db_write(const struct rmi_query *q, PGresult **res, char *msg,
    size_t msgsz)
{
	enum rmi_err	 err;
	ExecStatusType	 st;

	*res = NULL;
	if (msgsz > 0)
		msg[0] = '\0';
	if ((err = rmi_db_connect()) != RMI_OK)
		return err;
	/* An idle connection may have broken: BEGIN finds out, harmlessly. */
	if (simple("BEGIN READ WRITE") == -1) {
		rmi_db_close();
		if ((err = rmi_db_connect()) != RMI_OK)
			return err;
		if (simple("BEGIN READ WRITE") == -1)
			return fail("BEGIN");
	}
	*res = PQexecParams(conn, q->sql.data, q->nvalues, NULL,
	    (const char *const *)q->values, NULL, NULL, 0);
	st = PQresultStatus(*res);
	if (st == PGRES_FATAL_ERROR &&
	    (err = refusal(*res, msg, msgsz)) != RMI_OK) {
		PQclear(*res);
		*res = NULL;
		simple("ROLLBACK");
		return err;
	}
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		fprintf(stderr, "rmi: write failed: %s",
		    PQresultErrorMessage(*res));
		PQclear(*res);
		*res = NULL;
		if (!connection_lost())
			simple("ROLLBACK");
		return connection_lost() ? fail("write") : RMI_EINTERNAL;
	}
	if (simple("COMMIT") == -1) {
		PQclear(*res);
		*res = NULL;
		return fail("COMMIT");
	}
	return RMI_OK;
}

/*
 * Reads the results of a sent query into cb. Returns RMI_OK, RMI_EUNAVAIL
 * (connection lost), or RMI_EINTERNAL (statement failed or cb stopped).
 */
static enum rmi_err
receive(rmi_row_cb cb, void *ctx, long long *nrows)
{
	PGresult	*r;
	enum rmi_err	 err = RMI_OK;

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
			if (err == RMI_OK && *nrows == 0 && stale_plan(r))
				err = RMI_EAGAIN_PLAN;
			else if (err == RMI_OK) {
				fprintf(stderr, "rmi: query failed: %s",
				    PQresultErrorMessage(r));
				err = RMI_EINTERNAL;
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
	int		 attempt;

	*nrows = 0;
	for (attempt = 0; attempt < 2; attempt++) {
		if ((err = rmi_db_connect()) != RMI_OK)
			return err;
		if (!send_query(q) || !PQsetSingleRowMode(conn)) {
			if ((err = fail("sending query")) != RMI_EUNAVAIL)
				return err;
			continue;
		}
		err = receive(cb, ctx, nrows);
		if (err == RMI_EAGAIN_PLAN) {
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
