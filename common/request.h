/* request.h: what librmi reads of a FastCGI request, parsed and checked. */
#ifndef RMI_REQUEST_H
#define RMI_REQUEST_H

#include <stddef.h>

#include "error.h"

enum rmi_method {
	RMI_M_GET = 0x01,
	RMI_M_HEAD = 0x02,
	RMI_M_PUT = 0x04,
	RMI_M_POST = 0x08,
	RMI_M_DELETE = 0x10,
	RMI_M_OTHER = 0x20,
	RMI_M_OPTIONS = 0x40	/* answered from the route table (CORS) */
};

enum rmi_format {
	RMI_FMT_NONE = 0,	/* nothing acceptable */
	RMI_FMT_JSON,
	RMI_FMT_XML
};

struct rmi_param {
	char	*name;	/* percent-decoded, valid UTF-8; owned */
	char	*value;
};

#define RMI_MAX_SEGMENTS 8
#define RMI_ERRMSG_MAX 512

/*
 * A request. All strings are owned by it and freed by rmi_request_free;
 * nothing points into the FastCGI environment, which the next accept frees.
 */
struct rmi_request {
	enum rmi_method		 method;
	char			*segv[RMI_MAX_SEGMENTS]; /* decoded path segments after the prefix */
	size_t			 segc;
	struct rmi_param	*params;
	size_t			 nparams;
	char			*accept;	/* HTTP_ACCEPT or NULL */
	char			*content_type;	/* CONTENT_TYPE or NULL */
	long long		 content_length; /* -1 when absent */
	char			*remote_user;	/* NULL when absent or empty */
	char			*host;		/* HTTP_HOST, or NULL */
	int			 https;		/* served over TLS */
	char			*origin;	/* HTTP_ORIGIN, or NULL */
	/* Where it was sent: HTTP_HOST, else SERVER_NAME:SERVER_PORT, or NULL. */
	char			*authority;
	/*
	 * RMI_CORS_ORIGINS, the browser origins allowed (space-separated),
	 * from the web server's FastCGI parameters (Apache's SetEnv), else
	 * from the process environment (lighttpd's bin-environment); or NULL.
	 */
	char			*cors_origins;
	char			*prefix;	/* the URL prefix the path was under */
	char			*body;		/* PUT/POST body as read, or NULL */
	size_t			 body_len;
	/* Set after routing and the session look-up. */
	const char		*capture[RMI_MAX_SEGMENTS]; /* {name} segments */
	size_t			 ncapture;
	enum rmi_format		 format;
	char			 user_id[33];
	char			 language[3];	/* "" when none */
	/* The message of the error being answered. */
	char			 errmsg[RMI_ERRMSG_MAX];
};

/*
 * Parses the CGI variables of envp (NULL-terminated "NAME=value") into req,
 * with prefix the URL prefix to strip (e.g. "/RI/rmi"). Path and query are
 * taken from REQUEST_URI, so that neither the web server's split into
 * SCRIPT_NAME and PATH_INFO nor its rewriting of QUERY_STRING matters. Returns RMI_OK, or an error with req->errmsg
 * set (RMI_ENOTFOUND for a path outside the prefix, RMI_EBADREQ for bad
 * encoding). req must be freed with rmi_request_free either way.
 */
enum rmi_err	 rmi_request_parse(struct rmi_request *req, char **envp,
		    const char *prefix);
void		 rmi_request_free(struct rmi_request *req);

/*
 * First value of the query parameter name, or NULL. The name matches in
 * any case; one spelled exactly so wins over one in another case.
 */
const char	*rmi_request_param(const struct rmi_request *, const char *name);

/* Sets req->errmsg (printf-style) and returns err. */
enum rmi_err	 rmi_fail(struct rmi_request *req, enum rmi_err err,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Chooses the representation for an Accept header (NULL: none sent), with
 * quality values: JSON for application/json, application/ *, * / *; XML for
 * application/xml and text/xml; JSON wins ties. RMI_FMT_NONE if neither is
 * acceptable.
 */
enum rmi_format	 rmi_negotiate(const char *accept);

#endif
