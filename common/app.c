/* app.c: one request from CGI variables to response: route, check, dispatch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "body.h"
#include "cors.h"
#include "db.h"
#include "text.h"

#define DEFAULT_PREFIX "/RI/rmi"

int
rmi_route_match(const char *pattern, struct rmi_request *req)
{
	const char	*p = pattern, *end;
	size_t		 i = 0, len;

	req->ncapture = 0;
	while (*p == '/')
		p++;
	while (*p != '\0') {
		end = p + strcspn(p, "/");
		len = (size_t)(end - p);
		if (i == req->segc)
			return 0;
		if (p[0] == '{')
			req->capture[req->ncapture++] = req->segv[i];
		else if (strlen(req->segv[i]) != len ||
		    strncmp(req->segv[i], p, len) != 0)
			return 0;
		i++;
		for (p = end; *p == '/'; p++)
			continue;
	}
	return i == req->segc;
}

static void
allow_header(char *out, size_t outsz, unsigned int methods)
{
	static const struct {
		unsigned int	 m;
		const char	*name;
	} names[] = {
		{ RMI_M_GET, "GET" }, { RMI_M_HEAD, "HEAD" },
		{ RMI_M_POST, "POST" }, { RMI_M_PUT, "PUT" },
		{ RMI_M_DELETE, "DELETE" },
	};
	size_t	 i;

	out[0] = '\0';
	if (methods & RMI_M_GET)
		methods |= RMI_M_HEAD;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (methods & names[i].m) {
			if (out[0] != '\0')
				strncat(out, ", ", outsz - strlen(out) - 1);
			strncat(out, names[i].name, outsz - strlen(out) - 1);
		}
}

/*
 * Finds the route for the path and method: RMI_OK, 404 or 405. OPTIONS
 * is RMI_OK with no route (ctx->route NULL) and the path's methods in
 * ctx->resp.allow: it is answered from this table, by no handler.
 */
static enum rmi_err
route(const struct rmi_program *prog, struct rmi_ctx *ctx)
{
	unsigned int	 allowed = 0, m = ctx->req.method;
	size_t		 i;

	if (m == RMI_M_HEAD)
		m = RMI_M_GET;
	for (i = 0; i < prog->nroutes; i++) {
		if (!rmi_route_match(prog->routes[i].pattern, &ctx->req))
			continue;
		allowed |= prog->routes[i].methods;
		if (prog->routes[i].methods & m) {
			ctx->route = &prog->routes[i];
			return RMI_OK;
		}
	}
	if (allowed == 0)
		return RMI_ENOTFOUND;
	allow_header(ctx->resp.allow, sizeof(ctx->resp.allow), allowed);
	if (m == RMI_M_OPTIONS)
		return RMI_OK;
	return rmi_fail(&ctx->req, RMI_EMETHOD,
	    "HTTP 405 Method Not Allowed: allowed are %s", ctx->resp.allow);
}

/*
 * Identifies the signed-in user in the Monitoring Database and settles the
 * request's language: the parameter, else the user's uiLanguage, else none.
 */
static enum rmi_err
session(struct rmi_ctx *ctx)
{
	struct rmi_request	*req = &ctx->req;
	struct rmi_query	 q;
	PGresult		*res = NULL;
	enum rmi_err		 err;

	rmi_query_init(&q);
	rmi_buf_puts(&q.sql,
	    "SELECT user_id, ui_language FROM rmi_session($1)");
	q.prepare = 1;
	if (rmi_query_param(&q, req->remote_user) == -1 || q.sql.oom) {
		err = RMI_EINTERNAL;
		goto out;
	}
	if ((err = rmi_db_exec(&q, &res)) != RMI_OK)
		goto out;
	if (PQntuples(res) != 1) {
		err = rmi_fail(req, RMI_EFORBIDDEN, "HTTP 403 Forbidden: user "
		    "'%.100s' is not known to the Monitoring Database",
		    req->remote_user);
		goto out;
	}
	snprintf(req->user_id, sizeof(req->user_id), "%s",
	    PQgetvalue(res, 0, 0));
	if (req->language[0] == '\0' && !PQgetisnull(res, 0, 1))
		rmi_parse_language(PQgetvalue(res, 0, 1), req->language);
out:
	PQclear(res);
	rmi_query_free(&q);
	return err;
}

/*
 * Reads the body of a PUT or POST: refused with 413 beyond RMI_MAX_BODY
 * before reading anything, 400 when the client sends less than it announced.
 */
static enum rmi_err
read_body(struct rmi_request *req, FCGX_Stream *in)
{
	size_t	 want;
	int	 got;

	if (req->content_length <= 0)
		return RMI_OK;
	if (req->content_length > RMI_MAX_BODY)
		return rmi_fail(req, RMI_ETOOLARGE, "HTTP 413 Payload Too Large: "
		    "the body is %lld bytes, at most %d are accepted",
		    req->content_length, RMI_MAX_BODY);
	want = (size_t)req->content_length;
	if ((req->body = malloc(want + 1)) == NULL)
		return rmi_fail(req, RMI_EINTERNAL, "out of memory");
	got = in != NULL ? FCGX_GetStr(req->body, (int)want, in) : 0;
	if (got < 0 || (size_t)got != want)
		return rmi_fail(req, RMI_EBADREQ, "Invalid body: truncated "
		    "(%d of %zu bytes)", got < 0 ? 0 : got, want);
	req->body[want] = '\0';
	req->body_len = want;
	return RMI_OK;
}

/*
 * CORS on every answer to a browser origin in RMI_CORS_ORIGINS (errors
 * included, so that a page can read them); answers vary by Origin
 * whenever origins are configured. Set before anything is written: a
 * long list streams its headers out from the handler.
 */
