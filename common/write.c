/* write.c: generic POST and PUT from a resource's write descriptions. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "body.h"
#include "db.h"
#include "sqlbuild.h"
#include "text.h"

#ifndef RMI_TEMPLATEDIR
#define RMI_TEMPLATEDIR "templates"
#endif

/* Checks one property value; writes its SQL form to out (owned). */
static enum rmi_err
check_prop(struct rmi_request *req, const struct rmi_prop *p, const char *v,
    char **out)
{
	const char *const	*e;
	char			 lang[3];
	size_t			 i, n = strlen(v);
	long long		 l;

	switch (p->type) {
	case RMI_P_KEY:
		for (i = 0; i < n; i++)
			if (!isalnum((unsigned char)v[i]) &&
			    strchr("_.-", v[i]) == NULL)
				break;
		if (n == 0 || n > p->maxlen || i < n)
			return rmi_fail(req, RMI_EBADREQ, "Invalid %s: '%.64s' "
			    "(1 to %zu of A-Z a-z 0-9 _ . -)", p->name, v,
			    p->maxlen);
		*out = strdup(v);
		break;
	case RMI_P_STRING:
		if (n > p->maxlen)
			return rmi_fail(req, RMI_EBADREQ, "Invalid %s: %zu bytes, "
			    "at most %zu", p->name, n, p->maxlen);
		*out = strdup(v);
		break;
	case RMI_P_LANGUAGE:
		if (n == 0)
			*out = strdup("");
		else if (rmi_parse_language(v, lang) == 0)
			*out = strdup(lang);
		else
			return rmi_fail(req, RMI_EBADREQ, "Invalid %s: '%.40s' "
			    "(a two-letter ISO 639 code or empty)", p->name, v);
		break;
	case RMI_P_BOOL:
		if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
			return rmi_fail(req, RMI_EBADREQ, "Invalid %s: '%.40s' "
			    "(true or false)", p->name, v);
		*out = strdup(v);
		break;
	case RMI_P_ENUM:
		for (e = p->values; e != NULL && *e != NULL; e++)
			if (strcasecmp(*e, v) == 0)
				break;
		if (e == NULL || *e == NULL)
			return rmi_fail(req, RMI_EBADREQ, "Invalid %s: '%.40s'",
			    p->name, v);
		*out = strdup(*e);
		break;
	case RMI_P_GUID:
		if (!rmi_guid_valid(v))
			return rmi_fail(req, RMI_EBADREQ, "Invalid GUID: "
			    "'%.100s'", v);
		*out = strdup(v);
		break;
	case RMI_P_INT:
		if (rmi_parse_int(v, INT32_MIN, INT32_MAX, &l) == -1)
			return rmi_fail(req, RMI_EBADREQ, "Invalid %s: '%.40s' "
			    "(an integer)", p->name, v);
		*out = strdup(v);
		break;
	}
	return *out == NULL ? rmi_fail(req, RMI_EINTERNAL, "out of memory") :
	    RMI_OK;
}

/*
 * What p's JSON value may have been written as: strings for text, true or
 * false for booleans, integers for integers. XML text stands for any type
 * (it is checked as text by check_prop). A JSON 12 for a string is refused
 * rather than coerced, naming the property.
 */
static enum rmi_err
check_kind(struct rmi_request *req, const struct rmi_prop *p,
    enum rmi_bodykind kind)
{
	const char	*want;

	if (kind == RMI_B_TEXT)
		return RMI_OK;
	switch (p->type) {
	case RMI_P_BOOL:
		if (kind == RMI_B_BOOL)
			return RMI_OK;
		want = "true or false";
		break;
	case RMI_P_INT:
		if (kind == RMI_B_INT)
			return RMI_OK;
		want = "an integer";
		break;
	default:
		if (kind == RMI_B_STRING)
			return RMI_OK;
		want = "a string";
	}
	return rmi_fail(req, RMI_EBADREQ, "Invalid body: property '%s' must be "
	    "%s", p->name, want);
}

