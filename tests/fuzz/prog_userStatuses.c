/* prog_userStatuses.c: the real route table of cgi-bin/userStatuses.c, for fuzz_query. */
#include "fuzz.h"

/* The program's main, renamed: the fuzzer has its own. */
int	rmi_fuzz_main_userStatuses(int, char **);
#define main rmi_fuzz_main_userStatuses
#include "../../cgi-bin/userStatuses.c"
#undef main

const struct rmi_program *const rmi_fuzz_prog_userStatuses = &program;
