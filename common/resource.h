/* resource.h: one description per resource; everything generic walks it. */
#ifndef RMI_RESOURCE_H
#define RMI_RESOURCE_H

#include <stddef.h>

enum rmi_type {
	RMI_T_STRING,
	RMI_T_GUID,	/* 32 upper-case hex; list filters check each value */
	RMI_T_INT,
	RMI_T_BOOL,
	RMI_T_DATETIME,	/* timestamptz; written as 2016-02-01T09:22:11.000Z */
	RMI_T_ENUM	/* string with a fixed set of values */
};

#define RMI_F_REQUIRED	0x01	/* always present (optional ones are omitted when NULL) */
#define RMI_F_LIST	0x02	/* filter splits on commas, OR-ed, exact match */
#define RMI_F_NOFILTER	0x04	/* not a query parameter */
#define RMI_F_NOSORT	0x08	/* not a sort key */
#define RMI_F_ID	0x10	/* the resource's id: lookups and the tie-break */

struct rmi_field {
	const char		*name;	/* wire name, also the XML element */
	enum rmi_type		 type;
	const char		*sql;	/* expression over the row source "r" */
	unsigned int		 flags;
	const char *const	*values; /* RMI_T_ENUM: NULL-terminated */
};

/* Kinds of resource-specific query parameters (see struct rmi_arg). */
enum rmi_argtype {
	RMI_A_TIME,	/* 2016-01-02T22:00:00[.000]Z, passed as is */
	RMI_A_BOOL,	/* true/false, 1/0 (any case), passed as true/false */
	RMI_A_PATTERN,	/* a wildcard value, passed as an ILIKE pattern */
	RMI_A_CAPTURE	/* not a parameter: the route's {id} segment */
};

#define RMI_A_REQUIRED	0x01	/* 400 when absent */

/*
 * A parameter the row source takes as an argument rather than a filter
 * (startTime, showAllInProcess, search, ...). The i-th arg of a resource
 * is $(3 + i) in its `from`; an absent one is NULL.
 */
struct rmi_arg {
	const char		*name;
	enum rmi_argtype	 type;
	unsigned int		 flags;
	const char		*not_before;	/* RMI_A_TIME: an earlier arg it may not precede */
};

#define RMI_MAX_ARGS 8

/*
 * A resource. Its rows come from `from`, SQL text that may use $1 (the
 * signed-in user's id), $2 (the request's language, upper-case ISO 639, or
 * NULL) and $3... (its args), and must apply the user's rights itself; its
 * alias is "r".
 */
struct rmi_resource {
	const char		*collection;	/* "queueStatuses" */
	const char		*item;		/* "queueStatus" */
	const char		*from;
	const struct rmi_field	*fields;
	size_t			 nfields;
	const char		*default_sort;	/* as the sort parameter: "name" */
	const struct rmi_arg	*args;
	size_t			 nargs;
	/* The last ORDER BY keys, making the order total (default: the id). */
	const char		*tiebreak;
	/* Rows of a list without `limit`: 0 for 100, -1 for all. */
	long long		 default_limit;
	/*
	 * A list below an entity (/contacts/{id}/details): the parent's
	 * {id} must exist and be visible, else 404.
	 */
	const struct rmi_resource *parent;
};

/* The field named name, or NULL. */
const struct rmi_field	*rmi_resource_field(const struct rmi_resource *,
			    const char *name);
/* The RMI_F_ID field (every resource has exactly one). */
const struct rmi_field	*rmi_resource_id(const struct rmi_resource *);

#endif
