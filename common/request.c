/* request.c: parse the CGI variables of a FastCGI request (see request.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "request.h"
#include "text.h"

static const char *
getenv_in(char **envp, const char *name)
{
	size_t	 n = strlen(name);

	for (; envp != NULL && *envp != NULL; envp++)
		if (strncmp(*envp, name, n) == 0 && (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

static char *
dup_or_null(const char *s)
{
	return s == NULL ? NULL : strdup(s);
}

enum rmi_err
rmi_fail(struct rmi_request *req, enum rmi_err err, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(req->errmsg, sizeof(req->errmsg), fmt, ap);
	va_end(ap);
	return err;
}

/*
 * Sets req->authority, the host and port the request was sent to: Host as
 * the client sent it, else the server's name and port. Returns 0 or -1.
 */
static int
authority(struct rmi_request *req, char **envp)
{
	const char	*name = getenv_in(envp, "SERVER_NAME");
	const char	*port = getenv_in(envp, "SERVER_PORT");
	size_t		 n;

	if (req->host != NULL && *req->host != '\0')
		return (req->authority = strdup(req->host)) == NULL ? -1 : 0;
	if (name == NULL || *name == '\0')
		return 0;
	n = strlen(name) + (port != NULL ? strlen(port) : 0) + 2;
	if ((req->authority = malloc(n)) == NULL)
		return -1;
	snprintf(req->authority, n, "%s%s%s", name, port != NULL &&
	    *port != '\0' ? ":" : "", port != NULL ? port : "");
	return 0;
}

static enum rmi_method
parse_method(const char *m)
{
	static const struct {
		const char	*name;
		enum rmi_method	 m;
	} methods[] = {
		{ "GET", RMI_M_GET }, { "HEAD", RMI_M_HEAD },
		{ "PUT", RMI_M_PUT }, { "POST", RMI_M_POST },
		{ "DELETE", RMI_M_DELETE }, { "OPTIONS", RMI_M_OPTIONS },
	};
	size_t	 i;

	for (i = 0; m != NULL && i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(m, methods[i].name) == 0)
			return methods[i].m;
	return RMI_M_OTHER;
}

/* Splits the path (after the prefix) into decoded, non-empty segments. */
static enum rmi_err
parse_path(struct rmi_request *req, const char *p, size_t n)
{
	size_t	 i = 0, start;
	int	 oom;

	while (i < n) {
		while (i < n && p[i] == '/')
			i++;
		if (i == n)
			break;
		start = i;
		while (i < n && p[i] != '/')
			i++;
		if (req->segc == RMI_MAX_SEGMENTS)
			return rmi_fail(req, RMI_ENOTFOUND, "%s",
			    rmi_err_message(RMI_ENOTFOUND));
		req->segv[req->segc] = rmi_pct_decode(p + start, i - start, 0,
		    &oom);
		if (req->segv[req->segc] == NULL)
			return oom ? rmi_fail(req, RMI_EINTERNAL, "out of memory") :
			    rmi_fail(req, RMI_EBADREQ,
			    "Invalid URL: bad percent-encoding or UTF-8 in the path");
		req->segc++;
	}
	return RMI_OK;
}

static enum rmi_err
parse_query(struct rmi_request *req, const char *q)
{
	const char		*amp, *eq, *end;
	struct rmi_param	*pv;
	size_t			 count = 1;
	int			 oom = 0;

	for (end = q; *end != '\0'; end++)
		if (*end == '&')
			count++;
	if ((req->params = calloc(count, sizeof(*req->params))) == NULL)
		return rmi_fail(req, RMI_EINTERNAL, "out of memory");
	for (; *q != '\0'; q = *amp ? amp + 1 : amp) {
		if ((amp = strchr(q, '&')) == NULL)
			amp = q + strlen(q);
		if (amp == q)
			continue;
		eq = memchr(q, '=', (size_t)(amp - q));
		pv = &req->params[req->nparams];
		pv->name = rmi_pct_decode(q, (size_t)((eq ? eq : amp) - q), 1,
		    &oom);
		if (pv->name != NULL)
			pv->value = eq ? rmi_pct_decode(eq + 1,
			    (size_t)(amp - eq - 1), 1, &oom) : strdup("");
		if (pv->name == NULL || pv->value == NULL) {
			free(pv->name);
			pv->name = NULL;
			if (oom)
				return rmi_fail(req, RMI_EINTERNAL, "out of memory");
			return rmi_fail(req, RMI_EBADREQ, "Invalid query string: "
			    "bad percent-encoding or UTF-8 near '%.40s'", q);
		}
		req->nparams++;
	}
	return RMI_OK;
}

