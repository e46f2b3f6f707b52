/* resource.c: look-ups in a resource description. */
#include <string.h>

#include "resource.h"
#include "text.h"

const struct rmi_field *
rmi_resource_field(const struct rmi_resource *res, const char *name)
{
	size_t	 i;

	for (i = 0; i < res->nfields; i++)
		if (strcmp(res->fields[i].name, name) == 0)
			return &res->fields[i];
	return NULL;
}

const struct rmi_field *
rmi_resource_id(const struct rmi_resource *res)
{
	size_t	 i;

	for (i = 0; i < res->nfields; i++)
		if (res->fields[i].flags & RMI_F_ID)
			return &res->fields[i];
	return NULL;
}

int
rmi_field_guid_ok(const struct rmi_field *f, const char *v)
{
	const char *const	*e;

	if (rmi_guid_valid(v))
		return 1;
	for (e = f->values; e != NULL && *e != NULL; e++)
		if (strcmp(*e, v) == 0)
			return 1;
	return 0;
}
