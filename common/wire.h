/* wire.h: the wire text of field values, in C and in SQL. */
#ifndef RMI_WIRE_H
#define RMI_WIRE_H

#include "buf.h"
#include "resource.h"

/*
 * The one definition of the wire text of the types that are not written
 * as PostgreSQL gives them: RMI_T_BOOL is true or false, RMI_T_DATETIME
 * 2016-02-01T09:22:11.123Z (UTC, milliseconds truncated). Responses are
 * written by the C functions below (handlers.c, writer.c); list filters
 * match the same text, which rmi_wire_sql computes in SQL (sqlbuild.c).
 */
#define RMI_WIRE_TRUE	"true"
#define RMI_WIRE_FALSE	"false"
/* to_char's pattern of a datetime, over the value AT TIME ZONE 'UTC'. */
#define RMI_WIRE_TIME_SQL	"YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\""

/* Room for a wire time written by rmi_wire_time (a six-digit year at most). */
#define RMI_WIRE_TIME_MAX 32

/*
 * Writes PostgreSQL's text of a timestamptz in UTC (DateStyle ISO, as the
 * connection sets: 2016-02-01 09:22:11.123456+00) in the wire form
 * 2016-02-01T09:22:11.123Z, milliseconds truncated as to_char's MS does.
 * Returns its length, or -1 for infinity and anything else that is not such a time
 * (the field is then omitted, as to_char's NULL for infinity was).
 */
int	 rmi_wire_time(const char *pg, char out[RMI_WIRE_TIME_MAX]);

/* The wire text of PostgreSQL's text of a boolean ("t" or "f"). */
const char	*rmi_wire_bool(const char *pg);

/* Appends an SQL expression giving field f's value as its wire text. */
void		 rmi_wire_sql(struct rmi_buf *, const struct rmi_field *f);

#endif
