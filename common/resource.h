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

/*
 * A resource. Its rows come from `from`, SQL text that may use $1 (the
 * signed-in user's id) and $2 (the request's language, upper-case ISO 639,
 * or NULL), and must apply the user's rights itself; its alias is "r".
 */
struct rmi_resource {
	const char		*collection;	/* "queueStatuses" */
	const char		*item;		/* "queueStatus" */
	const char		*from;
	const struct rmi_field	*fields;
	size_t			 nfields;
	const char		*default_sort;	/* as the sort parameter: "name" */
};

/* The field named name, or NULL. */
const struct rmi_field	*rmi_resource_field(const struct rmi_resource *,
			    const char *name);
/* The RMI_F_ID field (every resource has exactly one). */
const struct rmi_field	*rmi_resource_id(const struct rmi_resource *);

#endif
