/* check_args.c: resource-specific parameters into SQL arguments. */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "suites.h"

static const struct rmi_arg args[] = {
	{ "startTime", RMI_A_TIME, 0, NULL },
	{ "endTime", RMI_A_TIME, 0, "startTime" },
	{ "showAllInProcess", RMI_A_BOOL, 0, NULL },
	{ "search", RMI_A_PATTERN, 0, NULL },
};

static const struct rmi_field fields[] = {
	{ "id", RMI_T_GUID, "r.id", RMI_F_ID, NULL },
};

static const struct rmi_resource res = {
	.collection = "xs", .item = "x", .from = "f($1, $2, $3, $4, $5, $6)",
	.fields = fields, .nfields = 1, .default_sort = "id",
	.args = args, .nargs = 4,
};

static const struct {
	int		 line;
	const char	*qs;
	const char	*err;		/* errmsg prefix, NULL: accepted */
	const char	*v0, *v1, *v2, *v3;
} cases[] = {
	{ __LINE__, "", NULL, NULL, NULL, NULL, NULL },
	{ __LINE__, "startTime=2016-01-02T22:00:00.000Z&showAllInProcess=1"
	    "&search=04*1%25", NULL, "2016-01-02T22:00:00.000Z", NULL, "true",
	    "04%1\\%" },
	{ __LINE__, "startTime=2016-01-02T22:00:00Z&endTime=2016-01-02T22:00:00Z"
	    "&showAllInProcess=FALSE", NULL, "2016-01-02T22:00:00Z",
	    "2016-01-02T22:00:00Z", "false", NULL },
	{ __LINE__, "startTime=2016-01-02", "Invalid startTime: '2016-01-02'",
	    NULL, NULL, NULL, NULL },
	{ __LINE__, "endTime=yesterday", "Invalid endTime: 'yesterday'", NULL,
	    NULL, NULL, NULL },
	{ __LINE__, "startTime=2016-01-02T22:00:00Z&endTime=2016-01-02T21:59:59"
	    ".999Z", "Invalid endTime: '2016-01-02T21:59:59.999Z' is before",
	    NULL, NULL, NULL, NULL },
	{ __LINE__, "showAllInProcess=yes", "Invalid showAllInProcess: 'yes'",
	    NULL, NULL, NULL, NULL },
};

START_TEST(test_args)
{
	struct rmi_request	 req;
	char			 u[512];
	char			*envp[] = { "REQUEST_METHOD=GET", u, NULL };
	char			*v[RMI_MAX_ARGS];
	const char		*want[4] = { cases[_i].v0, cases[_i].v1,
	    cases[_i].v2, cases[_i].v3 };
	enum rmi_err		 err;
	int			 k;

	snprintf(u, sizeof(u), "REQUEST_URI=/RI/rmi/xs?%s", cases[_i].qs);
	ck_assert_int_eq(rmi_request_parse(&req, envp, "/RI/rmi"), RMI_OK);
	err = rmi_args_parse(&res, &req, v);
	if (cases[_i].err != NULL) {
		ck_assert_msg(err == RMI_EBADREQ, "line %d", cases[_i].line);
		ck_assert_msg(strncmp(req.errmsg, cases[_i].err,
		    strlen(cases[_i].err)) == 0, "line %d: %s", cases[_i].line,
		    req.errmsg);
	} else {
		ck_assert_msg(err == RMI_OK, "line %d: %s", cases[_i].line,
		    req.errmsg);
		for (k = 0; k < 4; k++) {
			if (want[k] == NULL)
				ck_assert_msg(v[k] == NULL, "line %d arg %d",
				    cases[_i].line, k);
			else
				ck_assert_str_eq(v[k], want[k]);
		}
	}
	rmi_args_free(v);
	rmi_request_free(&req);
}
END_TEST

