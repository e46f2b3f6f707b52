/*
 * fuzz_wildcard.c: a filter value through the wildcard-to-ILIKE
 * translation, and a LOCALE-xx tag through its check. The pattern must
 * keep every character of the value (escaped or translated): it is never
 * shorter, and a value without wildcards or escapes is kept as it is.
 */
#include "fuzz.h"
#include "listquery.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*v, *like, tag[36];

	if ((v = rmi_fuzz_str(data, size)) == NULL)
		return 0;
	if ((like = rmi_wildcard_to_like(v)) != NULL) {
		if (strlen(like) < strlen(v))
			abort();
		if (strpbrk(v, "*?%_\\") == NULL && strcmp(like, v) != 0)
			abort();
		free(like);
	}
	if (rmi_locale_tag(v, tag, sizeof(tag)) == 0 &&
	    strlen(tag) != strlen(v))
		abort();
	(void)rmi_locale_tag(v, tag, 3);
	free(v);
	return 0;
}
