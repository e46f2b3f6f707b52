/* error.h: librmi's error codes and their one mapping to HTTP statuses. */
#ifndef RMI_ERROR_H
#define RMI_ERROR_H

/*
 * Every librmi function that can fail returns one of these. When adding a
 * code, add its row to the table in error.c too (same order).
 */
enum rmi_err {
	RMI_OK = 0,
	RMI_EBADREQ,		/* 400: bad parameter, id or body */
	RMI_EUNAUTH,		/* 401: no REMOTE_USER */
	RMI_EFORBIDDEN,		/* 403: unknown user, or no right to write */
	RMI_ENOTFOUND,		/* 404: unknown path, or id not visible */
	RMI_EMETHOD,		/* 405: known path, other method */
	RMI_ENOTACCEPTABLE,	/* 406: no acceptable representation */
	RMI_ECONFLICT,		/* 409: the id exists already */
	RMI_ETOOLARGE,		/* 413: body over the limit */
	RMI_EMEDIATYPE,		/* 415: body in an unsupported type */
	RMI_EINTERNAL,		/* 500: a bug or an unexpected database error */
	RMI_EUNAVAIL,		/* 503: the database cannot be reached */
	RMI_ERR__MAX
};

/*
 * Seconds in the Retry-After header of every 503 (RMI_EUNAVAIL) the
 * programs send: a database restart took about 1.5 s to recover from, and
 * a write that failed three times on deadlocks can be tried again soon.
 */
#define RMI_RETRY_AFTER	"2"

/* HTTP status of an error code (200 for RMI_OK). */
int		 rmi_err_status(enum rmi_err);
/* Reason phrase, e.g. "Not Found". */
const char	*rmi_err_reason(enum rmi_err);
/* The body sent when no more specific message was set, e.g. "HTTP 404 Not Found". */
const char	*rmi_err_message(enum rmi_err);

#endif
