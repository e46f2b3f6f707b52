/* queueGroups.c: /queueGroups and /queueGroups/{queueGroupId}. */
#include "app.h"

/* Not a GUID by nature, but an id all the same. */
static const char *const special_ids[] = { "ALL_QUEUES", NULL };

/* Threshold levels: the group showThresholds=true shows. */
#define LEVEL(name, column) \
	{ name, RMI_T_INT, "n." column, RMI_F_VIEW1, NULL }

/* The queues of a group (QueueGroupQueue): db/functions/60_queue_groups.sql. */
static const struct rmi_field queue_fields[] = {
	{ "id", RMI_T_GUID, "n.id", RMI_F_REQUIRED, NULL },
	{ "name", RMI_T_STRING, "n.name", RMI_F_REQUIRED, NULL },
	{ "type", RMI_T_ENUM, "n.type", RMI_F_REQUIRED, rmi_queue_types },
	LEVEL("freeAgentCriticalLevel", "free_agent_critical_level"),
	LEVEL("freeAgentWarningLevel", "free_agent_warning_level"),
	LEVEL("interactionsCriticalLevel", "interactions_critical_level"),
	LEVEL("interactionsWarningLevel", "interactions_warning_level"),
	LEVEL("maxWaitTimeCriticalLevel", "max_wait_time_critical_level"),
	LEVEL("maxWaitTimeWarningLevel", "max_wait_time_warning_level"),
	LEVEL("servingAgentCriticalLevel", "serving_agent_critical_level"),
	LEVEL("servingAgentWarningLevel", "serving_agent_warning_level"),
	LEVEL("serviceLevelCriticalLevel", "service_level_critical_level"),
	LEVEL("serviceLevelWarningLevel", "service_level_warning_level"),
};

static const struct rmi_nested queues = {
	.wrapper = "queues",
	.item = "queue",
	.from = "rmi_queue_group_queues(p_user => $1, p_lang => $2)",
	.parent_key = "n.group_id",
	.order = "n.position, n.name COLLATE \"und-x-icu\", n.id",
	.fields = queue_fields,
	.nfields = sizeof(queue_fields) / sizeof(queue_fields[0]),
};

static const struct rmi_field fields[] = {
	{ "id", RMI_T_GUID, "r.id", RMI_F_REQUIRED | RMI_F_ID | RMI_F_LIST,
	    special_ids },
	{ "name", RMI_T_STRING, "r.name", RMI_F_REQUIRED, NULL },
};

static const struct rmi_arg args[] = {
	{ "showThresholds", RMI_A_BOOL, RMI_A_LOCAL, NULL },
};

/* showThresholds=true shows the threshold levels (RMI_F_VIEW1). */
static const unsigned int threshold_groups[] = { 0, RMI_F_VIEW1 };
static const struct rmi_view thresholds = {
	"showThresholds", NULL, "false", threshold_groups, NULL
};

static const struct rmi_resource queue_groups = {
	.collection = "queueGroups",
	.item = "queueGroup",
	.from = "rmi_queue_groups(p_user => $1, p_lang => $2)",
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = "name",
	.args = args,
	.nargs = sizeof(args) / sizeof(args[0]),
	.nested = &queues,
	.view = &thresholds,
};

static const struct rmi_route routes[] = {
	{ RMI_M_GET, "/queueGroups", rmi_handle_list, &queue_groups },
	{ RMI_M_GET, "/queueGroups/{queueGroupId}", rmi_handle_get,
	    &queue_groups },
};

static const struct rmi_program program = {
	"queueGroups", routes, sizeof(routes) / sizeof(routes[0])
};

int
main(int argc, char **argv)
{
	return rmi_main(&program, argc, argv);
}
