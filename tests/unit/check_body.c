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
	/* json-c would keep the last of repeated keys: refused, as in XML. */
	{ __LINE__, "application/json", "{\"a\":1,\"a\":2}", RMI_EBADREQ,
	    "Invalid body: property 'a' given twice", NULL, NULL },
	{ __LINE__, "application/json", "{\"a\":1, \"b\": {\"a\": [\"a\", 2]},"
	    " \"\\u0061\" : 3}", RMI_EBADREQ,
	    "Invalid body: property 'a' given twice", NULL, NULL },
	{ __LINE__, "application/json", "{\"a\\\"\":1, \"a\\\\\":2, \"a\\\"\":3}",
	    RMI_EBADREQ, "Invalid body: property 'a\"' given twice", NULL,
	    NULL },
	{ __LINE__, "application/json", "{\"a\":\"x,\\\"}\", \"b\": 2}", RMI_OK,
	    NULL, "b", "2" },
	{ __LINE__, "application/xml", "<a><b>1</b><b>2</b></a>", RMI_EBADREQ,
	    "Invalid body: property 'b' given twice", NULL, NULL },
	/* A NUL would cut the value short on its way to SQL. */
	{ __LINE__, "application/json", "{\"id\":\"x\\u0000y\"}", RMI_EBADREQ,
	    "Invalid body: property 'id' holds a NUL character", NULL, NULL },
	{ __LINE__, "application/json", "{\"i\\u0000d\":\"x\"}", RMI_EBADREQ,
	    "Invalid body: a property name holds a NUL character", NULL,
	    NULL },
	/* What XML 1.0 cannot carry is refused in JSON as libxml2 does in XML. */
	{ __LINE__, "application/json", "{\"v\":\"a\\ufffeb\"}", RMI_EBADREQ,
	    "Invalid body: property 'v' holds a character XML 1.0 forbids",
	    NULL, NULL },
	{ __LINE__, "application/json", "{\"v\":\"a\xef\xbf\xbf\"}", RMI_EBADREQ,
	    "Invalid body: property 'v' holds a character XML 1.0", NULL,
	    NULL },
	{ __LINE__, "application/json", "{\"v\":\"\\u001b\"}", RMI_EBADREQ,
	    "Invalid body: property 'v' holds a character XML 1.0", NULL,
	    NULL },
	/* json-c decodes a lone surrogate escape as U+FFFD. */
	{ __LINE__, "application/json", "{\"v\":\"\\ud800\"}", RMI_OK,
	    NULL, "v", "\xef\xbf\xbd" },
	{ __LINE__, "application/json", "{\"v\":\"\\ud83d\\ude00\\t\"}", RMI_OK,
	    NULL, "v", "\xf0\x9f\x98\x80\t" },
	{ __LINE__, "application/xml", "<a><v>&#xFFFE;</v></a>", RMI_EBADREQ,
	    "Invalid body: malformed XML", NULL, NULL },
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

/* Each property remembers what it was written as (write.c checks it). */
START_TEST(test_kinds)
{
	struct rmi_request	 req;
	struct rmi_body		 b;
	const char		*d = "{\"s\": \"12\", \"i\": 12, \"n\": 1e400, "
	    "\"f\": -0.5, \"b\": true}";
	const char		*x = "<a><s>12</s></a>";

	memset(&req, 0, sizeof(req));
	ck_assert_int_eq(rmi_body_parse(&req, "application/json", d, strlen(d),
	    &b), RMI_OK);
	ck_assert_int_eq(rmi_body_prop(&b, "s")->kind, RMI_B_STRING);
	ck_assert_int_eq(rmi_body_prop(&b, "i")->kind, RMI_B_INT);
	ck_assert_int_eq(rmi_body_prop(&b, "n")->kind, RMI_B_NUMBER);
	ck_assert_int_eq(rmi_body_prop(&b, "f")->kind, RMI_B_NUMBER);
	ck_assert_int_eq(rmi_body_prop(&b, "b")->kind, RMI_B_BOOL);
	ck_assert_ptr_null(rmi_body_prop(&b, "x"));
	rmi_body_free(&b);
	ck_assert_int_eq(rmi_body_parse(&req, "application/xml", x, strlen(x),
	    &b), RMI_OK);
	ck_assert_int_eq(rmi_body_prop(&b, "s")->kind, RMI_B_TEXT);
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
	tcase_add_test(tc, test_kinds);
	suite_add_tcase(s, tc);
	return s;
}
