/* check_app.c: routing and the checks made before any handler runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "app.h"
#include "describe.h"
#include "fixture_resource.h"
#include "suites.h"

static int	 handled;

static enum rmi_err
h_ok(struct rmi_ctx *ctx)
{
	handled++;
	rmi_buf_puts(&ctx->resp.body, "ok");
	return RMI_OK;
}

static const struct rmi_route routes[] = {
	{ RMI_M_GET, "/things", h_ok, &fx_resource },
	{ RMI_M_GET | RMI_M_PUT, "/things/{id}", h_ok, &fx_resource },
	{ RMI_M_GET, "/things/{id}/details", h_ok, &fx_resource },
};

static const struct rmi_program prog = { "test", routes, 3 };

static const struct {
	int		 line;
	const char	*method;
	const char	*uri;
	const char	*user;
	const char	*accept;
	const char	*expect;	/* a substring of the output */
} cases[] = {
	{ __LINE__, "GET", "/RI/rmi/nothing", "u", NULL,
	    "Status: 404 Not Found\r\n" },
	{ __LINE__, "GET", "/RI/rmi/things/A/B/C", "u", NULL,
	    "\r\n\r\nHTTP 404 Not Found" },
	{ __LINE__, "DELETE", "/RI/rmi/things", "u", NULL,
	    "Allow: GET, HEAD\r\n" },
	{ __LINE__, "POST", "/RI/rmi/things/X/", "u", NULL,
	    "Allow: GET, HEAD, PUT\r\n" },
	{ __LINE__, "PATCH", "/RI/rmi/things", "u", NULL,
	    "Status: 405 Method Not Allowed\r\n" },
	{ __LINE__, "GET", "/RI/rmi/things", NULL, NULL,
	    "Status: 401 Unauthorized\r\n" },
	{ __LINE__, "GET", "/RI/rmi/things", "u", "text/html",
	    "Status: 406 Not Acceptable\r\n" },
	{ __LINE__, "GET", "/RI/rmi/things?language=fin", "u", NULL,
	    "\r\n\r\nInvalid language: 'fin'" },
	{ __LINE__, "GET", "/RI/rmi/things/%FF", "u", NULL,
	    "Status: 400 Bad Request\r\nContent-Type: text/plain" },
	/* Checks pass; the database (none here) is the next step: 503. */
	{ __LINE__, "GET", "/RI/rmi/things/", "u", "application/xml",
	    "Status: 503 Service Unavailable\r\n" },
	{ __LINE__, "HEAD", "/RI/rmi/things", "u", NULL,
	    "Status: 503 Service Unavailable\r\n" },
};

START_TEST(test_checks)
{
	struct rmi_ctx	 ctx;
	char		 m[64], u[256], usr[64], acc[128];
	char		*envp[5] = { m, u, NULL, NULL, NULL };
	int		 n = 2;

	snprintf(m, sizeof(m), "REQUEST_METHOD=%s", cases[_i].method);
	snprintf(u, sizeof(u), "REQUEST_URI=%s", cases[_i].uri);
	if (cases[_i].user != NULL) {
		snprintf(usr, sizeof(usr), "REMOTE_USER=%s", cases[_i].user);
		envp[n++] = usr;
	}
	if (cases[_i].accept != NULL) {
		snprintf(acc, sizeof(acc), "HTTP_ACCEPT=%s", cases[_i].accept);
		envp[n++] = acc;
	}
	handled = 0;
	rmi_serve(&prog, &ctx, envp, NULL, NULL);
	ck_assert_msg(strstr(ctx.resp.wire.data, cases[_i].expect) != NULL,
	    "line %d: %s", cases[_i].line, ctx.resp.wire.data);
	ck_assert_int_eq(handled, 0);
	rmi_ctx_free(&ctx);
}
END_TEST

