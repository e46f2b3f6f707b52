/* suites.h: the Check suites of tests/unit, one per common/ source file. */
#ifndef RMI_SUITES_H
#define RMI_SUITES_H

#include <check.h>

Suite	*args_suite(void);
Suite	*body_suite(void);
Suite	*buf_suite(void);
Suite	*cors_suite(void);
Suite	*text_suite(void);
Suite	*request_suite(void);
Suite	*listquery_suite(void);
Suite	*sqlbuild_suite(void);
Suite	*writer_suite(void);
Suite	*response_suite(void);
Suite	*app_suite(void);

#endif
