/* check_sqlbuild.c: SQL text from tables, values only as parameters. */
#include <stdio.h>
#include <string.h>

#include "fixture_resource.h"
#include "sqlbuild.h"
#include "suites.h"

static struct rmi_sqlctx sc = { "F8C2697F37D044DB929B10F75381C624", "",
    NULL };

#define SELECT_ALL "SELECT r.id, r.name, r.type, r.n, r.active, " \
	"r.arrival, r.secret FROM rmi_things($1, $2) r"

START_TEST(test_list_default)
{
	struct rmi_listquery	 lq;
	struct rmi_query	 q;

	memset(&lq, 0, sizeof(lq));
	lq.limit = 100;
	lq.sort[0].field = &fx_fields[1];
	lq.nsort = 1;
	rmi_query_init(&q);
	ck_assert_int_eq(rmi_sql_list(&q, &fx_resource, &lq, NULL, &sc), 0);
	ck_assert_str_eq(q.sql.data, SELECT_ALL
	    " ORDER BY (r.name) COLLATE \"und-x-icu\", (r.id)"
	    " LIMIT $3 OFFSET $4");
	ck_assert_int_eq(q.nvalues, 4);
	ck_assert_str_eq(q.values[0], "F8C2697F37D044DB929B10F75381C624");
	ck_assert_ptr_null(q.values[1]);	/* no language: NULL */
	ck_assert_str_eq(q.values[2], "100");
	ck_assert_str_eq(q.values[3], "0");
	rmi_query_free(&q);
}
END_TEST

START_TEST(test_list_filters_sort)
{
	struct rmi_listquery	 lq;
	struct rmi_query	 q;

	memset(&lq, 0, sizeof(lq));
	lq.limit = 5;
	lq.offset = 10;
	lq.filters[0].field = &fx_fields[2];
	lq.filters[0].value = "{\"Phone\"}";
	lq.filters[0].match = RMI_MATCH_ANY;
	lq.filters[1].field = &fx_fields[3];
	lq.filters[1].value = "1%";
	lq.filters[2].field = &fx_fields[4];
	lq.filters[2].value = "true";
	lq.filters[3].field = &fx_fields[5];
	lq.filters[3].value = "2016%";
	lq.nfilters = 4;
	lq.sort[0].field = &fx_fields[3];
	lq.sort[0].desc = 1;
	lq.sort[1].field = &fx_fields[0];
	lq.nsort = 2;
	rmi_query_init(&q);
	sc.language = "FI";
	ck_assert_int_eq(rmi_sql_list(&q, &fx_resource, &lq, "fi-x-icu", &sc),
	    0);
	ck_assert_str_eq(q.sql.data, SELECT_ALL
	    " WHERE (r.type) = ANY($3::text[])"
	    " AND (r.n)::text ILIKE $4"
	    " AND CASE WHEN r.active THEN 'true' WHEN NOT r.active THEN 'false'"
	    " END ILIKE $5"
	    " AND to_char((r.arrival) AT TIME ZONE 'UTC', "
	    "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') ILIKE $6"
	    " ORDER BY (r.n) DESC, (r.id) LIMIT $7 OFFSET $8");
	ck_assert_int_eq(q.nvalues, 8);
	ck_assert_str_eq(q.values[1], "FI");
	ck_assert_str_eq(q.values[2], "{\"Phone\"}");
	ck_assert_str_eq(q.values[3], "1%");
	ck_assert_str_eq(q.values[6], "5");
	ck_assert_str_eq(q.values[7], "10");
	rmi_query_free(&q);
}
END_TEST

START_TEST(test_collation_quoted)
{
	struct rmi_listquery	 lq;
	struct rmi_query	 q;

	memset(&lq, 0, sizeof(lq));
	lq.sort[0].field = &fx_fields[1];
	lq.sort[0].desc = 1;
	lq.nsort = 1;
	rmi_query_init(&q);
	sc.language = NULL;
	ck_assert_int_eq(rmi_sql_list(&q, &fx_resource, &lq, "a\"b", &sc), 0);
	ck_assert_ptr_nonnull(strstr(q.sql.data,
	    "ORDER BY (r.name) COLLATE \"a\"\"b\" DESC, (r.id) LIMIT"));
	rmi_query_free(&q);
}
END_TEST

