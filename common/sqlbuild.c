/* sqlbuild.c: build parameterized SQL from resource tables (see sqlbuild.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlbuild.h"
#include "wire.h"

/* Strings sort by the ICU root collation unless LOCALE-xx asks otherwise. */
#define DEFAULT_COLLATION "und-x-icu"

void
rmi_query_init(struct rmi_query *q)
{
	memset(q, 0, sizeof(*q));
	rmi_buf_init(&q->sql);
}

void
rmi_query_free(struct rmi_query *q)
{
	int	 i;

	for (i = 0; i < q->nvalues; i++)
		free(q->values[i]);
	rmi_buf_free(&q->sql);
	rmi_query_init(q);
}

int
rmi_query_param(struct rmi_query *q, const char *value)
{
	if (q->nvalues == RMI_MAX_PARAMS)
		return -1;
	q->values[q->nvalues] = NULL;
	if (value != NULL && (q->values[q->nvalues] = strdup(value)) == NULL)
		return -1;
	return ++q->nvalues;
}

void
rmi_sql_ident(struct rmi_buf *b, const char *id)
{
	rmi_buf_putc(b, '"');
	for (; *id != '\0'; id++) {
		if (*id == '"')
			rmi_buf_putc(b, '"');
		rmi_buf_putc(b, *id);
	}
	rmi_buf_putc(b, '"');
}

/*
 * A field as the SELECT list outputs it. Datetimes stay timestamptz, put in
 * wire form by the handlers (rmi_wire_time): to_char on the nine datetimes
 * of a contact was a third of the backend's time for a page of 10 000.
 */
static void
output(struct rmi_buf *b, const struct rmi_field *f)
{
	rmi_buf_puts(b, f->sql);
}

/*
 * With a nested collection, the rows of res become the derived table "p"
 * (fields as f0, f1, ..., their position as rmi_rn and, for a lateral
 * nested source, the id as RMI_PARENT_ALIAS) joined to the children: one
 * output row
 * per child, or one with NULL children.
 */
static void
nested_head(struct rmi_query *q, const struct rmi_resource *res)
{
	const struct rmi_nested	*n = res->nested;
	size_t			 i;

	rmi_buf_puts(&q->sql, "SELECT ");
	for (i = 0; i < res->nfields; i++)
		rmi_buf_printf(&q->sql, "p.f%zu, ", i);
	rmi_buf_printf(&q->sql, "(%s)", n->parent_key);
	for (i = 0; i < n->nfields; i++) {
		rmi_buf_puts(&q->sql, ", ");
		output(&q->sql, &n->fields[i]);
	}
	rmi_buf_puts(&q->sql, " FROM (");
}

static void
nested_tail(struct rmi_query *q, const struct rmi_resource *res)
{
	const struct rmi_nested	*n = res->nested;
	const struct rmi_field	*id = rmi_resource_id(res);

	if (n->lateral)
		rmi_buf_printf(&q->sql, ") p LEFT JOIN LATERAL %s n ON true "
		    "ORDER BY p.rmi_rn, %s", n->from, n->order);
	else
		rmi_buf_printf(&q->sql, ") p LEFT JOIN %s n ON (%s) = p.f%zu "
		    "ORDER BY p.rmi_rn, %s", n->from, n->parent_key,
		    (size_t)(id - res->fields), n->order);
}

/* SELECT the fields FROM the row source; rank is the nested rmi_rn. */
static void
select_from(struct rmi_query *q, const struct rmi_resource *res,
    const char *rank)
{
	size_t	 i;

	rmi_buf_puts(&q->sql, "SELECT ");
	for (i = 0; i < res->nfields; i++) {
		if (i > 0)
			rmi_buf_puts(&q->sql, ", ");
		output(&q->sql, &res->fields[i]);
		if (res->nested != NULL)
			rmi_buf_printf(&q->sql, " AS f%zu", i);
	}
	if (res->nested != NULL)
		rmi_buf_printf(&q->sql, ", %s AS rmi_rn", rank);
	if (res->nested != NULL && res->nested->lateral)
		rmi_buf_printf(&q->sql, ", %s AS " RMI_PARENT_ALIAS,
		    rmi_resource_id(res)->sql);
	rmi_buf_printf(&q->sql, " FROM %s r", res->from);
}

/* The ORDER BY keys: the sort, then a tie-break making the order total. */
static void
order_keys(struct rmi_buf *b, const struct rmi_resource *res,
    const struct rmi_listquery *lq, const char *collation)
{
	const struct rmi_field	*f, *id = rmi_resource_id(res);
	size_t			 i;
	int			 tie = 1;

	for (i = 0; i < lq->nsort; i++) {
		f = lq->sort[i].field;
		if (i > 0)
			rmi_buf_puts(b, ", ");
		rmi_buf_printf(b, "(%s)", f->sql);
		if (f->type == RMI_T_STRING || f->type == RMI_T_ENUM) {
			rmi_buf_puts(b, " COLLATE ");
			rmi_sql_ident(b, collation != NULL ? collation :
			    DEFAULT_COLLATION);
		}
		if (lq->sort[i].desc)
			rmi_buf_puts(b, " DESC");
		if (f == id)
			tie = 0;
	}
	if (res->tiebreak != NULL)
		rmi_buf_printf(b, "%s%s", lq->nsort ? ", " : "", res->tiebreak);
	else if (tie)
		rmi_buf_printf(b, "%s(%s)", lq->nsort ? ", " : "", id->sql);
}

static int
param_int(struct rmi_query *q, long long v)
{
	char	 num[24];

	snprintf(num, sizeof(num), "%lld", v);
	return rmi_query_param(q, num);
}

