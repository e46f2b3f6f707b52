/* health.c: GET <prefix>/health, for monitoring: is the database what this build expects? */
#include <stdio.h>
#include <string.h>

#include <libpq-fe.h>

#include "app.h"
#include "db.h"
#include "sqlbuild.h"
/*
 * rmi_manifest.h (generated at build time from db/, see Makefile.am): the
 * migration numbers and the function files with their sha256, as the
 * PostgreSQL array literals RMI_MANIFEST_MIGRATIONS, RMI_MANIFEST_FILES
 * and RMI_MANIFEST_SUMS, the way db/migrate records them.
 */
#include "rmi_manifest.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

/*
 * What db/migrate recorded against what this build knows: the migrations
 * missing, the function files missing or applied from another version
 * (checksum), each as a space-separated list or NULL. A database ahead of
 * the build (newer migrations) is healthy: the programs still work.
 */
static const char health_sql[] =
    "SELECT (SELECT string_agg(v, ' ' ORDER BY v) FROM unnest($1::text[]) v "
    "    WHERE NOT EXISTS (SELECT 1 FROM schema_migrations m "
    "        WHERE m.version = v)), "
    "  (SELECT string_agg(f, ' ' ORDER BY f) "
    "    FROM unnest($2::text[], $3::text[]) AS x(f, c) "
    "    WHERE NOT EXISTS (SELECT 1 FROM schema_functions s "
    "        WHERE s.file = x.f AND s.checksum = x.c))";

/* 503 with the reason (Retry-After comes with every 503). */
static enum rmi_err
unhealthy(struct rmi_ctx *ctx, const char *fmt, const char *what)
{
	return rmi_fail(&ctx->req, RMI_EUNAVAIL, fmt, what);
}

/* Runs health_sql: RMI_OK with the two lists copied, or why not. */
static enum rmi_err
check(struct rmi_ctx *ctx, char *mig, size_t migsz, char *fun, size_t funsz)
{
	struct rmi_query	 q;
	PGresult		*res = NULL;
	enum rmi_err		 err;

	rmi_query_init(&q);
	rmi_buf_puts(&q.sql, health_sql);
	q.prepare = 1;
	if (rmi_query_param(&q, RMI_MANIFEST_MIGRATIONS) == -1 ||
	    rmi_query_param(&q, RMI_MANIFEST_FILES) == -1 ||
	    rmi_query_param(&q, RMI_MANIFEST_SUMS) == -1) {
		rmi_query_free(&q);
		return RMI_EINTERNAL;
	}
	err = rmi_db_exec(&q, &res);
	rmi_query_free(&q);
	if (err == RMI_EINTERNAL) {
		/* No schema_migrations: never migrated, or another database. */
		PQclear(res);
		return unhealthy(ctx, "unhealthy: %s", "the database has no "
		    "rmi schema history (run db/migrate)");
	}
	if (err != RMI_OK) {
		PQclear(res);
		return unhealthy(ctx, "unhealthy: %s",
		    "the database cannot be reached");
	}
	snprintf(mig, migsz, "%s", PQgetvalue(res, 0, 0));
	snprintf(fun, funsz, "%s", PQgetvalue(res, 0, 1));
	PQclear(res);
	return RMI_OK;
}

enum rmi_err
rmi_handle_health(struct rmi_ctx *ctx)
{
	char		 mig[512], fun[512];
	enum rmi_err	 err;

	if ((err = check(ctx, mig, sizeof(mig), fun, sizeof(fun))) != RMI_OK)
		return err;
	if (mig[0] != '\0')
		return unhealthy(ctx, "unhealthy: migrations not applied: %s "
		    "(run db/migrate)", mig);
	if (fun[0] != '\0')
		return unhealthy(ctx, "unhealthy: function files missing or "
		    "of another version: %s (run db/migrate)", fun);
	rmi_response_start(&ctx->resp, 200, "text/plain; charset=UTF-8");
	rmi_buf_puts(&ctx->resp.body, "ok " PACKAGE_VERSION);
	return RMI_OK;
}
