/* prog_contacts.c: the real route table of cgi-bin/contacts.c, for fuzz_query. */
#include "fuzz.h"

/* The program's main, renamed: the fuzzer has its own. */
int	rmi_fuzz_main_contacts(int, char **);
#define main rmi_fuzz_main_contacts
#include "../../cgi-bin/contacts.c"
#undef main

const struct rmi_program *const rmi_fuzz_prog_contacts = &program;
