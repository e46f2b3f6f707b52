/* args.c: check resource-specific query parameters (see args.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "listquery.h"
#include "text.h"

/* Index of the arg named name among res->args, or -1. */
static int
arg_index(const struct rmi_resource *res, const char *name)
{
	size_t	 i;

	for (i = 0; i < res->nargs; i++)
		if (strcmp(res->args[i].name, name) == 0)
			return (int)i;
	return -1;
}

static enum rmi_err
parse_one(const struct rmi_arg *a, struct rmi_request *req, const char *v,
    char **out)
{
	long long	 ms;

	switch (a->type) {
	case RMI_A_TIME:
		if (rmi_parse_time(v, &ms) == -1)
			return rmi_fail(req, RMI_EBADREQ, "Invalid %s: '%.64s' "
			    "(expected UTC time as 2016-01-02T22:00:00.000Z)",
			    a->name, v);
		*out = strdup(v);
		break;
	case RMI_A_BOOL:
		if (strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0)
			*out = strdup("true");
		else if (strcasecmp(v, "false") == 0 || strcmp(v, "0") == 0)
			*out = strdup("false");
		else
			return rmi_fail(req, RMI_EBADREQ, "Invalid %s: '%.64s' "
			    "(expected true or false)", a->name, v);
		break;
	case RMI_A_PATTERN:
		*out = rmi_wildcard_to_like(v);
		break;
	case RMI_A_CAPTURE:
		if (!rmi_guid_valid(v))
			return rmi_fail(req, RMI_EBADREQ,
			    "Invalid GUID: '%.100s'", v);
		*out = strdup(v);
		break;
	}
	return *out == NULL ? rmi_fail(req, RMI_EINTERNAL, "out of memory") :
	    RMI_OK;
}

enum rmi_err
rmi_args_parse(const struct rmi_resource *res, struct rmi_request *req,
    char *values[RMI_MAX_ARGS])
{
	const struct rmi_arg	*a;
	const char		*v;
	enum rmi_err		 err;
	long long		 t, before;
	size_t			 i;
	int			 j;

	memset(values, 0, RMI_MAX_ARGS * sizeof(values[0]));
	for (i = 0; i < res->nargs && i < RMI_MAX_ARGS; i++) {
		a = &res->args[i];
		v = a->type == RMI_A_CAPTURE ? req->capture[0] :
		    rmi_request_param(req, a->name);
		if (v == NULL) {
			if (a->flags & RMI_A_REQUIRED)
				return rmi_fail(req, RMI_EBADREQ,
				    "Missing parameter: %s", a->name);
			continue;
		}
		if ((err = parse_one(a, req, v, &values[i])) != RMI_OK)
			return err;
	}
	/* Time windows: an end before its start is a mistake, not empty. */
	for (i = 0; i < res->nargs && i < RMI_MAX_ARGS; i++) {
		a = &res->args[i];
		if (a->not_before == NULL || values[i] == NULL ||
		    (j = arg_index(res, a->not_before)) < 0 || values[j] == NULL)
			continue;
		if (rmi_parse_time(values[i], &t) == 0 &&
		    rmi_parse_time(values[j], &before) == 0 && t < before)
			return rmi_fail(req, RMI_EBADREQ, "Invalid %s: '%s' is "
			    "before %s '%s'", a->name, values[i], a->not_before,
			    values[j]);
	}
	return RMI_OK;
}

void
rmi_args_free(char *values[RMI_MAX_ARGS])
{
	size_t	 i;

	for (i = 0; i < RMI_MAX_ARGS; i++) {
		free(values[i]);
		values[i] = NULL;
	}
}
