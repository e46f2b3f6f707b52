/* check_buf.c: the growable buffer. */
#include <string.h>

#include "buf.h"
#include "suites.h"

START_TEST(test_grow_and_printf)
{
	struct rmi_buf	 b;
	int		 i;

	rmi_buf_init(&b);
	for (i = 0; i < 1000; i++)
		ck_assert_int_eq(rmi_buf_printf(&b, "%d,", i % 10), 0);
	ck_assert_uint_eq(b.len, 2000);
	ck_assert_int_eq(b.data[b.len], '\0');
	ck_assert(strncmp(b.data, "0,1,2,", 6) == 0);
	rmi_buf_reset(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(b.data, "");
	ck_assert_int_eq(rmi_buf_put(&b, "ab\0c", 4), 0);
	ck_assert_uint_eq(b.len, 4);
	ck_assert_int_eq(memcmp(b.data, "ab\0c", 5), 0);
	rmi_buf_free(&b);
	ck_assert_ptr_null(b.data);
}
END_TEST

/* Writing in place: room as asked, only the committed bytes count. */
START_TEST(test_room_commit)
{
	struct rmi_buf	 b;
	char		*p;

	rmi_buf_init(&b);
	rmi_buf_puts(&b, "ab");
	ck_assert_ptr_nonnull(p = rmi_buf_room(&b, 5000));
	ck_assert_ptr_eq(p, b.data + 2);
	ck_assert_uint_gt(b.cap, 5002);
	memcpy(p, "cdefgh", 6);
	rmi_buf_commit(&b, 3);
	ck_assert_uint_eq(b.len, 5);
	ck_assert_str_eq(b.data, "abcde");
	ck_assert_ptr_nonnull(rmi_buf_room(&b, 0));
	rmi_buf_commit(&b, 0);
	ck_assert_str_eq(b.data, "abcde");
	ck_assert_ptr_null(rmi_buf_room(&b, (size_t)-1 / 2));
	ck_assert_int_eq(b.oom, 1);
	rmi_buf_free(&b);
}
END_TEST

START_TEST(test_empty_put_terminates)
{
	struct rmi_buf	 b;

	rmi_buf_init(&b);
	ck_assert_int_eq(rmi_buf_puts(&b, ""), 0);
	ck_assert_ptr_nonnull(b.data);
	ck_assert_str_eq(b.data, "");
	rmi_buf_free(&b);
}
END_TEST

Suite *
buf_suite(void)
{
	Suite	*s = suite_create("buf");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_grow_and_printf);
	tcase_add_test(tc, test_empty_put_terminates);
	tcase_add_test(tc, test_room_commit);
	suite_add_tcase(s, tc);
	return s;
}
