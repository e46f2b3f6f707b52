/* sqlbuild.c: build parameterized SQL from resource tables (see sqlbuild.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlbuild.h"

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

/* The field as its text appears on the wire (what filters match). */
static void
wire_text(struct rmi_buf *b, const struct rmi_field *f)
{
	switch (f->type) {
	case RMI_T_INT:
		rmi_buf_printf(b, "(%s)::text", f->sql);
		break;
	case RMI_T_BOOL:
		rmi_buf_printf(b, "CASE WHEN %s THEN 'true' "
		    "WHEN NOT %s THEN 'false' END", f->sql, f->sql);
		break;
	case RMI_T_DATETIME:
		rmi_buf_printf(b, "to_char((%s) AT TIME ZONE 'UTC', "
		    "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')", f->sql);
		break;
	default:
		rmi_buf_printf(b, "(%s)", f->sql);
	}
}

static void
select_from(struct rmi_query *q, const struct rmi_resource *res)
{
	size_t	 i;

	rmi_buf_puts(&q->sql, "SELECT ");
	for (i = 0; i < res->nfields; i++) {
		if (i > 0)
			rmi_buf_puts(&q->sql, ", ");
		if (res->fields[i].type == RMI_T_DATETIME)
			wire_text(&q->sql, &res->fields[i]);
		else
			rmi_buf_puts(&q->sql, res->fields[i].sql);
	}
	rmi_buf_printf(&q->sql, " FROM %s r", res->from);
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
		if (rmi_query_param(q, ctx->args != NULL ? ctx->args[i] :
		    NULL) == -1)
			return -1;
	return 0;
}

int
rmi_sql_list(struct rmi_query *q, const struct rmi_resource *res,
    const struct rmi_listquery *lq, const char *collation,
    const struct rmi_sqlctx *ctx)
{
	const struct rmi_field	*f, *id = rmi_resource_id(res);
	size_t			 i;
	int			 n, tie = 1;

	if (session_params(q, res, ctx) == -1)
		return -1;
	select_from(q, res);
	for (i = 0; i < lq->nfilters; i++) {
		f = lq->filters[i].field;
		if ((n = rmi_query_param(q, lq->filters[i].value)) == -1)
			return -1;
		rmi_buf_puts(&q->sql, i == 0 ? " WHERE " : " AND ");
		if (f->flags & RMI_F_LIST)
			rmi_buf_printf(&q->sql, "(%s) = ANY($%d::text[])",
			    f->sql, n);
		else {
			wire_text(&q->sql, f);
			rmi_buf_printf(&q->sql, " ILIKE $%d", n);
		}
	}
	for (i = 0; i < lq->nsort; i++) {
		f = lq->sort[i].field;
		rmi_buf_puts(&q->sql, i == 0 ? " ORDER BY " : ", ");
		rmi_buf_printf(&q->sql, "(%s)", f->sql);
		if (f->type == RMI_T_STRING || f->type == RMI_T_ENUM) {
			rmi_buf_puts(&q->sql, " COLLATE ");
			rmi_sql_ident(&q->sql, collation != NULL ? collation :
			    DEFAULT_COLLATION);
		}
		if (lq->sort[i].desc)
			rmi_buf_puts(&q->sql, " DESC");
		if (f == id)
			tie = 0;
	}
	/* A total order, so that paging never repeats or skips a row. */
	if (res->tiebreak != NULL)
		rmi_buf_printf(&q->sql, "%s%s", lq->nsort ? ", " : " ORDER BY ",
		    res->tiebreak);
	else if (tie)
		rmi_buf_printf(&q->sql, "%s(%s)", lq->nsort ? ", " :
		    " ORDER BY ", id->sql);
	n = lq->limit < 0 ? rmi_query_param(q, NULL) : param_int(q, lq->limit);
	if (n == -1)
		return -1;
	rmi_buf_printf(&q->sql, " LIMIT $%d", n);
	if ((n = param_int(q, lq->offset)) == -1)
		return -1;
	rmi_buf_printf(&q->sql, " OFFSET $%d", n);
	return q->sql.oom ? -1 : 0;
}

int
rmi_sql_get(struct rmi_query *q, const struct rmi_resource *res,
    const char *idval, const struct rmi_sqlctx *ctx)
{
	const struct rmi_field	*id = rmi_resource_id(res);
	int			 n;

	if (session_params(q, res, ctx) == -1)
		return -1;
	select_from(q, res);
	if ((n = rmi_query_param(q, idval)) == -1)
		return -1;
	rmi_buf_printf(&q->sql, " WHERE (%s) = $%d", id->sql, n);
	return q->sql.oom ? -1 : 0;
}
