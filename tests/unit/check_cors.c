/* check_cors.c: Origin against the allowed list and the request's own origin. */
#include "cors.h"
#include "suites.h"

static const char *const allowed = " http://localhost:5173  https://Explorer.example ";

static const struct {
	int		 line;
	const char	*origin;
	int		 ok;
} allow[] = {
	{ __LINE__, "http://localhost:5173", 1 },
	{ __LINE__, "HTTP://LOCALHOST:5173", 1 },
	{ __LINE__, "https://explorer.example", 1 },
	{ __LINE__, "http://localhost:517", 0 },
	{ __LINE__, "http://localhost:51733", 0 },
	{ __LINE__, "http://localhost", 0 },
	{ __LINE__, "https://localhost:5173", 0 },
	{ __LINE__, "http://localhost:5173 https://explorer.example", 0 },
	{ __LINE__, "", 0 },
	{ __LINE__, "null", 0 },
	{ __LINE__, NULL, 0 },
};

START_TEST(test_allowed)
{
	ck_assert_msg(rmi_origin_allowed(allowed, allow[_i].origin) ==
	    allow[_i].ok, "line %d", allow[_i].line);
}
END_TEST

START_TEST(test_allowed_none)
{
	ck_assert_int_eq(rmi_origin_allowed(NULL, "http://localhost:5173"), 0);
	ck_assert_int_eq(rmi_origin_allowed("", "http://localhost:5173"), 0);
	ck_assert_int_eq(rmi_origin_allowed("  ", "http://localhost:5173"), 0);
	ck_assert_int_eq(rmi_origin_allowed("null", "null"), 0);
}
END_TEST

static const struct {
	int		 line;
	const char	*origin;
	const char	*host;
	int		 https;
	int		 same;
} same[] = {
	{ __LINE__, "http://127.0.0.1:8080", "127.0.0.1:8080", 0, 1 },
	{ __LINE__, "http://Wallboard.Example", "wallboard.example", 0, 1 },
	{ __LINE__, "http://wallboard.example:80", "wallboard.example", 0, 1 },
	{ __LINE__, "http://wallboard.example", "wallboard.example:80", 0, 1 },
	{ __LINE__, "https://wallboard.example", "wallboard.example:443", 1, 1 },
	{ __LINE__, "http://[::1]:8080", "[::1]:8080", 0, 1 },
	{ __LINE__, "http://[::1]", "[::1]:80", 0, 1 },
	/* Another scheme, host or port is another site. */
	{ __LINE__, "https://127.0.0.1:8080", "127.0.0.1:8080", 0, 0 },
	{ __LINE__, "http://127.0.0.1:8080", "127.0.0.1:8080", 1, 0 },
	{ __LINE__, "http://127.0.0.1:8081", "127.0.0.1:8080", 0, 0 },
	{ __LINE__, "http://127.0.0.1", "127.0.0.1:8080", 0, 0 },
	{ __LINE__, "http://evil.example", "wallboard.example", 0, 0 },
	{ __LINE__, "http://wallboard.example.evil", "wallboard.example", 0, 0 },
	{ __LINE__, "http://[::1]:8080", "[::2]:8080", 0, 0 },
	/* Not an origin, or no host to compare with. */
	{ __LINE__, "null", "127.0.0.1:8080", 0, 0 },
	{ __LINE__, "http://127.0.0.1:8080/", "127.0.0.1:8080", 0, 0 },
	{ __LINE__, "http://u@127.0.0.1:8080", "127.0.0.1:8080", 0, 0 },
	{ __LINE__, "http://127.0.0.1:x", "127.0.0.1:x", 0, 0 },
	{ __LINE__, "http://127.0.0.1:", "127.0.0.1:", 0, 0 },
	{ __LINE__, "http://127.0.0.1:99999", "127.0.0.1:99999", 0, 0 },
	{ __LINE__, "http://", "", 0, 0 },
	{ __LINE__, "http://127.0.0.1:8080", NULL, 0, 0 },
};

START_TEST(test_same)
{
	ck_assert_msg(rmi_origin_same(same[_i].origin, same[_i].host,
	    same[_i].https) == same[_i].same, "line %d", same[_i].line);
}
END_TEST

Suite *
cors_suite(void)
{
	Suite	*s = suite_create("cors");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_allowed, 0, sizeof(allow) / sizeof(allow[0]));
	tcase_add_test(tc, test_allowed_none);
	tcase_add_loop_test(tc, test_same, 0, sizeof(same) / sizeof(same[0]));
	suite_add_tcase(s, tc);
	return s;
}