START_TEST(test_route_match)
{
	struct rmi_request	 req;
	char			*envp[] = { "REQUEST_METHOD=GET",
	    "REQUEST_URI=/RI/rmi/things/ABC/details/", NULL };

	ck_assert_int_eq(rmi_request_parse(&req, envp, "/RI/rmi"), RMI_OK);
	ck_assert(!rmi_route_match("/things", &req));
	ck_assert(!rmi_route_match("/things/{id}", &req));
	ck_assert(!rmi_route_match("/things/{id}/details/more", &req));
	ck_assert(rmi_route_match("/things/{id}/details", &req));
	ck_assert_uint_eq(req.ncapture, 1);
	ck_assert_str_eq(req.capture[0], "ABC");
	rmi_request_free(&req);
}
END_TEST

/* PUT bodies: too large refused unread (413), short ones 400. */
START_TEST(test_bodies)
{
	struct rmi_ctx	 ctx;
	char		*big[] = { "REQUEST_METHOD=PUT",
	    "REQUEST_URI=/RI/rmi/things/X", "REMOTE_USER=u",
	    "CONTENT_TYPE=application/json", "CONTENT_LENGTH=65537", NULL };
	char		*cut[] = { "REQUEST_METHOD=PUT",
	    "REQUEST_URI=/RI/rmi/things/X", "REMOTE_USER=u",
	    "CONTENT_TYPE=application/json", "CONTENT_LENGTH=10", NULL };

	rmi_serve(&prog, &ctx, big, NULL, NULL);
	ck_assert_ptr_nonnull(strstr(ctx.resp.wire.data,
	    "Status: 413 Payload Too Large\r\n"));
	ck_assert_ptr_nonnull(strstr(ctx.resp.wire.data,
	    "the body is 65537 bytes, at most 65536"));
	rmi_ctx_free(&ctx);
	rmi_serve(&prog, &ctx, cut, NULL, NULL);
	ck_assert_ptr_nonnull(strstr(ctx.resp.wire.data,
	    "\r\n\r\nInvalid body: truncated (0 of 10 bytes)"));
	rmi_ctx_free(&ctx);
}
END_TEST

/*
 * CORS and cross-site writes: method, path, user, Origin, Host, what the
 * output contains and what it must not (NULL: nothing checked).
 */
static const struct {
	int		 line;
	const char	*method;
	const char	*uri;
	const char	*user;
	const char	*origin;
	const char	*host;
	const char	*expect;
	const char	*absent;
} cors_cases[] = {
	/* A preflight, without credentials: 204 from the route table. */
	{ __LINE__, "OPTIONS", "/RI/rmi/things/X/", NULL,
	    "http://localhost:5173", NULL,
	    "Status: 204 No Content\r\nAllow: GET, HEAD, PUT\r\n"
	    "Vary: Origin\r\n"
	    "Access-Control-Allow-Origin: http://localhost:5173\r\n"
	    "Access-Control-Allow-Credentials: true\r\n"
	    "Access-Control-Allow-Methods: GET, HEAD, PUT\r\n"
	    "Access-Control-Allow-Headers: Authorization, Content-Type, Accept, ",
	    "\r\n\r\nok" },
	{ __LINE__, "OPTIONS", "/RI/rmi/things", NULL,
	    "http://localhost:5173", NULL,
	    "Access-Control-Max-Age: 600\r\n", "Content-Length" },
	/* Another origin: an OPTIONS answer, but no CORS header. */
	{ __LINE__, "OPTIONS", "/RI/rmi/things", NULL,
	    "http://evil.example", NULL, "Status: 204 No Content\r\n",
	    "Access-Control" },
	/* No such path: 404, still no data. */
	{ __LINE__, "OPTIONS", "/RI/rmi/nothing", NULL,
	    "http://localhost:5173", NULL, "Status: 404 Not Found\r\n",
	    "Access-Control" },
	/* Real requests: the origin's headers on errors too; auth stays. */
	{ __LINE__, "GET", "/RI/rmi/things", NULL, "http://localhost:5173",
	    NULL, "Status: 401 Unauthorized\r\n", "\r\n\r\nok" },
	{ __LINE__, "GET", "/RI/rmi/things", NULL, "http://localhost:5173",
	    NULL, "Access-Control-Allow-Origin: http://localhost:5173\r\n"
	    "Access-Control-Allow-Credentials: true\r\n"
	    "Access-Control-Expose-Headers: Location, Retry-After\r\n", NULL },
	{ __LINE__, "GET", "/RI/rmi/things", "u", "http://evil.example",
	    NULL, "Vary: Origin\r\n", "Access-Control" },
	/* Writes from a foreign origin: 403 before anything is read. */
	{ __LINE__, "PUT", "/RI/rmi/things/X", "u", "http://evil.example",
	    "127.0.0.1:8080", "Status: 403 Forbidden\r\n", NULL },
	{ __LINE__, "PUT", "/RI/rmi/things/X", "u", "http://evil.example",
	    "127.0.0.1:8080", "origin 'http://evil.example'", NULL },
	{ __LINE__, "PUT", "/RI/rmi/things/X", "u", "null", "127.0.0.1:8080",
	    "Status: 403 Forbidden\r\n", NULL },
	/* Same origin, an allowed one, or none: on to the database (503). */
	{ __LINE__, "PUT", "/RI/rmi/things/X", "u", "http://127.0.0.1:8080",
	    "127.0.0.1:8080", "Status: 503 Service Unavailable\r\n", NULL },
	{ __LINE__, "PUT", "/RI/rmi/things/X", "u", "http://localhost:5173",
	    "127.0.0.1:8080", "Status: 503 Service Unavailable\r\n", NULL },
	{ __LINE__, "PUT", "/RI/rmi/things/X", "u", NULL, "127.0.0.1:8080",
	    "Status: 503 Service Unavailable\r\n", NULL },
	{ __LINE__, "PUT", "/RI/rmi/things/X", "u", "http://127.0.0.1:8081",
	    "127.0.0.1:8080", "Status: 403 Forbidden\r\n", NULL },
};

