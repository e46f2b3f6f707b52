/* resource.h: one description per resource; everything generic walks it. */
#ifndef RMI_RESOURCE_H
#define RMI_RESOURCE_H

#include <stddef.h>

#include "error.h"

/*
 * The C <-> SQL contract. The tables in cgi-bin are the source of the
 * wire contract; each program prints them with --describe (describe.c),
 * and tests/integration/contract.py checks them against the migrated
 * database before any HTTP test runs.
 *
 * - Rows. A resource's `from` calls one SQL function, aliased "r", in named
 *   notation: rmi_x(p_user => $1, p_lang => $2, p_start => $3::timestamptz).
 *   The parameters are bound by position (sqlbuild.c):
 *     $1      the signed-in user's id (guid);
 *     $2      the request's language, upper-case ISO 639, or NULL;
 *     $3...   the resource's args in order, but RMI_A_LOCAL ones (absent:
 *             NULL);
 *     then    for a look-up by id (rmi_sql_get), the {id} itself: $3 for a
 *             resource without args (contactSummaries.c);
 *     then    the list's filters, LIMIT and OFFSET (never in `from`).
 *   Every parameter bound must be used, or PostgreSQL cannot type it, and
 *   goes to an argument of the type its kind is sent as: the user guid,
 *   the language text, RMI_A_TIME timestamptz, RMI_A_BOOL, RMI_A_SHOWS
 *   and RMI_A_ONLY boolean, RMI_A_GUIDS text[], RMI_A_CAPTURE guid, the
 *   others text.
 * - Columns. Each field's sql is "r.column" (nested: "n.column"), a column
 *   of the function's result: RMI_T_INT an integer or bigint, RMI_T_BOOL a
 *   boolean, RMI_T_DATETIME a timestamptz, RMI_T_GUID the guid domain (or
 *   text for ids that are not GUIDs by nature), RMI_T_STRING and
 *   RMI_T_ENUM text. Result columns no field writes serve the order, the
 *   tie-break or the parent key.
 * - Enumerations. An RMI_T_ENUM field's values are the wire's; a CHECK
 *   constraint of the schema on the same set (two values in common, or one
 *   and the column's name) may allow none the field does not know, and an
 *   RMI_P_ENUM prop passed to SQL none such a constraint refuses.
 * - Nested rows. A nested `from` (alias "n") may use the parent's params
 *   and, when lateral, RMI_PARENT_ID: the parent row's id.
 * - Writes. struct rmi_write's sql (a function called in named notation,
 *   or a statement) takes $1 the user, $2... its props in order (but
 *   RMI_P_CHECK ones): RMI_P_GUID as guid, RMI_P_BOOL boolean, RMI_P_INT
 *   integer, the others text.
 */

enum rmi_type {
	RMI_T_STRING,
	RMI_T_GUID,	/* 32 upper-case hex; list filters check each value */
	RMI_T_INT,
	RMI_T_BOOL,
	RMI_T_DATETIME,	/* timestamptz; written as 2016-02-01T09:22:11.000Z */
	RMI_T_ENUM	/* string with a fixed set of values */
};

#define RMI_F_REQUIRED	0x01	/* always present (optional ones are omitted when NULL) */
#define RMI_F_LIST	0x02	/* filter splits on commas, OR-ed, exact match */
#define RMI_F_NOFILTER	0x04	/* not a query parameter */
#define RMI_F_NOSORT	0x08	/* not a sort key */
#define RMI_F_ID	0x10	/* the resource's id: lookups and the tie-break */
/*
 * The two field groups a view (struct rmi_view) shows or hides; a field in
 * neither is always shown. What each group means is the resource's view.
 */
#define RMI_F_VIEW1	0x20
#define RMI_F_VIEW2	0x40
#define RMI_F_VIEWS	(RMI_F_VIEW1 | RMI_F_VIEW2)
/* Never written: the key of an entity addressed through its parent (readyState). */
#define RMI_F_HIDDEN	0x80

struct rmi_field {
	const char		*name;	/* wire name, also the XML element */
	enum rmi_type		 type;
	const char		*sql;	/* expression over the row source "r" */
	unsigned int		 flags;
	/*
	 * RMI_T_ENUM: the values, NULL-terminated. RMI_T_GUID: ids that are
	 * not GUIDs by nature but accepted (ALL_QUEUES), or NULL.
	 */
	const char *const	*values;
};

