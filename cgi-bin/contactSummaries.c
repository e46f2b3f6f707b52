/* contactSummaries.c: /contactSummaries and /contactSummaries/{id}. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "text.h"

#define REQ	RMI_F_REQUIRED

/*
 * The rows and their definitions: db/functions/50_contact_summaries.sql.
 * Wire order as the spec's example. The id is not a GUID by nature
 * (queueId + yyyyMMdd'T'HHmmss'Z'): a string, filtered with wildcards.
 */
static const struct rmi_field fields[] = {
	{ "applicationId", RMI_T_GUID, "r.application_id", REQ, NULL },
	{ "applicationName", RMI_T_STRING, "r.application_name", REQ, NULL },
	{ "changeTimeStamp", RMI_T_DATETIME, "r.change_time_stamp", REQ, NULL },
	{ "hourTime", RMI_T_DATETIME, "r.hour_time", REQ, NULL },
	{ "id", RMI_T_STRING, "r.id", REQ | RMI_F_ID, NULL },
	{ "inAbandoned", RMI_T_INT, "r.in_abandoned", REQ, NULL },
	{ "inAnsweredOnTime", RMI_T_INT, "r.in_answered_on_time", REQ, NULL },
	{ "inArrivedHandled", RMI_T_INT, "r.in_arrived_handled", REQ, NULL },
	{ "inArrivedActive", RMI_T_INT, "r.in_arrived_active", REQ, NULL },
	{ "inFalseAttempt", RMI_T_INT, "r.in_false_attempt", REQ, NULL },
	{ "inHandleTimeMax", RMI_T_INT, "r.in_handle_time_max", REQ, NULL },
	{ "inHandleTimeTotal", RMI_T_INT, "r.in_handle_time_total", REQ, NULL },
	{ "inHandled", RMI_T_INT, "r.in_handled", REQ, NULL },
	{ "inQueueTimeMax", RMI_T_INT, "r.in_queue_time_max", REQ, NULL },
	{ "inAnsweredQueueTimeTotal", RMI_T_INT,
	    "r.in_answered_queue_time_total", REQ, NULL },
	{ "inAbandonedQueueTimeTotal", RMI_T_INT,
	    "r.in_abandoned_queue_time_total", REQ, NULL },
	{ "inFalseAttemptQueueTimeTotal", RMI_T_INT,
	    "r.in_false_attempt_queue_time_total", REQ, NULL },
	{ "inServiceClosed", RMI_T_INT, "r.in_service_closed", REQ, NULL },
	{ "outHandleTimeMax", RMI_T_INT, "r.out_handle_time_max", REQ, NULL },
	{ "outHandleTimeTotal", RMI_T_INT, "r.out_handle_time_total", REQ,
	    NULL },
	{ "outHandled", RMI_T_INT, "r.out_handled", REQ, NULL },
	{ "queueId", RMI_T_GUID, "r.queue_id", REQ | RMI_F_LIST, NULL },
	{ "queueName", RMI_T_STRING, "r.queue_name", REQ, NULL },
	{ "type", RMI_T_ENUM, "r.type", REQ | RMI_F_LIST, rmi_queue_types },
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

/* $3 of rmi_contact_summaries(). */
static const struct rmi_arg list_args[] = {
	{ "startTime", RMI_A_TIME, 0, NULL },
};

static const struct rmi_resource summaries = {
	.collection = "contactSummaries",
	.item = "contactSummary",
	.from = "rmi_contact_summaries(p_user => $1, p_lang => $2, "
	    "p_start => $3::timestamptz)",
	.fields = fields,
	.nfields = NFIELDS,
	.default_sort = "applicationName",
	.args = list_args,
	.nargs = sizeof(list_args) / sizeof(list_args[0]),
	/* Id order (queue, then interval) without comparing id text. */
	.tiebreak = "r.queue_id, r.hour_time",
};

static int
all_digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/*
 * A summary id: a queue GUID and a UTC time that exists,
 * yyyyMMdd'T'HHmmss'Z' (535A3F8292D6433DA215D29B7455A9AB20190830T084500Z).
 */
static int
summary_id_valid(const char *id)
{
	char		 guid[33], iso[21];
	const char	*t = id + 32;
	long long	 ms;

	if (strlen(id) != 48)
		return 0;
	memcpy(guid, id, 32);
	guid[32] = '\0';
	if (!rmi_guid_valid(guid) || !all_digits(t, 8) || t[8] != 'T' ||
	    !all_digits(t + 9, 6) || t[15] != 'Z')
		return 0;
	snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", t, t + 4,
	    t + 6, t + 9, t + 11, t + 13);
	return rmi_parse_time(iso, &ms) == 0;
}

static const struct rmi_idformat summary_id = {
	"^[0-9A-F]{32}[0-9]{8}T[0-9]{6}Z$",
	"the queue's id and the interval's start, yyyyMMdd'T'HHmmss'Z' (UTC)",
	summary_id_valid
};

/*
 * One summary by id. The function reads only the queue and the interval
 * the id names: it takes the {id} itself, which rmi_sql_get binds after
 * the args (resource.h), i.e. as $3 here, where there are none.
 */
static const struct rmi_resource summary = {
	.collection = "contactSummaries",
	.item = "contactSummary",
	.from = "rmi_contact_summary(p_user => $1, p_lang => $2, p_id => $3)",
	.fields = fields,
	.nfields = NFIELDS,
	.default_sort = "applicationName",
	.idformat = &summary_id,
};

static const struct rmi_route routes[] = {
	{ RMI_M_GET, "/contactSummaries", rmi_handle_list, &summaries },
	{ RMI_M_GET, "/contactSummaries/{id}", rmi_handle_get, &summary },
};

static const struct rmi_program program = {
	"contactSummaries", routes, sizeof(routes) / sizeof(routes[0])
};

int
main(int argc, char **argv)
{
	return rmi_main(&program, argc, argv);
}
