/* wire.c: the wire text of field values, in C and in SQL (see wire.h). */
#include <string.h>

#include "wire.h"

int
rmi_wire_time(const char *pg, char out[RMI_WIRE_TIME_MAX])
{
	size_t	 y, i, n;

	/* The year: four digits or more, then -MM-DD HH:MM:SS. */
	for (y = 0; pg[y] >= '0' && pg[y] <= '9'; y++)
		;
	if (y < 4 || y > 6)
		return -1;
	for (i = y; i < y + 15; i++)
		if (pg[i] != "-00-00 00:00:00"[i - y] &&
		    !(pg[i] >= '0' && pg[i] <= '9' &&
		    "-00-00 00:00:00"[i - y] == '0'))
			return -1;
	memcpy(out, pg, y + 15);
	out[y + 6] = 'T';
	n = y + 15;
	out[n++] = '.';
	/* Fraction: up to six digits; the first three are the milliseconds. */
	if (pg[i] == '.') {
		for (i++; pg[i] >= '0' && pg[i] <= '9' && n < y + 19; i++)
			out[n++] = pg[i];
		while (pg[i] >= '0' && pg[i] <= '9')
			i++;
	}
	while (n < y + 19)
		out[n++] = '0';
	/* UTC, and to_char writes BC years as AD ones: so do we. */
	if (pg[i] != '+' || pg[i + 1] != '0' || pg[i + 2] != '0' ||
	    (pg[i + 3] != '\0' && strcmp(pg + i + 3, " BC") != 0))
		return -1;
	out[n++] = 'Z';
	out[n] = '\0';
	return (int)n;
}

const char *
rmi_wire_bool(const char *pg)
{
	return pg[0] == 't' ? RMI_WIRE_TRUE : RMI_WIRE_FALSE;
}

void
rmi_wire_sql(struct rmi_buf *b, const struct rmi_field *f)
{
	switch (f->type) {
	case RMI_T_INT:
		rmi_buf_printf(b, "(%s)::text", f->sql);
		break;
	case RMI_T_BOOL:
		rmi_buf_printf(b, "CASE WHEN %s THEN '" RMI_WIRE_TRUE "' "
		    "WHEN NOT %s THEN '" RMI_WIRE_FALSE "' END", f->sql,
		    f->sql);
		break;
	case RMI_T_DATETIME:
		rmi_buf_printf(b, "to_char((%s) AT TIME ZONE 'UTC', '"
		    RMI_WIRE_TIME_SQL "')", f->sql);
		break;
	default:
		rmi_buf_printf(b, "(%s)", f->sql);
	}
}
