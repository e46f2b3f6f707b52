/* app.h: a FastCGI program of the suite: its routes and its accept loop. */
#ifndef RMI_APP_H
#define RMI_APP_H

#include "request.h"
#include "resource.h"
#include "response.h"

struct rmi_route;

/* What a handler gets: the parsed request, its response and its route. */
struct rmi_ctx {
	struct rmi_request	 req;
	struct rmi_response	 resp;
	const struct rmi_route	*route;
};

/*
 * A handler writes a successful response into ctx->resp and returns RMI_OK,
 * or returns an error (with ctx->req.errmsg set, or the default message).
 */
typedef enum rmi_err (*rmi_handler)(struct rmi_ctx *);

/*
 * A route: the methods (RMI_M_* mask; HEAD is implied by GET), a pattern of
 * segments after the prefix where "{name}" captures one segment, the
 * handler and the resource it serves.
 */
struct rmi_route {
	unsigned int			 methods;
	const char			*pattern;
	rmi_handler			 handler;
	const struct rmi_resource	*resource;
};

struct rmi_program {
	const char		*name;		/* for logs */
	const struct rmi_route	*routes;
	size_t			 nroutes;
};

/*
 * Runs the program: with no arguments it serves FastCGI on fd 0 (spawned by
 * lighttpd or mod_fcgid); with --socket PATH [--workers N] it listens on
 * that Unix socket with N pre-forked workers (for mod_proxy_fcgi).
 * Returns the process exit status.
 */
int	rmi_main(const struct rmi_program *, int argc, char **argv);

/*
 * Answers one request given as CGI variables and the body stream in (read
 * for PUT and POST only); the core of the accept loop, callable without
 * FastCGI (in NULL: no body; out NULL collects the output in
 * ctx->resp.wire). The caller frees ctx with rmi_ctx_free.
 */
void	rmi_serve(const struct rmi_program *, struct rmi_ctx *ctx, char **envp,
	    FCGX_Stream *in, FCGX_Stream *out);
void	rmi_ctx_free(struct rmi_ctx *);

/* Generic handlers: the list of route->resource, and one by {id}. */
enum rmi_err	rmi_handle_list(struct rmi_ctx *);
enum rmi_err	rmi_handle_get(struct rmi_ctx *);

/*
 * Generic writes: POST to route->resource->create (201, the new id as
 * text/html, Location), PUT to ->replace with the {id} (204).
 */
enum rmi_err	rmi_handle_post(struct rmi_ctx *);
enum rmi_err	rmi_handle_put(struct rmi_ctx *);

/*
 * GET <prefix>/health (the health program): 200 "ok <version>" when the
 * database answers and holds every migration and function file this
 * build knows (health.c), else 503 with the reason and Retry-After. The
 * one handler that runs without an authenticated user: it reads no data.
 */
enum rmi_err	rmi_handle_health(struct rmi_ctx *);

/* The route pattern matches the path: 1 (captures set) or 0. */
int		rmi_route_match(const char *pattern, struct rmi_request *req);

#endif
