/* handlers.c: the generic GET handlers every resource table gets for free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "args.h"
#include "db.h"
#include "listquery.h"
#include "sqlbuild.h"
#include "wire.h"
#include "writer.h"

/* What the row callback needs to write one row. */
struct row_ctx {
	struct rmi_ctx			*ctx;
	const struct rmi_resource	*res;
	struct rmi_writer		*w;
	const char			*root;	/* element of a single entity */
	unsigned int			 view;	/* RMI_F_VIEW* groups shown */
	int				 wrap;	/* write the nested wrapper */
	/* With a nested collection: the parent whose children are coming. */
	int				 open;
	char				 parent[128];
};

static const char *
content_type(enum rmi_format fmt)
{
	return fmt == RMI_FMT_XML ? "application/xml; charset=UTF-8" :
	    "application/json";
}

/* Writes fields[] from the row's columns first.., omitting NULL ones. */
static int
write_fields(struct row_ctx *rc, const struct rmi_field *fields, size_t n,
    const PGresult *row, int first)
{
	char		 t[RMI_WIRE_TIME_MAX];
	const char	*v;
	size_t		 i, len;
	int		 tlen;

	for (i = 0; i < n; i++) {
		if ((fields[i].flags & RMI_F_HIDDEN) ||
		    ((fields[i].flags & RMI_F_VIEWS) &&
		    !(fields[i].flags & rc->view)))
			continue;
		/* libpq gives a NULL as an empty value: only then ask which. */
		len = (size_t)PQgetlength(row, 0, first + (int)i);
		if (len == 0 && PQgetisnull(row, 0, first + (int)i))
			continue;
		v = PQgetvalue(row, 0, first + (int)i);
		/*
		 * Datetimes come as timestamptz text (sqlbuild.c): formatting
		 * them here costs the backend, the usual limit, nothing.
		 */
		if (fields[i].type == RMI_T_DATETIME) {
			if ((tlen = rmi_wire_time(v, t)) == -1)
				continue;
			v = t;
			len = (size_t)tlen;
		}
		if (rmi_writer_field_len(rc->w, fields[i].name, fields[i].type,
		    v, len) == -1)
			return -1;
	}
	return 0;
}

/* Ends the open parent: its children's array, their wrapper, itself. */
static int
close_parent(struct row_ctx *rc)
{
	if (!rc->open)
		return 0;
	rc->open = 0;
	if (rc->wrap && (rmi_writer_end(rc->w) == -1 ||
	    rmi_writer_end(rc->w) == -1))
		return -1;
	if (rmi_writer_end(rc->w) == -1)
		return -1;
	rmi_response_drain(&rc->ctx->resp);
	return rc->ctx->resp.failed ? -1 : 0;
}

/*
 * A row of a resource with a nested collection: the parent's fields, its
 * id again (NULL without children), then one child's fields. Rows of one
 * parent come together; a new parent id closes the previous one.
 */
static int
write_nested_row(struct row_ctx *rc, const PGresult *row)
{
	const struct rmi_resource	*res = rc->res;
	const struct rmi_nested		*n = res->nested;
	const char			*id;
	int				 nf = (int)res->nfields;

	id = PQgetvalue(row, 0, (int)(rmi_resource_id(res) - res->fields));
	if (!rc->open || strcmp(rc->parent, id) != 0) {
		if (close_parent(rc) == -1 ||
		    rmi_writer_object_begin(rc->w, rc->root) == -1 ||
		    write_fields(rc, res->fields, res->nfields, row, 0) == -1)
			return -1;
		if (rc->wrap && (rmi_writer_object_begin(rc->w,
		    n->wrapper) == -1 ||
		    rmi_writer_array_begin(rc->w, n->item) == -1))
			return -1;
		snprintf(rc->parent, sizeof(rc->parent), "%s", id);
		rc->open = 1;
	}
	if (!rc->wrap || PQgetisnull(row, 0, nf))
		return 0;
	if (rmi_writer_object_begin(rc->w, NULL) == -1 ||
	    write_fields(rc, n->fields, n->nfields, row, nf + 1) == -1 ||
	    rmi_writer_end(rc->w) == -1)
		return -1;
	return 0;
}

