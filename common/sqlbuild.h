/* sqlbuild.h: SQL text and parameters from a resource and a list query. */
#ifndef RMI_SQLBUILD_H
#define RMI_SQLBUILD_H

#include "buf.h"
#include "listquery.h"
#include "resource.h"

/*
 * The parameters a statement binds at most. A list binds the most: $1 (the
 * user), $2 (the language), one per arg, one per filter, limit and offset;
 * a look-up by id binds $1, $2, the args and the id; a write $1 and one per
 * prop. rmi_sql_check() holds every resource table to these bounds when a
 * program starts, so a request can never run out of them (a 500).
 */
#define RMI_MAX_PARAMS (2 + RMI_MAX_ARGS + RMI_MAX_FILTERS + 2)
_Static_assert(RMI_MAX_PARAMS >= 1 + RMI_MAX_PROPS,
    "RMI_MAX_PARAMS too small for a write of RMI_MAX_PROPS props");

/*
 * A statement ready for PQexecParams. SQL text comes only from resource
 * tables and checked identifiers; every request value is a parameter.
 */
struct rmi_query {
	struct rmi_buf	 sql;
	char		*values[RMI_MAX_PARAMS];	/* owned; NULL is SQL NULL */
	int		 nvalues;
	/*
	 * Run as a prepared statement of the connection (db.c): for look-ups
	 * by key, whose plan does not depend on the values. Lists are planned
	 * per request: a generic plan cannot know how many objects the user
	 * has rights on, and at 1M contacts it cost /queueStatuses 4x.
	 */
	int		 prepare;
};

void	 rmi_query_init(struct rmi_query *);
void	 rmi_query_free(struct rmi_query *);
/* Adds a parameter (copied; NULL for SQL NULL); returns its number or -1. */
int	 rmi_query_param(struct rmi_query *, const char *value);

/* What every statement of a request binds first: $1, $2, then the args. */
struct rmi_sqlctx {
	const char	*user_id;
	const char	*language;		/* "" or NULL: none */
	char *const	*args;			/* res->nargs values, NULL = absent */
};

/*
 * The list statement: SELECT every field FROM res->from WHERE the filters
 * ORDER BY the sort keys (collation: a checked ICU collation name, or NULL
 * for the default) then the tie-break, LIMIT (NULL when negative), OFFSET.
 * Returns 0, or -1 when out of memory.
 */
int	 rmi_sql_list(struct rmi_query *, const struct rmi_resource *res,
	    const struct rmi_listquery *lq, const char *collation,
	    const struct rmi_sqlctx *ctx);

/* The by-id statement: like the list, WHERE id = the given id. */
int	 rmi_sql_get(struct rmi_query *, const struct rmi_resource *res,
	    const char *id, const struct rmi_sqlctx *ctx);

/*
 * Checks that res (and its parent) stay within the bounds every statement
 * relies on: at most RMI_MAX_ARGS args and RMI_MAX_PROPS props per write,
 * so that its list, look-up and writes bind at most RMI_MAX_PARAMS
 * parameters, whatever the request. Returns the most parameters one of its
 * statements binds, or -1 with why written to why[whysz].
 */
int	 rmi_sql_check(const struct rmi_resource *res, char *why, size_t whysz);

/* Appends a double-quoted SQL identifier. */
void	 rmi_sql_ident(struct rmi_buf *, const char *);

#endif
