/* db.h: the process's one persistent connection to the Monitoring Database. */
#ifndef RMI_DB_H
#define RMI_DB_H

#include <libpq-fe.h>

#include "error.h"
#include "sqlbuild.h"

/*
 * How long the programs wait for the database, below every web server's
 * FastCGI timeout so that they answer 503 with Retry-After before the web
 * server gives up (tests/integration reads them from --help): a connection
 * attempt (libpq's connect_timeout, seconds; one in RMI_DB wins) and a
 * statement (statement_timeout, milliseconds).
 */
#define RMI_CONNECT_TIMEOUT_S		"5"
#define RMI_STATEMENT_TIMEOUT_MS	"10000"

/*
 * Opens the connection if there is none (conninfo from RMI_DB, else libpq's
 * PG* defaults), with the session settings every request relies on: UTC,
 * UTF-8, read-only transactions by default and a statement timeout.
 * Returns RMI_OK or RMI_EUNAVAIL.
 */
enum rmi_err	 rmi_db_connect(void);
/* Closes the connection (at exit, or to drop a broken one). */
void		 rmi_db_close(void);

/*
 * Runs q and returns its result (PGRES_TUPLES_OK or PGRES_COMMAND_OK) in
 * *res, which the caller PQclears. A read that finds the connection broken
 * reconnects and retries once, so the first request after a database
 * restart succeeds. Returns RMI_OK, RMI_EUNAVAIL (no database, or a
 * serialization failure or deadlock: worth trying again later) or
 * RMI_EINTERNAL (the statement failed; logged to stderr).
 */
enum rmi_err	 rmi_db_exec(const struct rmi_query *q, PGresult **res);

/*
 * Runs a writing q in a transaction of its own (BEGIN READ WRITE ...
 * COMMIT), since sessions default to read-only. Returns as rmi_db_exec;
 * *res holds the statement's result. A statement that refuses by raising
 * one of the suite's own SQLSTATEs RM403, RM404, RM409 or RM400 (class RM,
 * which PostgreSQL does not use) is rolled back and answers
 * RMI_EFORBIDDEN, RMI_ENOTFOUND, RMI_ECONFLICT or RMI_EBADREQ, its message
 * in msg. Any other error is RMI_EINTERNAL, logged with its SQLSTATE; msg
 * stays empty, so the client sees no internal name. A serialization failure (40001) or
 * deadlock (40P01), which the database rolled back whole, is tried again
 * (three tries in all, a random pause in between); after the last,
 * RMI_EUNAVAIL with why in msg. Never retried otherwise once sent.
 */
enum rmi_err	 rmi_db_write(const struct rmi_query *q, PGresult **res,
		    char *msg, size_t msgsz);

/* Called for each row of a streamed result; non-zero stops the stream. */
typedef int	(*rmi_row_cb)(void *ctx, const PGresult *row);

/*
 * Runs a read q in single-row mode, calling cb for each row as it arrives,
 * so memory does not grow with the number of rows. *nrows counts them.
 * Returns as rmi_db_exec; RMI_EINTERNAL too when cb stopped the stream.
 */
enum rmi_err	 rmi_db_stream(const struct rmi_query *q, rmi_row_cb cb,
		    void *ctx, long long *nrows);

#endif
