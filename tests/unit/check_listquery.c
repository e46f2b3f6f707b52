/* check_listquery.c: filters, sort and paging against a resource table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_resource.h"
#include "listquery.h"
#include "suites.h"

static enum rmi_err
parse_qs(struct rmi_request *req, struct rmi_listquery *lq, const char *qs)
{
	char	 u[1024];
	char	*envp[] = { "REQUEST_METHOD=GET", u, NULL };
	enum rmi_err err;

	snprintf(u, sizeof(u), "REQUEST_URI=/RI/rmi/things?%s", qs);
	err = rmi_request_parse(req, envp, "/RI/rmi");
	ck_assert_int_eq(err, RMI_OK);
	return rmi_listquery_parse(lq, &fx_resource, req);
}

static const struct {
	int		 line;
	const char	*qs;
	const char	*errmsg;	/* NULL: accepted */
} bad[] = {
	{ __LINE__, "offset=-1", "Invalid offset: '-1'" },
	{ __LINE__, "offset=abc", "Invalid offset: 'abc'" },
	{ __LINE__, "limit=1.5", "Invalid limit: '1.5'" },
	{ __LINE__, "limit=", "Invalid limit: ''" },
	{ __LINE__, "limit=99999999999", "Invalid limit: '99999999999'" },
	{ __LINE__, "sort=nope", "Invalid sort field: 'nope'" },
	{ __LINE__, "sort=-nope", "Invalid sort field: 'nope'" },
	{ __LINE__, "sort=secret", "Invalid sort field: 'secret'" },
	{ __LINE__, "sort=name;DROP", "Invalid sort field: 'name;DROP'" },
	{ __LINE__, "sort=LOCALE-fi,name", "Invalid sort: LOCALE-xx must" },
	{ __LINE__, "sort=name,LOCALE-", "Invalid locale: ''" },
	{ __LINE__, "sort=name,LOCALE-f", "Invalid locale: 'f'" },
	{ __LINE__, "sort=name,LOCALE-fi'x", "Invalid locale: 'fi'x'" },
	{ __LINE__, "sort=name,LOCALE-fi_FI", "Invalid locale: 'fi_FI'" },
	{ __LINE__, "id=F8C2697F37D044DB929B10F75381C624,XYZ",
	    "Invalid GUID: 'XYZ'" },
	{ __LINE__, "id=", "Invalid GUID: ''" },
	{ __LINE__, "id=F8C2697F37D044DB929B10F75381C624,",
	    "Invalid GUID: ''" },
	{ __LINE__, "type=Phone,Fax", "Invalid value for type: 'Fax' "
	    "(expected Phone, Email, Chat, or a pattern with * or ?)" },
	{ __LINE__, "type=Phone,", "Invalid value for type: ''" },
	{ __LINE__, "type=", "Invalid value for type: ''" },
	{ __LINE__, "TYPE=Fax", "Invalid value for type: 'Fax'" },
	{ __LINE__, "type=Ph*,Fax", "Invalid value for type: 'Fax'" },
	{ __LINE__, "Limit=x", "Invalid limit: 'x'" },
	{ __LINE__, "SORT=nope", "Invalid sort field: 'nope'" },
	{ __LINE__, "Offset=-1", "Invalid offset: '-1'" },
	/* An exact name wins: Limit=x is not read when limit= is there. */
	{ __LINE__, "Limit=x&limit=5", NULL },
	{ __LINE__, "limit=5&offset=0&sort=-count,name,LOCALE-en-US", NULL },
	{ __LINE__, "_=1480000000000&unknown=1&secret=x", NULL },
};

START_TEST(test_bad)
{
	struct rmi_request	 req;
	struct rmi_listquery	 lq;
	enum rmi_err		 err = parse_qs(&req, &lq, bad[_i].qs);

	if (bad[_i].errmsg == NULL)
		ck_assert_msg(err == RMI_OK, "line %d: %s", bad[_i].line,
		    req.errmsg);
	else {
		ck_assert_msg(err == RMI_EBADREQ, "line %d: accepted",
		    bad[_i].line);
		ck_assert_msg(strncmp(req.errmsg, bad[_i].errmsg,
		    strlen(bad[_i].errmsg)) == 0, "line %d: %s", bad[_i].line,
		    req.errmsg);
	}
	rmi_listquery_free(&lq);
	rmi_request_free(&req);
}
END_TEST

