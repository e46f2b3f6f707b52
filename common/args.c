/* args.c: check resource-specific query parameters (see args.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "buf.h"
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

/* A comma list of GUIDs as a PostgreSQL array literal (ids need no quoting). */
static enum rmi_err
parse_guids(struct rmi_request *req, const char *v, char **out)
{
	struct rmi_buf	 b;
	size_t		 n;
	char		 one[33];

	rmi_buf_init(&b);
	rmi_buf_putc(&b, '{');
	for (;;) {
		n = strcspn(v, ",");
		snprintf(one, sizeof(one), "%.*s", (int)(n < 32 ? n : 32), v);
		if (n != 32 || !rmi_guid_valid(one)) {
			rmi_buf_free(&b);
			return rmi_fail(req, RMI_EBADREQ, "Invalid GUID: "
			    "'%.*s'", (int)(n < 100 ? n : 100), v);
		}
		rmi_buf_printf(&b, "%s%s", b.len > 1 ? "," : "", one);
		if (v[n] == '\0')
			break;
		v += n + 1;
	}
	rmi_buf_putc(&b, '}');
	if (b.oom) {
		rmi_buf_free(&b);
		return rmi_fail(req, RMI_EINTERNAL, "out of memory");
	}
	*out = b.data;
	return RMI_OK;
}

/* One of the view's values (exactly as spelled), else 400 listing them. */
static enum rmi_err
parse_choice(const struct rmi_resource *res, const struct rmi_arg *a,
    struct rmi_request *req, const char *v, char **out)
{
	const char *const	*e = res->view != NULL ? res->view->values : NULL;
	struct rmi_buf		 list;
	enum rmi_err		 err;

	for (; e != NULL && *e != NULL; e++)
		if (strcmp(*e, v) == 0) {
			*out = strdup(*e);
			return RMI_OK;
		}
	rmi_buf_init(&list);
	for (e = res->view != NULL ? res->view->values : NULL;
	    e != NULL && *e != NULL; e++)
		rmi_buf_printf(&list, "%s%s", list.len ? ", " : "", *e);
	err = rmi_fail(req, RMI_EBADREQ, "Invalid %s: '%.64s' (expected one "
	    "of %s)", a->name, v, list.data != NULL ? list.data : "");
	rmi_buf_free(&list);
	return err;
}

/*
 * The RMI_A_SHOWS and RMI_A_ONLY args: what the view's value, parsed
 * already, says about the arg's group; the SQL gets booleans, never the
 * value to decode.
 */
static enum rmi_err
view_flags(const struct rmi_resource *res, struct rmi_request *req,
    char *values[RMI_MAX_ARGS])
{
	const struct rmi_arg	*a;
	unsigned int		 shown, only, set;
	size_t			 i;

	shown = rmi_resource_view(res, values);
	only = rmi_resource_view_only(res, values);
	for (i = 0; i < res->nargs && i < RMI_MAX_ARGS; i++) {
		a = &res->args[i];
		if (a->type != RMI_A_SHOWS && a->type != RMI_A_ONLY)
			continue;
		set = a->type == RMI_A_SHOWS ? shown : only;
		if ((values[i] = strdup(set & a->flags & RMI_F_VIEWS ?
		    "true" : "false")) == NULL)
			return rmi_fail(req, RMI_EINTERNAL, "out of memory");
	}
	return RMI_OK;
}

static enum rmi_err
parse_one(const struct rmi_resource *res, const struct rmi_arg *a,
    struct rmi_request *req, const char *v, char **out)
{
	long long	 ms;
	enum rmi_err	 err;

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
	case RMI_A_CHOICE:
		if ((err = parse_choice(res, a, req, v, out)) != RMI_OK)
			return err;
		break;
	case RMI_A_GUIDS:
		if ((err = parse_guids(req, v, out)) != RMI_OK)
			return err;
		break;
	case RMI_A_SHOWS:
	case RMI_A_ONLY:
		return RMI_OK;	/* not query parameters: view_flags() */
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
		if (a->type == RMI_A_SHOWS || a->type == RMI_A_ONLY)
			continue;	/* view_flags() below */
		v = a->type == RMI_A_CAPTURE ? req->capture[0] :
		    rmi_request_param(req, a->name);
		if (v == NULL && a->type == RMI_A_CHOICE && res->view != NULL)
			v = res->view->dflt;
		if (v == NULL) {
			if (a->flags & RMI_A_REQUIRED)
				return rmi_fail(req, RMI_EBADREQ,
				    "Missing parameter: %s", a->name);
			continue;
		}
		if ((err = parse_one(res, a, req, v, &values[i])) != RMI_OK)
			return err;
	}
	if ((err = view_flags(res, req, values)) != RMI_OK)
		return err;
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
