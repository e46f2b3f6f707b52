/* response.h: the HTTP response of a FastCGI request, buffered then streamed. */
#ifndef RMI_RESPONSE_H
#define RMI_RESPONSE_H

#include <fcgiapp.h>

#include "buf.h"
#include "error.h"

/*
 * The body collects in `body`; nothing reaches the web server until the
 * body passes a threshold (then the headers go out without Content-Length
 * and the body streams on) or the response ends (then it goes out whole
 * with Content-Length, in one write). So an error found before the
 * threshold still becomes a clean error response.
 */
struct rmi_response {
	FCGX_Stream	*out;		/* not owned; NULL in unit tests */
	struct rmi_buf	 body;
	struct rmi_buf	 wire;		/* headers and, on success, all output (tests) */
	int		 status;
	const char	*content_type;
	char		 allow[64];	/* Allow header of a 405, or "" */
	char		*location;	/* Location header, owned, or NULL */
	/*
	 * CORS: the allowed origin the request came from (not owned: the
	 * request's), echoed in Access-Control-Allow-Origin, or NULL; vary:
	 * answers depend on Origin (Vary: Origin); preflight: the answer to
	 * an OPTIONS preflight (methods from allow, headers, max age).
	 */
	const char	*cors_origin;
	int		 vary_origin;
	int		 preflight;
	int		 head_only;	/* HEAD: headers only */
	int		 committed;	/* headers have been sent */
	int		 failed;	/* a write to the web server failed */
};

void	rmi_response_init(struct rmi_response *, FCGX_Stream *out, int head_only);
void	rmi_response_free(struct rmi_response *);
/* Sets status and content type of a successful response. */
void	rmi_response_start(struct rmi_response *, int status,
	    const char *content_type);
/* Sends what is buffered if it is large; call between rows. */
void	rmi_response_drain(struct rmi_response *);
/*
 * Replaces the response with the error (text/plain message, or the
 * default of err when msg is NULL or empty). Returns -1 when too late
 * (headers already sent), else 0.
 */
int	rmi_response_error(struct rmi_response *, enum rmi_err err,
	    const char *msg);
/* Sends the rest: headers (with Content-Length if not yet sent) and body. */
void	rmi_response_end(struct rmi_response *);

#endif