/*
 * The value of prop p: a {segment} for RMI_P_CAPTURE, and for RMI_P_PATHID
 * when the URL has one left, else the body's, of the JSON type p takes. A
 * body that names another id than the URL's (either kind) is refused.
 * *seg counts the segments consumed.
 */
static enum rmi_err
prop_value(struct rmi_request *req, const struct rmi_prop *p,
    const struct rmi_body *body, size_t *seg, const char **v)
{
	const struct rmi_bodyprop	*bp = rmi_body_prop(body, p->name);
	const char			*path = NULL;
	enum rmi_err			 err;

	if ((p->flags & (RMI_P_CAPTURE | RMI_P_PATHID)) &&
	    *seg < req->ncapture)
		path = req->capture[(*seg)++];
	if (path == NULL && (p->flags & RMI_P_CAPTURE))
		bp = NULL;	/* no segment (a bad table): never the body */
	if (bp != NULL && (err = check_kind(req, p, bp->kind)) != RMI_OK)
		return err;
	*v = bp != NULL ? bp->value : NULL;
	if (path != NULL) {
		if (*v != NULL && strcmp(*v, path) != 0)
			return rmi_fail(req, RMI_EBADREQ, "Invalid body: "
			    "%s '%.64s' is not the one in the URL", p->name, *v);
		*v = path;
	}
	return RMI_OK;
}

/*
 * Must the body carry p? RMI_P_REQUIRED ones always. A PUT replaces the
 * whole entity ("Provide all properties"), so there every property that
 * reaches SQL must be given, or a client that leaves one out would empty
 * it; read-only ones (RMI_P_CHECK) and the URL's ids are not asked for.
 */
static int
prop_needed(const struct rmi_prop *p, int replace)
{
	if (p->flags & RMI_P_REQUIRED)
		return 1;
	return replace && !(p->flags & (RMI_P_CHECK | RMI_P_CAPTURE));
}

/* Builds the write's statement from the URL's {segments} and the body. */
static enum rmi_err
build(struct rmi_ctx *ctx, const struct rmi_write *wr, int replace,
    struct rmi_query *q)
{
	struct rmi_request	*req = &ctx->req;
	struct rmi_body		 body;
	const struct rmi_prop	*p;
	const char		*v;
	char			*val;
	enum rmi_err		 err;
	size_t			 i, seg = 0;

	if (req->body == NULL)
		return rmi_fail(req, RMI_EBADREQ, "Invalid body: none sent");
	if ((err = rmi_body_parse(req, req->content_type, req->body,
	    req->body_len, &body)) != RMI_OK)
		goto out;
	if (rmi_query_param(q, req->user_id) == -1) {
		err = RMI_EINTERNAL;
		goto out;
	}
	for (i = 0; i < wr->nprops; i++) {
		p = &wr->props[i];
		if ((err = prop_value(req, p, &body, &seg, &v)) != RMI_OK)
			goto out;
		if (v == NULL) {
			if (prop_needed(p, replace)) {
				err = rmi_fail(req, RMI_EBADREQ, "Invalid body: "
				    "missing property '%s'", p->name);
				goto out;
			}
			if (!(p->flags & RMI_P_CHECK) &&
			    rmi_query_param(q, NULL) == -1) {
				err = RMI_EINTERNAL;
				goto out;
			}
			continue;
		}
		val = NULL;
		if ((err = check_prop(req, p, v, &val)) != RMI_OK)
			goto out;
		if (!(p->flags & RMI_P_CHECK) && rmi_query_param(q, val) == -1)
			err = RMI_EINTERNAL;
		free(val);
		if (err != RMI_OK)
			goto out;
	}
	rmi_buf_puts(&q->sql, wr->sql);
	err = q->sql.oom ? RMI_EINTERNAL : RMI_OK;
out:
	rmi_body_free(&body);
	return err;
}

