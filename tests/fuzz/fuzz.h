/* fuzz.h: what the libFuzzer harnesses of tests/fuzz share. */
#ifndef RMI_FUZZ_H
#define RMI_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

/* The entry point libFuzzer calls with each input. */
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The programs' own route tables (each prog_NAME.c includes cgi-bin/NAME.c). */
extern const struct rmi_program *const rmi_fuzz_prog_agents;
extern const struct rmi_program *const rmi_fuzz_prog_contactSummaries;
extern const struct rmi_program *const rmi_fuzz_prog_contacts;
extern const struct rmi_program *const rmi_fuzz_prog_queueGroups;
extern const struct rmi_program *const rmi_fuzz_prog_queueStatuses;
extern const struct rmi_program *const rmi_fuzz_prog_settings;
extern const struct rmi_program *const rmi_fuzz_prog_userStatuses;

/*
 * data[0..size) as a NUL-terminated string (a C string stops at an
 * embedded NUL, as a CGI variable would). Caller frees; NULL: no memory.
 */
static inline char *
rmi_fuzz_str(const uint8_t *data, size_t size)
{
	char	*s = malloc(size + 1);

	if (s != NULL) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

#endif
