/* fixture_resource.h: a resource description used by several unit suites. */
#ifndef RMI_FIXTURE_RESOURCE_H
#define RMI_FIXTURE_RESOURCE_H

#include "resource.h"

static const char *const fx_types[] = { "Phone", "Email", "Chat", NULL };

static const struct rmi_field fx_fields[] = {
	{ "id", RMI_T_GUID, "r.id", RMI_F_REQUIRED | RMI_F_ID | RMI_F_LIST, NULL },
	{ "name", RMI_T_STRING, "r.name", RMI_F_REQUIRED, NULL },
	{ "type", RMI_T_ENUM, "r.type", RMI_F_REQUIRED | RMI_F_LIST, fx_types },
	{ "count", RMI_T_INT, "r.n", RMI_F_REQUIRED, NULL },
	{ "active", RMI_T_BOOL, "r.active", 0, NULL },
	{ "arrivalTime", RMI_T_DATETIME, "r.arrival", 0, NULL },
	{ "secret", RMI_T_STRING, "r.secret", RMI_F_NOFILTER | RMI_F_NOSORT,
	    NULL },
};

static const struct rmi_resource fx_resource = {
	.collection = "things",
	.item = "thing",
	.from = "rmi_things($1, $2)",
	.fields = fx_fields,
	.nfields = sizeof(fx_fields) / sizeof(fx_fields[0]),
	.default_sort = "name",
};

#endif