START_TEST(test_defaults)
{
	struct rmi_request	 req;
	struct rmi_listquery	 lq;

	ck_assert_int_eq(parse_qs(&req, &lq, ""), RMI_OK);
	ck_assert_int_eq(lq.offset, 0);
	ck_assert_int_eq(lq.limit, 100);
	ck_assert_uint_eq(lq.nsort, 1);
	ck_assert_str_eq(lq.sort[0].field->name, "name");
	ck_assert_int_eq(lq.sort[0].desc, 0);
	ck_assert_uint_eq(lq.nfilters, 0);
	ck_assert_str_eq(lq.locale, "");
	rmi_listquery_free(&lq);
	rmi_request_free(&req);
}
END_TEST

START_TEST(test_sort)
{
	struct rmi_request	 req;
	struct rmi_listquery	 lq;

	ck_assert_int_eq(parse_qs(&req, &lq,
	    "sort=-count,%20name%20,LOCALE-EN-us&offset=10&limit=0"), RMI_OK);
	ck_assert_uint_eq(lq.nsort, 2);
	ck_assert_str_eq(lq.sort[0].field->name, "count");
	ck_assert_int_eq(lq.sort[0].desc, 1);
	ck_assert_str_eq(lq.sort[1].field->name, "name");
	ck_assert_int_eq(lq.sort[1].desc, 0);
	ck_assert_str_eq(lq.locale, "en-US");
	ck_assert_int_eq(lq.offset, 10);
	ck_assert_int_eq(lq.limit, 0);
	rmi_listquery_free(&lq);
	rmi_request_free(&req);

	ck_assert_int_eq(parse_qs(&req, &lq, "sort=name,LOCALE-sr-latn"),
	    RMI_OK);
	ck_assert_str_eq(lq.locale, "sr-Latn");
	rmi_listquery_free(&lq);
	rmi_request_free(&req);
}
END_TEST

START_TEST(test_filters)
{
	struct rmi_request	 req;
	struct rmi_listquery	 lq;

	ck_assert_int_eq(parse_qs(&req, &lq, "name=Fox%2C+J*n%3F_100%25%5C"
	    "&type=phone,CHAT&name=ignored&count=1?&id="
	    "F8C2697F37D044DB929B10F75381C624"), RMI_OK);
	ck_assert_uint_eq(lq.nfilters, 4);
	ck_assert_str_eq(lq.filters[0].field->name, "name");
	/* One value, not split on the comma; literal % _ \ escaped. */
	ck_assert_str_eq(lq.filters[0].value, "Fox, J%n_\\_100\\%\\\\");
	ck_assert_str_eq(lq.filters[1].field->name, "type");
	ck_assert_str_eq(lq.filters[1].value, "{\"Phone\",\"Chat\"}");
	ck_assert_int_eq(lq.filters[1].match, RMI_MATCH_ANY);
	ck_assert_int_eq(lq.filters[0].match, RMI_MATCH_LIKE);
	ck_assert_str_eq(lq.filters[2].value, "1_");
	ck_assert_str_eq(lq.filters[3].value,
	    "{\"F8C2697F37D044DB929B10F75381C624\"}");
	rmi_listquery_free(&lq);
	rmi_request_free(&req);
}
END_TEST

/* An enumeration without RMI_F_LIST is a comma list all the same. */
static const char *const st_values[] = { "InProcess", "InProcess_WrapUp",
	"Handled", NULL };
static const struct rmi_field st_fields[] = {
	{ "id", RMI_T_GUID, "r.id", RMI_F_ID, NULL },
	{ "status", RMI_T_ENUM, "r.status", 0, st_values },
	{ "agentName", RMI_T_STRING, "r.agent_name", 0, NULL },
	{ "queueName", RMI_T_STRING, "r.queue_name", 0, NULL },
	{ "queuename", RMI_T_STRING, "r.queue_name2", 0, NULL },
};
static const struct rmi_resource st_resource = {
	.collection = "states",
	.item = "state",
	.from = "rmi_states($1, $2)",
	.fields = st_fields,
	.nfields = sizeof(st_fields) / sizeof(st_fields[0]),
	.default_sort = "id",
};

