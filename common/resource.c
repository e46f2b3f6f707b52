/* resource.c: look-ups in a resource description. */
#include <string.h>

#include "resource.h"
#include "text.h"

/* The type of a queue: its channel. */
const char *const rmi_queue_types[] = { "Phone", "Email", "Chat", NULL };
/* An agent's user status (ready state). */
const char *const rmi_user_statuses[] = {
	"Ready", "NotReady", "Pause", "LoggedOut", NULL
};

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

/* Position of the view arg's value among the view's values, or -1. */
static int
view_index(const struct rmi_view *v, const struct rmi_resource *res,
    char *const args[])
{
	const char	*val = NULL;
	size_t		 i;
	int		 k;

	for (i = 0; i < res->nargs; i++)
		if (strcmp(res->args[i].name, v->arg) == 0)
			val = args[i];
	if (val == NULL)
		val = v->dflt;
	if (val == NULL)
		return -1;
	if (v->values == NULL)
		return strcmp(val, "true") == 0;
	for (k = 0; v->values[k] != NULL; k++)
		if (strcmp(v->values[k], val) == 0)
			return k;
	return -1;
}

unsigned int
rmi_resource_view(const struct rmi_resource *res, char *const args[])
{
	int	 k;

	if (res->view == NULL)
		return RMI_F_VIEWS;
	k = view_index(res->view, res, args);
	return k < 0 ? 0 : res->view->groups[k];
}

unsigned int
rmi_resource_view_only(const struct rmi_resource *res, char *const args[])
{
	int	 k;

	if (res->view == NULL || res->view->only == NULL)
		return 0;
	k = view_index(res->view, res, args);
	return k < 0 ? 0 : res->view->only[k];
}