START_TEST(test_required_and_capture)
{
	static const struct rmi_arg a[] = {
		{ "contactId", RMI_A_CAPTURE, 0, NULL },
		{ "startTime", RMI_A_TIME, RMI_A_REQUIRED, NULL },
	};
	struct rmi_resource	 r = res;
	struct rmi_request	 req;
	char			*envp[] = { "REQUEST_METHOD=GET",
	    "REQUEST_URI=/RI/rmi/xs/abc", NULL };
	char			*v[RMI_MAX_ARGS];

	r.args = a;
	r.nargs = 2;
	ck_assert_int_eq(rmi_request_parse(&req, envp, "/RI/rmi"), RMI_OK);
	req.capture[0] = req.segv[1];
	ck_assert_int_eq(rmi_args_parse(&r, &req, v), RMI_EBADREQ);
	ck_assert_str_eq(req.errmsg, "Invalid GUID: 'abc'");
	rmi_args_free(v);
	req.capture[0] = "F8C2697F37D044DB929B10F75381C624";
	ck_assert_int_eq(rmi_args_parse(&r, &req, v), RMI_EBADREQ);
	ck_assert_str_eq(req.errmsg, "Missing parameter: startTime");
	ck_assert_str_eq(v[0], "F8C2697F37D044DB929B10F75381C624");
	rmi_args_free(v);
	rmi_request_free(&req);
}
END_TEST

/* A view's choice: checked, defaulted, and the groups it shows. */
START_TEST(test_choice_guids_view)
{
	static const struct rmi_arg a[] = {
		{ "level", RMI_A_CHOICE, 0, NULL },
		{ "queueId", RMI_A_GUIDS, 0, NULL },
	};
	static const char *const levels[] = { "0", "1", "2", NULL };
	static const unsigned int groups[] = { 0, RMI_F_VIEW1,
	    RMI_F_VIEW1 | RMI_F_VIEW2 };
	static const struct rmi_view view = { "level", levels, "1", groups, NULL };
	static const struct {
		int		 line;
		const char	*qs;
		const char	*err;		/* errmsg, NULL: accepted */
		const char	*level, *ids;
		unsigned int	 shown;
	} c[] = {
		{ __LINE__, "", NULL, "1", NULL, RMI_F_VIEW1 },
		{ __LINE__, "level=0", NULL, "0", NULL, 0 },
		{ __LINE__, "level=2&queueId=F8C2697F37D044DB929B10F75381C624,"
		    "990556DC18244B4AB5BF35D75A89CDEF", NULL, "2",
		    "{F8C2697F37D044DB929B10F75381C624,"
		    "990556DC18244B4AB5BF35D75A89CDEF}", RMI_F_VIEWS },
		{ __LINE__, "level=3", "Invalid level: '3' (expected one of 0, "
		    "1, 2)", NULL, NULL, 0 },
		{ __LINE__, "level=", "Invalid level: '' (expected one of 0, 1, "
		    "2)", NULL, NULL, 0 },
		{ __LINE__, "queueId=F8C2697F37D044DB929B10F75381C624,",
		    "Invalid GUID: ''", NULL, NULL, 0 },
		{ __LINE__, "queueId=f8c2697f37d044db929b10f75381c624",
		    "Invalid GUID: 'f8c2697f37d044db929b10f75381c624'", NULL,
		    NULL, 0 },
		{ __LINE__, "queueId=F8C2697F37D044DB929B10F75381C6244",
		    "Invalid GUID: 'F8C2697F37D044DB929B10F75381C6244'", NULL,
		    NULL, 0 },
		{ __LINE__, "queueId=%22%7D", "Invalid GUID: '\"}'", NULL, NULL,
		    0 },
	};
	struct rmi_resource	 r = res;
	struct rmi_request	 req;
	char			 u[512];
	char			*envp[] = { "REQUEST_METHOD=GET", u, NULL };
	char			*v[RMI_MAX_ARGS];
	size_t			 i;
	enum rmi_err		 err;

	r.args = a;
	r.nargs = 2;
	r.view = &view;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		snprintf(u, sizeof(u), "REQUEST_URI=/RI/rmi/xs?%s", c[i].qs);
		ck_assert_int_eq(rmi_request_parse(&req, envp, "/RI/rmi"),
		    RMI_OK);
		err = rmi_args_parse(&r, &req, v);
		if (c[i].err != NULL) {
			ck_assert_msg(err == RMI_EBADREQ, "line %d", c[i].line);
			ck_assert_msg(strcmp(req.errmsg, c[i].err) == 0,
			    "line %d: %s", c[i].line, req.errmsg);
		} else {
			ck_assert_msg(err == RMI_OK, "line %d: %s", c[i].line,
			    req.errmsg);
			ck_assert_str_eq(v[0], c[i].level);
			if (c[i].ids == NULL)
				ck_assert_ptr_null(v[1]);
			else
				ck_assert_str_eq(v[1], c[i].ids);
			ck_assert_msg(rmi_resource_view(&r, v) == c[i].shown,
			    "line %d", c[i].line);
		}
		rmi_args_free(v);
		rmi_request_free(&req);
	}
	/* No view: everything shows. */
	ck_assert_uint_eq(rmi_resource_view(&res, v), RMI_F_VIEWS);
}
END_TEST

