/* prog_queueStatuses.c: the real route table of cgi-bin/queueStatuses.c, for fuzz_query. */
#include "fuzz.h"

/* The program's main, renamed: the fuzzer has its own. */
int	rmi_fuzz_main_queueStatuses(int, char **);
#define main rmi_fuzz_main_queueStatuses
#include "../../cgi-bin/queueStatuses.c"
#undef main

const struct rmi_program *const rmi_fuzz_prog_queueStatuses = &program;
