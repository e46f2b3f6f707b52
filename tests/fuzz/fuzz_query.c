/*
 * fuzz_query.c: a request URI (path and query string) through what a list
 * or a look-up does before the database: percent-decoding and the query
 * string, routing, filters (wildcards), sort and LOCALE-xx, offset and
 * limit, the resource's own args (times among them) and the SQL built
 * from them, against the real route tables of every program.
 *
 * Input: one byte choosing the program, then the URI after /RI/rmi/.
 */
#include <stdio.h>

#include "args.h"
#include "fuzz.h"
#include "listquery.h"
#include "sqlbuild.h"
#include "text.h"

#define PREFIX "/RI/rmi"

/* Everything the list and by-id handlers do with a parsed request. */
static void
serve_route(const struct rmi_route *rt, struct rmi_request *req)
{
	const struct rmi_resource	*res = rt->resource;
	struct rmi_listquery		 lq;
	struct rmi_query		 q;
	struct rmi_sqlctx		 sc;
	char				*args[RMI_MAX_ARGS] = { NULL };
	char				 lang[3];
	const char			*v;

	if ((v = rmi_request_param(req, "language")) != NULL)
		(void)rmi_parse_language(v, lang);
	if (res == NULL)
		return;
	sc.user_id = "F8C2697F37D044DB929B10F75381C624";
	sc.language = "EN";
	sc.args = args;
	if (rmi_listquery_parse(&lq, res, req) == RMI_OK &&
	    rmi_args_parse(res, req, args) == RMI_OK) {
		rmi_query_init(&q);
		(void)rmi_sql_list(&q, res, &lq, lq.locale[0] ? "und-x-icu" :
		    NULL, &sc);
		rmi_query_free(&q);
		if (req->ncapture > 0 && rmi_resource_id(res) != NULL) {
			rmi_query_init(&q);
			(void)rmi_sql_get(&q, res,
			    req->capture[req->ncapture - 1], &sc);
			rmi_query_free(&q);
		}
	}
	rmi_listquery_free(&lq);
	rmi_args_free(args);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct rmi_program *const	*progs[] = {
		&rmi_fuzz_prog_agents, &rmi_fuzz_prog_contactSummaries,
		&rmi_fuzz_prog_contacts, &rmi_fuzz_prog_queueGroups,
		&rmi_fuzz_prog_queueStatuses, &rmi_fuzz_prog_settings,
		&rmi_fuzz_prog_userStatuses,
	};
	const struct rmi_program	*prog;
	struct rmi_request		 req;
	char				*uri, *tail;
	char				*envp[] = { "REQUEST_METHOD=GET", NULL,
	    NULL };
	size_t				 i;

	if (size < 1)
		return 0;
	prog = *progs[data[0] % (sizeof(progs) / sizeof(progs[0]))];
	if ((tail = rmi_fuzz_str(data + 1, size - 1)) == NULL)
		return 0;
	if (asprintf(&uri, "REQUEST_URI=" PREFIX "/%s", tail) == -1) {
		free(tail);
		return 0;
	}
	envp[1] = uri;
	if (rmi_request_parse(&req, envp, PREFIX) == RMI_OK)
		for (i = 0; i < prog->nroutes; i++)
			if (rmi_route_match(prog->routes[i].pattern, &req)) {
				serve_route(&prog->routes[i], &req);
				break;
			}
	rmi_request_free(&req);
	free(uri);
	free(tail);
	return 0;
}
