/* handlers.c: the generic GET handlers every resource table gets for free. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "args.h"
#include "db.h"
#include "listquery.h"
#include "sqlbuild.h"
#include "text.h"
#include "writer.h"

/* What the row callback needs to write one row. */
struct row_ctx {
	struct rmi_ctx			*ctx;
	const struct rmi_resource	*res;
	struct rmi_writer		*w;
	const char			*root;	/* element of a single entity */
};

static const char *
content_type(enum rmi_format fmt)
{
	return fmt == RMI_FMT_XML ? "application/xml; charset=UTF-8" :
	    "application/json";
}

/* Writes one row as an object, omitting NULL (optional) fields. */
static int
write_row(void *arg, const PGresult *row)
{
	struct row_ctx			*rc = arg;
	const struct rmi_resource	*res = rc->res;
	size_t				 i;

	if (rmi_writer_object_begin(rc->w, rc->root) == -1)
		return -1;
	for (i = 0; i < res->nfields; i++) {
		if (PQgetisnull(row, 0, (int)i))
			continue;
		if (rmi_writer_field(rc->w, res->fields[i].name,
		    res->fields[i].type, PQgetvalue(row, 0, (int)i)) == -1)
			return -1;
	}
	if (rmi_writer_end(rc->w) == -1)
		return -1;
	rmi_response_drain(&rc->ctx->resp);
	return rc->ctx->resp.failed ? -1 : 0;
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
	struct row_ctx			 rc = { ctx, res, NULL, NULL };
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
	if (rmi_writer_end(rc.w) == -1 || rmi_writer_finish(rc.w) == -1)
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
	const char			*id = ctx->req.capture[0];
	struct rmi_query		 q;
	struct rmi_sqlctx		 sc;
	struct row_ctx			 rc = { ctx, res, NULL, res->item };
	char				*args[RMI_MAX_ARGS] = { NULL };
	long long			 n = 0;
	enum rmi_err			 err;

	if (idf->type == RMI_T_GUID && !rmi_guid_valid(id))
		return rmi_fail(&ctx->req, RMI_EBADREQ, "Invalid GUID: '%.100s'",
		    id);
	rmi_query_init(&q);
	if ((err = rmi_args_parse(res, &ctx->req, args)) != RMI_OK)
		goto out;
	sc.user_id = ctx->req.user_id;
	sc.language = ctx->req.language;
	sc.args = args;
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
	else if (rmi_writer_finish(rc.w) == -1)
		err = RMI_EINTERNAL;
out:
	rmi_writer_free(rc.w);
	rmi_query_free(&q);
	rmi_args_free(args);
	return err;
}