enum rmi_err
rmi_request_parse(struct rmi_request *req, char **envp, const char *prefix)
{
	const char	*uri, *qs, *cl, *user;
	size_t		 plen = strlen(prefix), n;
	long long	 v;
	enum rmi_err	 err;

	memset(req, 0, sizeof(*req));
	req->content_length = -1;
	req->method = parse_method(getenv_in(envp, "REQUEST_METHOD"));
	req->accept = dup_or_null(getenv_in(envp, "HTTP_ACCEPT"));
	req->host = dup_or_null(getenv_in(envp, "HTTP_HOST"));
	req->origin = dup_or_null(getenv_in(envp, "HTTP_ORIGIN"));
	if (authority(req, envp) == -1)
		return rmi_fail(req, RMI_EINTERNAL, "out of memory");
	if ((cl = getenv_in(envp, "RMI_CORS_ORIGINS")) == NULL)
		cl = getenv("RMI_CORS_ORIGINS");
	req->cors_origins = dup_or_null(cl);
	req->https = (cl = getenv_in(envp, "HTTPS")) != NULL &&
	    strcasecmp(cl, "on") == 0;
	req->prefix = strdup(prefix);
	req->content_type = dup_or_null(getenv_in(envp, "CONTENT_TYPE"));
	if ((user = getenv_in(envp, "REMOTE_USER")) != NULL && *user != '\0')
		req->remote_user = strdup(user);

	if ((cl = getenv_in(envp, "CONTENT_LENGTH")) != NULL && *cl != '\0') {
		if (rmi_parse_uint(cl, (long long)1 << 53, &v) == -1)
			return rmi_fail(req, RMI_EBADREQ,
			    "Invalid Content-Length");
		req->content_length = v;
	}

	if ((uri = getenv_in(envp, "REQUEST_URI")) == NULL)
		uri = "";
	n = strcspn(uri, "?");
	if (n < plen || strncmp(uri, prefix, plen) != 0 ||
	    (n > plen && uri[plen] != '/'))
		return rmi_fail(req, RMI_ENOTFOUND, "%s",
		    rmi_err_message(RMI_ENOTFOUND));
	if ((err = parse_path(req, uri + plen, n - plen)) != RMI_OK)
		return err;

	/*
	 * The query comes from REQUEST_URI as the client sent it: lighttpd's
	 * URL normalization may rewrite QUERY_STRING (it loses text before a
	 * literal '?', our one-character wildcard). QUERY_STRING only serves
	 * where there is no REQUEST_URI.
	 */
	if (getenv_in(envp, "REQUEST_URI") != NULL)
		qs = uri[n] == '?' ? uri + n + 1 : "";
	else if ((qs = getenv_in(envp, "QUERY_STRING")) == NULL)
		qs = "";
	return parse_query(req, qs);
}

void
rmi_request_free(struct rmi_request *req)
{
	size_t	 i;

	for (i = 0; i < req->segc; i++)
		free(req->segv[i]);
	for (i = 0; i < req->nparams; i++) {
		free(req->params[i].name);
		free(req->params[i].value);
	}
	free(req->params);
	free(req->accept);
	free(req->content_type);
	free(req->remote_user);
	free(req->body);
	free(req->host);
	free(req->origin);
	free(req->authority);
	free(req->cors_origins);
	free(req->prefix);
	memset(req, 0, sizeof(*req));
}

/*
 * The first parameter spelled exactly name, else the first spelled so in
 * another case (clients send Limit=, StartTime=): an exact match wins.
 */
const char *
rmi_request_param(const struct rmi_request *req, const char *name)
{
	size_t	 i;

	for (i = 0; i < req->nparams; i++)
		if (strcmp(req->params[i].name, name) == 0)
			return req->params[i].value;
	for (i = 0; i < req->nparams; i++)
		if (strcasecmp(req->params[i].name, name) == 0)
			return req->params[i].value;
	return NULL;
}

/*
 * Quality of a media type under an Accept header: the q of the most
 * specific matching range (type/sub over type/ * over * / *), 0 if none.
 */
static int
quality(const char *accept, const char *type)
{
	const char	*p = accept, *slash = strchr(type, '/');
	size_t		 tlen = (size_t)(slash - type);
	int		 best = 0, bestspec = -1, spec, q;
	char		 range[128];
	size_t		 rlen;
	const char	*semi, *qs;

	while (*p != '\0') {
		const char *end = p + strcspn(p, ",");
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		semi = memchr(p, ';', (size_t)(end - p));
		rlen = (size_t)((semi ? semi : end) - p);
		while (rlen > 0 && (p[rlen - 1] == ' ' || p[rlen - 1] == '\t'))
			rlen--;
		q = 1000;
		for (qs = semi; qs != NULL && qs < end;
		    qs = memchr(qs + 1, ';', (size_t)(end - qs - 1))) {
			const char *a = qs + 1;
			while (*a == ' ' || *a == '\t')
				a++;
			if ((a[0] == 'q' || a[0] == 'Q') && a[1] == '=') {
				/* q = 0, 1, 0.x, 0.xx, 0.xxx, 1.0.. in thousandths */
				int val = 0, scale = 1000, i;
				a += 2;
				if (*a != '0' && *a != '1')
					val = -1;
				else {
					val = (*a - '0') * 1000;
					a++;
					if (*a == '.')
						for (a++, i = 0; i < 3 &&
						    *a >= '0' && *a <= '9'; i++, a++) {
							scale /= 10;
							val += (*a - '0') * scale;
						}
					if (val > 1000)
						val = 1000;
				}
				q = val < 0 ? 0 : val;
			}
		}
		if (rlen > 0 && rlen < sizeof(range)) {
			memcpy(range, p, rlen);
			range[rlen] = '\0';
			spec = -1;
			if (strcasecmp(range, type) == 0)
				spec = 2;
			else if (rlen == tlen + 2 &&
			    strncasecmp(range, type, tlen) == 0 &&
			    strcmp(range + tlen, "/*") == 0)
				spec = 1;
			else if (strcmp(range, "*/*") == 0)
				spec = 0;
			if (spec > bestspec) {
				bestspec = spec;
				best = q;
			}
		}
		p = *end ? end + 1 : end;
	}
	return best;
}

enum rmi_format
rmi_negotiate(const char *accept)
{
	int	 json, xml;

	if (accept == NULL || accept[strspn(accept, " \t")] == '\0')
		return RMI_FMT_JSON;
	json = quality(accept, "application/json");
	xml = quality(accept, "application/xml");
	if (quality(accept, "text/xml") > xml)
		xml = quality(accept, "text/xml");
	if (json == 0 && xml == 0)
		return RMI_FMT_NONE;
	return json >= xml ? RMI_FMT_JSON : RMI_FMT_XML;
}
