/* cors.c: compare Origin headers with the allowed list and the request's own origin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cors.h"

int
rmi_origin_allowed(const char *allowed, const char *origin)
{
	const char	*p = allowed;
	size_t		 n, olen;

	if (allowed == NULL || origin == NULL || *origin == '\0' ||
	    strcasecmp(origin, "null") == 0)
		return 0;
	olen = strlen(origin);
	while (p != NULL && *p != '\0') {
		p += strspn(p, " \t");
		n = strcspn(p, " \t");
		if (n > 0 && n == olen && strncasecmp(p, origin, n) == 0)
			return 1;
		p += n;
	}
	return 0;
}

/*
 * Splits "host[:port]" (host may be "[v6]") at len characters of s into
 * its host part and port (dflt when absent). Returns 0, or -1 when the
 * port is not a number 1..65535.
 */
static int
host_port(const char *s, size_t len, size_t *hostlen, long *port, long dflt)
{
	const char	*colon = NULL, *p;
	char		*end, num[8];
	size_t		 plen;

	for (p = s; p < s + len; p++)
		if (*p == ':')
			colon = p;
		else if (*p == ']')
			colon = NULL;	/* the colons were the address's */
	*hostlen = colon != NULL ? (size_t)(colon - s) : len;
	*port = dflt;
	if (colon == NULL)
		return 0;
	plen = len - *hostlen - 1;
	if (plen == 0 || plen >= sizeof(num))
		return -1;
	memcpy(num, colon + 1, plen);
	num[plen] = '\0';
	if (num[0] < '0' || num[0] > '9')
		return -1;
	*port = strtol(num, &end, 10);
	return *end == '\0' && *port >= 1 && *port <= 65535 ? 0 : -1;
}

int
rmi_origin_same(const char *origin, const char *host, int https)
{
	const char	*scheme = https ? "https://" : "http://", *oh;
	size_t		 slen = strlen(scheme), ohlen, hlen;
	long		 oport, hport, dflt = https ? 443 : 80;

	if (origin == NULL || host == NULL || *host == '\0' ||
	    strncasecmp(origin, scheme, slen) != 0)
		return 0;
	oh = origin + slen;
	/* An origin is scheme://host[:port], nothing after. */
	if (strcspn(oh, "/?#@ ") != strlen(oh) || *oh == '\0')
		return 0;
	if (host_port(oh, strlen(oh), &ohlen, &oport, dflt) == -1 ||
	    host_port(host, strlen(host), &hlen, &hport, dflt) == -1)
		return 0;
	return ohlen == hlen && strncasecmp(oh, host, hlen) == 0 &&
	    oport == hport;
}
