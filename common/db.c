/* db.c: one persistent libpq connection per process (see db.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

/* The process is single-threaded and serves one request at a time. */
static PGconn	*conn;

#define STATEMENT_TIMEOUT_MS "10000"

enum rmi_err
rmi_db_connect(void)
{
	const char	*keys[] = { "dbname", "options", "client_encoding",
	    "fallback_application_name", NULL };
	const char	*vals[] = { getenv("RMI_DB"),
	    "-c TimeZone=UTC -c default_transaction_read_only=on -c jit=off "
	    "-c work_mem=32MB "
	    "-c statement_timeout=" STATEMENT_TIMEOUT_MS,
	    "UTF8", "rmi", NULL };

	if (conn != NULL && PQstatus(conn) == CONNECTION_OK)
		return RMI_OK;
	rmi_db_close();
	/* An unset or empty RMI_DB leaves libpq to its PG* defaults. */
	if (vals[0] == NULL)
		vals[0] = "";
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
}

/* After a failure: was it the connection rather than the statement? */
static int
connection_lost(void)
{
	return conn == NULL || PQstatus(conn) != CONNECTION_OK;
}

static int
send_query(const struct rmi_query *q)
{
	return PQsendQueryParams(conn, q->sql.data, q->nvalues, NULL,
	    (const char *const *)q->values, NULL, NULL, 0);
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
		*res = PQexecParams(conn, q->sql.data, q->nvalues, NULL,
		    (const char *const *)q->values, NULL, NULL, 0);
		st = PQresultStatus(*res);
		if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
			return RMI_OK;
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
			if (err == RMI_OK) {
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
		/*
		 * A connection that broke while idle (database restarted)
		 * shows only now; nothing was written yet, so try again once.
		 */
		if (err != RMI_EUNAVAIL || *nrows > 0)
			return err;
	}
	return RMI_EUNAVAIL;
}
