/*
 * fuzz_time.c: a wire time through rmi_parse_time, a PostgreSQL
 * timestamptz text through rmi_wire_time, and the numbers of offset,
 * limit and Content-Length through rmi_parse_uint.
 *
 * A time parse_time accepts must come back the same from wire_time,
 * written as PostgreSQL would write it (an independent date conversion
 * here, not the library's), to three fraction digits.
 */
#include <stdio.h>

#include "fuzz.h"
#include "text.h"
#include "wire.h"

/* Date of days since 1970-01-01 (Hinnant's civil_from_days). */
static void
civil(long long days, long long *y, int *m, int *d)
{
	long long	 z = days + 719468, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* parse_time's milliseconds, back through wire_time, equal the input. */
static void
round_trip(const char *s, long long ms)
{
	char		 pg[64], wire[RMI_WIRE_TIME_MAX], want[32];
	long long	 days = ms / 86400000, rest = ms % 86400000, y;
	int		 m, d;
	const char	*dot;

	if (rest < 0) {
		rest += 86400000;
		days--;
	}
	civil(days, &y, &m, &d);
	snprintf(pg, sizeof(pg), "%04lld-%02d-%02d %02lld:%02lld:%02lld.%03lld+00",
	    y, m, d, rest / 3600000, rest / 60000 % 60, rest / 1000 % 60,
	    rest % 1000);
	if (rmi_wire_time(pg, wire) == -1)
		abort();
	/* The input with its fraction padded to three digits. */
	dot = strchr(s, '.');
	if (dot == NULL)
		snprintf(want, sizeof(want), "%.19s.000Z", s);
	else
		snprintf(want, sizeof(want), "%.19s.%.*s%.*sZ", s,
		    (int)strspn(dot + 1, "0123456789"), dot + 1,
		    3 - (int)strspn(dot + 1, "0123456789"), "000");
	if (strcmp(wire, want) != 0) {
		fprintf(stderr, "round trip: '%s' -> '%s' -> '%s'\n", s, pg,
		    wire);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s, wire[RMI_WIRE_TIME_MAX];
	long long	 ms, v;
	int		 n;

	if ((s = rmi_fuzz_str(data, size)) == NULL)
		return 0;
	if (rmi_parse_time(s, &ms) == 0)
		round_trip(s, ms);
	if ((n = rmi_wire_time(s, wire)) != -1 &&
	    ((size_t)n != strlen(wire) || n >= RMI_WIRE_TIME_MAX))
		abort();
	if (rmi_parse_uint(s, 2147483647, &v) == 0 &&
	    (v < 0 || v > 2147483647))
		abort();
	(void)rmi_parse_uint(s, (long long)1 << 53, &v);
	free(s);
	return 0;
}
