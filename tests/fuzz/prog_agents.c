/* prog_agents.c: the real route table of cgi-bin/agents.c, for fuzz_query. */
#include "fuzz.h"

/* The program's main, renamed: the fuzzer has its own. */
int	rmi_fuzz_main_agents(int, char **);
#define main rmi_fuzz_main_agents
#include "../../cgi-bin/agents.c"
#undef main

const struct rmi_program *const rmi_fuzz_prog_agents = &program;