static const struct {
	int		 line;
	const char	*qs;
	const char	*field;		/* the filter's field */
	enum rmi_match	 match;
	const char	*value;
} enums[] = {
	{ __LINE__, "status=handled", "status", RMI_MATCH_ANY, "{\"Handled\"}" },
	{ __LINE__, "status=inprocess_wrapup,HANDLED", "status", RMI_MATCH_ANY,
	    "{\"InProcess_WrapUp\",\"Handled\"}" },
	{ __LINE__, "status=%20Handled%20,%20InProcess", "status",
	    RMI_MATCH_ANY, "{\"Handled\",\"InProcess\"}" },
	/* A wildcard makes every element a pattern; _ of a value literal. */
	{ __LINE__, "status=InProcess*", "status", RMI_MATCH_LIKE_ANY,
	    "{\"InProcess%\"}" },
	{ __LINE__, "status=*", "status", RMI_MATCH_LIKE_ANY, "{\"%\"}" },
	{ __LINE__, "status=inprocess_wrapup,Hand?ed", "status",
	    RMI_MATCH_LIKE_ANY, "{\"InProcess\\\\_WrapUp\",\"Hand_ed\"}" },
	/* Free text: one value, commas included. */
	{ __LINE__, "agentName=Fox,%20John", "agentName", RMI_MATCH_LIKE,
	    "Fox, John" },
	/* Names in another case; an exact name wins wherever it stands. */
	{ __LINE__, "STATUS=Handled", "status", RMI_MATCH_ANY, "{\"Handled\"}" },
	{ __LINE__, "Status=Handled&status=InProcess", "status",
	    RMI_MATCH_ANY, "{\"InProcess\"}" },
	{ __LINE__, "queuename=b&queueName=a", "queuename", RMI_MATCH_LIKE,
	    "b" },
	{ __LINE__, "QUEUENAME=c", "queueName", RMI_MATCH_LIKE, "c" },
};

START_TEST(test_enum_lists)
{
	struct rmi_request	 req;
	struct rmi_listquery	 lq;
	char			 u[1024];
	char			*envp[] = { "REQUEST_METHOD=GET", u, NULL };
	size_t			 i;
	int			 found = 0;

	snprintf(u, sizeof(u), "REQUEST_URI=/RI/rmi/states?%s", enums[_i].qs);
	ck_assert_int_eq(rmi_request_parse(&req, envp, "/RI/rmi"), RMI_OK);
	ck_assert_msg(rmi_listquery_parse(&lq, &st_resource, &req) == RMI_OK,
	    "line %d: %s", enums[_i].line, req.errmsg);
	for (i = 0; i < lq.nfilters; i++) {
		if (strcmp(lq.filters[i].field->name, enums[_i].field) != 0)
			continue;
		found = 1;
		ck_assert_msg(lq.filters[i].match == enums[_i].match,
		    "line %d: match %d", enums[_i].line, lq.filters[i].match);
		ck_assert_msg(strcmp(lq.filters[i].value, enums[_i].value) == 0,
		    "line %d: %s", enums[_i].line, lq.filters[i].value);
	}
	ck_assert_msg(found, "line %d: no filter on %s", enums[_i].line,
	    enums[_i].field);
	rmi_listquery_free(&lq);
	rmi_request_free(&req);
}
END_TEST

START_TEST(test_wildcard)
{
	char	*p = rmi_wildcard_to_like("*a?b%c_d\\e*");

	ck_assert_str_eq(p, "%a_b\\%c\\_d\\\\e%");
	free(p);
	p = rmi_wildcard_to_like("");
	ck_assert_str_eq(p, "");
	free(p);
}
END_TEST

Suite *
listquery_suite(void)
{
	Suite	*s = suite_create("listquery");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_bad, 0, sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_sort);
	tcase_add_test(tc, test_filters);
	tcase_add_test(tc, test_wildcard);
	tcase_add_loop_test(tc, test_enum_lists, 0,
	    sizeof(enums) / sizeof(enums[0]));
	suite_add_tcase(s, tc);
	return s;
}
