/* check_request.c: CGI variables to a request, and Accept negotiation. */
#include <stdio.h>
#include <string.h>

#include "request.h"
#include "suites.h"

/* Parses a request from a URI (and optional query string / method). */
/* Parses a request from a URI and an optional query (method given). */
static enum rmi_err
parse(struct rmi_request *req, const char *method, const char *uri,
    const char *qs)
{
	char	 m[64], u[512];
	char	*envp[3] = { m, u, NULL };

	snprintf(m, sizeof(m), "REQUEST_METHOD=%s", method);
	snprintf(u, sizeof(u), "REQUEST_URI=%s%s%s", uri, qs ? "?" : "",
	    qs ? qs : "");
	return rmi_request_parse(req, envp, "/RI/rmi");
}

static const struct {
	int		 line;
	const char	*uri;
	enum rmi_err	 err;
	size_t		 segc;
	const char	*seg0, *seg1;
} paths[] = {
	{ __LINE__, "/RI/rmi/queueStatuses", RMI_OK, 1, "queueStatuses", NULL },
	{ __LINE__, "/RI/rmi/queueStatuses/", RMI_OK, 1, "queueStatuses", NULL },
	{ __LINE__, "/RI/rmi/queueStatuses/?limit=5", RMI_OK, 1,
	    "queueStatuses", NULL },
	{ __LINE__, "/RI/rmi/queueStatuses/ABC/", RMI_OK, 2, "queueStatuses",
	    "ABC" },
	{ __LINE__, "/RI/rmi/queueStatuses/A%20B", RMI_OK, 2, "queueStatuses",
	    "A B" },
	{ __LINE__, "/RI/rmi/queueStatuses/A+B", RMI_OK, 2, "queueStatuses",
	    "A+B" },
	{ __LINE__, "/RI/rmi", RMI_OK, 0, NULL, NULL },
	{ __LINE__, "/RI/rmiX/queueStatuses", RMI_ENOTFOUND, 0, NULL, NULL },
	{ __LINE__, "/other/queueStatuses", RMI_ENOTFOUND, 0, NULL, NULL },
	{ __LINE__, "/RI/rmi/queueStatuses/%ZZ", RMI_EBADREQ, 0, NULL, NULL },
	{ __LINE__, "/RI/rmi/queueStatuses/%FF", RMI_EBADREQ, 0, NULL, NULL },
	{ __LINE__, "/RI/rmi/a/b/c/d/e/f/g/h/i", RMI_ENOTFOUND, 0, NULL, NULL },
};

START_TEST(test_paths)
{
	struct rmi_request	 req;
	enum rmi_err		 err = parse(&req, "GET", paths[_i].uri, NULL);

	ck_assert_msg(err == paths[_i].err, "line %d: err %d", paths[_i].line,
	    err);
	if (err == RMI_OK) {
		ck_assert_uint_eq(req.segc, paths[_i].segc);
		if (paths[_i].seg0)
			ck_assert_str_eq(req.segv[0], paths[_i].seg0);
		if (paths[_i].seg1)
			ck_assert_str_eq(req.segv[1], paths[_i].seg1);
	} else
		ck_assert_str_ne(req.errmsg, "");
	rmi_request_free(&req);
}
END_TEST

START_TEST(test_query)
{
	struct rmi_request	 req;

	ck_assert_int_eq(parse(&req, "GET", "/RI/rmi/x",
	    "agentName=Fox%2C+John&&limit=5&flag&limit=7&x=%25_"), RMI_OK);
	ck_assert_str_eq(rmi_request_param(&req, "agentName"), "Fox, John");
	ck_assert_str_eq(rmi_request_param(&req, "limit"), "5");
	ck_assert_str_eq(rmi_request_param(&req, "flag"), "");
	ck_assert_str_eq(rmi_request_param(&req, "x"), "%_");
	ck_assert_ptr_null(rmi_request_param(&req, "missing"));
	ck_assert_uint_eq(req.nparams, 5);
	ck_assert_int_eq(req.method, RMI_M_GET);
	rmi_request_free(&req);

	ck_assert_int_eq(parse(&req, "GET", "/RI/rmi/x", "name=%C3%28"),
	    RMI_EBADREQ);
	ck_assert_ptr_nonnull(strstr(req.errmsg, "Invalid query string"));
	rmi_request_free(&req);

	/* A literal '?' in the query is a wildcard, not a separator. */
	ck_assert_int_eq(parse(&req, "HEAD", "/RI/rmi/x/", "n=A*b?&a=1?"),
	    RMI_OK);
	ck_assert_str_eq(rmi_request_param(&req, "n"), "A*b?");
	ck_assert_str_eq(rmi_request_param(&req, "a"), "1?");
	ck_assert_int_eq(req.method, RMI_M_HEAD);
	rmi_request_free(&req);
}
END_TEST