/* Writes one row as an object, omitting NULL (optional) fields. */
static int
write_row(void *arg, const PGresult *row)
{
	struct row_ctx	*rc = arg;

	if (rc->res->nested != NULL)
		return write_nested_row(rc, row);
	if (rmi_writer_object_begin(rc->w, rc->root) == -1 ||
	    write_fields(rc, rc->res->fields, rc->res->nfields, row, 0) == -1 ||
	    rmi_writer_end(rc->w) == -1)
		return -1;
	rmi_response_drain(&rc->ctx->resp);
	return rc->ctx->resp.failed ? -1 : 0;
}

/* What the request's view shows: field groups, and the nested wrapper. */
static void
set_view(struct row_ctx *rc, char *const args[RMI_MAX_ARGS])
{
	const struct rmi_nested	*n = rc->res->nested;

	rc->view = rmi_resource_view(rc->res, args);
	rc->wrap = n != NULL && (n->view == 0 || (n->view & rc->view));
}

/*
 * The ICU collation for a LOCALE-xx tag, from pg_collation (so the name
 * put into SQL comes from the database, never from the request).
 */
static enum rmi_err
collation(struct rmi_request *req, const char *tag, char *out, size_t outsz)
{
	struct rmi_query	 q;
	PGresult		*res = NULL;
	enum rmi_err		 err;

	rmi_query_init(&q);
	rmi_buf_puts(&q.sql, "SELECT collname FROM pg_collation "
	    "WHERE collprovider = 'i' AND collname = $1 || '-x-icu' "
	    "AND collencoding IN (-1, pg_char_to_encoding('UTF8')) LIMIT 1");
	q.prepare = 1;
	if (rmi_query_param(&q, tag) == -1) {
		rmi_query_free(&q);
		return RMI_EINTERNAL;
	}
	if ((err = rmi_db_exec(&q, &res)) == RMI_OK) {
		if (PQntuples(res) == 1)
			snprintf(out, outsz, "%s", PQgetvalue(res, 0, 0));
		else
			err = rmi_fail(req, RMI_EBADREQ,
			    "Invalid locale: '%s' (no such collation)", tag);
	}
	PQclear(res);
	rmi_query_free(&q);
	return err;
}

/*
 * For a list below an entity: 404 unless the parent {id} exists and is
 * visible to the user (an empty list would hide the difference).
 */
static enum rmi_err
check_parent(struct rmi_ctx *ctx, const struct rmi_resource *parent)
{
	struct rmi_query	 q;
	struct rmi_sqlctx	 sc = { ctx->req.user_id, ctx->req.language, NULL };
	char			*none[RMI_MAX_ARGS] = { NULL };
	PGresult		*res = NULL;
	enum rmi_err		 err;

	sc.args = none;
	rmi_query_init(&q);
	if (rmi_sql_get(&q, parent, ctx->req.capture[0], &sc) == -1)
		err = RMI_EINTERNAL;
	else if ((err = rmi_db_exec(&q, &res)) == RMI_OK &&
	    PQntuples(res) == 0)
		err = RMI_ENOTFOUND;
	PQclear(res);
	rmi_query_free(&q);
	return err;
}