/* Kinds of resource-specific query parameters (see struct rmi_arg). */
enum rmi_argtype {
	RMI_A_TIME,	/* 2016-01-02T22:00:00[.000]Z, passed as is */
	RMI_A_BOOL,	/* true/false, 1/0 (any case), passed as true/false */
	RMI_A_PATTERN,	/* a wildcard value, passed as an ILIKE pattern */
	RMI_A_CAPTURE,	/* not a parameter: the route's first {id} segment */
	RMI_A_CHOICE,	/* one of the resource's view values (struct rmi_view) */
	RMI_A_GUIDS,	/* a comma list of GUIDs, passed as a text[] literal */
	/*
	 * Not query parameters: what the view's chosen value (struct
	 * rmi_view) says about the group named in the arg's flags
	 * (RMI_F_VIEW1 or RMI_F_VIEW2), passed as true/false, so that the
	 * SQL never decodes the value itself. SHOWS: the value shows the
	 * group; ONLY: it lists only rows having data in that group.
	 */
	RMI_A_SHOWS,
	RMI_A_ONLY
};

#define RMI_A_REQUIRED	0x01	/* 400 when absent */
#define RMI_A_LOCAL	0x02	/* read by the C side only, not an SQL argument */
/* RMI_A_SHOWS, RMI_A_ONLY: the group asked about is in flags (RMI_F_VIEW*). */

/*
 * A parameter the row source takes as an argument rather than a filter
 * (startTime, showAllInProcess, search, ...). The i-th arg of a resource
 * that is not RMI_A_LOCAL is $(3 + i) in its `from`; absent is NULL.
 */
struct rmi_arg {
	const char		*name;
	enum rmi_argtype	 type;
	unsigned int		 flags;
	const char		*not_before;	/* RMI_A_TIME: an earlier arg it may not precede */
};

#define RMI_MAX_ARGS 8

/* Kinds of body properties of a write (see struct rmi_prop). */
enum rmi_proptype {
	RMI_P_STRING,	/* any text up to maxlen bytes */
	RMI_P_KEY,	/* 1..maxlen of A-Z a-z 0-9 _ . - (setting ids) */
	RMI_P_LANGUAGE,	/* two letters, any case, or empty; passed upper-case */
	RMI_P_BOOL,	/* true/false; passed as true/false */
	RMI_P_ENUM,	/* one of values, any case; passed as spelled there */
	RMI_P_GUID,	/* 32 upper-case hex */
	RMI_P_INT	/* a decimal integer that fits in 32 bits */
};

#define RMI_P_REQUIRED	0x01	/* 400 when the body lacks it */
/*
 * The route's {segments} are consumed in order by the props flagged
 * RMI_P_CAPTURE (never read from the body: a parent's id) and RMI_P_PATHID
 * (the entity's id: from the URL when there is one there, and a body that
 * names it must name the same).
 */
#define RMI_P_PATHID	0x02
#define RMI_P_CAPTURE	0x04
/* Checked when present but not passed to SQL (read-only parts of an entity). */
#define RMI_P_CHECK	0x08

struct rmi_prop {
	const char		*name;
	enum rmi_proptype	 type;
	unsigned int		 flags;
	size_t			 maxlen;
	const char *const	*values;	/* RMI_P_ENUM */
};

#define RMI_MAX_PROPS 16

/*
 * A write (POST creates, PUT replaces): one statement with $1 the signed-in
 * user's id and $2.. the props in order (but RMI_P_CHECK ones), returning
 * the entity's id, or no row when there is nothing to write (`none`: 409
 * or 404). The statement may refuse by raising an SQLSTATE that
 * rmi_db_write maps to 403, 404 or 409 (see db.h); nothing is written then.
 */
struct rmi_write {
	const char		*sql;
	const struct rmi_prop	*props;
	size_t			 nprops;
	enum rmi_err		 none;
};

/*
 * A collection nested in each row, written as JSON "wrapper": {"item": [..]}
 * and XML <wrapper><item>..</item>..</wrapper> (always there, maybe empty).
 */