START_TEST(test_cors)
{
	struct rmi_ctx	 ctx;
	char		 m[64], u[256], usr[64], org[128], host[128];
	char		*envp[8] = { m, u,
	    "RMI_CORS_ORIGINS=http://localhost:5173 http://127.0.0.1:5173",
	    NULL };
	int		 n = 3;

	snprintf(m, sizeof(m), "REQUEST_METHOD=%s", cors_cases[_i].method);
	snprintf(u, sizeof(u), "REQUEST_URI=%s", cors_cases[_i].uri);
	if (cors_cases[_i].user != NULL) {
		snprintf(usr, sizeof(usr), "REMOTE_USER=%s", cors_cases[_i].user);
		envp[n++] = usr;
	}
	if (cors_cases[_i].origin != NULL) {
		snprintf(org, sizeof(org), "HTTP_ORIGIN=%s",
		    cors_cases[_i].origin);
		envp[n++] = org;
	}
	if (cors_cases[_i].host != NULL) {
		snprintf(host, sizeof(host), "HTTP_HOST=%s", cors_cases[_i].host);
		envp[n++] = host;
	}
	handled = 0;
	rmi_serve(&prog, &ctx, envp, NULL, NULL);
	ck_assert_msg(strstr(ctx.resp.wire.data, cors_cases[_i].expect) != NULL,
	    "line %d: %s", cors_cases[_i].line, ctx.resp.wire.data);
	ck_assert_msg(cors_cases[_i].absent == NULL ||
	    strstr(ctx.resp.wire.data, cors_cases[_i].absent) == NULL,
	    "line %d: %s", cors_cases[_i].line, ctx.resp.wire.data);
	ck_assert_int_eq(handled, 0);
	rmi_ctx_free(&ctx);
}
END_TEST

