/* error.c: the table behind error.h; keep it in the order of enum rmi_err. */
#include "error.h"

static const struct {
	int		 status;
	const char	*reason;
	const char	*message;
} errs[RMI_ERR__MAX] = {
	[RMI_OK] = { 200, "OK", "" },
	[RMI_EBADREQ] = { 400, "Bad Request", "HTTP 400 Bad Request" },
	[RMI_EUNAUTH] = { 401, "Unauthorized",
	    "HTTP 401 Unauthorized: no authenticated user" },
	[RMI_EFORBIDDEN] = { 403, "Forbidden", "HTTP 403 Forbidden" },
	[RMI_ENOTFOUND] = { 404, "Not Found", "HTTP 404 Not Found" },
	[RMI_EMETHOD] = { 405, "Method Not Allowed",
	    "HTTP 405 Method Not Allowed" },
	[RMI_ENOTACCEPTABLE] = { 406, "Not Acceptable",
	    "HTTP 406 Not Acceptable: supported types are application/json "
	    "and application/xml" },
	[RMI_ECONFLICT] = { 409, "Conflict", "HTTP 409 Conflict" },
	[RMI_ETOOLARGE] = { 413, "Payload Too Large",
	    "HTTP 413 Payload Too Large" },
	[RMI_EMEDIATYPE] = { 415, "Unsupported Media Type",
	    "HTTP 415 Unsupported Media Type: send application/json or "
	    "application/xml" },
	[RMI_EINTERNAL] = { 500, "Internal Server Error",
	    "HTTP 500 Internal Server Error" },
	[RMI_EUNAVAIL] = { 503, "Service Unavailable",
	    "HTTP 503 Service Unavailable: the Monitoring Database cannot be "
	    "reached" },
};

static enum rmi_err
clamp(enum rmi_err e)
{
	return (unsigned)e < RMI_ERR__MAX ? e : RMI_EINTERNAL;
}

int
rmi_err_status(enum rmi_err e)
{
	return errs[clamp(e)].status;
}

const char *
rmi_err_reason(enum rmi_err e)
{
	return errs[clamp(e)].reason;
}

const char *
rmi_err_message(enum rmi_err e)
{
	return errs[clamp(e)].message;
}
