/* fuzz_accept.c: an Accept header through content negotiation. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*accept;
	enum rmi_format	 f;

	if ((accept = rmi_fuzz_str(data, size)) == NULL)
		return 0;
	f = rmi_negotiate(accept);
	if (f != RMI_FMT_NONE && f != RMI_FMT_JSON && f != RMI_FMT_XML)
		abort();
	free(accept);
	return 0;
}