struct rmi_nested {
	const char		*wrapper;	/* "queues" */
	const char		*item;		/* "queue" */
	/* Row source of the children, alias "n"; may use $1, $2, args. */
	const char		*from;
	const char		*parent_key;	/* expression over "n": the parent's id */
	const char		*order;		/* ORDER BY within one parent, over "n" */
	const struct rmi_field	*fields;	/* their sql is over "n" */
	size_t			 nfields;
	/*
	 * 1: `from` is joined LATERAL and may use RMI_PARENT_ID, the parent's
	 * id, so that only the parents of the page have their children computed.
	 */
	int			 lateral;
	/* RMI_F_VIEW* groups for which the wrapper is written; 0: always. */
	unsigned int		 view;
};

/* In a lateral nested `from`: the parent row's id (sqlbuild.c's "p"). */
#define RMI_PARENT_ALIAS	"rmi_key"
#define RMI_PARENT_ID		"p." RMI_PARENT_ALIAS

/*
 * A query parameter choosing which RMI_F_VIEW* field groups (and nested
 * collections) are written: showThresholds=true, showQueueInfo=0..6.
 */
struct rmi_view {
	const char		*arg;		/* its RMI_A_CHOICE or RMI_A_BOOL arg */
	/* RMI_A_CHOICE: the accepted values, NULL-terminated; BOOL: NULL. */
	const char *const	*values;
	const char		*dflt;		/* the value when absent */
	/* The groups shown, per value in order (BOOL: false, true). */
	const unsigned int	*groups;
	/*
	 * Per value, the groups a row must have data in to be listed (what
	 * that means is the row source's, told by RMI_A_ONLY args), or NULL.
	 */
	const unsigned int	*only;
};

/*
 * The form of an id that is not a GUID by nature (the wire rule; the
 * look-up may rely on it): a malformed {id} is 400, not 404.
 */
struct rmi_idformat {
	const char	*pattern;	/* POSIX extended regular expression */
	const char	*about;		/* the same in words, for --describe */
	int		(*valid)(const char *);	/* 1: well-formed (and more) */
};

/*
 * A resource. Its rows come from `from`, SQL text that may use $1 (the
 * signed-in user's id), $2 (the request's language, upper-case ISO 639, or
 * NULL) and $3... (its args), and must apply the user's rights itself; its
 * alias is "r".
 */
struct rmi_resource {
	const char		*collection;	/* "queueStatuses" */
	const char		*item;		/* "queueStatus" */
	const char		*from;
	const struct rmi_field	*fields;
	size_t			 nfields;
	const char		*default_sort;	/* as the sort parameter: "name" */
	const struct rmi_arg	*args;
	size_t			 nargs;
	/* The last ORDER BY keys, making the order total (default: the id). */
	const char		*tiebreak;
	/* Rows of a list without `limit`: 0 for 100, -1 for all. */
	long long		 default_limit;
	/*
	 * A list below an entity (/contacts/{id}/details): the parent's
	 * {id} must exist and be visible, else 404.
	 */
	const struct rmi_resource *parent;
	const struct rmi_nested	*nested;	/* or NULL */
	const struct rmi_view	*view;		/* or NULL: all fields */
	const struct rmi_idformat *idformat;	/* or NULL: GUID or any */
	const struct rmi_write	*create;	/* POST to the collection */
	const struct rmi_write	*replace;	/* PUT to {id} */
};

/* Wire enumerations several resources share (NULL-terminated). */
extern const char *const rmi_queue_types[];	/* Phone, Email, Chat */
extern const char *const rmi_user_statuses[];	/* Ready, ..., LoggedOut */

/* The field named name, or NULL. */
const struct rmi_field	*rmi_resource_field(const struct rmi_resource *,
			    const char *name);
/* 1 if v is an acceptable value of the GUID field f, else 0. */
int			 rmi_field_guid_ok(const struct rmi_field *f,
			    const char *v);
/* The RMI_F_ID field (every resource has exactly one). */
const struct rmi_field	*rmi_resource_id(const struct rmi_resource *);
/*
 * The RMI_F_VIEW* groups the view shows for the parsed args (what
 * rmi_args_parse returned); all of them without a view.
 */
unsigned int		 rmi_resource_view(const struct rmi_resource *,
			    char *const args[]);
/* The groups the view's `only` asks rows to have data in; 0 without. */
unsigned int		 rmi_resource_view_only(const struct rmi_resource *,
			    char *const args[]);

#endif
