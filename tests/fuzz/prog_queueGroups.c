/* prog_queueGroups.c: the real route table of cgi-bin/queueGroups.c, for fuzz_query. */
#include "fuzz.h"

/* The program's main, renamed: the fuzzer has its own. */
int	rmi_fuzz_main_queueGroups(int, char **);
#define main rmi_fuzz_main_queueGroups
#include "../../cgi-bin/queueGroups.c"
#undef main

const struct rmi_program *const rmi_fuzz_prog_queueGroups = &program;
