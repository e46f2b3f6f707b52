/* check_body.c: JSON and XML bodies into properties, and their refusals. */
#include <string.h>

#include "body.h"
#include "suites.h"

static const struct {
	int		 line;
	const char	*ctype;
	const char	*data;
	enum rmi_err	 err;
	const char	*msg;		/* prefix of errmsg, or NULL */
	const char	*name, *value;	/* a property that must be there */
} cases[] = {
	{ __LINE__, "application/json", "{\"readyState\":\"Ready\"}", RMI_OK,
	    NULL, "readyState", "Ready" },
	{ __LINE__, "application/json; charset=UTF-8",
	    " {\"serving\": true, \"n\": 12, \"x\": null} ", RMI_OK, NULL,
	    "serving", "true" },
	{ __LINE__, "application/json", "{\"n\": 12}", RMI_OK, NULL, "n", "12" },
	{ __LINE__, "application/json", "{\"v\": \"\\u00c4\\n\"}", RMI_OK,
	    NULL, "v", "\xc3\x84\n" },
	{ __LINE__, "application/json", "{\"a\": {\"b\": 1}}", RMI_EBADREQ,
	    "Invalid body: property 'a' must be", NULL, NULL },
	{ __LINE__, "application/json", "[1, 2]", RMI_EBADREQ,
	    "Invalid body: a JSON object", NULL, NULL },
	{ __LINE__, "application/json", "{\"a\": 1", RMI_EBADREQ,
	    "Invalid body: malformed JSON", NULL, NULL },
	{ __LINE__, "application/json", "{\"a\": 1} x", RMI_EBADREQ,
	    "Invalid body: ", NULL, NULL },
	{ __LINE__, "application/json", "", RMI_EBADREQ,
	    "Invalid body: malformed JSON", NULL, NULL },
	{ __LINE__, "application/json",
	    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	    RMI_EBADREQ, "Invalid body: malformed JSON", NULL, NULL },
	{ __LINE__, "application/json", "{\"a\": \"\xff\"}", RMI_EBADREQ,
	    "Invalid body: not UTF-8", NULL, NULL },
	/* json-c keeps the last of repeated keys. */
	{ __LINE__, "application/json", "{\"a\":1,\"a\":2}", RMI_OK, NULL,
	    "a", "2" },
	{ __LINE__, "application/xml",
	    "<?xml version=\"1.0\"?><readyState><readyState>NotReady"
	    "</readyState></readyState>", RMI_OK, NULL, "readyState",
	    "NotReady" },
	{ __LINE__, "text/xml", "<setting>\n <id>X</id>\n <value>&lt;a&gt; "
	    "&amp;</value><!-- c --></setting>", RMI_OK, NULL, "value",
	    "<a> &" },
	{ __LINE__, "application/xml", "<a><b>1</b>", RMI_EBADREQ,
	    "Invalid body: malformed XML", NULL, NULL },
	{ __LINE__, "application/xml", "<a><b><c>1</c></b></a>", RMI_EBADREQ,
	    "Invalid body: element 'b' must hold only text", NULL, NULL },
	{ __LINE__, "application/xml", "<!DOCTYPE a [<!ENTITY x \"y\">]>"
	    "<a><b>&x;</b></a>", RMI_EBADREQ, "Invalid body: DTDs", NULL, NULL },
	{ __LINE__, "application/xml", "<!DOCTYPE a SYSTEM "
	    "\"http://127.0.0.1:1/x.dtd\"><a><b>1</b></a>", RMI_EBADREQ,
	    "Invalid body: DTDs", NULL, NULL },
	{ __LINE__, "text/plain", "Ready", RMI_EMEDIATYPE, "HTTP 415", NULL,
	    NULL },
	{ __LINE__, NULL, "{}", RMI_EMEDIATYPE, "HTTP 415", NULL, NULL },
	{ __LINE__, "application/jsonx", "{}", RMI_EMEDIATYPE, "HTTP 415",
	    NULL, NULL },
};

START_TEST(test_bodies)
{
	struct rmi_request	 req;
	struct rmi_body		 b;
	enum rmi_err		 err;

	memset(&req, 0, sizeof(req));
	err = rmi_body_parse(&req, cases[_i].ctype, cases[_i].data,
	    strlen(cases[_i].data), &b);
	ck_assert_msg(err == cases[_i].err, "line %d: err %d (%s)",
	    cases[_i].line, err, req.errmsg);
	if (cases[_i].msg != NULL)
		ck_assert_msg(strncmp(req.errmsg, cases[_i].msg,
		    strlen(cases[_i].msg)) == 0, "line %d: %s", cases[_i].line,
		    req.errmsg);
	if (cases[_i].name != NULL) {
		ck_assert_ptr_nonnull(rmi_body_get(&b, cases[_i].name));
		ck_assert_str_eq(rmi_body_get(&b, cases[_i].name),
		    cases[_i].value);
	}
	rmi_body_free(&b);
}
END_TEST

START_TEST(test_null_is_absent)
{
	struct rmi_request	 req;
	struct rmi_body		 b;
	const char		*d = "{\"x\": null, \"y\": false}";

	memset(&req, 0, sizeof(req));
	ck_assert_int_eq(rmi_body_parse(&req, "application/json", d, strlen(d),
	    &b), RMI_OK);
	ck_assert_ptr_null(rmi_body_get(&b, "x"));
	ck_assert_str_eq(rmi_body_get(&b, "y"), "false");
	ck_assert_uint_eq(b.nprops, 1);
	rmi_body_free(&b);
}
END_TEST

Suite *
body_suite(void)
{
	Suite	*s = suite_create("body");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_bodies, 0, sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_null_is_absent);
	suite_add_tcase(s, tc);
	return s;
}
