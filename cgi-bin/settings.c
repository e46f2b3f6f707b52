/* settings.c: /settings (GET, POST) and /settings/{id} (GET, PUT). */
#include "app.h"

/* Values are free text up to this many bytes (the body limit is 64 KiB). */
#define VALUE_MAX 32768

static const struct rmi_field fields[] = {
	{ "id", RMI_T_STRING, "r.id", RMI_F_REQUIRED | RMI_F_ID, NULL },
	{ "uiLanguage", RMI_T_STRING, "r.ui_language", RMI_F_REQUIRED, NULL },
	{ "value", RMI_T_STRING, "r.value", RMI_F_REQUIRED, NULL },
};

/* $2 id, $3 uiLanguage, $4 value; a POST may leave out the last two. */
static const struct rmi_prop props[] = {
	{ "id", RMI_P_KEY, RMI_P_REQUIRED | RMI_P_PATHID, 128, NULL },
	{ "uiLanguage", RMI_P_LANGUAGE, 0, 2, NULL },
	{ "value", RMI_P_STRING, 0, VALUE_MAX, NULL },
};

/*
 * changed_at orders a user's settings for its default language (the most
 * recently changed: rmi_session). Stamped with rmi_clock(), the write
 * clock of db/functions/00_common.sql, as the ready-state writes: taken
 * once the row is locked, so of two PUTs of one setting the one applied
 * last stamps the later time (now(), the transaction's start, need not).
 */
static const struct rmi_write create = {
	.sql = "INSERT INTO settings (user_id, id, ui_language, value, "
	    "changed_at) VALUES ($1, $2, coalesce($3, ''), coalesce($4, ''), "
	    "rmi_clock()) "
	    "ON CONFLICT (user_id, id) DO NOTHING RETURNING id",
	.props = props,
	.nprops = sizeof(props) / sizeof(props[0]),
	.none = RMI_ECONFLICT,
};

/* One statement: concurrent PUTs each replace the whole row, last wins. */
static const struct rmi_write replace = {
	.sql = "UPDATE settings SET ui_language = coalesce($3, ''), "
	    "value = coalesce($4, ''), changed_at = rmi_clock() "
	    "WHERE user_id = $1 AND id = $2 RETURNING id",
	.props = props,
	.nprops = sizeof(props) / sizeof(props[0]),
	.none = RMI_ENOTFOUND,
};

static const struct rmi_resource settings = {
	.collection = "settings",
	.item = "setting",
	.from = "rmi_settings(p_user => $1, p_lang => $2)",
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = "id",
	.create = &create,
	.replace = &replace,
};

static const struct rmi_route routes[] = {
	{ RMI_M_GET, "/settings", rmi_handle_list, &settings },
	{ RMI_M_POST, "/settings", rmi_handle_post, &settings },
	{ RMI_M_GET, "/settings/{id}", rmi_handle_get, &settings },
	{ RMI_M_PUT, "/settings/{id}", rmi_handle_put, &settings },
};

static const struct rmi_program program = {
	"settings", routes, sizeof(routes) / sizeof(routes[0])
};

int
main(int argc, char **argv)
{
	return rmi_main(&program, argc, argv);
}