/* Binds $1 (user), $2 (language) and $3... (the resource's args). */
static int
session_params(struct rmi_query *q, const struct rmi_resource *res,
    const struct rmi_sqlctx *ctx)
{
	size_t	 i;

	if (rmi_query_param(q, ctx->user_id) != 1 ||
	    rmi_query_param(q, ctx->language != NULL &&
	    *ctx->language != '\0' ? ctx->language : NULL) != 2)
		return -1;
	for (i = 0; i < res->nargs; i++)
		if (!(res->args[i].flags & RMI_A_LOCAL) &&
		    rmi_query_param(q, ctx->args != NULL ? ctx->args[i] :
		    NULL) == -1)
			return -1;
	return 0;
}

int
rmi_sql_list(struct rmi_query *q, const struct rmi_resource *res,
    const struct rmi_listquery *lq, const char *collation,
    const struct rmi_sqlctx *ctx)
{
	const struct rmi_field	*f;
	struct rmi_buf		 keys;
	size_t			 i;
	int			 n, rc = -1;

	rmi_buf_init(&keys);
	order_keys(&keys, res, lq, collation);
	if (keys.oom || session_params(q, res, ctx) == -1)
		goto out;
	if (res->nested != NULL) {
		nested_head(q, res);
		{
			struct rmi_buf rank;

			rmi_buf_init(&rank);
			rmi_buf_printf(&rank, "row_number() OVER (ORDER BY %s)",
			    keys.data);
			select_from(q, res, rank.data);
			rmi_buf_free(&rank);
		}
	} else
		select_from(q, res, NULL);
	for (i = 0; i < lq->nfilters; i++) {
		f = lq->filters[i].field;
		if ((n = rmi_query_param(q, lq->filters[i].value)) == -1)
			goto out;
		rmi_buf_puts(&q->sql, i == 0 ? " WHERE " : " AND ");
		switch (lq->filters[i].match) {
		case RMI_MATCH_ANY:
			rmi_buf_printf(&q->sql, "(%s) = ANY($%d::text[])",
			    f->sql, n);
			break;
		case RMI_MATCH_LIKE_ANY:
			rmi_wire_sql(&q->sql, f);
			rmi_buf_printf(&q->sql, " ILIKE ANY($%d::text[])", n);
			break;
		case RMI_MATCH_LIKE:
			rmi_wire_sql(&q->sql, f);
			rmi_buf_printf(&q->sql, " ILIKE $%d", n);
			break;
		}
	}
	rmi_buf_printf(&q->sql, " ORDER BY %s", keys.data);
	n = lq->limit < 0 ? rmi_query_param(q, NULL) : param_int(q, lq->limit);
	if (n == -1)
		goto out;
	rmi_buf_printf(&q->sql, " LIMIT $%d", n);
	if ((n = param_int(q, lq->offset)) == -1)
		goto out;
	rmi_buf_printf(&q->sql, " OFFSET $%d", n);
	if (res->nested != NULL)
		nested_tail(q, res);
	rc = q->sql.oom ? -1 : 0;
out:
	rmi_buf_free(&keys);
	return rc;
}

int
rmi_sql_get(struct rmi_query *q, const struct rmi_resource *res,
    const char *idval, const struct rmi_sqlctx *ctx)
{
	const struct rmi_field	*id = rmi_resource_id(res);
	int			 n;

	if (session_params(q, res, ctx) == -1)
		return -1;
	if (res->nested != NULL)
		nested_head(q, res);
	select_from(q, res, "1");
	if ((n = rmi_query_param(q, idval)) == -1)
		return -1;
	rmi_buf_printf(&q->sql, " WHERE (%s) = $%d", id->sql, n);
	if (res->nested != NULL)
		nested_tail(q, res);
	q->prepare = 1;
	return q->sql.oom ? -1 : 0;
}

/* The parameters of a write: $1 and each prop but the RMI_P_CHECK ones. */
static int
write_params(const struct rmi_write *wr)
{
	size_t	 i;
	int	 n = 1;

	for (i = 0; i < wr->nprops; i++)
		if (!(wr->props[i].flags & RMI_P_CHECK))
			n++;
	return n;
}

int
rmi_sql_check(const struct rmi_resource *res, char *why, size_t whysz)
{
	const struct rmi_write	*wr[2] = { res->create, res->replace };
	size_t			 i, filters = 0;
	int			 n = 2, most, w;

	if (res->nargs > RMI_MAX_ARGS) {
		snprintf(why, whysz, "%s: %zu args, at most %d",
		    res->collection, res->nargs, RMI_MAX_ARGS);
		return -1;
	}
	for (i = 0; i < res->nargs; i++)
		if (!(res->args[i].flags & RMI_A_LOCAL))
			n++;
	for (i = 0; i < res->nfields; i++)
		if (!(res->fields[i].flags & RMI_F_NOFILTER))
			filters++;
	/* A list: its filters (one parameter each), limit and offset. */
	most = n + (int)(filters < RMI_MAX_FILTERS ? filters :
	    RMI_MAX_FILTERS) + 2;
	for (i = 0; i < 2; i++) {
		if (wr[i] == NULL)
			continue;
		if (wr[i]->nprops > RMI_MAX_PROPS) {
			snprintf(why, whysz, "%s: a write of %zu props, at most "
			    "%d", res->collection, wr[i]->nprops,
			    RMI_MAX_PROPS);
			return -1;
		}
		if ((w = write_params(wr[i])) > most)
			most = w;
	}
	if (most > RMI_MAX_PARAMS) {
		snprintf(why, whysz, "%s: %d parameters, at most %d",
		    res->collection, most, RMI_MAX_PARAMS);
		return -1;
	}
	if (res->parent != NULL && rmi_sql_check(res->parent, why, whysz) == -1)
		return -1;
	return most;
}