enum rmi_err
rmi_handle_list(struct rmi_ctx *ctx)
{
	const struct rmi_resource	*res = ctx->route->resource;
	struct rmi_listquery		 lq;
	struct rmi_query		 q;
	struct rmi_sqlctx		 sc;
	struct row_ctx			 rc = { ctx, res, NULL, NULL, 0, 0, 0,
	    "" };
	char				*args[RMI_MAX_ARGS] = { NULL };
	char				 coll[80];
	long long			 n;
	enum rmi_err			 err;

	rmi_query_init(&q);
	if ((err = rmi_listquery_parse(&lq, res, &ctx->req)) != RMI_OK ||
	    (err = rmi_args_parse(res, &ctx->req, args)) != RMI_OK)
		goto out;
	if (lq.locale[0] != '\0' && (err = collation(&ctx->req, lq.locale,
	    coll, sizeof(coll))) != RMI_OK)
		goto out;
	if (res->parent != NULL && (err = check_parent(ctx,
	    res->parent)) != RMI_OK)
		goto out;
	sc.user_id = ctx->req.user_id;
	sc.language = ctx->req.language;
	sc.args = args;
	set_view(&rc, args);
	if (rmi_sql_list(&q, res, &lq, lq.locale[0] ? coll : NULL, &sc) == -1 ||
	    (rc.w = rmi_writer_new(ctx->req.format, &ctx->resp.body)) == NULL) {
		err = RMI_EINTERNAL;
		goto out;
	}
	rmi_response_start(&ctx->resp, 200, content_type(ctx->req.format));
	if (rmi_writer_list_begin(rc.w, res->collection, res->item) == -1) {
		err = RMI_EINTERNAL;
		goto out;
	}
	if ((err = rmi_db_stream(&q, write_row, &rc, &n)) != RMI_OK)
		goto out;
	if (close_parent(&rc) == -1 || rmi_writer_end(rc.w) == -1 ||
	    rmi_writer_finish(rc.w) == -1)
		err = RMI_EINTERNAL;
out:
	rmi_writer_free(rc.w);
	rmi_query_free(&q);
	rmi_listquery_free(&lq);
	rmi_args_free(args);
	return err;
}

enum rmi_err
rmi_handle_get(struct rmi_ctx *ctx)
{
	const struct rmi_resource	*res = ctx->route->resource;
	const struct rmi_field		*idf = rmi_resource_id(res);
	/* The entity's id is the last {segment}; earlier ones are parents'. */
	const char			*id = ctx->req.ncapture > 0 ?
	    ctx->req.capture[ctx->req.ncapture - 1] : "";
	struct rmi_query		 q;
	struct rmi_sqlctx		 sc;
	struct row_ctx			 rc = { ctx, res, NULL, res->item, 0, 0,
	    0, "" };
	char				*args[RMI_MAX_ARGS] = { NULL };
	long long			 n = 0;
	enum rmi_err			 err;

	if (idf->type == RMI_T_GUID && !rmi_field_guid_ok(idf, id))
		return rmi_fail(&ctx->req, RMI_EBADREQ, "Invalid GUID: '%.100s'",
		    id);
	if (res->idformat != NULL && !res->idformat->valid(id))
		return rmi_fail(&ctx->req, RMI_EBADREQ, "Invalid id: '%.100s'",
		    id);
	rmi_query_init(&q);
	if ((err = rmi_args_parse(res, &ctx->req, args)) != RMI_OK)
		goto out;
	sc.user_id = ctx->req.user_id;
	sc.language = ctx->req.language;
	sc.args = args;
	set_view(&rc, args);
	if (rmi_sql_get(&q, res, id, &sc) == -1 ||
	    (rc.w = rmi_writer_new(ctx->req.format, &ctx->resp.body)) == NULL) {
		err = RMI_EINTERNAL;
		goto out;
	}
	rmi_response_start(&ctx->resp, 200, content_type(ctx->req.format));
	if ((err = rmi_db_stream(&q, write_row, &rc, &n)) != RMI_OK)
		goto out;
	if (n == 0)
		err = RMI_ENOTFOUND;
	else if (close_parent(&rc) == -1 || rmi_writer_finish(rc.w) == -1)
		err = RMI_EINTERNAL;
out:
	rmi_writer_free(rc.w);
	rmi_query_free(&q);
	rmi_args_free(args);
	return err;
}