/* Without RMI_CORS_ORIGINS: no CORS header, no Vary, to anyone. */
START_TEST(test_cors_off)
{
	struct rmi_ctx	 ctx;
	char		*envp[] = { "REQUEST_METHOD=OPTIONS",
	    "REQUEST_URI=/RI/rmi/things", "HTTP_ORIGIN=http://localhost:5173",
	    NULL };

	unsetenv("RMI_CORS_ORIGINS");
	rmi_serve(&prog, &ctx, envp, NULL, NULL);
	ck_assert_ptr_nonnull(strstr(ctx.resp.wire.data, "Status: 204"));
	ck_assert_ptr_null(strstr(ctx.resp.wire.data, "Access-Control"));
	ck_assert_ptr_null(strstr(ctx.resp.wire.data, "Vary"));
	rmi_ctx_free(&ctx);
	/* The process environment serves when the web server passes none. */
	setenv("RMI_CORS_ORIGINS", "http://localhost:5173", 1);
	rmi_serve(&prog, &ctx, envp, NULL, NULL);
	ck_assert_ptr_nonnull(strstr(ctx.resp.wire.data,
	    "Access-Control-Allow-Origin: http://localhost:5173\r\n"));
	rmi_ctx_free(&ctx);
	unsetenv("RMI_CORS_ORIGINS");
}
END_TEST

/* Member path of the --describe JSON: "routes", 1, "methods", 0, ... */
static const char *
dget(json_object *o, const char *k1, int i1, const char *k2, int i2)
{
	o = json_object_array_get_idx(json_object_object_get(o, k1), i1);
	o = json_object_object_get(o, k2);
	if (i2 >= 0)
		o = json_object_array_get_idx(o, i2);
	return json_object_get_string(o);
}

/* --describe: the tables as JSON, flags as words, routes by handler. */
START_TEST(test_describe)
{
	FILE		*f = tmpfile();
	char		 buf[16384];
	size_t		 n;
	json_object	*d, *res;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(rmi_describe(&prog, f), 0);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	ck_assert_ptr_nonnull(d = json_tokener_parse(buf));
	ck_assert_str_eq(json_object_get_string(json_object_object_get(d,
	    "program")), "test");
	ck_assert_str_eq(dget(d, "routes", 1, "methods", 0), "GET");
	ck_assert_str_eq(dget(d, "routes", 1, "methods", 1), "PUT");
	ck_assert_str_eq(dget(d, "routes", 1, "handler", -1), "custom");
	ck_assert_int_eq(json_object_array_length(json_object_object_get(d,
	    "resources")), 1);
	ck_assert_str_eq(dget(d, "resources", 0, "from", -1),
	    "rmi_things($1, $2)");
	ck_assert_str_eq(dget(d, "resources", 0, "params", 1), "language");
	ck_assert_ptr_null(dget(d, "resources", 0, "params", 2));
	ck_assert_str_eq(dget(d, "resources", 0, "get_params", 2), "id");
	ck_assert_ptr_null(dget(d, "resources", 0, "nested", -1));
	res = json_object_array_get_idx(json_object_object_get(d,
	    "resources"), 0);
	ck_assert_str_eq(dget(res, "fields", 0, "flags", 1), "list");
	ck_assert_str_eq(dget(res, "fields", 0, "flags", 2), "id");
	ck_assert_str_eq(dget(res, "fields", 2, "values", 2), "Chat");
	ck_assert_str_eq(dget(res, "fields", 3, "sql", -1), "r.n");
	ck_assert_str_eq(dget(res, "fields", 6, "flags", 1), "nosort");
	json_object_put(d);
}
END_TEST

static void
no_database(void)
{
	/* A socket directory that does not exist: connecting fails fast. */
	setenv("RMI_DB", "host=/nonexistent/rmi-unit port=1 connect_timeout=2",
	    1);
	unsetenv("RMI_PREFIX");
}

Suite *
app_suite(void)
{
	Suite	*s = suite_create("app");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, no_database, NULL);
	tcase_add_loop_test(tc, test_checks, 0, sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_route_match);
	tcase_add_test(tc, test_describe);
	tcase_add_test(tc, test_bodies);
	tcase_add_loop_test(tc, test_cors, 0,
	    sizeof(cors_cases) / sizeof(cors_cases[0]));
	tcase_add_test(tc, test_cors_off);
	suite_add_tcase(s, tc);
	return s;
}
