/*
 * fuzz_body.c: a request body through rmi_body_parse, as JSON
 * (fuzz_body_json) or XML (fuzz_body_xml): RMI_FUZZ_CTYPE chooses the
 * Content-Type at build time. What it accepts is a flat set of distinct
 * properties, each with a name and a NUL-terminated value.
 */
#include "body.h"
#include "fuzz.h"

#ifndef RMI_FUZZ_CTYPE
#define RMI_FUZZ_CTYPE "application/json"
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rmi_request	 req;
	struct rmi_body		 body;
	size_t			 i;

	memset(&req, 0, sizeof(req));
	if (rmi_body_parse(&req, RMI_FUZZ_CTYPE, (const char *)data, size,
	    &body) == RMI_OK)
		for (i = 0; i < body.nprops; i++)
			if (body.props[i].name == NULL ||
			    body.props[i].value == NULL ||
			    rmi_body_get(&body, body.props[i].name) !=
			    body.props[i].value)
				abort();
	rmi_body_free(&body);
	return 0;
}