/* Runs the write; RMI_OK with the written id in id[], or why not. */
static enum rmi_err
run(struct rmi_ctx *ctx, const struct rmi_write *wr, int replace, char *id,
    size_t idsz)
{
	struct rmi_query	 q;
	PGresult		*res = NULL;
	enum rmi_err		 err;
	char			 msg[256];

	rmi_query_init(&q);
	if ((err = build(ctx, wr, replace, &q)) == RMI_OK) {
		err = rmi_db_write(&q, &res, msg, sizeof(msg));
		if (err == RMI_OK && PQntuples(res) == 0)
			err = wr->none;
		else if (err == RMI_OK)
			snprintf(id, idsz, "%s", PQgetvalue(res, 0, 0));
		else if (msg[0] != '\0' && err == RMI_EUNAVAIL)
			rmi_fail(&ctx->req, err, "HTTP %d %s: %s",
			    rmi_err_status(err), rmi_err_reason(err), msg);
		else if (msg[0] != '\0' && err != RMI_ENOTFOUND)
			rmi_fail(&ctx->req, err, "%s: %s", rmi_err_message(err),
			    msg);
	}
	PQclear(res);
	rmi_query_free(&q);
	return err;
}

/* The created-answer template with @ID@ replaced by the HTML-escaped id. */
static int
render_created(struct rmi_buf *out, const char *id)
{
	const char	*dir = getenv("RMI_TEMPLATES");
	char		 path[1024], tpl[4096], *at;
	size_t		 n;
	FILE		*f;

	snprintf(path, sizeof(path), "%s/created.html",
	    dir != NULL && *dir != '\0' ? dir : RMI_TEMPLATEDIR);
	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "rmi: %s: %s\n", path, strerror(errno));
		return -1;
	}
	n = fread(tpl, 1, sizeof(tpl) - 1, f);
	fclose(f);
	tpl[n] = '\0';
	if ((at = strstr(tpl, "@ID@")) == NULL)
		return rmi_buf_puts(out, tpl);
	rmi_buf_put(out, tpl, (size_t)(at - tpl));
	for (; *id != '\0'; id++)
		switch (*id) {
		case '<': rmi_buf_puts(out, "&lt;"); break;
		case '>': rmi_buf_puts(out, "&gt;"); break;
		case '&': rmi_buf_puts(out, "&amp;"); break;
		case '"': rmi_buf_puts(out, "&quot;"); break;
		default: rmi_buf_putc(out, *id);
		}
	rmi_buf_puts(out, at + 4);
	return out->oom ? -1 : 0;
}

enum rmi_err
rmi_handle_post(struct rmi_ctx *ctx)
{
	const struct rmi_resource	*res = ctx->route->resource;
	struct rmi_request		*req = &ctx->req;
	struct rmi_buf			 loc;
	char				 id[256];
	enum rmi_err			 err;

	if ((err = run(ctx, res->create, 0, id, sizeof(id))) != RMI_OK) {
		if (err == RMI_ECONFLICT && req->errmsg[0] == '\0')
			rmi_fail(req, err, "HTTP 409 Conflict: %s exists already",
			    res->item);
		return err;
	}
	rmi_buf_init(&loc);
	if (req->host != NULL)
		rmi_buf_printf(&loc, "%s://%s", req->https ? "https" : "http",
		    req->host);
	rmi_buf_printf(&loc, "%s/%s/%s", req->prefix, res->collection, id);
	if (loc.oom || render_created(&ctx->resp.body, id) == -1) {
		rmi_buf_free(&loc);
		return RMI_EINTERNAL;
	}
	ctx->resp.location = loc.data;	/* the response frees it */
	rmi_response_start(&ctx->resp, 201, "text/html; charset=UTF-8");
	return RMI_OK;
}

enum rmi_err
rmi_handle_put(struct rmi_ctx *ctx)
{
	const struct rmi_resource	*res = ctx->route->resource;
	char				 id[256];
	enum rmi_err			 err;

	if ((err = run(ctx, res->replace, 1, id, sizeof(id))) != RMI_OK)
		return err;
	rmi_response_start(&ctx->resp, 204, NULL);
	return RMI_OK;
}
