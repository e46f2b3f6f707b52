/* userStatuses.c: /userStatuses and /userStatuses/{userId}. */
#include "app.h"

#define REQ	RMI_F_REQUIRED

/*
 * The rows and their definitions: db/functions/40_user_statuses.sql.
 * Wire order as the spec's example.
 */
static const struct rmi_field fields[] = {
	{ "activeIbCallCnt", RMI_T_INT, "r.active_ib_call_cnt", REQ, NULL },
	{ "activeIbChatCnt", RMI_T_INT, "r.active_ib_chat_cnt", REQ, NULL },
	{ "activeIbEmailCnt", RMI_T_INT, "r.active_ib_email_cnt", REQ, NULL },
	{ "activeIbOperDirCallCnt", RMI_T_INT, "r.active_ib_oper_dir_call_cnt",
	    REQ, NULL },
	{ "activeIbVideoChatCnt", RMI_T_INT, "r.active_ib_video_chat_cnt", REQ,
	    NULL },
	{ "activeObCallCnt", RMI_T_INT, "r.active_ob_call_cnt", REQ, NULL },
	{ "activeObCampaignCallCnt", RMI_T_INT,
	    "r.active_ob_campaign_call_cnt", REQ, NULL },
	{ "activeObCbrCallCnt", RMI_T_INT, "r.active_ob_cbr_call_cnt", REQ,
	    NULL },
	{ "activeObEmailCnt", RMI_T_INT, "r.active_ob_email_cnt", REQ, NULL },
	{ "id", RMI_T_GUID, "r.id", REQ | RMI_F_ID | RMI_F_LIST, NULL },
	{ "name", RMI_T_STRING, "r.name", REQ, NULL },
	{ "phoneCapacity", RMI_T_INT, "r.phone_capacity", REQ, NULL },
	{ "status", RMI_T_ENUM, "r.status", REQ, rmi_user_statuses },
	{ "taskCapacity", RMI_T_INT, "r.task_capacity", REQ, NULL },
	{ "textChatCapacity", RMI_T_INT, "r.text_chat_capacity", REQ, NULL },
	{ "videoChatCapacity", RMI_T_INT, "r.video_chat_capacity", REQ, NULL },
};

static const struct rmi_resource user_statuses_res = {
	.collection = "userStatuses",
	.item = "userStatus",
	.from = "rmi_user_statuses(p_user => $1, p_lang => $2)",
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = "name",
};

static const struct rmi_route routes[] = {
	{ RMI_M_GET, "/userStatuses", rmi_handle_list, &user_statuses_res },
	{ RMI_M_GET, "/userStatuses/{userId}", rmi_handle_get,
	    &user_statuses_res },
};

static const struct rmi_program program = {
	"userStatuses", routes, sizeof(routes) / sizeof(routes[0])
};

int
main(int argc, char **argv)
{
	return rmi_main(&program, argc, argv);
}