static void
cors(struct rmi_ctx *ctx)
{
	struct rmi_request	*req = &ctx->req;

	if (req->cors_origins == NULL ||
	    req->cors_origins[strspn(req->cors_origins, " \t")] == '\0')
		return;
	ctx->resp.vary_origin = 1;
	if (rmi_origin_allowed(req->cors_origins, req->origin))
		ctx->resp.cors_origin = req->origin;
}

/*
 * A write a browser sent from a page of another site (a form posts
 * text/plain or urlencoded without a preflight, with the user's
 * credentials): only the server's own pages and the allowed origins may
 * write. Clients that send no Origin (scripts, curl) are not browsers'
 * cross-site requests. RMI_OK or 403.
 */
static enum rmi_err
cross_site(struct rmi_request *req)
{
	if (!(req->method & (RMI_M_PUT | RMI_M_POST | RMI_M_DELETE)) ||
	    req->origin == NULL ||
	    rmi_origin_same(req->origin, req->authority, req->https) ||
	    rmi_origin_allowed(req->cors_origins, req->origin))
		return RMI_OK;
	return rmi_fail(req, RMI_EFORBIDDEN, "HTTP 403 Forbidden: a write "
	    "from origin '%.100s', neither this server nor an allowed "
	    "origin", req->origin);
}

/* Everything checked before the handler runs, in the order clients see. */
static enum rmi_err
prepare(const struct rmi_program *prog, struct rmi_ctx *ctx, char **envp,
    FCGX_Stream *in)
{
	struct rmi_request	*req = &ctx->req;
	const char		*prefix = getenv("RMI_PREFIX"), *lang;
	enum rmi_err		 err;

	if (prefix == NULL || *prefix == '\0')
		prefix = DEFAULT_PREFIX;
	err = rmi_request_parse(req, envp, prefix);
	cors(ctx);
	if (err != RMI_OK)
		return err;
	if ((err = route(prog, ctx)) != RMI_OK) {
		/* A preflight to no route fails: no CORS header to it. */
		if (req->method == RMI_M_OPTIONS)
			ctx->resp.cors_origin = NULL;
		return err;
	}
	/* OPTIONS (a CORS preflight has no credentials): 204, never data. */
	if (ctx->route == NULL) {
		rmi_response_start(&ctx->resp, 204, "text/plain");
		ctx->resp.preflight = ctx->resp.cors_origin != NULL;
		return RMI_OK;
	}
	/* Monitoring asks without credentials; it answers no data. */
	if (ctx->route->handler == rmi_handle_health)
		return RMI_OK;
	if (req->remote_user == NULL)
		return RMI_EUNAUTH;
	if ((err = cross_site(req)) != RMI_OK)
		return err;
	if (req->method & (RMI_M_GET | RMI_M_HEAD) &&
	    (req->format = rmi_negotiate(req->accept)) == RMI_FMT_NONE)
		return RMI_ENOTACCEPTABLE;
	if (req->method & (RMI_M_PUT | RMI_M_POST) &&
	    (err = read_body(req, in)) != RMI_OK)
		return err;
	if ((lang = rmi_request_param(req, "language")) != NULL &&
	    rmi_parse_language(lang, req->language) == -1)
		return rmi_fail(req, RMI_EBADREQ, "Invalid language: '%.40s' "
		    "(a two-letter ISO 639 code)", lang);
	return session(ctx);
}

/*
 * The line an operator reads for a 500 or 503 (after the database's own
 * line with the SQLSTATE): program, method, the path below the prefix,
 * never the query string, whose values may be personal data.
 */
static void
log_failure(const struct rmi_program *prog, const struct rmi_request *req,
    const char *method, enum rmi_err err)
{
	char	 path[256];
	size_t	 i, n = 0;

	path[0] = '\0';
	for (i = 0; i < req->segc && n < sizeof(path); i++)
		n += snprintf(path + n, sizeof(path) - n, "/%s", req->segv[i]);
	fprintf(stderr, "%s: %s %s%s answered %d\n", prog->name,
	    method != NULL ? method : "?", req->prefix != NULL ? req->prefix :
	    "", path, rmi_err_status(err));
}

void
rmi_serve(const struct rmi_program *prog, struct rmi_ctx *ctx, char **envp,
    FCGX_Stream *in, FCGX_Stream *out)
{
	enum rmi_err	 err;
	const char	*m;

	memset(ctx, 0, sizeof(*ctx));
	m = NULL;
	for (char **e = envp; e != NULL && *e != NULL; e++)
		if (strncmp(*e, "REQUEST_METHOD=", 15) == 0)
			m = *e + 15;
	rmi_response_init(&ctx->resp, out, m != NULL && strcmp(m, "HEAD") == 0);
	if ((err = prepare(prog, ctx, envp, in)) == RMI_OK &&
	    ctx->route != NULL)
		err = ctx->route->handler(ctx);
	if (err != RMI_OK) {
		if (err == RMI_EINTERNAL || err == RMI_EUNAVAIL)
			log_failure(prog, &ctx->req, m, err);
		if (rmi_response_error(&ctx->resp, err, ctx->req.errmsg) == -1) {
			/* Headers are out: all we can do is cut the body. */
			fprintf(stderr, "%s: error after the response "
			    "started; output truncated\n", prog->name);
			ctx->resp.failed = 1;
			return;
		}
	}
	rmi_response_end(&ctx->resp);
}

void
rmi_ctx_free(struct rmi_ctx *ctx)
{
	rmi_request_free(&ctx->req);
	rmi_response_free(&ctx->resp);
}