START_TEST(test_get)
{
	struct rmi_query	 q;

	rmi_query_init(&q);
	ck_assert_int_eq(rmi_sql_get(&q, &fx_resource, "X'; DROP TABLE t; --",
	    &sc), 0);
	ck_assert_str_eq(q.sql.data, SELECT_ALL " WHERE (r.id) = $3");
	ck_assert_str_eq(q.values[2], "X'; DROP TABLE t; --");
	rmi_query_free(&q);
}
END_TEST

/* Args follow $1 and $2; a tie-break replaces the id; no limit is NULL. */
START_TEST(test_args_tiebreak_nolimit)
{
	static const struct rmi_arg args[] = {
		{ "contactId", RMI_A_CAPTURE, 0, NULL },
		{ "startTime", RMI_A_TIME, 0, NULL },
	};
	struct rmi_resource	 r = fx_resource;
	struct rmi_listquery	 lq;
	struct rmi_query	 q;
	char			*vals[RMI_MAX_ARGS] = { "C1", NULL };
	struct rmi_sqlctx	 c = { "U", "FI", vals };

	r.from = "f($1, $2, $3, $4::timestamptz)";
	r.args = args;
	r.nargs = 2;
	r.tiebreak = "r.time, r.seq";
	memset(&lq, 0, sizeof(lq));
	lq.limit = -1;
	lq.filters[0].field = &fx_fields[1];
	lq.filters[0].value = "x%";
	lq.nfilters = 1;
	rmi_query_init(&q);
	ck_assert_int_eq(rmi_sql_list(&q, &r, &lq, NULL, &c), 0);
	ck_assert_ptr_nonnull(strstr(q.sql.data, "FROM f($1, $2, $3, "
	    "$4::timestamptz) r WHERE (r.name) ILIKE $5 ORDER BY r.time, r.seq "
	    "LIMIT $6 OFFSET $7"));
	ck_assert_int_eq(q.nvalues, 7);
	ck_assert_str_eq(q.values[2], "C1");
	ck_assert_ptr_null(q.values[3]);
	ck_assert_str_eq(q.values[4], "x%");
	ck_assert_ptr_null(q.values[5]);
	ck_assert_str_eq(q.values[6], "0");
	rmi_query_free(&q);
}
END_TEST

/* A nested collection: paged parents ranked, children joined in order. */
START_TEST(test_nested)
{
	static const struct rmi_field kids[] = {
		{ "id", RMI_T_GUID, "n.id", RMI_F_REQUIRED, NULL },
		{ "at", RMI_T_DATETIME, "n.at", 0, NULL },
	};
	static const struct rmi_nested nested = {
		"queues", "queue", "kids($1, $2)", "n.parent", "n.pos, n.id",
		kids, 2, 0, 0
	};
	static const struct rmi_field pf[] = {
		{ "id", RMI_T_GUID, "r.id", RMI_F_ID, NULL },
		{ "name", RMI_T_STRING, "r.name", 0, NULL },
	};
	struct rmi_resource	 r = fx_resource;
	struct rmi_listquery	 lq;
	struct rmi_query	 q;

	r.fields = pf;
	r.nfields = 2;
	r.nested = &nested;
	memset(&lq, 0, sizeof(lq));
	lq.limit = 10;
	lq.sort[0].field = &pf[1];
	lq.nsort = 1;
	rmi_query_init(&q);
	ck_assert_int_eq(rmi_sql_list(&q, &r, &lq, NULL, &sc), 0);
	ck_assert_str_eq(q.sql.data, "SELECT p.f0, p.f1, (n.parent), n.id, "
	    "n.at FROM (SELECT r.id AS f0, r.name AS f1, row_number() OVER "
	    "(ORDER BY (r.name) COLLATE \"und-x-icu\", (r.id)) AS rmi_rn FROM "
	    "rmi_things($1, $2) r ORDER BY (r.name) COLLATE \"und-x-icu\", "
	    "(r.id) LIMIT $3 OFFSET $4) p LEFT JOIN kids($1, $2) n ON "
	    "(n.parent) = p.f0 ORDER BY p.rmi_rn, n.pos, n.id");
	rmi_query_free(&q);
	rmi_query_init(&q);
	ck_assert_int_eq(rmi_sql_get(&q, &r, "X", &sc), 0);
	ck_assert_ptr_nonnull(strstr(q.sql.data, "AS f1, 1 AS rmi_rn FROM "
	    "rmi_things($1, $2) r WHERE (r.id) = $3) p LEFT JOIN"));
	rmi_query_free(&q);
}
END_TEST

