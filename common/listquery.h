/* listquery.h: the common query parameters of a list, parsed and checked. */
#ifndef RMI_LISTQUERY_H
#define RMI_LISTQUERY_H

#include "request.h"
#include "resource.h"

#define RMI_MAX_FILTERS	32
#define RMI_MAX_SORT	16
#define RMI_DEFAULT_LIMIT 100

/* How a filter's value matches the field's wire text. */
enum rmi_match {
	RMI_MATCH_LIKE,		/* an ILIKE pattern from the wildcard value */
	RMI_MATCH_ANY,		/* = ANY of an array of checked values */
	RMI_MATCH_LIKE_ANY	/* ILIKE ANY of an array of patterns */
};

/*
 * A filter. RMI_F_LIST fields (GUIDs) take a comma list matched exactly;
 * enumerations (RMI_T_ENUM) a comma list of values in any case and
 * wildcard patterns; anything else one wildcard value (* any run, ? one
 * character, everything else literal, commas included).
 */
struct rmi_filter {
	const struct rmi_field	*field;
	enum rmi_match		 match;
	/* The pattern, or a PostgreSQL array literal (the _ANY matches). */
	char			*value;	/* owned */
};

struct rmi_sortkey {
	const struct rmi_field	*field;
	int			 desc;
};

struct rmi_listquery {
	struct rmi_filter	 filters[RMI_MAX_FILTERS];
	size_t			 nfilters;
	struct rmi_sortkey	 sort[RMI_MAX_SORT];
	size_t			 nsort;
	char			 locale[36];	/* BCP 47 tag of LOCALE-xx, or "" */
	long long		 offset;
	long long		 limit;		/* negative: no limit */
};

/*
 * Parses filters, sort, offset and limit of req against res into lq
 * (which the caller frees with rmi_listquery_free, also on error).
 * Parameters that are neither common nor fields of res are ignored.
 * Returns RMI_OK or RMI_EBADREQ with req->errmsg set.
 */
enum rmi_err	 rmi_listquery_parse(struct rmi_listquery *lq,
		    const struct rmi_resource *res, struct rmi_request *req);
void		 rmi_listquery_free(struct rmi_listquery *lq);

/*
 * Turns a wildcard value into an ILIKE pattern with backslash escapes.
 * Returns a new string or NULL (no memory).
 */
char		*rmi_wildcard_to_like(const char *value);

/*
 * Checks a BCP 47 tag as LOCALE-xx carries it (language, then subtags of
 * letters and digits) and writes it into out in the case ICU collation
 * names use. Returns 0 or -1.
 */
int		 rmi_locale_tag(const char *tag, char *out, size_t outsz);

#endif
