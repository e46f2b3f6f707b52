/* queueStatuses.c: /queueStatuses and /queueStatuses/{queueId}. */
#include "app.h"

/* The rows and their definitions: db/functions/20_queue_statuses.sql. */
static const struct rmi_field fields[] = {
	{ "id", RMI_T_GUID, "r.id", RMI_F_REQUIRED | RMI_F_ID | RMI_F_LIST, NULL },
	{ "name", RMI_T_STRING, "r.name", RMI_F_REQUIRED, NULL },
	{ "type", RMI_T_ENUM, "r.type", RMI_F_REQUIRED, rmi_queue_types },
	{ "inQueue", RMI_T_INT, "r.in_queue", RMI_F_REQUIRED, NULL },
	{ "waitingDurationMax", RMI_T_INT, "r.waiting_duration_max",
	    RMI_F_REQUIRED, NULL },
	{ "inQueueCurrent", RMI_T_INT, "r.in_queue_current", RMI_F_REQUIRED,
	    NULL },
	{ "waitingDurationCurrentMax", RMI_T_INT,
	    "r.waiting_duration_current_max", RMI_F_REQUIRED, NULL },
	{ "agentsServing", RMI_T_INT, "r.agents_serving", RMI_F_REQUIRED, NULL },
	{ "agentsFree", RMI_T_INT, "r.agents_free", RMI_F_REQUIRED, NULL },
	{ "agentsBusy", RMI_T_INT, "r.agents_busy", RMI_F_REQUIRED, NULL },
	{ "agentsWrapUp", RMI_T_INT, "r.agents_wrap_up", RMI_F_REQUIRED, NULL },
	{ "agentsNotReady", RMI_T_INT, "r.agents_not_ready", RMI_F_REQUIRED,
	    NULL },
	{ "agentsPause", RMI_T_INT, "r.agents_pause", RMI_F_REQUIRED, NULL },
};

static const struct rmi_resource queue_statuses = {
	.collection = "queueStatuses",
	.item = "queueStatus",
	.from = "rmi_queue_statuses(p_user => $1, p_lang => $2)",
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = "name",
};

static const struct rmi_route routes[] = {
	{ RMI_M_GET, "/queueStatuses", rmi_handle_list, &queue_statuses },
	{ RMI_M_GET, "/queueStatuses/{queueId}", rmi_handle_get,
	    &queue_statuses },
};

static const struct rmi_program program = {
	"queueStatuses", routes, sizeof(routes) / sizeof(routes[0])
};

int
main(int argc, char **argv)
{
	return rmi_main(&program, argc, argv);
}