/* A lateral nested source sees the parent's id; only the page's parents. */
START_TEST(test_nested_lateral)
{
	static const struct rmi_field kids[] = {
		{ "id", RMI_T_GUID, "n.id", RMI_F_REQUIRED, NULL },
	};
	static const struct rmi_nested nested = {
		"queues", "queue", "kids($2, p.rmi_key)", "n.id", "n.id",
		kids, 1, 1, RMI_F_VIEW1
	};
	static const struct rmi_field pf[] = {
		{ "id", RMI_T_GUID, "r.id", RMI_F_ID, NULL },
	};
	struct rmi_resource	 r = fx_resource;
	struct rmi_listquery	 lq;
	struct rmi_query	 q;

	r.fields = pf;
	r.nfields = 1;
	r.nested = &nested;
	memset(&lq, 0, sizeof(lq));
	lq.limit = 5;
	rmi_query_init(&q);
	ck_assert_int_eq(rmi_sql_list(&q, &r, &lq, NULL, &sc), 0);
	ck_assert_str_eq(q.sql.data, "SELECT p.f0, (n.id), n.id FROM (SELECT "
	    "r.id AS f0, row_number() OVER (ORDER BY (r.id)) AS rmi_rn, "
	    "r.id AS rmi_key "
	    "FROM rmi_things($1, $2) r ORDER BY (r.id) LIMIT $3 OFFSET $4) p "
	    "LEFT JOIN LATERAL kids($2, p.rmi_key) n ON true "
	    "ORDER BY p.rmi_rn, n.id");
	rmi_query_free(&q);
}
END_TEST

/* An enumeration list with a pattern: ILIKE ANY of the wire text. */
START_TEST(test_list_like_any)
{
	struct rmi_listquery	 lq;
	struct rmi_query	 q;

	memset(&lq, 0, sizeof(lq));
	lq.limit = 100;
	lq.filters[0].field = &fx_fields[2];
	lq.filters[0].value = "{\"Ph%\",\"Chat\"}";
	lq.filters[0].match = RMI_MATCH_LIKE_ANY;
	lq.nfilters = 1;
	rmi_query_init(&q);
	ck_assert_int_eq(rmi_sql_list(&q, &fx_resource, &lq, NULL, &sc), 0);
	ck_assert_str_eq(q.sql.data, SELECT_ALL
	    " WHERE (r.type) ILIKE ANY($3::text[])"
	    " ORDER BY (r.id) LIMIT $4 OFFSET $5");
	ck_assert_str_eq(q.values[2], "{\"Ph%\",\"Chat\"}");
	rmi_query_free(&q);
}
END_TEST

/*
 * The most a list can bind (RMI_MAX_ARGS args, RMI_MAX_FILTERS filters)
 * fits: /contacts with 31 filters once ran out of parameters (a 500).
 */