START_TEST(test_query_source)
{
	struct rmi_request	 req;
	char			*both[] = { "REQUEST_METHOD=GET",
	    "REQUEST_URI=/RI/rmi/x?a=A*b?", "QUERY_STRING=a=", NULL };
	char			*cgi[] = { "REQUEST_METHOD=GET",
	    "QUERY_STRING=a=2", NULL };

	/* REQUEST_URI wins over a rewritten QUERY_STRING. */
	ck_assert_int_eq(rmi_request_parse(&req, both, "/RI/rmi"), RMI_OK);
	ck_assert_str_eq(rmi_request_param(&req, "a"), "A*b?");
	rmi_request_free(&req);
	/* Without REQUEST_URI, the path is outside the prefix. */
	ck_assert_int_eq(rmi_request_parse(&req, cgi, "/RI/rmi"),
	    RMI_ENOTFOUND);
	rmi_request_free(&req);
	ck_assert_int_eq(rmi_request_parse(&req, cgi, ""), RMI_OK);
	ck_assert_str_eq(rmi_request_param(&req, "a"), "2");
	rmi_request_free(&req);
}
END_TEST

START_TEST(test_headers)
{
	struct rmi_request	 req;
	char			*envp[] = { "REQUEST_METHOD=PUT",
	    "REQUEST_URI=/RI/rmi/settings/X", "CONTENT_LENGTH=42",
	    "CONTENT_TYPE=application/json", "REMOTE_USER=agent1",
	    "HTTP_ACCEPT=application/xml", NULL };
	char			*bad[] = { "REQUEST_METHOD=PUT",
	    "REQUEST_URI=/RI/rmi/x", "CONTENT_LENGTH=-5", NULL };
	char			*anon[] = { "REQUEST_METHOD=PATCH",
	    "REQUEST_URI=/RI/rmi/x", "REMOTE_USER=", NULL };

	ck_assert_int_eq(rmi_request_parse(&req, envp, "/RI/rmi"), RMI_OK);
	ck_assert_int_eq(req.method, RMI_M_PUT);
	ck_assert_int_eq(req.content_length, 42);
	ck_assert_str_eq(req.content_type, "application/json");
	ck_assert_str_eq(req.remote_user, "agent1");
	ck_assert_str_eq(req.accept, "application/xml");
	rmi_request_free(&req);
	ck_assert_int_eq(rmi_request_parse(&req, bad, "/RI/rmi"), RMI_EBADREQ);
	rmi_request_free(&req);
	ck_assert_int_eq(rmi_request_parse(&req, anon, "/RI/rmi"), RMI_OK);
	ck_assert_ptr_null(req.remote_user);
	ck_assert_int_eq(req.method, RMI_M_OTHER);
	ck_assert_int_eq(req.content_length, -1);
	rmi_request_free(&req);
}
END_TEST

static const struct {
	int		 line;
	const char	*accept;
	enum rmi_format	 fmt;
} accepts[] = {
	{ __LINE__, NULL, RMI_FMT_JSON },
	{ __LINE__, "", RMI_FMT_JSON },
	{ __LINE__, "*/*", RMI_FMT_JSON },
	{ __LINE__, "application/*", RMI_FMT_JSON },
	{ __LINE__, "application/json", RMI_FMT_JSON },
	{ __LINE__, "application/xml", RMI_FMT_XML },
	{ __LINE__, "text/xml", RMI_FMT_XML },
	{ __LINE__, "APPLICATION/XML", RMI_FMT_XML },
	{ __LINE__, "application/json;q=0.5, application/xml", RMI_FMT_XML },
	{ __LINE__, "application/json; q=0.9, application/xml;q=0.8",
	    RMI_FMT_JSON },
	{ __LINE__, "application/xml;q=0.9, */*;q=0.1", RMI_FMT_XML },
	{ __LINE__, "text/html,application/xhtml+xml,application/xml;q=0.9,"
	    "*/*;q=0.8", RMI_FMT_XML },
	{ __LINE__, "application/json;q=0, */*", RMI_FMT_XML },
	{ __LINE__, "text/html", RMI_FMT_NONE },
	{ __LINE__, "image/png, text/plain", RMI_FMT_NONE },
	{ __LINE__, "application/json;q=0", RMI_FMT_NONE },
	{ __LINE__, "*/*;q=0", RMI_FMT_NONE },
};

START_TEST(test_negotiate)
{
	ck_assert_msg(rmi_negotiate(accepts[_i].accept) == accepts[_i].fmt,
	    "line %d", accepts[_i].line);
}
END_TEST

Suite *
request_suite(void)
{
	Suite	*s = suite_create("request");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_paths, 0, sizeof(paths) / sizeof(paths[0]));
	tcase_add_test(tc, test_query);
	tcase_add_test(tc, test_query_source);
	tcase_add_test(tc, test_headers);
	tcase_add_loop_test(tc, test_negotiate, 0,
	    sizeof(accepts) / sizeof(accepts[0]));
	suite_add_tcase(s, tc);
	return s;
}
