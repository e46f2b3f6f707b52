/*
 * agents.c: /agents, /agents/{agentId} with statistics since startTime,
 * and below an agent its queues, presence profiles and ready state (GET,
 * PUT). Definitions and rights: db/functions/70_agents.sql.
 */
#include "app.h"

#define REQ	RMI_F_REQUIRED

static const char *const handling_statuses[] = {
	"Talking_Inbound", "Talking_Outbound", "Talking_Outbound_CBR",
	"Talking_Outbound_Campaign", "Chatting_Inbound", "Emailing_Inbound",
	"Emailing_Outbound", "Dialing_Outbound", "Dialing_Outbound_CBR",
	"Dialing_Outbound_Campaign", "Waiting", NULL
};
static const char *const profile_types[] = {
	"PRESENCE", "ABSENCE", "CONFERENCE", NULL
};
static const char *const availabilities[] = {
	"LoggedOut", "Away", "Busy", "Free", NULL
};

#define INT(name, column)	{ name, RMI_T_INT, "r." column, REQ, NULL }
#define STR(name, column)	{ name, RMI_T_STRING, "r." column, REQ, NULL }

/* In the order of the spec's field list. */
static const struct rmi_field fields[] = {
	{ "id", RMI_T_GUID, "r.id", REQ | RMI_F_ID | RMI_F_LIST, NULL },
	STR("name", "name"),
	/* Spelled so (lower-case d) for agents, as the legacy field list does. */
	{ "reportingGroupid", RMI_T_GUID, "r.reporting_group_id", REQ, NULL },
	STR("reportingGroupName", "reporting_group_name"),
	STR("number", "number"),
	STR("mobileNumber", "mobile_number"),
	STR("externalNumber", "external_number"),
	STR("location", "location"),
	{ "manageable", RMI_T_BOOL, "r.manageable", REQ, NULL },
	{ "manageablePresence", RMI_T_BOOL, "r.manageable_presence", REQ,
	    NULL },
	STR("chatName", "chat_name"),
	STR("chat", "chat"),
	STR("email", "email"),
	{ "userStatus", RMI_T_ENUM, "r.user_status", REQ, rmi_user_statuses },
	INT("userStatusDuration", "user_status_duration"),
	{ "userReadyStatus", RMI_T_BOOL, "r.user_ready_status", REQ, NULL },
	/* Only while logged in. */
	{ "contactHandlingStatus", RMI_T_ENUM, "r.contact_handling_status", 0,
	    handling_statuses },
	INT("contactHandlingStatusDuration", "contact_handling_status_duration"),
	{ "profileId", RMI_T_GUID, "r.profile_id", REQ, NULL },
	{ "profile", RMI_T_STRING, "r.profile", 0, NULL },
	INT("profileDuration", "profile_duration"),
	{ "profileType", RMI_T_ENUM, "r.profile_type", 0, profile_types },
	{ "availability", RMI_T_ENUM, "r.availability", REQ | RMI_F_LIST,
	    availabilities },
	INT("dailyPauseDuration", "daily_pause_duration"),
	INT("dailyWorkDuration", "daily_work_duration"),
	INT("activePhoneContacts", "active_phone_contacts"),
	INT("activeChatContacts", "active_chat_contacts"),
	INT("activeEmailContacts", "active_email_contacts"),
	INT("activeContactDuration", "active_contact_duration"),
	INT("chatCapacity", "chat_capacity"),
	INT("handledContactsCallIn", "handled_call_in"),
	INT("handledContactsChatIn", "handled_chat_in"),
	/* The field list's spelling and the examples' one: both, same value. */
	INT("handledContactseEmailIn", "handled_email_in"),
	INT("handledContactsEmailIn", "handled_email_in"),
	INT("handledContactsCbrIn", "handled_cbr_in"),
	INT("handledContactsTotalIn", "handled_total_in"),
	INT("handledContactsCallOut", "handled_call_out"),
	INT("handledContactsChatOut", "handled_chat_out"),
	INT("handledContactsEmailOut", "handled_email_out"),
	INT("handledContactsTotalOut", "handled_total_out"),
	INT("handledContactsTotal", "handled_total"),
	INT("totalHandlingDuration", "total_handling_duration"),
	INT("totalWrapupDuration", "total_wrapup_duration"),
	INT("readyTime", "ready_time"),
	INT("notReadyTime", "not_ready_time"),
	INT("pauseTime", "pause_time"),
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

/*
 * AgentQueue field groups that showQueueInfo selects: RMI_F_VIEW1 the
 * statistics (QSTAT), RMI_F_VIEW2 the configuration (QCONF).
 */
#define QSTAT(name, column) \
	{ name, RMI_T_INT, "n." column, REQ | RMI_F_VIEW1, NULL }
#define QCONF(name, column) \
	{ name, RMI_T_BOOL, "n." column, REQ | RMI_F_VIEW2, NULL }

/* AgentQueue: the fields of each group appear as showQueueInfo says. */
static const struct rmi_field item_fields[] = {
	{ "id", RMI_T_GUID, "n.id", REQ, NULL },
	{ "name", RMI_T_STRING, "n.name", REQ, NULL },
	{ "type", RMI_T_ENUM, "n.type", REQ, rmi_queue_types },
	QCONF("serving", "serving"),
	QCONF("externalServing", "external_serving"),
	QCONF("canChangeQueueLogin", "can_change_queue_login"),
	QSTAT("handledContactsCallIn", "handled_call_in"),
	QSTAT("handledContactsCallOut", "handled_call_out"),
	QSTAT("handledContactsChatIn", "handled_chat_in"),
	QSTAT("handledContactsEmailIn", "handled_email_in"),
	QSTAT("handlingDuration", "handling_duration"),
	QSTAT("wrapUpDuration", "wrap_up_duration"),
};

/* Computed only for the agents of the page (lateral: RMI_PARENT_ID). */
static const struct rmi_nested items = {
	.wrapper = "queues",
	.item = "queue",
	.from = "rmi_agent_queue_items(p_lang => $2, "
	    "p_start => $3::timestamptz, p_stats => $4::boolean, "
	    "p_config => $5::boolean, p_agent => " RMI_PARENT_ID ")",
	.parent_key = "n.id",
	.order = "n.name COLLATE \"und-x-icu\", n.id",
	.fields = item_fields,
	.nfields = sizeof(item_fields) / sizeof(item_fields[0]),
	.lateral = 1,
	.view = RMI_F_VIEW1 | RMI_F_VIEW2,
};

/*
 * showQueueInfo, the only place it is decoded: 1 the queues' statistics
 * (RMI_F_VIEW1), 2 their configuration (RMI_F_VIEW2), 3 both; 4, 5, 6
 * show what 1, 2, 3 do, listing only the agents having statistics, a
 * configured queue, or both (`only`). The SQL gets the booleans.
 */
static const char *const queue_info_values[] = {
	"0", "1", "2", "3", "4", "5", "6", NULL
};
static const unsigned int queue_info_groups[] = {
	0, RMI_F_VIEW1, RMI_F_VIEW2, RMI_F_VIEWS,
	RMI_F_VIEW1, RMI_F_VIEW2, RMI_F_VIEWS
};
static const unsigned int queue_info_only[] = {
	0, 0, 0, 0, RMI_F_VIEW1, RMI_F_VIEW2, RMI_F_VIEWS
};
static const struct rmi_view queue_info = {
	"showQueueInfo", queue_info_values, "1", queue_info_groups,
	queue_info_only
};

/*
 * $3.. of rmi_agents() and the queue items, in order. startTime absent is
 * NULL: the SQL's default window (the current UTC day, rmi_day_start).
 */
static const struct rmi_arg list_args[] = {
	{ "startTime", RMI_A_TIME, 0, NULL },
	{ "showQueueInfo", RMI_A_CHOICE, RMI_A_LOCAL, NULL },
	{ "queueStats", RMI_A_SHOWS, RMI_F_VIEW1, NULL },
	{ "queueConfig", RMI_A_SHOWS, RMI_F_VIEW2, NULL },
	{ "queueId", RMI_A_GUIDS, 0, NULL },
	{ "withStats", RMI_A_ONLY, RMI_F_VIEW1, NULL },
	{ "withConfig", RMI_A_ONLY, RMI_F_VIEW2, NULL },
};

/* One agent takes no queueId and is not filtered away by showQueueInfo. */
static const struct rmi_arg one_args[] = {
	{ "startTime", RMI_A_TIME, 0, NULL },
	{ "showQueueInfo", RMI_A_CHOICE, RMI_A_LOCAL, NULL },
	{ "queueStats", RMI_A_SHOWS, RMI_F_VIEW1, NULL },
	{ "queueConfig", RMI_A_SHOWS, RMI_F_VIEW2, NULL },
};

static const struct rmi_resource agents = {
	.collection = "agents",
	.item = "agent",
	.from = "rmi_agents(p_user => $1, p_lang => $2, "
	    "p_start => $3::timestamptz, p_queues => $6::text[], "
	    "p_with_stats => $7::boolean, p_with_config => $8::boolean)",
	.fields = fields,
	.nfields = NFIELDS,
	.default_sort = "name",
	.args = list_args,
	.nargs = sizeof(list_args) / sizeof(list_args[0]),
	.nested = &items,
	.view = &queue_info,
};

static const struct rmi_resource agent = {
	.collection = "agents",
	.item = "agent",
	.from = "rmi_agents(p_user => $1, p_lang => $2, "
	    "p_start => $3::timestamptz, p_queues => NULL, "
	    "p_with_stats => false, p_with_config => false)",
	.fields = fields,
	.nfields = NFIELDS,
	.default_sort = "name",
	.args = one_args,
	.nargs = sizeof(one_args) / sizeof(one_args[0]),
	.nested = &items,
	.view = &queue_info,
};

/* The agents one may look below (the parent of the lists under one). */
static const struct rmi_field ref_fields[] = {
	{ "id", RMI_T_GUID, "r.id", REQ | RMI_F_ID, NULL },
};

static const struct rmi_resource agent_ref = {
	.collection = "agents",
	.item = "agent",
	.from = "rmi_agent_refs(p_user => $1, p_lang => $2)",
	.fields = ref_fields,
	.nfields = 1,
	.default_sort = "id",
};

/* $3 of the functions below an agent: the {agentId} of the URL. */
static const struct rmi_arg below_args[] = {
	{ "agentId", RMI_A_CAPTURE, 0, NULL },
};

static const struct rmi_field queue_fields[] = {
	{ "id", RMI_T_GUID, "r.id", REQ | RMI_F_ID | RMI_F_LIST, NULL },
	{ "name", RMI_T_STRING, "r.name", REQ, NULL },
	{ "type", RMI_T_ENUM, "r.type", REQ, rmi_queue_types },
	{ "serving", RMI_T_BOOL, "r.serving", REQ, NULL },
	{ "externalServing", RMI_T_BOOL, "r.external_serving", REQ, NULL },
	{ "canChangeQueueLogin", RMI_T_BOOL, "r.can_change_queue_login", REQ,
	    NULL },
};

/*
 * A client PUTs the whole queue as it got it; only serving is changed, the
 * rest is checked and left as it is.
 */
static const struct rmi_prop queue_props[] = {
	{ "agentId", RMI_P_GUID, RMI_P_CAPTURE, 32, NULL },
	{ "id", RMI_P_GUID, RMI_P_PATHID, 32, NULL },
	{ "serving", RMI_P_BOOL, RMI_P_REQUIRED, 5, NULL },
	{ "name", RMI_P_STRING, RMI_P_CHECK, 1024, NULL },
	{ "type", RMI_P_ENUM, RMI_P_CHECK, 0, rmi_queue_types },
	{ "externalServing", RMI_P_BOOL, RMI_P_CHECK, 5, NULL },
	{ "canChangeQueueLogin", RMI_P_BOOL, RMI_P_CHECK, 5, NULL },
};

static const struct rmi_write queue_put = {
	.sql = "SELECT rmi_agent_put_queue(p_user => $1, p_agent => $2, "
	    "p_queue => $3, p_serving => $4::boolean)",
	.props = queue_props,
	.nprops = sizeof(queue_props) / sizeof(queue_props[0]),
	.none = RMI_ENOTFOUND,
};

static const struct rmi_resource agent_queues = {
	.collection = "queues",
	.item = "queue",
	.from = "rmi_agent_queues(p_user => $1, p_lang => $2, p_agent => $3)",
	.fields = queue_fields,
	.nfields = sizeof(queue_fields) / sizeof(queue_fields[0]),
	.default_sort = "name",
	.args = below_args,
	.nargs = 1,
	.parent = &agent_ref,
	.replace = &queue_put,
};

static const struct rmi_field presence_fields[] = {
	{ "id", RMI_T_GUID, "r.id", REQ | RMI_F_ID | RMI_F_LIST, NULL },
	{ "name", RMI_T_STRING, "r.name", REQ, NULL },
	{ "reason", RMI_T_STRING, "r.reason", REQ, NULL },
	/* "string" in the spec, but the profile's type: an enumeration. */
	{ "type", RMI_T_ENUM, "r.type", REQ, profile_types },
	{ "priority", RMI_T_INT, "r.priority", REQ, NULL },
};

/* PUT activates the profile; its own properties are not the agent's to change. */
static const struct rmi_prop presence_props[] = {
	{ "agentId", RMI_P_GUID, RMI_P_CAPTURE, 32, NULL },
	{ "id", RMI_P_GUID, RMI_P_PATHID, 32, NULL },
	{ "name", RMI_P_STRING, RMI_P_CHECK, 1024, NULL },
	{ "reason", RMI_P_STRING, RMI_P_CHECK, 1024, NULL },
	{ "type", RMI_P_ENUM, RMI_P_CHECK, 0, profile_types },
	{ "priority", RMI_P_INT, RMI_P_CHECK, 0, NULL },
};

static const struct rmi_write presence_put = {
	.sql = "SELECT rmi_agent_put_presence(p_user => $1, p_agent => $2, "
	    "p_profile => $3)",
	.props = presence_props,
	.nprops = sizeof(presence_props) / sizeof(presence_props[0]),
	.none = RMI_ENOTFOUND,
};

static const struct rmi_resource presences = {
	.collection = "presences",
	.item = "presence",
	.from = "rmi_agent_presences(p_user => $1, p_lang => $2, "
	    "p_agent => $3)",
	.fields = presence_fields,
	.nfields = sizeof(presence_fields) / sizeof(presence_fields[0]),
	.default_sort = "name",
	.args = below_args,
	.nargs = 1,
	.parent = &agent_ref,
	.replace = &presence_put,
};

/* GET answers LoggedOut too; PUT takes what an agent can be put in. */
static const char *const ready_states[] = { "Ready", "NotReady", "Pause", NULL };

static const struct rmi_field ready_fields[] = {
	{ "agentId", RMI_T_GUID, "r.agent_id", REQ | RMI_F_ID | RMI_F_HIDDEN,
	    NULL },
	{ "readyState", RMI_T_ENUM, "r.ready_state", REQ,
	    rmi_user_statuses },
};

static const struct rmi_prop ready_props[] = {
	{ "agentId", RMI_P_GUID, RMI_P_CAPTURE, 32, NULL },
	{ "readyState", RMI_P_ENUM, RMI_P_REQUIRED, 0, ready_states },
};

static const struct rmi_write ready_put = {
	.sql = "SELECT rmi_agent_put_ready_state(p_user => $1, p_agent => $2, "
	    "p_state => $3)",
	.props = ready_props,
	.nprops = sizeof(ready_props) / sizeof(ready_props[0]),
	.none = RMI_ENOTFOUND,
};

static const struct rmi_resource ready_state = {
	.collection = "readyStates",
	.item = "readyState",
	.from = "rmi_agent_ready_states(p_user => $1, p_lang => $2)",
	.fields = ready_fields,
	.nfields = sizeof(ready_fields) / sizeof(ready_fields[0]),
	.default_sort = "readyState",
	.replace = &ready_put,
};

static const struct rmi_route routes[] = {
	{ RMI_M_GET, "/agents", rmi_handle_list, &agents },
	{ RMI_M_GET, "/agents/{agentId}", rmi_handle_get, &agent },
	{ RMI_M_GET, "/agents/{agentId}/queues", rmi_handle_list,
	    &agent_queues },
	{ RMI_M_GET, "/agents/{agentId}/queues/{queueId}", rmi_handle_get,
	    &agent_queues },
	{ RMI_M_PUT, "/agents/{agentId}/queues/{queueId}", rmi_handle_put,
	    &agent_queues },
	{ RMI_M_GET, "/agents/{agentId}/presences", rmi_handle_list,
	    &presences },
	{ RMI_M_GET, "/agents/{agentId}/presences/{presenceId}",
	    rmi_handle_get, &presences },
	{ RMI_M_PUT, "/agents/{agentId}/presences/{presenceId}",
	    rmi_handle_put, &presences },
	{ RMI_M_GET, "/agents/{agentId}/readyState", rmi_handle_get,
	    &ready_state },
	{ RMI_M_PUT, "/agents/{agentId}/readyState", rmi_handle_put,
	    &ready_state },
};

static const struct rmi_program program = {
	"agents", routes, sizeof(routes) / sizeof(routes[0])
};

int
main(int argc, char **argv)
{
	return rmi_main(&program, argc, argv);
}
