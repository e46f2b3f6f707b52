/* prog_contactSummaries.c: the real route table of cgi-bin/contactSummaries.c, for fuzz_query. */
#include "fuzz.h"

/* The program's main, renamed: the fuzzer has its own. */
int	rmi_fuzz_main_contactSummaries(int, char **);
#define main rmi_fuzz_main_contactSummaries
#include "../../cgi-bin/contactSummaries.c"
#undef main

const struct rmi_program *const rmi_fuzz_prog_contactSummaries = &program;