/*
 * What a view's value says, passed as booleans (showQueueInfo): the groups
 * it shows and those it lists only rows of; never read from the query.
 */
START_TEST(test_view_flags)
{
	static const struct rmi_arg a[] = {
		{ "level", RMI_A_CHOICE, RMI_A_LOCAL, NULL },
		{ "shows1", RMI_A_SHOWS, RMI_F_VIEW1, NULL },
		{ "shows2", RMI_A_SHOWS, RMI_F_VIEW2, NULL },
		{ "only1", RMI_A_ONLY, RMI_F_VIEW1, NULL },
		{ "only2", RMI_A_ONLY, RMI_F_VIEW2, NULL },
	};
	static const char *const levels[] = { "0", "1", "2", "3", NULL };
	static const unsigned int groups[] = { 0, RMI_F_VIEW1, RMI_F_VIEW2,
	    RMI_F_VIEW1 };
	static const unsigned int only[] = { 0, 0, RMI_F_VIEW2, RMI_F_VIEWS };
	static const struct rmi_view view = { "level", levels, "1", groups,
	    only };
	static const struct {
		const char	*qs;
		const char	*want[4];	/* shows1, shows2, only1, only2 */
	} c[] = {
		{ "", { "true", "false", "false", "false" } },
		{ "level=0&shows1=true&only2=true",
		    { "false", "false", "false", "false" } },
		{ "level=2", { "false", "true", "false", "true" } },
		{ "level=3", { "true", "false", "true", "true" } },
	};
	struct rmi_resource	 r = res;
	struct rmi_request	 req;
	char			 u[512];
	char			*envp[] = { "REQUEST_METHOD=GET", u, NULL };
	char			*v[RMI_MAX_ARGS];
	size_t			 i, k;

	r.args = a;
	r.nargs = 5;
	r.view = &view;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		snprintf(u, sizeof(u), "REQUEST_URI=/RI/rmi/xs?%s", c[i].qs);
		ck_assert_int_eq(rmi_request_parse(&req, envp, "/RI/rmi"),
		    RMI_OK);
		ck_assert_int_eq(rmi_args_parse(&r, &req, v), RMI_OK);
		for (k = 0; k < 4; k++)
			ck_assert_msg(v[k + 1] != NULL &&
			    strcmp(v[k + 1], c[i].want[k]) == 0,
			    "%s: %s is %s", c[i].qs, a[k + 1].name,
			    v[k + 1] != NULL ? v[k + 1] : "NULL");
		rmi_args_free(v);
		rmi_request_free(&req);
	}
}
END_TEST

Suite *
args_suite(void)
{
	Suite	*s = suite_create("args");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_args, 0, sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_required_and_capture);
	tcase_add_test(tc, test_choice_guids_view);
	tcase_add_test(tc, test_view_flags);
	suite_add_tcase(s, tc);
	return s;
}
