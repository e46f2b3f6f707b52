/* check_main.c: runs every unit suite of common/. */
#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(buf_suite());
	srunner_add_suite(sr, args_suite());
	srunner_add_suite(sr, cors_suite());
	srunner_add_suite(sr, body_suite());
	srunner_add_suite(sr, text_suite());
	srunner_add_suite(sr, request_suite());
	srunner_add_suite(sr, listquery_suite());
	srunner_add_suite(sr, sqlbuild_suite());
	srunner_add_suite(sr, writer_suite());
	srunner_add_suite(sr, response_suite());
	srunner_add_suite(sr, app_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
