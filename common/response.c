/* response.c: buffered, then streamed, FastCGI responses (see response.h). */
#include <stdlib.h>
#include <string.h>

#include "response.h"

/* Past this much body, headers go out and the rest streams. */
#define STREAM_THRESHOLD (256 * 1024)

void
rmi_response_init(struct rmi_response *r, FCGX_Stream *out, int head_only)
{
	memset(r, 0, sizeof(*r));
	rmi_buf_init(&r->body);
	rmi_buf_init(&r->wire);
	r->out = out;
	r->head_only = head_only;
	r->status = 200;
	r->content_type = "application/json";
}

void
rmi_response_free(struct rmi_response *r)
{
	rmi_buf_free(&r->body);
	rmi_buf_free(&r->wire);
	free(r->location);
	r->location = NULL;
}

void
rmi_response_start(struct rmi_response *r, int status, const char *ctype)
{
	r->status = status;
	r->content_type = ctype;
}

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	default: return "";
	}
}

static void
emit(struct rmi_response *r, const char *data, size_t len)
{
	if (r->out == NULL) {
		rmi_buf_put(&r->wire, data, len);
		return;
	}
	if (len > 0 && !r->failed &&
	    FCGX_PutStr(data, (int)len, r->out) != (int)len)
		r->failed = 1;
}

/* Request headers a browser may send cross-origin (preflight answer). */
#define CORS_ALLOW_HEADERS "Authorization, Content-Type, Accept, " \
	"Accept-Language, Cache-Control, Pragma, If-None-Match, " \
	"X-Requested-With"
/* Seconds a browser may cache a preflight answer. */
#define CORS_MAX_AGE 600

/*
 * The CORS headers: for an allowed origin its echo (never *), with
 * credentials (Basic or cookies), and on a preflight what the route takes.
 */
static void
cors_headers(struct rmi_response *r, struct rmi_buf *h)
{
	if (r->vary_origin)
		rmi_buf_puts(h, "Vary: Origin\r\n");
	if (r->cors_origin == NULL)
		return;
	rmi_buf_printf(h, "Access-Control-Allow-Origin: %s\r\n"
	    "Access-Control-Allow-Credentials: true\r\n", r->cors_origin);
	if (r->preflight)
		rmi_buf_printf(h, "Access-Control-Allow-Methods: %s\r\n"
		    "Access-Control-Allow-Headers: %s\r\n"
		    "Access-Control-Max-Age: %d\r\n", r->allow,
		    CORS_ALLOW_HEADERS, CORS_MAX_AGE);
	else
		rmi_buf_puts(h, "Access-Control-Expose-Headers: Location, "
		    "Retry-After\r\n");
}

/* Writes the headers in front of whatever body follows. */
static void
commit(struct rmi_response *r, int with_length)
{
	struct rmi_buf	 h;
	const char	*phrase = reason(r->status);
	enum rmi_err	 e;

	if (*phrase == '\0')
		for (e = RMI_OK; e < RMI_ERR__MAX; e++)
			if (rmi_err_status(e) == r->status)
				phrase = rmi_err_reason(e);
	rmi_buf_init(&h);
	rmi_buf_printf(&h, "Status: %d %s\r\n", r->status, phrase);
	if (r->status != 204) {
		rmi_buf_printf(&h, "Content-Type: %s\r\n", r->content_type);
		if (with_length)
			rmi_buf_printf(&h, "Content-Length: %zu\r\n",
			    r->body.len);
	}
	if (r->allow[0] != '\0')
		rmi_buf_printf(&h, "Allow: %s\r\n", r->allow);
	if (r->location != NULL)
		rmi_buf_printf(&h, "Location: %s\r\n", r->location);
	if (r->status == 401)
		rmi_buf_puts(&h, "WWW-Authenticate: Basic realm=\"rmi\"\r\n");
	/* Every 503 says when to come back (error.h). */
	if (r->status == 503)
		rmi_buf_puts(&h, "Retry-After: " RMI_RETRY_AFTER "\r\n");
	cors_headers(r, &h);
	rmi_buf_puts(&h, "Cache-Control: no-store\r\n"
	    "X-Content-Type-Options: nosniff\r\n\r\n");
	/* With a short body, headers and body leave in one write. */
	if (with_length && !r->head_only)
		rmi_buf_put(&h, r->body.data ? r->body.data : "", r->body.len);
	emit(r, h.data, h.len);
	if (with_length)
		rmi_buf_reset(&r->body);
	rmi_buf_free(&h);
	r->committed = 1;
}

void
rmi_response_drain(struct rmi_response *r)
{
	if (r->body.len < STREAM_THRESHOLD)
		return;
	if (!r->committed)
		commit(r, 0);
	if (!r->head_only)
		emit(r, r->body.data, r->body.len);
	rmi_buf_reset(&r->body);
}

int
rmi_response_error(struct rmi_response *r, enum rmi_err err, const char *msg)
{
	if (r->committed)
		return -1;
	rmi_buf_reset(&r->body);
	r->status = rmi_err_status(err);
	r->content_type = "text/plain; charset=UTF-8";
	rmi_buf_puts(&r->body, msg != NULL && *msg != '\0' ? msg :
	    rmi_err_message(err));
	return 0;
}

void
rmi_response_end(struct rmi_response *r)
{
	if (!r->committed)
		commit(r, 1);
	else if (!r->head_only)
		emit(r, r->body.data, r->body.len);
	rmi_buf_reset(&r->body);
}
