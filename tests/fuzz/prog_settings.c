/* prog_settings.c: the real route table of cgi-bin/settings.c, for fuzz_query. */
#include "fuzz.h"

/* The program's main, renamed: the fuzzer has its own. */
int	rmi_fuzz_main_settings(int, char **);
#define main rmi_fuzz_main_settings
#include "../../cgi-bin/settings.c"
#undef main

const struct rmi_program *const rmi_fuzz_prog_settings = &program;
