/* contacts.c: /contacts, /contacts/{contactId}, /contacts/{contactId}/details. */
#include "app.h"

static const char *const channels[] = { "PHONE", "CHAT", "EMAIL", NULL };
static const char *const subtypes[] = { "text", "video", "sms", "facebook",
	"wechat", "whatsapp", NULL };
static const char *const statuses[] = { "ServiceClosed", "InProcess_WrapUp",
	"Handled_AOT", "Handled", "NotHandled_FA", "NotHandled_Ab",
	"InProcess_Preview", "InProcess_Pending", "InProcess", "InQueue", NULL };
static const char *const login_types[] = { "AutoAllocation", "HuntGroup",
	NULL };

#define REQ	RMI_F_REQUIRED

/* The rows and their definitions: db/functions/30_contacts.sql. */
static const struct rmi_field fields[] = {
	{ "id", RMI_T_GUID, "r.id", REQ | RMI_F_ID | RMI_F_LIST, NULL },
	{ "contactGroupId", RMI_T_GUID, "r.contact_group_id", REQ, NULL },
	{ "channel", RMI_T_ENUM, "r.channel", REQ, channels },
	{ "type", RMI_T_STRING, "r.type", REQ, NULL },
	{ "subtype", RMI_T_ENUM, "r.subtype", 0, subtypes },
	{ "status", RMI_T_ENUM, "r.status", REQ, statuses },
	{ "source", RMI_T_STRING, "r.source", REQ, NULL },
	{ "destination", RMI_T_STRING, "r.destination", REQ, NULL },
	{ "agentId", RMI_T_GUID, "r.agent_id", RMI_F_LIST, NULL },
	{ "agentName", RMI_T_STRING, "r.agent_name", 0, NULL },
	{ "queueId", RMI_T_GUID, "r.queue_id", RMI_F_LIST, NULL },
	{ "queueName", RMI_T_STRING, "r.queue_name", 0, NULL },
	{ "origQueueId", RMI_T_GUID, "r.orig_queue_id", 0, NULL },
	{ "origQueueName", RMI_T_STRING, "r.orig_queue_name", 0, NULL },
	{ "queueLoginType", RMI_T_ENUM, "r.queue_login_type", RMI_F_LIST,
	    login_types },
	{ "applicationId", RMI_T_GUID, "r.application_id", 0, NULL },
	{ "applicationName", RMI_T_STRING, "r.application_name", 0, NULL },
	{ "reportingGroupId", RMI_T_GUID, "r.reporting_group_id", 0, NULL },
	{ "reportingGroupName", RMI_T_STRING, "r.reporting_group_name", 0,
	    NULL },
	{ "outboundCampaignId", RMI_T_GUID, "r.outbound_campaign_id", 0, NULL },
	{ "outboundCampaignName", RMI_T_STRING, "r.outbound_campaign_name", 0,
	    NULL },
	{ "arrivalTime", RMI_T_DATETIME, "r.arrival_time", REQ, NULL },
	{ "arrivalQueueTime", RMI_T_DATETIME, "r.arrival_queue_time", 0, NULL },
	{ "previewTime", RMI_T_DATETIME, "r.preview_time", 0, NULL },
	{ "connectTime", RMI_T_DATETIME, "r.connect_time", 0, NULL },
	{ "pendingTime", RMI_T_DATETIME, "r.pending_time", 0, NULL },
	{ "pickTime", RMI_T_DATETIME, "r.pick_time", 0, NULL },
	{ "disconnectTime", RMI_T_DATETIME, "r.disconnect_time", 0, NULL },
	{ "wrapUpBeginTime", RMI_T_DATETIME, "r.wrap_up_begin_time", 0, NULL },
	{ "wrapUpEndTime", RMI_T_DATETIME, "r.wrap_up_end_time", 0, NULL },
	{ "queuingDuration", RMI_T_INT, "r.queuing_duration", REQ, NULL },
	{ "handlingDuration", RMI_T_INT, "r.handling_duration", REQ, NULL },
	{ "wrapUpTotalDuration", RMI_T_INT, "r.wrap_up_total_duration", REQ,
	    NULL },
	/* Required, but shown only after wrap-up ended (the spec). */
	{ "wrapUpScriptingDuration", RMI_T_INT, "r.wrap_up_scripting_duration",
	    0, NULL },
	{ "wrapUpRestingDuration", RMI_T_INT, "r.wrap_up_resting_duration", 0,
	    NULL },
	{ "totalDuration", RMI_T_INT, "r.total_duration", REQ, NULL },
	{ "waitingDuration", RMI_T_INT, "r.waiting_duration", REQ, NULL },
	{ "serviceClosed", RMI_T_BOOL, "r.service_closed", REQ, NULL },
	{ "record", RMI_T_BOOL, "r.record", 0, NULL },
	{ "answeredOnTimeThreshold", RMI_T_INT, "r.answered_on_time_threshold",
	    REQ, NULL },
	{ "falseAttemptTimeThreshold", RMI_T_INT,
	    "r.false_attempt_time_threshold", REQ, NULL },
	{ "subject", RMI_T_STRING, "r.subject", 0, NULL },
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

/* $3.. of rmi_contacts(), in order. */
static const struct rmi_arg list_args[] = {
	{ "startTime", RMI_A_TIME, 0, NULL },
	{ "endTime", RMI_A_TIME, 0, "startTime" },
	{ "showAllInProcess", RMI_A_BOOL, 0, NULL },
	{ "search", RMI_A_PATTERN, 0, NULL },
	{ "pickable", RMI_A_BOOL, 0, NULL },
	{ "activeQueue", RMI_A_BOOL, 0, NULL },
};

static const struct rmi_resource contacts = {
	.collection = "contacts",
	.item = "contact",
	.from = "rmi_contacts(p_user => $1, p_lang => $2, "
	    "p_start => $3::timestamptz, p_end => $4::timestamptz, "
	    "p_all => $5::boolean, p_search => $6, p_pickable => $7::boolean, "
	    "p_active_queue => $8::boolean)",
	.fields = fields,
	.nfields = NFIELDS,
	.default_sort = "-arrivalTime",
	.args = list_args,
	.nargs = sizeof(list_args) / sizeof(list_args[0]),
};

/* One contact by id: no time window. */
static const struct rmi_resource contact = {
	.collection = "contacts",
	.item = "contact",
	.from = "rmi_contact_rows(p_user => $1, p_lang => $2)",
	.fields = fields,
	.nfields = NFIELDS,
	.default_sort = "-arrivalTime",
};

static const struct rmi_field detail_fields[] = {
	{ "id", RMI_T_GUID, "r.id", REQ | RMI_F_ID | RMI_F_LIST, NULL },
	{ "time", RMI_T_DATETIME, "r.time", REQ, NULL },
	{ "event", RMI_T_STRING, "r.event", REQ, NULL },
	{ "value1", RMI_T_STRING, "r.value1", REQ, NULL },
	{ "value2", RMI_T_STRING, "r.value2", REQ, NULL },
};

static const struct rmi_arg detail_args[] = {
	{ "contactId", RMI_A_CAPTURE, 0, NULL },
};

static const struct rmi_resource details = {
	.collection = "details",
	.item = "detail",
	.from = "rmi_contact_details(p_user => $1, p_lang => $2, "
	    "p_contact => $3)",
	.fields = detail_fields,
	.nfields = sizeof(detail_fields) / sizeof(detail_fields[0]),
	.default_sort = "time",
	.args = detail_args,
	.nargs = 1,
	/* Events of one instant keep the order they happened in. */
	.tiebreak = "r.time, r.seq, r.id",
	.default_limit = -1,
	.parent = &contact,
};

static const struct rmi_route routes[] = {
	{ RMI_M_GET, "/contacts", rmi_handle_list, &contacts },
	{ RMI_M_GET, "/contacts/{contactId}", rmi_handle_get, &contact },
	{ RMI_M_GET, "/contacts/{contactId}/details", rmi_handle_list,
	    &details },
};

static const struct rmi_program program = {
	"contacts", routes, sizeof(routes) / sizeof(routes[0])
};

int
main(int argc, char **argv)
{
	return rmi_main(&program, argc, argv);
}
