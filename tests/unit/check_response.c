/* check_response.c: headers, Content-Length, errors, streaming, HEAD. */
#include <string.h>

#include "response.h"
#include "suites.h"

START_TEST(test_short_body)
{
	struct rmi_response	 r;

	rmi_response_init(&r, NULL, 0);
	rmi_response_start(&r, 200, "application/json");
	rmi_buf_puts(&r.body, "[]");
	rmi_response_end(&r);
	ck_assert_str_eq(r.wire.data, "Status: 200 OK\r\n"
	    "Content-Type: application/json\r\nContent-Length: 2\r\n"
	    "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
	    "\r\n[]");
	rmi_response_free(&r);
}
END_TEST

START_TEST(test_error_replaces_body)
{
	struct rmi_response	 r;

	rmi_response_init(&r, NULL, 0);
	rmi_buf_puts(&r.body, "[{\"half");
	ck_assert_int_eq(rmi_response_error(&r, RMI_ENOTFOUND, NULL), 0);
	rmi_response_end(&r);
	ck_assert_ptr_nonnull(strstr(r.wire.data, "Status: 404 Not Found\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\nContent-Length: 18\r\n"));
	ck_assert_ptr_nonnull(strstr(r.wire.data, "\r\n\r\nHTTP 404 Not Found"));
	ck_assert_ptr_null(strstr(r.wire.data, "half"));
	rmi_response_free(&r);

	rmi_response_init(&r, NULL, 0);
	strcpy(r.allow, "GET, HEAD");
	rmi_response_error(&r, RMI_EMETHOD, "no");
	rmi_response_end(&r);
	ck_assert_ptr_nonnull(strstr(r.wire.data, "Status: 405 Method Not "
	    "Allowed\r\n"));
	ck_assert_ptr_nonnull(strstr(r.wire.data, "Allow: GET, HEAD\r\n"));
	rmi_response_free(&r);
}
END_TEST

/* Every 503 says when to come back; other statuses do not. */
START_TEST(test_unavailable_retry_after)
{
	struct rmi_response	 r;

	rmi_response_init(&r, NULL, 0);
	rmi_response_error(&r, RMI_EUNAVAIL, NULL);
	rmi_response_end(&r);
	ck_assert_ptr_nonnull(strstr(r.wire.data, "Status: 503 Service "
	    "Unavailable\r\n"));
	ck_assert_ptr_nonnull(strstr(r.wire.data, "\r\nRetry-After: "
	    RMI_RETRY_AFTER "\r\n"));
	rmi_response_free(&r);

	rmi_response_init(&r, NULL, 0);
	rmi_response_error(&r, RMI_EINTERNAL, NULL);
	rmi_response_end(&r);
	ck_assert_ptr_null(strstr(r.wire.data, "Retry-After"));
	rmi_response_free(&r);
}
END_TEST

START_TEST(test_stream)
{
	struct rmi_response	 r;
	char			 chunk[1000];
	size_t			 i;

	memset(chunk, 'x', sizeof(chunk));
	rmi_response_init(&r, NULL, 0);
	for (i = 0; i < 1000; i++) {
		rmi_buf_put(&r.body, chunk, sizeof(chunk));
		rmi_response_drain(&r);
		/* The buffer never holds much more than the threshold. */
		ck_assert_uint_lt(r.body.len, 300 * 1024);
	}
	ck_assert_int_eq(r.committed, 1);
	ck_assert_int_eq(rmi_response_error(&r, RMI_EINTERNAL, NULL), -1);
	rmi_response_end(&r);
	ck_assert_ptr_null(strstr(r.wire.data, "Content-Length"));
	ck_assert_uint_eq(r.wire.len - (size_t)(strstr(r.wire.data,
	    "\r\n\r\n") + 4 - r.wire.data), 1000 * 1000);
	rmi_response_free(&r);
}
END_TEST

START_TEST(test_head)
{
	struct rmi_response	 r;

	rmi_response_init(&r, NULL, 1);
	rmi_buf_puts(&r.body, "[1,2,3]");
	rmi_response_end(&r);
	ck_assert_ptr_nonnull(strstr(r.wire.data, "Content-Length: 7\r\n"));
	ck_assert_str_eq(strstr(r.wire.data, "\r\n\r\n"), "\r\n\r\n");
	rmi_response_free(&r);
}
END_TEST

Suite *
response_suite(void)
{
	Suite	*s = suite_create("response");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_short_body);
	tcase_add_test(tc, test_error_replaces_body);
	tcase_add_test(tc, test_unavailable_retry_after);
	tcase_add_test(tc, test_stream);
	tcase_add_test(tc, test_head);
	suite_add_tcase(s, tc);
	return s;
}