START_TEST(test_list_most_params)
{
	static struct rmi_field	 fields[RMI_MAX_FILTERS + 4];
	static struct rmi_arg	 args[RMI_MAX_ARGS];
	static char		 names[RMI_MAX_FILTERS + 4][8];
	struct rmi_resource	 r = fx_resource;
	struct rmi_listquery	 lq;
	struct rmi_query	 q;
	char			*vals[RMI_MAX_ARGS] = { NULL };
	struct rmi_sqlctx	 c = { "U", NULL, vals };
	char			 why[128];
	size_t			 i;

	for (i = 0; i < RMI_MAX_FILTERS + 4; i++) {
		snprintf(names[i], sizeof(names[i]), "f%zu", i);
		fields[i] = fx_fields[1];
		fields[i].name = names[i];
		fields[i].flags = i == 0 ? RMI_F_ID : 0;
	}
	for (i = 0; i < RMI_MAX_ARGS; i++) {
		args[i].name = names[i];
		args[i].type = RMI_A_TIME;
	}
	r.fields = fields;
	r.nfields = RMI_MAX_FILTERS + 4;
	r.args = args;
	r.nargs = RMI_MAX_ARGS;
	ck_assert_int_eq(rmi_sql_check(&r, why, sizeof(why)), RMI_MAX_PARAMS);
	memset(&lq, 0, sizeof(lq));
	for (i = 0; i < RMI_MAX_FILTERS; i++) {
		lq.filters[i].field = &fields[i];
		lq.filters[i].value = "%";
	}
	lq.nfilters = RMI_MAX_FILTERS;
	lq.limit = 5;
	rmi_query_init(&q);
	ck_assert_int_eq(rmi_sql_list(&q, &r, &lq, NULL, &c), 0);
	ck_assert_int_eq(q.nvalues, RMI_MAX_PARAMS);
	rmi_query_free(&q);
}
END_TEST

/* Tables beyond the bounds are found when a program starts. */
START_TEST(test_check_bounds)
{
	static struct rmi_arg	 args[RMI_MAX_ARGS + 1];
	static struct rmi_prop	 props[RMI_MAX_PROPS + 1];
	static const struct rmi_prop one[] = {
		{ "id", RMI_P_GUID, RMI_P_PATHID, 32, NULL },
		{ "name", RMI_P_STRING, RMI_P_CHECK, 10, NULL },
		{ "on", RMI_P_BOOL, RMI_P_REQUIRED, 5, NULL },
	};
	struct rmi_write	 wr = { "SELECT 1", one, 3, RMI_ENOTFOUND };
	struct rmi_resource	 r = fx_resource, child = fx_resource;
	char			 why[128];
	size_t			 i;

	/* fx: $1, $2, 6 filterable fields, limit, offset. */
	ck_assert_int_eq(rmi_sql_check(&fx_resource, why, sizeof(why)), 10);
	r.replace = &wr;
	ck_assert_int_eq(rmi_sql_check(&r, why, sizeof(why)), 10);
	for (i = 0; i <= RMI_MAX_ARGS; i++) {
		args[i].name = "a";
		args[i].type = RMI_A_TIME;
	}
	r.args = args;
	r.nargs = RMI_MAX_ARGS + 1;
	ck_assert_int_eq(rmi_sql_check(&r, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "things: 9 args, at most 8");
	child.parent = &r;
	ck_assert_int_eq(rmi_sql_check(&child, why, sizeof(why)), -1);
	r.nargs = 0;
	for (i = 0; i <= RMI_MAX_PROPS; i++) {
		props[i].name = "p";
		props[i].type = RMI_P_STRING;
	}
	wr.props = props;
	wr.nprops = RMI_MAX_PROPS + 1;
	ck_assert_int_eq(rmi_sql_check(&r, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "things: a write of 17 props, at most 16");
}
END_TEST

Suite *
sqlbuild_suite(void)
{
	Suite	*s = suite_create("sqlbuild");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_list_default);
	tcase_add_test(tc, test_list_filters_sort);
	tcase_add_test(tc, test_list_like_any);
	tcase_add_test(tc, test_collation_quoted);
	tcase_add_test(tc, test_get);
	tcase_add_test(tc, test_args_tiebreak_nolimit);
	tcase_add_test(tc, test_nested);
	tcase_add_test(tc, test_nested_lateral);
	tcase_add_test(tc, test_list_most_params);
	tcase_add_test(tc, test_check_bounds);
	suite_add_tcase(s, tc);
	return s;
}
